"""Liaison rotations, the contact log, the public panel, the work area and the coverage list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from kyodo.audit.models import AuditEvent
from kyodo.support.models import Contact, LiaisonAssignment
from tests.factories import LiaisonAssignmentFactory, UserFactory
from tests.support.factories import make_contact

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _assign_url(world):
    return reverse("support_staff:assign", args=[world.community_a.slug])


def _rotate(world, client_role="city_admin", *, successor, started_on, note="集会所の改修の件を引継ぎ", current=None):
    if current is None:
        current = LiaisonAssignment.objects.get(community=world.community_a, ended_on__isnull=True).pk
    return world.client(client_role).post(_assign_url(world), {
        "staff": successor.pk, "started_on": started_on.isoformat(), "handover_note": note, "current": current,
    })


def test_a_rotation_ends_the_predecessor_the_day_before_and_keeps_the_history(world):
    successor = UserFactory(username="t_next", display_name="後任 太郎", role="liaison")
    start = TODAY() + dt.timedelta(days=1)
    response = _rotate(world, "branch_staff", successor=successor, started_on=start)
    assert response.status_code == 302
    history = list(LiaisonAssignment.objects.filter(community=world.community_a).order_by("started_on"))
    assert [a.staff for a in history] == [world.users["liaison"], successor]
    assert history[0].ended_on == start - dt.timedelta(days=1)
    assert history[1].ended_on is None and history[1].handover_note == "集会所の改修の件を引継ぎ"
    assert AuditEvent.objects.filter(action="liaison.assigned", object_id=str(history[1].pk)).exists()
    page = world.client("city_admin").get(reverse("support_staff:community", args=["aoba"])).content.decode()
    assert "後任 太郎" in page and "集会所の改修の件を引継ぎ" in page


def test_the_database_keeps_one_open_assignment_per_community(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        LiaisonAssignment.objects.create(community=world.community_a, staff=UserFactory(role="liaison"),
                                         started_on=TODAY())


def test_a_rotation_on_a_stale_page_is_refused_and_changes_nothing(world):
    successor = UserFactory(role="liaison")
    response = _rotate(world, successor=successor, started_on=TODAY(), current="")  # the page showed nobody
    assert response.status_code == 422
    assert "他の方が先に地域担当職員を配置しました" in response.content.decode()
    assert LiaisonAssignment.objects.filter(community=world.community_a).count() == 1
    assert LiaisonAssignment.objects.get(community=world.community_a).ended_on is None


@pytest.mark.parametrize(("field", "value", "message"), [
    ("staff", "advisor", "職員を選んでください"),
    ("started_on", "1999-04-01", "前任者の開始日"),
    ("handover_note", "<script>alert(1)</script>", "HTMLタグやスクリプトは入力できません"),
])
def test_a_bad_rotation_is_refused_in_japanese(world, field, value, message):
    data = {"staff": UserFactory(role="liaison").pk, "started_on": TODAY().isoformat(), "handover_note": "",
            "current": LiaisonAssignment.objects.get(community=world.community_a).pk}
    data[field] = world.users["advisor"].pk if value == "advisor" else value
    response = world.client("city_admin").post(_assign_url(world), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert LiaisonAssignment.objects.filter(community=world.community_a).count() == 1


def test_the_public_page_shows_the_liaison_name_and_section_only(world):
    liaison = world.users["liaison"]
    liaison.display_name, liaison.department = "担当 次郎", world.department
    liaison.save()
    LiaisonAssignment.objects.filter(staff=liaison).update(handover_note="役員の対立に注意")
    make_contact(world.community_a, liaison, summary="会長の健康状態について相談")
    html = world.client("anonymous").get(reverse("communities:detail", args=["aoba"])).content.decode()
    assert "担当 次郎" in html and "まちづくり推進課" in html
    assert "役員の対立に注意" not in html and "会長の健康状態" not in html
    other = world.client("anonymous").get(reverse("communities:detail", args=["midori"])).content.decode()
    assert "地域担当職員は現在配置されていません" in other


def _contact_url(slug="aoba"):
    return reverse("support_staff:contact-create", args=[slug])


def _contact_data(**changes):
    today = TODAY()
    return {"contacted_on": today.isoformat(), "way": "visit", "summary": "役員会に出席した。",
            "follow_up": "資料を届ける", "follow_up_due": (today + dt.timedelta(days=7)).isoformat(), **changes}


def test_the_liaison_logs_a_contact_with_a_follow_up(world):
    response = world.client("liaison").post(_contact_url(), _contact_data())
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.staff == world.users["liaison"] and contact.follow_up_open
    assert AuditEvent.objects.filter(action="contact.logged", object_id=str(contact.pk)).exists()


@pytest.mark.parametrize(("changes", "message"), [
    ({"follow_up_due": "2000-01-01"}, "フォローアップの期限に過去の日は入力できません"),
    ({"contacted_on": "2999-01-01"}, "日付に未来の日は入力できません"),
    ({"follow_up_due": ""}, "フォローアップには期限を入力してください"),
    ({"summary": "<script>alert(1)</script>"}, "HTMLタグやスクリプトは入力できません"),
    ({"way": "pigeon"}, "正しく選択してください"),
    ({"summary": ""}, "このフィールドは必須です"),
])
def test_a_bad_contact_is_refused_in_japanese_and_nothing_is_saved(world, changes, message):
    response = world.client("liaison").post(_contact_url(), _contact_data(**changes))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Contact.objects.exists()


def test_a_contact_for_an_unknown_community_is_not_found(world):
    response = world.client("city_admin").post(_contact_url("nowhere"), _contact_data())
    assert response.status_code == 404
    assert not Contact.objects.exists()


def test_a_follow_up_is_closed_once(world):
    contact = make_contact(world.community_a, world.users["liaison"], follow_up="資料を届ける", due_in=3)
    url = reverse("support_staff:follow-up-done", args=["aoba", contact.pk])
    client = world.client("liaison")
    assert client.post(url, {"done_on": TODAY().isoformat()}).status_code == 302
    contact.refresh_from_db()
    assert contact.follow_up_done_on == TODAY()
    again = client.post(url, {"done_on": TODAY().isoformat()})
    assert again.status_code == 422 and "既に完了しています" in again.content.decode()


def test_a_follow_up_of_another_community_is_not_reachable_through_this_one(world):
    contact = make_contact(world.community_b, world.users["city_admin"], follow_up="x", due_in=3)
    url = reverse("support_staff:follow-up-done", args=["aoba", contact.pk])
    assert world.client("liaison").get(url).status_code == 404


def test_the_liaison_work_area_lists_communities_last_contact_and_overdue_follow_ups(world):
    liaison = world.users["liaison"]
    make_contact(world.community_a, liaison, days_ago=30, follow_up="評価シートを届ける", due_in=-4)
    make_contact(world.community_a, liaison, days_ago=3, follow_up="回答を連絡する", due_in=5)
    make_contact(world.community_b, world.users["city_admin"], days_ago=1, follow_up="他地域の件", due_in=-1)
    html = world.client("liaison").get(reverse("staff:home")).content.decode()
    assert "地域担当職員として" in html
    assert "期限切れのフォローアップ 1件" in html and "期限が近いフォローアップ 1件" in html
    assert reverse("support_staff:contact-create", args=["aoba"]) in html
    assert "他地域の件" not in html and reverse("support_staff:community", args=["midori"]) not in html


def test_coverage_shows_communities_without_a_liaison_or_without_recent_contact(world):
    make_contact(world.community_a, world.users["liaison"], days_ago=200)
    client = world.client("city_admin")
    url = reverse("support_staff:coverage")
    no_liaison = client.get(url, {"show": "no_liaison"}).content.decode()
    assert "みどり地域協働体" in no_liaison and "あおば地域協働体" not in no_liaison
    quiet = client.get(url, {"show": "no_contact", "months": 3}).content.decode()
    assert "あおば地域協働体" in quiet and "みどり地域協働体" in quiet
    recent = client.get(url, {"show": "no_contact", "months": 12}).content.decode()
    assert "あおば地域協働体" not in recent
    assert client.get(url, {"months": "abc"}).status_code == 422


def test_branch_staff_see_the_coverage_of_their_branch_only(world):
    html = world.client("branch_staff").get(reverse("support_staff:coverage")).content.decode()
    assert "あおば地域協働体" in html and "みどり地域協働体" not in html


def test_a_liaison_elsewhere_does_not_see_this_contact_log(world):
    other_liaison = UserFactory(role="liaison")
    LiaisonAssignmentFactory(staff=other_liaison, community=world.community_b)
    make_contact(world.community_a, world.users["liaison"], summary="あおばの記録")
    from django.test import Client

    client = Client()
    client.force_login(other_liaison)
    assert client.get(reverse("support_staff:community", args=["aoba"])).status_code == 403
    assert client.get(reverse("support_staff:community", args=["midori"])).status_code == 200
