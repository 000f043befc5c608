"""Files for download: one Content-Disposition, and responses for bytes, files, Excel and CSV.

Every view that answers with a file is marked with :func:`download`, so
``tests/quality/test_downloads.py`` can find them all and check who may have each one.
Spreadsheet cells go through :func:`kyodo.spreadsheets.safe_cell` (no formulas, no
characters that break the file); Excel is written row by row to a temporary file
(openpyxl's write-only mode) and CSV is produced while it is sent, so a long export never
sits in memory.
"""

from __future__ import annotations

import csv
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any, TypeVar, overload
from urllib.parse import quote

from django.http import FileResponse, HttpResponse, HttpResponseBase, StreamingHttpResponse

from kyodo.spreadsheets import safe_cell, safe_row

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
PDF = "application/pdf"
YEN_FORMAT = "#,##0"
FALLBACK_STEM = "attachment"
_ASCII_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,10}$")

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., Any])


@overload
def download(view: ViewFunc, *, public: bool = False) -> ViewFunc: ...


@overload
def download(view: None = None, *, public: bool = False) -> Callable[[ViewFunc], ViewFunc]: ...


def download(view: ViewFunc | None = None, *, public: bool = False) -> Any:
    """Mark ``view`` as answering with a file (``view.is_download``), for the download tests.

    Put it above or below ``kyodo.access`` decorators: they copy the attribute (functools.wraps).
    ``@download(public=True)`` marks a file anyone may have (an iCal feed, an open-data CSV): the view
    must also be ``@public``, and the tests then expect it served to everyone, signed in or not.
    """

    def mark(func: ViewFunc) -> ViewFunc:
        func.is_download = True  # type: ignore[attr-defined]
        func.is_public_download = public  # type: ignore[attr-defined]
        return func

    return mark(view) if view is not None else mark


def clean_filename(name: str) -> str:
    """``name`` as a file name: no control or invisible characters, ``_`` for a path separator."""
    text = "".join(char for char in unicodedata.normalize("NFC", name) if unicodedata.category(char)[0] != "C")
    return re.sub(r"[/\\]", "_", text).strip().lstrip(".").strip()


def _ascii_fallback(name: str, suffix: str) -> str:
    """Letters, digits and ``._-`` of ``name`` for clients that ignore ``filename*``."""
    text = "".join(char for char in name if char.isascii() and (char.isalnum() or char in "._- "))
    text = text.lstrip("._- ").rstrip()
    if not text or not text.lower().endswith(suffix.lower()):
        return FALLBACK_STEM + suffix
    return text


def content_disposition(filename: str, *, inline: bool = False, fallback: str | None = None) -> str:
    """The Content-Disposition value: an ASCII ``filename`` and the real name RFC 5987-encoded.

    ``fallback`` is the ASCII name for old clients (made from ``filename`` when not given).
    Neither name ever holds a path separator, a quote or a control character.
    """
    name = clean_filename(filename) or FALLBACK_STEM
    match = _ASCII_SUFFIX.search(name)
    ascii_name = _ascii_fallback(fallback if fallback is not None else name, match.group(0) if match else "")
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def _as_download(response: HttpResponseBase, filename: str, *, inline: bool, fallback: str | None) -> None:
    response["Content-Disposition"] = content_disposition(filename, inline=inline, fallback=fallback)
    response["X-Content-Type-Options"] = "nosniff"
    # Downloads carry personal data or decisions: never kept by a browser or a proxy.
    response["Cache-Control"] = "no-store"


def file_response(
    content: bytes | IO[bytes], *, filename: str, content_type: str, inline: bool = False,
    fallback: str | None = None,
) -> HttpResponseBase:
    """``content`` (bytes, or an open binary file that is streamed and closed) as the file ``filename``."""
    response: HttpResponseBase
    if isinstance(content, bytes | bytearray):
        response = HttpResponse(content, content_type=content_type)
    else:
        response = FileResponse(content, content_type=content_type)
    _as_download(response, filename, inline=inline, fallback=fallback)
    return response


@dataclass(frozen=True)
class Column:
    """A spreadsheet column: its heading, and whether its numbers are yen (shown as 1,234 in Excel)."""

    heading: str
    is_yen: bool = False
    width: float | None = None  # in Excel's character units; None: fitted to the heading (and yen amounts)


def column_width(column: Column) -> float:
    """The column's width: given, or the heading's (a full-width character counts two), at least an amount's."""
    if column.width is not None:
        return column.width
    shown = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in column.heading)
    return float(min(max(shown + 2, 14 if column.is_yen else 10), 50))


def _print_setup(sheet: Any, columns: list[Column], header_row: int) -> None:
    """A4 landscape, one page wide, the header row repeated on every page, page numbers in the footer,
    and each column as wide as its content needs."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.oddFooter.center.text = "&P / &N"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column_width(column)


def _columns(header: Sequence[str | Column]) -> list[Column]:
    return [column if isinstance(column, Column) else Column(str(column)) for column in header]


def xlsx_response(
    rows: Iterable[Sequence[object]], *, filename: str, header: Sequence[str | Column], sheet_title: str = "Sheet1",
    above: Iterable[Sequence[object]] = (), below: Iterable[Sequence[object]] = (), fallback: str | None = None,
) -> HttpResponseBase:
    """An Excel download: the rows ``above`` (a title), the header (bold, frozen, filtered, repeated on each
    printed page), ``rows``, ``below``; A4 landscape, one page wide, page numbers, fitted column widths.

    Every cell goes through ``safe_cell``; numbers in yen columns are formatted ``#,##0``, in
    ``rows`` and ``below`` alike (totals line up with the amounts).
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    columns = _columns(header)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title)
    leading = [safe_row(row) for row in above]
    header_row = len(leading) + 1
    sheet.freeze_panes = f"A{header_row + 1}"  # write-only: views are written before the first row
    _print_setup(sheet, columns, header_row)
    for title_row in leading:
        sheet.append(title_row)
    bold = Font(bold=True)
    headings = []
    for column in columns:
        heading = WriteOnlyCell(sheet, value=safe_cell(column.heading))
        heading.font = bold
        headings.append(heading)
    sheet.append(headings)

    def cells(row: Sequence[object]) -> list[object]:
        out: list[object] = []
        for index, value in enumerate(safe_row(row)):
            if (index < len(columns) and columns[index].is_yen and isinstance(value, int | float | Decimal)
                    and not isinstance(value, bool)):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = YEN_FORMAT
                value = cell
            out.append(value)
        return out

    last_row = header_row
    for row in rows:
        sheet.append(cells(row))
        last_row += 1
    if columns:
        sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{last_row}"
    for row in below:
        sheet.append(cells(row))
    stream = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes (and so deletes) it
    workbook.save(stream)
    stream.seek(0)
    return file_response(stream, filename=filename, content_type=XLSX, fallback=fallback)


class _Echo:
    """A file-like object whose ``write`` hands the text back, so csv.writer yields lines."""

    def write(self, text: str) -> str:
        return text


def csv_response(
    rows: Iterable[Sequence[object]], *, filename: str, header: Sequence[str | Column], fallback: str | None = None,
) -> StreamingHttpResponse:
    """A CSV download as Excel in Japan opens it: UTF-8 with a BOM, CRLF line ends, every cell made safe.

    ``rows`` is read while the response is sent: pass an iterator (``.iterator()``) for long exports.
    """
    writer = csv.writer(_Echo(), lineterminator="\r\n")

    def lines() -> Iterator[bytes]:
        yield ("\ufeff" + writer.writerow(safe_row(column.heading for column in _columns(header)))).encode()
        for row in rows:
            yield writer.writerow(safe_row(row)).encode()

    response = StreamingHttpResponse(lines(), content_type=CSV)
    _as_download(response, filename, inline=False, fallback=fallback)
    return response
