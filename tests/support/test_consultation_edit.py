"""The advisor who logged a consultation corrects it within its fiscal year (audit event, version) and marks its
follow-up done; bad input is a Japanese 4xx and nothing changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kyodo.audit.models import AuditEvent
from kyodo.support.models import Consultation
from tests.support.consultation_factories import make_consultation

pytestmark = pytest.mark.django_db


def _url(consultation, action="edit"):
    return f"/staff/support/consultations/{consultation.pk}/{action}/"


def _data(consultation, **change):
    data = {"community": consultation.community_id, "consulted_on": consultation.consulted_on.isoformat(),
            "way": consultation.way, "topic": consultation.topic_id, "summary": consultation.summary,
            "advice": consultation.advice, "follow_up_on": "", "version": consultation.version}
    return {**data, **change}


def test_the_advisor_corrects_a_consultation_and_the_audit_log_keeps_the_change(world):
    consultation = make_consultation(world, days_ago=0)
    client = world.client("advisor")
    page = client.get(_url(consultation))
    assert page.status_code == 200 and "相談の記録の修正" in page.content.decode()
    response = client.post(_url(consultation), _data(consultation, advice="補助金の手引きを渡した"))
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.advice == "補助金の手引きを渡した" and consultation.version == 2
    event = AuditEvent.objects.get(action="consultation.edited")
    assert event.data["changed"] == ["advice"] and event.actor_id == world.users["advisor"].pk
    listing = client.get("/staff/support/consultations/").content.decode()
    assert _url(consultation) in listing


def test_a_stale_correction_is_a_409_and_changes_nothing(world):
    consultation = make_consultation(world, days_ago=0)
    response = world.client("advisor").post(_url(consultation), _data(consultation, summary="古い版", version=7))
    assert response.status_code == 409
    assert "他の方が先に更新しました" in response.content.decode()
    assert Consultation.objects.get(pk=consultation.pk).summary == "会計帳簿の付け方"


@pytest.mark.parametrize(("change", "message"), [
    ({"summary": "<script>alert(1)</script>"}, "HTMLタグやスクリプトは入力できません"),
    ({"follow_up_on": "2001-01-01"}, "フォローアップ日に過去の日は入力できません"),
    ({"community": 2_000_000}, "地域協働体を一覧から選んでください"),
    ({"consulted_on": "2001-04-02"}, "同じ年度"),
])
def test_bad_corrections_are_refused_in_japanese(world, change, message):
    consultation = make_consultation(world, days_ago=0)
    response = world.client("advisor").post(_url(consultation), _data(consultation, **change))
    assert response.status_code == 422
    assert message in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.version == 1 and not AuditEvent.objects.filter(action="consultation.edited").exists()


def test_last_years_consultation_cannot_be_corrected(world):
    old = make_consultation(world, days_ago=400)
    response = world.client("advisor").post(_url(old), _data(old, advice="直す"))
    assert response.status_code == 422 and "前の年度の相談は修正できません" in response.content.decode()
    assert Consultation.objects.get(pk=old.pk).advice == "科目ごとに整理する"
    assert _url(old) not in world.client("advisor").get("/staff/support/consultations/").content.decode()


def test_the_advisor_marks_the_follow_up_done_once(world):
    consultation = make_consultation(world, days_ago=3)
    consultation.follow_up_on = timezone.localdate() + dt.timedelta(days=5)
    consultation.save()
    client = world.client("advisor")
    future = client.post(_url(consultation, "follow-up-done"),
                         {"done_on": (timezone.localdate() + dt.timedelta(days=1)).isoformat()})
    assert future.status_code == 422 and "完了日は相談日から今日までの日付" in future.content.decode()
    done = client.post(_url(consultation, "follow-up-done"), {"done_on": timezone.localdate().isoformat()})
    assert done.status_code == 302
    assert Consultation.objects.get(pk=consultation.pk).follow_up_done_on == timezone.localdate()
    assert AuditEvent.objects.filter(action="consultation.follow_up_done").count() == 1
    again = client.post(_url(consultation, "follow-up-done"), {"done_on": timezone.localdate().isoformat()})
    assert again.status_code == 422 and "既に完了しています" in again.content.decode()


def test_a_follow_up_done_leaves_the_advisors_to_dos(world):
    from kyodo.support.queries import consultation_follow_ups

    consultation = make_consultation(world, days_ago=3)
    consultation.follow_up_on = timezone.localdate() + dt.timedelta(days=2)
    consultation.save()
    advisor = world.users["advisor"]
    assert consultation_follow_ups(advisor) == 1
    world.client("advisor").post(_url(consultation, "follow-up-done"), {"done_on": timezone.localdate().isoformat()})
    assert consultation_follow_ups(advisor) == 0
