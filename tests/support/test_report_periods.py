"""The centre's monthly report (a month of a fiscal year, chosen with ?month=) and the report as a PDF, monthly
and yearly, with the right title and counts; bad query parameters are a 400, never a 500."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from kyodo.fiscal_years import FiscalYear
from kyodo.support.models import Consultation
from kyodo.support.report import Period, build_report
from tests.support.consultation_factories import ensure_topic

pytestmark = pytest.mark.django_db
URL = "/staff/support/consultations/report/"


def _consult(world, which, topic, day):
    Consultation.objects.create(community=world.community(which), advisor=world.users["advisor"], consulted_on=day,
                                way="visit", topic=ensure_topic(topic), summary="s", advice="a")


def _seed(world):
    year = FiscalYear.of(timezone.localdate())
    may = dt.date(year.year, 5, 10)
    _consult(world, "own", "会計", may)
    _consult(world, "own", "会計", may + dt.timedelta(days=5))
    _consult(world, "other", "イベント", may)
    _consult(world, "other", "イベント", dt.date(year.year, 6, 1))
    _consult(world, "own", "人材", dt.date(year.year + 1, 1, 31))  # January belongs to the same fiscal year
    return year


def test_a_month_counts_only_its_consultations(world):
    year = _seed(world)
    report = build_report(Period(year, 5))
    assert ("会計", [2], 2) in report.topics and ("イベント", [1], 1) in report.topics
    assert report.total == 3 and dict(report.communities) == {"あおば地域協働体": 2, "みどり地域協働体": 1}
    january = build_report(Period(year, 1))
    assert january.total == 1 and january.period.starts_on == dt.date(year.year + 1, 1, 1)
    assert Period(year, 2).ends_on.month == 2 and Period(year, 2).ends_on.day in (28, 29)
    page = world.client("advisor").get(URL, {"year": year.year, "month": 5})
    assert page.status_code == 200
    html = page.content.decode()
    assert "5月" in html and Period(year, 5).label in html and "令和" in Period(year, 5).label
    assert "month=5" in html  # the Excel and PDF links keep the month


@pytest.mark.parametrize("query", [{"month": "13"}, {"month": "0"}, {"month": "５"}, {"month": "x"},
                                   {"year": "1800"}, {"year": "2026.5"}, {"year": "9" * 30}, {"month": "-1"}])
def test_bad_report_parameters_are_a_400(world, query):
    client = world.client("city_admin")
    for suffix in ("", "export/", "pdf/"):
        assert client.get(URL + suffix, query).status_code == 400, (suffix, query)


def _pdf_text(response) -> tuple[str, PdfReader]:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def test_the_yearly_pdf_has_the_title_and_the_counts(world):
    year = _seed(world)
    response = world.client("city_admin").get(URL + "pdf/", {"year": year.year})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text, reader = _pdf_text(response)
    assert reader.metadata.title == f"いちのせき市民活動センター 相談実績 {year.label}"
    squeezed = text.replace(" ", "")
    assert "相談実績" in squeezed and "相談件数5件" in squeezed
    assert "あおば地域協働体" in squeezed and "みどり地域協働体" in squeezed
    assert "会計" in squeezed and "イベント" in squeezed and "人材" in squeezed
    # The chart: one filled bar per topic with consultations (fpdf draws rectangles with the "re" operator).
    content = reader.pages[0].get_contents().get_data()
    assert content.count(b" re f") == 3, content.count(b" re f")


def test_the_monthly_pdf_counts_only_the_month(world):
    year = _seed(world)
    response = world.client("advisor").get(URL + "pdf/", {"year": year.year, "month": 5})
    assert response.status_code == 200
    text, reader = _pdf_text(response)
    assert reader.metadata.title.endswith(Period(year, 5).label)
    assert "相談件数3件" in text.replace(" ", "")


def test_an_empty_pdf_says_so(world):
    response = world.client("advisor").get(URL + "pdf/", {"year": 2019})
    text, _reader = _pdf_text(response)
    assert "相談の記録はありません" in text.replace(" ", "")
