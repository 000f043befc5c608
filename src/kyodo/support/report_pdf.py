"""The centre's report as a PDF (monthly or yearly), on the project's A4 form (kyodo.grants.printing): the
counts by topic and month with their bar chart, and the counts by community. Always printed in Japanese."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from fpdf.enums import XPos, YPos

from kyodo.access import require_perm
from kyodo.downloads import PDF, download, file_response
from kyodo.grants.printing.documents import FONT, LINE, PrintedForm, wareki_date
from kyodo.support.report import REPORT, Report, build_report, report_title, requested_period, table_rows, topic_chart

TABLE_SIZE = 8.0
CHART_SCALE = 0.24  # millimetres per chart unit (the chart's geometry is drawn 690 units wide on screen)
CHART_BLUE = (21, 101, 192)


def _chart(pdf: PrintedForm, report: Report) -> None:
    """The topics' totals as horizontal bars (the same geometry as the page's SVG chart)."""
    chart = topic_chart(report)
    label_width = chart["label_width"] * CHART_SCALE
    pdf.set_font(FONT, size=TABLE_SIZE)
    for group in chart["groups"]:
        if pdf.will_page_break(LINE):
            pdf.add_page()
        top = pdf.get_y()
        pdf.set_x(pdf.l_margin)
        pdf.cell(label_width - 2, LINE - 2, group["label"], new_x=XPos.RIGHT, new_y=YPos.TOP)
        for bar in group["bars"]:
            width = bar["width"] * CHART_SCALE
            if width > 0:
                pdf.set_fill_color(*CHART_BLUE)
                pdf.rect(pdf.l_margin + label_width, top + 1, width, LINE - 4, style="F")
            pdf.set_xy(pdf.l_margin + label_width + width + 1.5, top)
            pdf.cell(20, LINE - 2, f"{bar['value']:,}")
        pdf.set_xy(pdf.l_margin, top + LINE - 1)
    pdf.set_fill_color(255, 255, 255)


def render_report(report: Report) -> bytes:
    """The report as PDF bytes: pure, from the built report."""
    pdf = PrintedForm(title=report_title(report))
    pdf.title_block()
    pdf.line_text(_("作成日 %(date)s") % {"date": wareki_date(timezone.localdate())}, size=9)
    pdf.line_text(_("期間 %(start)s〜%(end)s 相談件数 %(total)s件") % {
        "start": wareki_date(report.period.starts_on), "end": wareki_date(report.period.ends_on),
        "total": f"{report.total:,}"})
    pdf.heading(_("分類別の件数"))
    _chart(pdf, report)
    pdf.heading(_("分類別・月別の件数"))
    header, rows, totals = table_rows(report)
    months = len(report.period.months)
    month_width = min(10, 108 // months)
    widths = [170 - month_width * months - 16, *([month_width] * months), 16]
    pdf.set_font(FONT, size=TABLE_SIZE)
    pdf.money_table(header, ([str(cell) for cell in row] for row in rows), widths=widths,
                    money_columns=months + 1, total=[str(cell) for cell in totals])
    pdf.heading(_("地域協働体別の件数"))
    if report.communities:
        pdf.set_font(FONT, size=TABLE_SIZE)
        pdf.money_table([_("地域協働体"), _("件数")], ([name, f"{n:,}"] for name, n in report.communities),
                        widths=[140, 30], money_columns=1)
    else:
        pdf.paragraph(_("相談の記録はありません。"))
    return pdf.output_bytes()


@download
@require_perm(REPORT)
def report_pdf(request: HttpRequest) -> HttpResponseBase:
    period = requested_period(request)
    with translation.override("ja"):
        data = render_report(build_report(period))
    return file_response(data, filename=f"相談実績_{period.slug}.pdf", content_type=PDF,
                         fallback=f"consultations_{period.slug}.pdf")
