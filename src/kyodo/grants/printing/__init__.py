"""The printable forms (様式) of an application as PDF: fpdf2 with the embedded IPAex Gothic font."""
