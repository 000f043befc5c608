"""The centre's consultations: advisors log them; the community's liaison and the city read its history; the city's
internal notes stay hidden from the centre; the city keeps the topics."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from kyodo.audit.models import AuditEvent
from kyodo.support.models import Consultation, ConsultationTopic
from tests.support.consultation_factories import ensure_topic, make_consultation

pytestmark = pytest.mark.django_db
URL = "/staff/support/consultations/"


def _data(world, **changes):
    return {"community": world.community_a.pk, "consulted_on": timezone.localdate().isoformat(), "way": "phone",
            "topic": ensure_topic().pk, "summary": "決算書の作り方", "advice": "様式を送った",
            "follow_up_on": (timezone.localdate() + dt.timedelta(days=14)).isoformat(), **changes}


def test_an_advisor_logs_a_consultation_and_the_liaison_reads_the_history(world):
    response = world.client("advisor").post(reverse("support_staff:consultation-create"), _data(world))
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    assert consultation.advisor == world.users["advisor"]
    assert AuditEvent.objects.filter(action="consultation.logged", object_id=str(consultation.pk)).exists()
    html = world.client("liaison").get(URL, {"community": "aoba"}).content.decode()
    assert "決算書の作り方" in html and "様式を送った" in html


@pytest.mark.parametrize(("changes", "message"), [
    ({"community": "999999"}, "地域協働体を一覧から選んでください"),
    ({"follow_up_on": "2000-01-01"}, "フォローアップ日に過去の日は入力できません"),
    ({"consulted_on": "2999-01-01"}, "相談日に未来の日は入力できません"),
    ({"summary": "<script>alert(1)</script>"}, "HTMLタグやスクリプトは入力できません"),
])
def test_bad_input_is_refused_in_japanese_and_nothing_is_saved(world, changes, message):
    response = world.client("advisor").post(reverse("support_staff:consultation-create"), _data(world, **changes))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Consultation.objects.exists()


def test_the_advisor_never_sees_the_citys_internal_note(world):
    consultation = make_consultation(world, city_note="会長と事務局の関係が悪化")
    advisor = world.client("advisor").get(URL).content.decode()
    assert "会計帳簿の付け方" in advisor and "会長と事務局の関係が悪化" not in advisor
    assert world.client("advisor").get(
        reverse("support_staff:consultation-note", args=[consultation.pk])).status_code == 403
    city = world.client("city_admin").get(URL).content.decode()
    assert "会長と事務局の関係が悪化" in city


def test_the_city_writes_a_note(world):
    consultation = make_consultation(world)
    response = world.client("liaison").post(reverse("support_staff:consultation-note", args=[consultation.pk]),
                                            {"city_note": "次回の訪問で確認"})
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.city_note == "次回の訪問で確認"


def test_a_liaison_sees_only_their_communities_consultations(world):
    make_consultation(world, "own")
    make_consultation(world, "other", topic="イベント")
    html = world.client("liaison").get(URL).content.decode()
    assert "あおば地域協働体" in html and "みどり地域協働体" not in html
    assert world.client("community_secretariat").get(URL).status_code == 403


def test_the_city_keeps_the_topics(world):
    client = world.client("city_admin")
    assert client.post(reverse("support_staff:topic-create"), {"name": "人材確保", "order": 3,
                                                              "is_active": "on"}).status_code == 302
    topic = ConsultationTopic.objects.get(name="人材確保")
    response = client.post(reverse("support_staff:topic-create"), {"name": "人材確保", "order": 1})
    assert response.status_code == 422 and "同じ名前の分類があります" in response.content.decode()
    assert client.post(reverse("support_staff:topic-edit", args=[topic.pk]),
                       {"name": "人材確保", "order": 3}).status_code == 302
    topic.refresh_from_db()
    assert not topic.is_active
    form = world.client("advisor").get(reverse("support_staff:consultation-create")).content.decode()
    assert "人材確保" not in form
