"""The printable forms: Japanese text that can be extracted, the embedded font, 和暦 dates, who gets them."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from kyodo.grants.models import ActualLine, ActualsReport, Payment
from kyodo.grants.printing import documents as printing
from tests.factories import OfficerFactory
from tests.grants.factories import application_in_state, city_user, ensure_category

PDFTOTEXT = shutil.which("pdftotext")


def _url(form: str, application) -> str:
    return reverse(f"grants_staff:application-print-{form}-pdf", args=[application.pk])


def _text(data: bytes) -> str:
    """The text pypdf extracts, checked against pdftotext's where that is installed."""
    assert data.startswith(b"%PDF-")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    if PDFTOTEXT:
        other = subprocess.run([PDFTOTEXT, "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
        for needle in ("地域協働体", "円", "令和"):
            assert (needle in text) == (needle in other), needle
    return text


def _compact(text: str) -> str:
    return "".join(text.split())


def _fonts(data: bytes) -> list[dict]:
    fonts = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            fonts.append({"name": str(font["/BaseFont"]),
                          "embedded": "/FontFile2" in descendant["/FontDescriptor"].get_object()})
    return fonts


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/pdf"
    return response


def _wareki(day) -> str:
    if isinstance(day, dt.datetime):
        day = timezone.localtime(day).date()
    era_year = day.year - 2018
    return f"令和{'元' if era_year == 1 else era_year}年{day.month}月{day.day}日"


def test_the_application_form_shows_the_application_in_japanese(world):
    application = application_in_state(world.community_a, "submitted", lines=2)
    OfficerFactory(community=world.community_a, name="青葉 一郎", term_start=dt.date(2000, 1, 1),
                   term_end=dt.date(2100, 3, 31))
    response = _get(world.client("community_secretariat"), _url("application", application))
    text = _compact(_text(response.content))
    assert "補助金交付申請書" in text and "下書き" not in text
    assert "あおば地域協働体" in text and "会長青葉一郎" in text
    assert application.title in text and application.program.name in text
    assert "会場費1" in text and "100,000円" in text and "200,000円" in text  # a line and the total
    assert _wareki(application.submitted_at) in text
    assert application.fiscal_year_obj.wareki in text


def test_a_draft_is_marked_as_such(world):
    application = application_in_state(world.community_a, "draft")
    text = _compact(_text(_get(world.client("community_secretariat"), _url("application", application)).content))
    assert "【下書き】" in text and "補助金交付申請書" in text


def test_the_font_is_embedded_as_a_subset(world):
    application = application_in_state(world.community_a, "submitted")
    data = _get(world.client("city_admin"), _url("application", application)).content
    fonts = _fonts(data)
    assert fonts and all(font["embedded"] and "IPAexGothic" in font["name"] for font in fonts)
    assert all("+" in font["name"] for font in fonts)  # ABCDEF+IPAexGothic: a subset
    assert len(data) < 500_000  # not the whole 6 MB font


def test_the_response_is_a_download_that_is_not_cached(world):
    application = application_in_state(world.community_a, "submitted")
    response = _get(world.client("branch_staff"), _url("application", application))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert f'filename="application-{application.pk}-application.pdf"' in disposition
    assert "filename*=UTF-8''%E3%81%82%E3%81%8A%E3%81%B0" in disposition  # あおば…
    assert "/" not in disposition
    assert response["Cache-Control"] == "no-store"


def test_the_award_notice_needs_an_award(world):
    client = world.client("city_admin")
    application = application_in_state(world.community_a, "recommended")
    assert client.get(_url("award", application)).status_code == 404
    application = application_in_state(world.community_a, "awarded")
    award = application.award
    text = _compact(_text(_get(client, _url("award", application)).content))
    assert "補助金交付決定通知書" in text and award.decision_number in text
    assert f"{award.amount_yen:,}円" in text and _wareki(award.decided_on) in text
    assert "あおば地域協働体" in text and "岩手県一関市" in text and "一関市長" in text


def test_the_actuals_report_needs_a_submitted_report(world):
    client = world.client("community_officer")
    application = application_in_state(world.community_a, "awarded")
    assert client.get(_url("actuals", application)).status_code == 404
    application = application_in_state(world.community_a, "reported")
    text = _compact(_text(_get(client, _url("actuals", application)).content))
    assert "補助事業実績報告書" in text and "見守り活動を毎月実施しました" in text and "延べ150人が参加しました" in text
    assert "計画額" in text and "実績額" in text and "100,000円" in text
    report = application.actuals_report
    assert _wareki(report.submitted_at) in text
    ActualsReport.objects.filter(pk=report.pk).update(submitted_at=None)
    assert client.get(_url("actuals", application)).status_code == 404


@pytest.mark.parametrize(("advance", "label", "balance"), [
    (None, "今後お支払いする額(精算払)", "100,000円"),
    (30_000, "今後お支払いする額(精算払)", "70,000円"),
    (150_000, "返還を要する額", "50,000円"),
])
def test_the_settlement_notice_says_what_remains(world, advance, label, balance):
    client = world.client("city_admin")
    application = application_in_state(world.community_a, "reported")
    assert client.get(_url("settlement", application)).status_code == 404
    application = application_in_state(world.community_a, "settled")
    if advance:
        Payment.objects.create(application=application, kind="advance", amount_yen=advance,
                               paid_on=dt.date.today(), recorded_by=city_user())
    settlement = application.settlement
    text = _compact(_text(_get(client, _url("settlement", application)).content))
    assert "補助金の額の確定通知書" in text and settlement.notice_number in text
    assert _wareki(settlement.settled_on) in text and "確定額100,000円" in text
    assert f"{label}{balance}" in text


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize(("form", "status"), [
    ("application", "submitted"), ("award", "awarded"), ("actuals", "reported"), ("settlement", "settled"),
])
def test_each_form_runs_a_constant_number_of_queries(world, form, status):
    client = world.client("branch_staff")
    few = _queries(client, _url(form, application_in_state(world.community_a, status, lines=1)))
    application = application_in_state(world.community_a, status, lines=25)
    report = ActualsReport.objects.filter(application=application).first()
    if report is not None:
        ActualLine.objects.bulk_create(
            ActualLine(report=report, category=ensure_category("meeting", "会議費"), description=f"資料{index}",
                       amount_yen=1_000)
            for index in range(25)
        )
    OfficerFactory(community=world.community_a, term_start=dt.date(2000, 1, 1), term_end=dt.date(2100, 3, 31))
    many = _queries(client, _url(form, application))
    assert many == few <= 15


@pytest.mark.parametrize("form", ["application", "award", "actuals", "settlement"])
def test_another_communitys_secretariat_gets_nothing(world, form):
    application = application_in_state(world.community_b, "settled")
    response = world.client("community_secretariat").get(_url(form, application))
    assert response.status_code in (403, 404) and not response.get("Content-Disposition")
    assert world.client("anonymous").get(_url(form, application)).status_code == 302


def test_wareki_and_yen_helpers():
    assert printing.wareki_date(dt.date(2025, 6, 1)) == "令和7年6月1日"
    assert printing.wareki_date(dt.date(2019, 5, 1)) == "令和元年5月1日"
    assert printing.wareki_date(None) == ""
    assert printing.yen(1234567) == "1,234,567円"


def test_the_forms_are_japanese_whatever_the_page_language(world):
    application = application_in_state(world.community_a, "awarded")
    client = world.client("city_admin")
    assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
    text = _compact(_text(_get(client, _url("award", application)).content))
    assert "補助金交付決定通知書" in text and "岩手県一関市" in text and "Ichinoseki" not in text
    assert "交付決定番号" in text and "事業名" in text and "Award number" not in text  # translated in the .po
