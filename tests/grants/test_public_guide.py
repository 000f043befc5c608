"""The public finds the subsidy pages from the main menu: this fiscal year's programs with their
application windows in 和暦, how to apply, and whom to contact in each area."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from kyodo.fiscal_years import FiscalYear
from kyodo.templatetags.kyodo_tags import wareki
from tests.grants.factories import ensure_rule, open_rule


def _page(world) -> str:
    response = world.client("anonymous").get(reverse("grants:index"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_main_menu_leads_to_the_subsidy_pages(world):
    home = world.client("anonymous").get(reverse("portal:home")).content.decode()
    assert f'<a href="{reverse("grants:index")}">補助金</a>' in home
    page = world.client("anonymous").get(reverse("grants:totals")).content.decode()
    assert f'<a href="{reverse("grants:index")}" aria-current="page">補助金</a>' in page


def test_this_years_programs_show_their_windows_in_wareki_and_state(world):
    year = FiscalYear.current()
    today = timezone.localdate()
    open_now = open_rule("activity")
    later = ensure_rule("startup", year.year, application_opens_on=today + dt.timedelta(days=1),
                        application_closes_on=today + dt.timedelta(days=30), actuals_due_on=year.ends_on)
    ensure_rule("founding", year.year - 1)  # last year's only: not in this year's table
    page = _page(world)
    this_year = page.split('id="this-year-heading"')[1].split('id="how-heading"')[0]
    assert f"{year.wareki}の申請受付" in page
    assert f"{wareki(open_now.application_opens_on)}〜{wareki(open_now.application_closes_on)}" in this_year
    assert f"{wareki(later.application_opens_on)}〜{wareki(later.application_closes_on)}" in this_year
    assert "令和" in wareki(open_now.application_opens_on)
    assert this_year.count("受付中") == 1 and this_year.count("受付前") == 1
    assert "地域協働体活動費補助金" in this_year and "設立準備の会議費用" not in this_year


def test_no_rule_this_year_says_so(world):
    ensure_rule("activity", FiscalYear.current().year - 1)
    assert "今年度の申請受付はまだ公表されていません。" in _page(world)


def test_how_to_apply_and_whom_to_contact_per_area(world, settings):
    settings.SITE_CONTACT = {"department": "まちづくり推進課", "phone": "0191-21-2111", "email": "kyodo@example.jp"}
    world.branch_b.is_head_office = True
    world.branch_b.area_name = "中央地域"
    world.branch_b.save()
    page = _page(world)
    assert "申請の方法" in page and reverse("accounts:login") in page
    contact = page.split('id="contact-heading"')[1]
    assert f"{world.branch_a.area_name}</th>\n      <td>A支所" in contact
    assert "中央地域</th>\n      <td>まちづくり推進課" in contact  # the head office's area: the department
    assert 'href="tel:0191-21-2111"' in contact and 'href="mailto:kyodo@example.jp"' in contact


def test_the_page_runs_a_constant_number_of_queries(world, django_assert_num_queries):
    open_rule("activity")
    client = world.client("anonymous")
    with django_assert_num_queries(3) as few:
        client.get(reverse("grants:index"))
    for code in ("startup", "founding", "secretariat"):
        open_rule(code)
        ensure_rule(code, FiscalYear.current().year - 1)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("grants:index"))
