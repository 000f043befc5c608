"""The application pages end to end, as the community, its branch and the city."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kyodo.audit.models import AuditEvent
from kyodo.grants.models import Application, Award, Transition
from tests.factories import CommunityFactory, DistrictFactory
from tests.grants.factories import ensure_category, make_application, make_eligible, open_rule


def _version(application_pk):
    return str(Application.objects.get(pk=application_pk).version)


def test_create_submit_return_resubmit_recommend_award(world, django_capture_on_commit_callbacks):
    rule = open_rule()
    make_eligible(world.community_a, rule.fiscal_year)
    community = world.client("community_secretariat")
    branch = world.client("branch_staff")
    city = world.client("city_admin")

    entitlements = community.get(reverse("grants_staff:my-entitlements", args=["aoba"])).content.decode()
    create_url = reverse("grants_staff:application-create", args=["aoba"])
    assert f"{create_url}?program=activity&amp;year={rule.fiscal_year}" in entitlements and "申請を作成" in entitlements
    response = community.post(f"{create_url}?program=activity&year={rule.fiscal_year}", {
        "program": rule.program.pk, "fiscal_year": rule.fiscal_year, "title": "", "purpose": ""})
    assert response.status_code == 422 and "事業名を入力してください。" in response.content.decode()
    assert not Application.objects.exists()
    response = community.post(create_url, {"program": rule.program.pk, "fiscal_year": rule.fiscal_year,
                                           "title": "防災訓練", "purpose": "地域の防災"})
    application = Application.objects.get()
    detail = reverse("grants_staff:application-detail", args=[application.pk])
    assert response.status_code == 302 and response["Location"] == detail

    line_url = reverse("grants_staff:application-line-add", args=[application.pk])
    meeting, food = ensure_category("meeting", "会議費"), ensure_category("food", "飲食費")
    for amount, message in (("-5", "金額は1円以上で入力してください。"),
                            ("1.5", "金額は円単位の整数で入力してください。")):
        page = community.post(line_url, {"version": _version(application.pk), "category": meeting.pk,
                                         "description": "会場費", "amount_yen": amount})
        assert page.status_code == 422 and message in page.content.decode()
    page = community.post(line_url, {"version": _version(application.pk), "category": food.pk,
                                     "description": "弁当", "amount_yen": "1000"})
    assert "「飲食費」はこの補助金の対象経費ではありません。" in page.content.decode()
    assert not application.lines.exists()
    assert community.post(line_url, {"version": _version(application.pk), "category": meeting.pk,
                                     "description": "会場費", "amount_yen": "120000"}).status_code == 302

    page = community.get(detail).content.decode()
    assert "120,000円" in page and "500,000円" in page and "申請する" in page and "推薦する" not in page
    branch_page = branch.get(detail).content.decode()
    assert 'id="action-submit"' not in branch_page  # told who submits instead (今はできない操作)
    assert "申請した地域協働体の事務局・役員が行います" in branch_page

    submit = reverse("grants_staff:application-submit", args=[application.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert community.post(submit, {"submit-version": _version(application.pk)}).status_code == 302
    stale = community.post(submit, {"submit-version": "1"})
    assert stale.status_code == 409

    page = branch.get(detail).content.decode()
    assert "差し戻す" in page and "推薦する" in page and "交付決定する" not in page
    assert 'id="action-submit"' not in community.get(detail).content.decode()
    ret = reverse("grants_staff:application-return", args=[application.pk])
    page = branch.post(ret, {"return-version": _version(application.pk), "return-comment": ""})
    assert page.status_code == 422 and "差し戻す理由を入力してください。" in page.content.decode()
    assert Application.objects.get().status == "submitted"
    assert branch.post(ret, {"return-version": _version(application.pk),
                             "return-comment": "会場費の見積書を添えてください"}).status_code == 302
    assert "会場費の見積書を添えてください" in community.get(detail).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        assert community.post(submit, {"submit-version": _version(application.pk)}).status_code == 302
    recommend = reverse("grants_staff:application-recommend", args=[application.pk])
    assert branch.post(recommend, {"recommend-version": _version(application.pk)}).status_code == 302
    again = branch.post(recommend, {"recommend-version": _version(application.pk)})
    assert again.status_code == 409
    assert "「推薦済み」の申請では「推薦する」はできません" in again.content.decode()

    page = city.get(detail).content.decode()
    assert "交付決定する" in page and "不交付とする" in page and "差し戻す" not in page
    award = reverse("grants_staff:application-award", args=[application.pk])
    over = city.post(award, {"award-version": _version(application.pk), "award-amount_yen": "600000",
                             "award-decision_number": "一協第1号", "award-decided_on": "2026-06-01"})
    assert over.status_code == 422 and "交付見込額500,000円を超えています。" in over.content.decode()
    assert city.post(award, {"award-version": _version(application.pk), "award-amount_yen": "120000",
                             "award-decision_number": "一協第1号", "award-decided_on": "2026-06-01"}).status_code == 302
    assert Award.objects.get().amount_yen == 120_000
    page = community.get(detail).content.decode()
    assert "交付決定" in page and "一協第1号" in page and "令和8年(2026年)6月1日" in page
    assert list(Transition.objects.values_list("action", flat=True)) == [
        "submit", "return", "submit", "recommend", "award"]
    assert AuditEvent.objects.filter(action__startswith="grant_application.").count() == 6  # + created


def test_the_branch_cannot_award_and_a_community_cannot_recommend(world):
    application = make_application(world.community_a, status="recommended")
    url = reverse("grants_staff:application-award", args=[application.pk])
    data = {"award-version": str(application.version), "award-amount_yen": "1", "award-decision_number": "x",
            "award-decided_on": "2026-06-01"}
    assert world.client("branch_staff").post(url, data).status_code == 403
    submitted = make_application(world.community_b, status="submitted")
    url = reverse("grants_staff:application-recommend", args=[submitted.pk])
    assert world.client("community_secretariat").post(url, {"recommend-version": "1"}).status_code in (403, 404)
    assert Application.objects.get(pk=submitted.pk).status == "submitted"


def _communities(world, count):
    for _ in range(count - Application.objects.count()):
        community = CommunityFactory(district=DistrictFactory(branch_office=world.branch_a))
        make_application(community, status="submitted")


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("role", ["city_admin", "branch_staff"])
def test_the_queue_and_detail_run_constant_queries(world, role):
    client = world.client(role)
    _communities(world, 3)
    first = Application.objects.order_by("pk").first()
    urls = [reverse("grants_staff:application-list"), reverse("grants_staff:application-list") + "?status=submitted",
            reverse("grants_staff:application-detail", args=[first.pk])]
    few = [_queries(client, url) for url in urls]
    _communities(world, 30)
    assert [_queries(client, url) for url in urls] == few
    page = client.get(urls[0]).content.decode()
    assert "30件中 1/2ページ" in page
