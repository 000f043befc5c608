"""Consultations and topics for tests."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kyodo.support.models import Consultation, ConsultationTopic


def ensure_topic(name: str = "会計") -> ConsultationTopic:
    topic, _ = ConsultationTopic.objects.get_or_create(name=name)
    return topic


def make_consultation(world, which="own", *, topic="会計", days_ago=5, city_note="") -> Consultation:
    return Consultation.objects.create(
        community=world.community(which), advisor=world.users["advisor"],
        consulted_on=timezone.localdate() - dt.timedelta(days=days_ago), way="visit", topic=ensure_topic(topic),
        summary="会計帳簿の付け方", advice="科目ごとに整理する", city_note=city_note,
    )
