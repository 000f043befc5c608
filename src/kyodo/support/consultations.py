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
from kyodo.fiscal_years import FiscalYear
from kyodo.locking import save_with_version
from kyodo.support.models import Consultation, ConsultationTopic
from kyodo.support.text import check_plain_text


def _check(*, consulted_on: dt.date, topic: ConsultationTopic, follow_up_on: dt.date | None,
           previous: Consultation | None = None) -> None:
    """Dates and topic of a consultation: not in the future, a follow-up not in the past (unless unchanged), an
    active topic (unless unchanged); an edit stays in the consultation's fiscal year."""
    today = timezone.localdate()
    errors = {}
    if consulted_on > today:
        errors["consulted_on"] = _("相談日に未来の日は入力できません。")
    elif previous is not None and FiscalYear.of(consulted_on) != FiscalYear.of(previous.consulted_on):
        errors["consulted_on"] = _("相談日は同じ年度(%(year)s)の日付にしてください。") % {
            "year": FiscalYear.of(previous.consulted_on).label}
    unchanged_follow_up = previous is not None and follow_up_on == previous.follow_up_on
    if follow_up_on is not None and follow_up_on < today and not unchanged_follow_up:
        errors["follow_up_on"] = _("フォローアップ日に過去の日は入力できません。")
    if not topic.is_active and (previous is None or topic.pk != previous.topic_id):
        errors["topic"] = _("使われていない分類です。別の分類を選んでください。")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def log_consultation(
    *, actor: Any, community: Community, consulted_on: dt.date, way: str, topic: ConsultationTopic, summary: str,
    advice: str, follow_up_on: dt.date | None = None,
) -> Consultation:
    """An advisor records one consultation."""
    if not actor.has_perm("support.log_consultation"):
        raise PermissionDenied
    check_plain_text(summary=summary, advice=advice)
    _check(consulted_on=consulted_on, topic=topic, follow_up_on=follow_up_on)
    consultation = Consultation.objects.create(
        community=community, advisor=actor, consulted_on=consulted_on, way=way, topic=topic, summary=summary,
        advice=advice, follow_up_on=follow_up_on,
    )
    record_event("consultation.logged", actor=actor, target=consultation,
                 summary=f"{community.name}: {consulted_on} {topic.name}",
                 data={"community": community.slug, "topic": topic.name, "consulted_on": consulted_on})
    return consultation


EDITABLE = ("community", "consulted_on", "way", "topic", "summary", "advice", "follow_up_on")


@transaction.atomic
def edit_consultation(consultation: Consultation, *, actor: Any, version: int, **values: Any) -> Consultation:
    """The advisor who logged a consultation corrects it, within its fiscal year (the report to the city is
    yearly). ``version`` is the one the advisor read: of two edits at once, the second is refused."""
    if not actor.has_perm("support.edit_consultation", consultation):
        raise PermissionDenied
    if FiscalYear.of(consultation.consulted_on) != FiscalYear.of(timezone.localdate()):
        raise ValidationError(_("前の年度の相談は修正できません(年度の実績報告が済んでいます)。"))
    check_plain_text(summary=values.get("summary"), advice=values.get("advice"))
    _check(consulted_on=values["consulted_on"], topic=values["topic"], follow_up_on=values.get("follow_up_on"),
           previous=consultation)
    before = {name: _plain(getattr(consultation, name)) for name in EDITABLE}
    for name in EDITABLE:
        setattr(consultation, name, values.get(name))
    changed = {name: _plain(getattr(consultation, name)) for name in EDITABLE
               if _plain(getattr(consultation, name)) != before[name]}
    save_with_version(consultation, EDITABLE, expected_version=version)
    record_event("consultation.edited", actor=actor, target=consultation,
                 summary=f"{consultation.community.name}: {consultation.consulted_on} {consultation.topic.name}",
                 data={"changed": sorted(changed), "before": {name: before[name] for name in changed},
                       "version": consultation.version})
    return consultation


def _plain(value: Any) -> Any:
    """A field's value as the audit log keeps it (a related object by its key)."""
    return getattr(value, "pk", value)


@transaction.atomic
def close_consultation_follow_up(consultation: Consultation, *, actor: Any, done_on: dt.date) -> Consultation:
    """The advisor marks their consultation's follow-up done on ``done_on``."""
    if not actor.has_perm("support.close_consultation_follow_up", consultation):
        raise PermissionDenied
    consultation = Consultation.objects.select_for_update().select_related("community").get(pk=consultation.pk)
    if consultation.follow_up_on is None:
        raise ValidationError(_("この相談にはフォローアップがありません。"))
    if consultation.follow_up_done_on is not None:
        raise ValidationError(_("このフォローアップは既に完了しています。"))
    if done_on < consultation.consulted_on or done_on > timezone.localdate():
        raise ValidationError({"done_on": _("完了日は相談日から今日までの日付にしてください。")})
    consultation.follow_up_done_on = done_on
    consultation.save(update_fields=["follow_up_done_on"])
    record_event("consultation.follow_up_done", actor=actor, target=consultation,
                 summary=f"{consultation.community.name}: {consultation.consulted_on} {done_on}",
                 data={"done_on": done_on})
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
