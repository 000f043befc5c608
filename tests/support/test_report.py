"""The centre's report: counts by topic and month, and by community, on the page, in the chart and in Excel."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kyodo.fiscal_years import FiscalYear
from kyodo.support.models import Consultation
from tests.support.consultation_factories import ensure_topic

pytestmark = pytest.mark.django_db
URL = "/staff/support/consultations/report/"


def _consult(world, which, topic, day):
    Consultation.objects.create(community=world.community(which), advisor=world.users["advisor"], consulted_on=day,
                                way="visit", topic=ensure_topic(topic), summary="s", advice="a")


def _year_start():
    return FiscalYear.of(timezone.localdate()).starts_on


def test_the_report_counts_by_topic_month_and_community(world):
    start = _year_start()
    _consult(world, "own", "会計", start)
    _consult(world, "own", "会計", start + dt.timedelta(days=1))
    _consult(world, "other", "イベント", start + dt.timedelta(days=31))
    _consult(world, "other", "イベント", start - dt.timedelta(days=1))  # the previous fiscal year
    html = world.client("advisor").get(URL).content.decode()
    assert "<svg" in html
    from kyodo.support.report import build_report

    report = build_report(FiscalYear.of(timezone.localdate()))
    assert ("会計", [2] + [0] * 11, 2) in report.topics
    assert ("イベント", [0, 1] + [0] * 10, 1) in report.topics
    assert report.total == 3 and dict(report.communities) == {"あおば地域協働体": 2, "みどり地域協働体": 1}


def test_the_excel_file_holds_the_same_counts(world):
    from openpyxl import load_workbook

    _consult(world, "own", "会計", _year_start())
    response = world.client("city_admin").get(URL + "export/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming
                                     else response.content)).active
    values = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert ["会計", 1, *[0] * 11, 1] in [list(row) for row in values]


def test_the_report_takes_the_same_queries_whatever_the_data(world):
    client = world.client("advisor")
    _consult(world, "own", "会計", _year_start())
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    for index in range(30):
        _consult(world, ("own", "other")[index % 2], f"分類{index % 6}", _year_start() + dt.timedelta(days=index * 9))
    with CaptureQueriesContext(connection) as large:
        client.get(URL)
    assert len(large.captured_queries) == len(small.captured_queries)
