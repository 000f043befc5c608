"""Printable forms (様式) of an application as PDF: pure functions from loaded objects to bytes.

The forms are the 要綱's 様式 and are always printed in Japanese (the views activate "ja").
The Japanese font (IPAexGothic, fonts/) is embedded as a subset so the PDF prints the same
everywhere and its text can be extracted. Dates are 和暦 without the Western year, as on paper forms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import Align, WrapMode, XPos, YPos

from kyodo.fiscal_years import FiscalYear
from kyodo.grants.models import ActualLine, ActualsReport, Application, Award, ExpenseLine, Settlement
from kyodo.japanese_era import OutOfEraRange, format_wareki

FONT_PATH = Path(__file__).resolve().parent / "fonts" / "ipaexg.ttf"
FONT = "IPAexGothic"

# A4 portrait, millimetres.
MARGIN = 20.0
LINE = 7.0
BODY_SIZE = 10.5
TITLE_SIZE = 16.0


@dataclass(frozen=True)
class Parties:
    """Who the form is from and to: the city and the community (with its representative if known)."""

    city_name: str  # 岩手県一関市
    mayor_title: str  # 一関市長
    community_name: str
    representative: str | None = None  # 会長 山田太郎
    mayor_name: str = ""  # who signs the notices, followed by the seal placeholder 印


@dataclass(frozen=True)
class FormLabel:
    """Which 様式 a form is and the rule (要綱) it is under, printed at the top left as on paper."""

    number: str = ""  # 様式第1号(第5条関係)
    rule: str = ""  # 一関市地域協働体活動費補助金交付要綱

    def __str__(self) -> str:
        return "　".join(part for part in (self.rule, self.number) if part)


SEAL = "印"


def wareki_date(value: dt.date | dt.datetime | None) -> str:
    """令和7年6月1日 (a datetime in local time); blank for no date."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    try:
        return format_wareki(value, with_western_year=False)
    except OutOfEraRange:
        return value.isoformat()


def yen(amount: int) -> str:
    """1,234,567円 (negative amounts with a minus sign)."""
    return f"{amount:,}円"


class PrintedForm(FPDF):
    """An A4 form with the embedded font, a page-number footer and, for drafts, a 下書き watermark."""

    def __init__(self, *, title: str, label: FormLabel | None = None, draft: bool = False) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.form_title = title
        self.form_label = label
        self.draft = draft
        self.add_font(FONT, "", str(FONT_PATH))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN)
        self.set_title(title)
        self.set_lang("ja")
        self.set_creator("kyodo")
        self.set_font(FONT, size=BODY_SIZE)
        self.add_page()

    def header(self) -> None:
        if not self.draft:
            return
        self.set_font(FONT, size=96)
        self.set_text_color(225, 225, 225)
        mark = _("下書き")
        with self.rotation(45, x=self.w / 2, y=self.h / 2):
            # Centred on the page: half the width left, a third of the height (in mm) down.
            self.text(self.w / 2 - self.get_string_width(mark) / 2, self.h / 2 + self.font_size / 3, mark)
        self.set_text_color(0, 0, 0)
        self.set_font(FONT, size=BODY_SIZE)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(FONT, size=8)
        self.cell(0, 5, f"{self.page_no()} / {{nb}}", align=Align.C)
        self.set_font(FONT, size=BODY_SIZE)

    # Building blocks -------------------------------------------------------------------------

    def line_text(self, text: str, *, align: Align = Align.L, size: float = BODY_SIZE) -> None:
        self.set_font(FONT, size=size)
        # Japanese has no spaces between words: break anywhere, not only at the (rare) spaces.
        self.multi_cell(0, LINE, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT, wrapmode=WrapMode.CHAR)
        self.set_font(FONT, size=BODY_SIZE)

    def title_block(self, note: str | None = None) -> None:
        if self.form_label is not None and str(self.form_label):
            self.line_text(str(self.form_label), size=9)
        if note:
            self.line_text(note, align=Align.C, size=12)
        self.ln(2)
        self.line_text(self.form_title, align=Align.C, size=TITLE_SIZE)
        self.ln(4)

    def seal_mark(self) -> None:
        """A circle around the 印 that ends the line just written (right-aligned): where the seal goes."""
        radius = self.get_string_width(SEAL) * 0.75
        self.circle(x=self.w - self.r_margin - self.c_margin - self.get_string_width(SEAL) / 2,
                    y=self.get_y() - LINE / 2,
                    radius=radius)

    def gap(self, height: float = 4.0) -> None:
        self.ln(height)

    def heading(self, text: str) -> None:
        self.gap(2)
        self.line_text(f"■ {text}", size=11.5)

    def paragraph(self, text: str) -> None:
        self.line_text(text.strip() or _("(記載なし)"))

    def fields(self, rows: Iterable[tuple[str, str]]) -> None:
        """Label | value rows in a bordered table."""
        with self.table(col_widths=(45, 125), text_align=("LEFT", "LEFT"), first_row_as_headings=False,
                        line_height=LINE, wrapmode=WrapMode.CHAR) as table:
            for label, value in rows:
                table.row((label, value))

    def money_table(self, headings: Sequence[str], rows: Iterable[Sequence[str]], *, widths: Sequence[int],
                    money_columns: int, total: Sequence[str] | None = None) -> None:
        """A bordered table whose last ``money_columns`` columns are right-aligned amounts."""
        align = tuple(["LEFT"] * (len(headings) - money_columns) + ["RIGHT"] * money_columns)
        with self.table(col_widths=tuple(widths), text_align=align, line_height=LINE,
                        headings_style=_HEADINGS, wrapmode=WrapMode.CHAR) as table:
            table.row(headings)
            for row in rows:
                table.row(row)
            if total is not None:
                table.row(total)

    def output_bytes(self) -> bytes:
        return bytes(self.output())


def _headings_style() -> object:
    from fpdf.fonts import FontFace

    return FontFace(family=FONT, emphasis=None, fill_color=(235, 235, 235))


_HEADINGS = _headings_style()


def _addressee_sender(pdf: PrintedForm, *, date: str, to: str, sender: str, reference: str | None = None,
                      seal: bool = False) -> None:
    """The date (and document number) on the right, the addressee on the left, the sender on the right
    (with ``seal``, the sender's last line ends in the seal placeholder 印)."""
    if reference:
        pdf.line_text(reference, align=Align.R)
    pdf.line_text(date or _("年　月　日"), align=Align.R)
    pdf.gap(2)
    pdf.line_text(to)
    pdf.gap(2)
    if seal:
        sender = f"{sender}　{SEAL}"
    pdf.line_text(sender, align=Align.R)
    if seal:
        pdf.seal_mark()
    pdf.gap(4)


def _community_sender(parties: Parties) -> str:
    lines = [parties.community_name]
    if parties.representative:
        lines.append(parties.representative)
    return "\n".join(lines)


def _mayor_sender(parties: Parties) -> str:
    """岩手県一関市 / 一関市長　氏名 (the name only when the city has set it)."""
    signer = f"{parties.mayor_title}　{parties.mayor_name}" if parties.mayor_name else parties.mayor_title
    return f"{parties.city_name}\n{signer}"


def _community_addressee(parties: Parties) -> str:
    if parties.representative:
        return f"{parties.community_name}\n{parties.representative}　様"
    return f"{parties.community_name}　様"


def _basics(application: Application) -> list[tuple[str, str]]:
    return [
        (_("補助金制度"), application.program.name),
        (_("年度"), FiscalYear(application.fiscal_year).wareki),
        (_("事業名"), application.title),
    ]


def _category_totals(lines: Iterable[ExpenseLine | ActualLine]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for line in lines:
        totals[line.category.name] = totals.get(line.category.name, 0) + line.amount_yen
    return totals


# The four forms -------------------------------------------------------------------------------


def application_form(application: Application, parties: Parties, *, lines: Sequence[ExpenseLine],
                     initiatives: Sequence[str], label: FormLabel | None = None) -> bytes:
    """交付申請書: the application with its expense plan; a draft is marked 下書き."""
    draft = application.status == "draft"
    pdf = PrintedForm(title=_("補助金交付申請書"), label=label, draft=draft)
    pdf.title_block(_("【下書き】提出前の控えです") if draft else None)
    _addressee_sender(pdf, date=wareki_date(application.submitted_at), to=f"{parties.mayor_title}　様",
                      sender=_community_sender(parties))
    pdf.paragraph(_("下記のとおり補助金の交付を受けたいので、関係書類を添えて申請します。"))
    pdf.line_text(_("記"), align=Align.C)
    pdf.fields([
        *_basics(application),
        (_("申請額"), yen(application.requested_yen)),
    ])
    pdf.heading(_("事業の目的・内容"))
    pdf.paragraph(application.purpose)
    pdf.heading(_("地域づくり計画の取組"))
    pdf.paragraph("\n".join(f"・{name}" for name in initiatives))
    pdf.heading(_("経費の明細"))
    total = sum(line.amount_yen for line in lines)
    pdf.money_table(
        (_("経費区分"), _("内容"), _("金額")),
        ((line.category.name, line.description, yen(line.amount_yen)) for line in lines),
        widths=(40, 90, 40), money_columns=1,
        total=(_("合計"), "", yen(total)),
    )
    return pdf.output_bytes()


def award_notice(application: Application, award: Award, parties: Parties, *,
                 label: FormLabel | None = None) -> bytes:
    """交付決定通知書: the city tells the community the amount it will grant and on what conditions."""
    pdf = PrintedForm(title=_("補助金交付決定通知書"), label=label)
    pdf.title_block()
    _addressee_sender(pdf, reference=award.decision_number, date=wareki_date(award.decided_on),
                      to=_community_addressee(parties), sender=_mayor_sender(parties), seal=True)
    submitted = wareki_date(application.submitted_at)
    pdf.paragraph(
        _("{date}付けで申請のあった補助金について、下記のとおり交付することに決定したので通知します。").format(date=submitted)
        if submitted else _("申請のあった補助金について、下記のとおり交付することに決定したので通知します。")
    )
    pdf.line_text(_("記"), align=Align.C)
    pdf.fields([
        *_basics(application),
        (_("交付決定番号"), award.decision_number),
        (_("交付決定日"), wareki_date(award.decided_on)),
        (_("交付決定額"), yen(award.amount_yen)),
    ])
    pdf.heading(_("交付の条件"))
    pdf.paragraph(award.conditions or _("補助金の交付要綱に定めるとおり。"))
    return pdf.output_bytes()


def actuals_report_form(application: Application, report: ActualsReport, parties: Parties, *,
                        planned_lines: Sequence[ExpenseLine], actual_lines: Sequence[ActualLine],
                        award: Award | None, label: FormLabel | None = None) -> bytes:
    """実績報告書: what was done, what came of it, and the actual spending against the plan."""
    pdf = PrintedForm(title=_("補助事業実績報告書"), label=label)
    pdf.title_block()
    _addressee_sender(pdf, date=wareki_date(report.submitted_at), to=f"{parties.mayor_title}　様",
                      sender=_community_sender(parties))
    pdf.paragraph(_("補助事業が完了したので、下記のとおり報告します。"))
    pdf.line_text(_("記"), align=Align.C)
    rows = _basics(application)
    if award is not None:
        rows += [(_("交付決定番号"), award.decision_number), (_("交付決定額"), yen(award.amount_yen))]
    pdf.fields(rows)
    pdf.heading(_("実施した事業の内容"))
    pdf.paragraph(report.summary)
    pdf.heading(_("事業の成果"))
    pdf.paragraph(report.outcomes)

    pdf.heading(_("経費区分ごとの計画と実績"))
    planned = _category_totals(planned_lines)
    actual = _category_totals(actual_lines)
    categories = list(dict.fromkeys([*planned, *actual]))
    planned_total = sum(planned.values())
    actual_total = sum(actual.values())
    pdf.money_table(
        (_("経費区分"), _("計画額"), _("実績額"), _("差額")),
        ((name, yen(planned.get(name, 0)), yen(actual.get(name, 0)), yen(actual.get(name, 0) - planned.get(name, 0)))
         for name in categories),
        widths=(50, 40, 40, 40), money_columns=3,
        total=(_("合計"), yen(planned_total), yen(actual_total), yen(actual_total - planned_total)),
    )
    pdf.heading(_("支出の明細"))
    pdf.money_table(
        (_("経費区分"), _("内容"), _("支出額")),
        ((line.category.name, line.description, yen(line.amount_yen)) for line in actual_lines),
        widths=(40, 90, 40), money_columns=1,
        total=(_("合計"), "", yen(actual_total)),
    )
    return pdf.output_bytes()


def settlement_notice(application: Application, settlement: Settlement, parties: Parties, *,
                      advance_paid_yen: int, label: FormLabel | None = None) -> bytes:
    """額の確定通知書: the settled amount and what is still to be paid (or refunded) after the advance."""
    pdf = PrintedForm(title=_("補助金の額の確定通知書"), label=label)
    pdf.title_block()
    _addressee_sender(pdf, reference=settlement.notice_number, date=wareki_date(settlement.settled_on),
                      to=_community_addressee(parties), sender=_mayor_sender(parties), seal=True)
    pdf.paragraph(_("実績報告のあった補助事業について、補助金の額を下記のとおり確定したので通知します。"))
    pdf.line_text(_("記"), align=Align.C)
    balance = settlement.settled_yen - advance_paid_yen
    if balance > 0:
        balance_row = (_("今後お支払いする額(精算払)"), yen(balance))
    elif balance < 0:
        balance_row = (_("返還を要する額"), yen(-balance))
    else:
        balance_row = (_("精算額"), _("{amount}(精算による支払・返還はありません)").format(amount=yen(0)))
    pdf.fields([
        *_basics(application),
        (_("確定通知番号"), settlement.notice_number),
        (_("確定日"), wareki_date(settlement.settled_on)),
    ])
    pdf.heading(_("確定額の内訳"))
    pdf.money_table(
        (_("項目"), _("金額")),
        [
            (_("交付決定額"), yen(settlement.award_yen)),
            (_("支出額の合計"), yen(settlement.actual_total_yen)),
            (_("補助対象の支出額"), yen(settlement.eligible_actuals_yen)),
            (_("確定額"), yen(settlement.settled_yen)),
            (_("既に支払った額(概算払)"), yen(advance_paid_yen)),
            balance_row,
        ],
        widths=(100, 70), money_columns=1,
    )
    if balance < 0:
        pdf.gap()
        pdf.paragraph(_("返還を要する額は、別途送付する納入通知書により納付してください。"))
    return pdf.output_bytes()
