"""Staff dispatch: a community asks, the city decides, the staff visit and close; every step on the timeline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from kyodo.audit.models import AuditEvent
from kyodo.communities.models import CommunityPlan, PlanRevision
from kyodo.support.models import DispatchRequest, DispatchVisit
from tests.support.dispatch_factories import make_request

pytestmark = pytest.mark.django_db


def _post(world, role, request, action, **values):
    data = {f"{action}-{key}": value for key, value in {"version": request.version, **values}.items()}
    slug = action.replace("_", "-")
    return world.client(role).post(reverse(f"support_staff:dispatch-{slug}", args=[request.pk]), data)


def test_a_community_requests_and_the_city_carries_it_through(world):
    client = world.client("community_secretariat")
    response = client.post(reverse("support_staff:dispatch-create", args=["aoba"]), {
        "purpose": "plan_revision", "preferred_dates": "1月の平日の夜", "notes": "見直しの進め方を相談したい"})
    assert response.status_code == 302
    request = DispatchRequest.objects.get()
    assert request.status == "requested" and request.requested_by == world.users["community_secretariat"]
    assert _post(world, "branch_staff", request, "accept", staff=world.users["liaison"].pk).status_code == 302
    request.refresh_from_db()
    assert request.status == "accepted" and request.assigned_staff == world.users["liaison"]
    today = timezone.localdate()
    assert _post(world, "liaison", request, "log_visit", visited_on=today.isoformat(),
                 summary="役員会で説明").status_code == 302
    request.refresh_from_db()
    plan = CommunityPlan.objects.create(community=world.community_a, title="第2期計画", start_fiscal_year=2025,
                                        end_fiscal_year=2029, adopted_on=dt.date(2025, 4, 1), vision="v")
    revision = PlanRevision.objects.create(plan=plan, revised_on=today, summary="目標を見直した")
    assert _post(world, "liaison", request, "close", outcome="計画の見直し案ができた").status_code == 302
    request.refresh_from_db()
    assert request.status == "closed" and request.plan_revision == revision
    assert list(request.transitions.values_list("action", flat=True)) == ["accept", "log_visit", "close"]
    assert AuditEvent.objects.filter(action__startswith="staff_dispatch.", object_id=str(request.pk)).count() == 4
    page = client.get(reverse("support_staff:dispatch-detail", args=[request.pk])).content.decode()
    assert "計画の見直し案ができた" in page and "目標を見直した" in page and "役員会で説明" in page


def test_a_decline_needs_a_reason(world):
    request = make_request(world)
    response = _post(world, "city_admin", request, "decline", reason="")
    assert response.status_code == 422 and "お断りの理由を入力してください" in response.content.decode()
    request.refresh_from_db()
    assert request.status == "requested"
    assert _post(world, "city_admin", request, "decline", reason="年度末で職員が足りないため").status_code == 302
    request.refresh_from_db()
    assert request.status == "declined" and request.decline_reason == "年度末で職員が足りないため"


def test_a_visit_before_the_request_is_refused_and_nothing_changes(world):
    request = make_request(world, status="accepted", days_ago=3)
    before = request.requested_on - dt.timedelta(days=1)
    response = _post(world, "liaison", request, "log_visit", visited_on=before.isoformat(), summary="訪問")
    assert response.status_code == 422 and "依頼日" in response.content.decode()
    assert DispatchVisit.objects.filter(request=request).count() == 1
    assert request.transitions.count() == 0


def test_script_in_a_request_is_refused(world):
    response = world.client("community_secretariat").post(
        reverse("support_staff:dispatch-create", args=["aoba"]),
        {"purpose": "organisation", "preferred_dates": "<script>x</script>", "notes": ""})
    assert response.status_code == 422 and "HTMLタグやスクリプト" in response.content.decode()
    assert not DispatchRequest.objects.exists()


def test_a_stale_decision_is_a_conflict(world):
    request = make_request(world)
    version = request.version
    assert _post(world, "city_admin", request, "decline", reason="理由").status_code == 302
    request.version = version
    response = _post(world, "branch_staff", request, "accept", staff=world.users["liaison"].pk)
    assert response.status_code == 409
    request.refresh_from_db()
    assert request.status == "declined" and request.assigned_staff is None


def test_the_community_sees_its_own_requests_only(world):
    own, other = make_request(world, "own"), make_request(world, "other")
    html = world.client("community_officer").get(reverse("support_staff:dispatch-list")).content.decode()
    assert reverse("support_staff:dispatch-detail", args=[own.pk]) in html
    assert reverse("support_staff:dispatch-detail", args=[other.pk]) not in html
    assert world.client("community_officer").get(
        reverse("support_staff:dispatch-detail", args=[other.pk])).status_code == 404


def test_members_ask_from_their_community_staff_page_and_see_their_requests(world):
    request = make_request(world)
    html = world.client("community_secretariat").get(
        reverse("communities_staff:community", args=["aoba"])).content.decode()
    assert reverse("support_staff:dispatch-create", args=["aoba"]) in html
    assert reverse("support_staff:dispatch-detail", args=[request.pk]) in html
    assert reverse("support_staff:community", args=["aoba"]) not in html  # the contact log is the city's


def test_the_work_area_counts_requests_to_decide_and_to_carry_out(world):
    make_request(world)
    make_request(world, status="accepted")
    make_request(world, "other")
    branch = world.client("branch_staff").get(reverse("staff:home")).content.decode()
    assert "引き受けるかどうか決める職員派遣の依頼" in branch
    liaison = world.client("liaison").get(reverse("staff:home")).content.decode()
    assert "派遣中の依頼(訪問・完了の記録)" in liaison


def test_the_dispatched_employee_sees_a_request_outside_their_communities(world):
    from tests.factories import UserFactory

    request = make_request(world, "other")
    helper = UserFactory(role="department_staff", department=world.department)
    assert _post(world, "city_admin", request, "accept", staff=helper.pk).status_code == 302
    from django.test import Client

    client = Client()
    client.force_login(helper)
    assert client.get(reverse("support_staff:dispatch-detail", args=[request.pk])).status_code == 200
