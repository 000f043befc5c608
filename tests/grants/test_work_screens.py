"""Work screens: each role's /staff/ opens with what waits on it (counts, due dates, links), and the
application list filters by fiscal year, program, branch office and state and searches by community."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kyodo.grants.applications.todo import to_do
from kyodo.grants.models import Application
from tests.factories import CommunityFactory, DistrictFactory
from tests.grants.factories import ensure_program, make_application


def _todo_list(html: str) -> str:
    found = re.search(r'<section aria-labelledby="grants-heading".*?</section>', html, re.S)
    assert found, "no subsidy section on /staff/"
    return found.group(0)


def test_the_community_sees_its_draft_and_its_report_due_with_dates(world):
    draft = make_application(world.community_a, status="draft")
    make_application(world.community_a, status="awarded", code="secretariat")
    items = {item.label: item for item in to_do(world.users["community_secretariat"])}
    assert set(items) == {"「下書き」の申請", "「交付決定」の申請"}
    assert items["「下書き」の申請"].count == 1 and items["「下書き」の申請"].due_on == draft.rule.application_closes_on
    assert items["「下書き」の申請"].detail == "申請する"
    assert "実績を報告する" in items["「交付決定」の申請"].detail

    html = _todo_list(world.client("community_secretariat").get(reverse("staff:home")).content.decode())
    assert f'{reverse("grants_staff:application-list")}?status=draft' in html and "期限" in html


def test_reviewers_and_deciders_see_what_waits_on_them(world):
    make_application(world.community_a, status="submitted")
    other = CommunityFactory(district=DistrictFactory(branch_office=world.branch_b))
    make_application(other, status="submitted")
    make_application(CommunityFactory(district=DistrictFactory(branch_office=world.branch_a)), status="recommended")

    branch = {item.label: item.count for item in to_do(world.users["branch_staff"])}
    assert branch == {"「申請済み」の申請": 1}  # its own branch only; deciding is not its turn
    city = {item.label: item.count for item in to_do(world.users["city_admin"])}
    assert city == {"「申請済み」の申請": 2, "「推薦済み」の申請": 1}
    assert to_do(world.users["advisor"]) == [] and to_do(world.users["liaison"]) == []


def test_the_to_do_list_runs_constant_queries(world):
    client = world.client("city_admin")

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("staff:home")).status_code == 200
        return len(context)

    make_application(world.community_a, status="submitted")
    few = queries()
    for status in ("recommended", "reported", "settled", "submitted", "awarded"):
        make_application(CommunityFactory(district=DistrictFactory(branch_office=world.branch_b)), status=status)
    assert queries() == few


def test_the_list_filters_by_year_program_branch_state_and_community(world):
    ours = make_application(world.community_a, status="submitted")
    theirs = make_application(world.community_b, status="recommended", code="secretariat")
    ensure_program("secretariat")
    client = world.client("city_admin")
    url = reverse("grants_staff:application-list")

    def listed(query: str) -> set[int]:
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200
        return {application.pk for application in response.context["page_obj"].object_list}

    assert listed("") == {ours.pk, theirs.pk}
    assert listed("program=secretariat") == {theirs.pk}
    assert listed("branch=branch-a") == {ours.pk}
    assert listed("status=recommended") == {theirs.pk}
    assert listed("q=ミドリ") == {theirs.pk}  # kana- and width-insensitive, as the community list
    assert listed(f"year={ours.fiscal_year}") == {ours.pk, theirs.pk}
    assert listed(f"year={ours.fiscal_year - 5}") == {ours.pk, theirs.pk}  # a year not offered: ignored
    assert listed("q=どこにもない") == set()

    html = client.get(url).content.decode()
    assert 'class="badge status-badge status-badge--submitted">申請済み</span>' in html
    detail_url = reverse("grants_staff:application-detail", args=[ours.pk])
    link = re.search(rf'<a href="{detail_url}" aria-label="(.*?)">', html)
    assert link and "あおば地域協働体" in link.group(1) and ours.program.name in link.group(1)
    assert Application.objects.count() == 2


def test_one_button_starts_an_application_offering_only_eligible_programs(world):
    from kyodo.fiscal_years import FiscalYear
    from kyodo.grants.programs.loading import load_grant_programs
    from tests.grants.factories import make_eligible

    load_grant_programs()
    year = FiscalYear.current().year
    make_eligible(world.community_a, year)  # established, with a plan in force: activity and secretariat
    client = world.client("community_secretariat")
    page = client.get(reverse("grants_staff:my-entitlements", args=[world.community_a.slug])).content.decode()
    create = reverse("grants_staff:application-create", args=[world.community_a.slug])
    assert len(re.findall(rf'<a class="button" id="start-application" href="{create}">', page)) == 1

    form = client.get(create).context["form"]
    offered = {program.code for program in form.fields["program"].queryset}
    assert offered == {"activity", "secretariat"}  # not 設立準備 (forming) nor 支援事業 (no plan)
    # Sent anyway, an ineligible program is refused with a message, nothing created.
    founding = form.fields["program"].queryset.model.objects.get(code="founding")
    response = client.post(create, {"program": founding.pk, "fiscal_year": year, "title": "設立準備"})
    assert response.status_code == 422 and not Application.objects.exists()
    assert world.client("branch_staff").get(reverse(
        "grants_staff:my-entitlements", args=[world.community_a.slug])).content.decode().count("start-application") == 0


def test_the_line_form_lists_only_the_programs_eligible_categories(world):
    application = make_application(world.community_a, status="draft")
    client = world.client("community_secretariat")
    html = client.get(reverse("grants_staff:application-line-add", args=[application.pk])).content.decode()
    select = re.search(r'<select name="category".*?</select>', html, re.S).group(0)
    assert "会議費" in select and "飲食費" not in select


def test_the_community_sees_the_settlement_preview_before_it_reports(world):
    from tests.grants.factories import add_actuals_report

    awarded = make_application(world.community_a, status="awarded", amount_yen=100_000)
    client = world.client("community_secretariat")
    detail = reverse("grants_staff:application-detail", args=[awarded.pk])
    assert 'id="settlement-preview"' not in client.get(detail).content.decode()  # nothing reported yet
    add_actuals_report(awarded, amount_yen=80_000, submitted=False)
    html = client.get(detail).content.decode()
    assert 'id="settlement-preview"' in html and 'id="settlement-preview-note"' in html
    preview = html.split('id="settlement-preview"')[1].split("</dl>")[0]
    assert "80,000円" in preview  # settled at the eligible actuals, below the award
