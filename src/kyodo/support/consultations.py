"""Writes of the centre's consultations and the city's topics; each in one transaction, in the audit log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.audit.services import record_event
from kyodo.communities.models import Community
from kyodo.support.models import Consultation, ConsultationTopic
from kyodo.support.text import check_plain_text


@transaction.atomic
def log_consultation(
    *, actor: Any, community: Community, consulted_on: dt.date, way: str, topic: ConsultationTopic, summary: str,
    advice: str, follow_up_on: dt.date | None = None,
) -> Consultation:
    """An advisor records one consultation."""
    if not actor.has_perm("support.log_consultation"):
        raise PermissionDenied
    check_plain_text(summary=summary, advice=advice)
    today = timezone.localdate()
    errors = {}
    if consulted_on > today:
        errors["consulted_on"] = _("相談日に未来の日は入力できません。")
    if follow_up_on is not None and follow_up_on < today:
        errors["follow_up_on"] = _("フォローアップ日に過去の日は入力できません。")
    if not topic.is_active:
        errors["topic"] = _("使われていない分類です。別の分類を選んでください。")
    if errors:
        raise ValidationError(errors)
    consultation = Consultation.objects.create(
        community=community, advisor=actor, consulted_on=consulted_on, way=way, topic=topic, summary=summary,
        advice=advice, follow_up_on=follow_up_on,
    )
    record_event("consultation.logged", actor=actor, target=consultation,
                 summary=f"{community.name}: {consulted_on} {topic.name}",
                 data={"community": community.slug, "topic": topic.name, "consulted_on": consulted_on})
    return consultation


@transaction.atomic
def write_city_note(consultation: Consultation, *, actor: Any, city_note: str) -> Consultation:
    """The city's internal note on a consultation (never shown to the centre)."""
    if not actor.has_perm("support.write_city_note", consultation):
        raise PermissionDenied
    check_plain_text(city_note=city_note)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    consultation.city_note = city_note
    consultation.save(update_fields=["city_note"])
    record_event("consultation.city_note", actor=actor, target=consultation,
                 summary=f"{consultation.community_id}: {consultation.consulted_on}", data={"length": len(city_note)})
    return consultation


@transaction.atomic
def save_topic(topic: ConsultationTopic | None, *, actor: Any, name: str, order: int, is_active: bool) -> Any:
    """Create or change a topic (the city's categories)."""
    if not actor.has_perm("support.manage_topics"):
        raise PermissionDenied
    check_plain_text(name=name)
    topic = topic or ConsultationTopic()
    topic.name, topic.order, topic.is_active = name, order, is_active
    topic.save()
    record_event("consultation_topic.saved", actor=actor, target=topic, summary=name,
                 data={"order": order, "is_active": is_active})
    return topic
