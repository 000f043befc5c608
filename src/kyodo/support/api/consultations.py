"""The centre's consultations over the API: list (scoped; the city's notes for city staff only), log, correct
(the advisor who logged it, within the fiscal year, with the version read) and close a follow-up."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from kyodo.access import api_require_perm
from kyodo.api_inputs import Text, Version
from kyodo.api_paging import paginated
from kyodo.fiscal_years import FiscalYear
from kyodo.support import consultations
from kyodo.support.api.common import MAX_ID, Id, community_by_slug
from kyodo.support.models import Consultation, ConsultationTopic, Contact
from kyodo.support.scopes import CONSULTATIONS

router = Router()


class ConsultationOut(Schema):
    id: int
    community: str = Field(alias="community.slug")
    community_name: str = Field(alias="community.name")
    advisor: str = Field(alias="advisor.username")
    consulted_on: dt.date
    way: str
    topic_id: int
    topic: str = Field(alias="topic.name")
    summary: str
    advice: str
    follow_up_on: dt.date | None
    follow_up_done_on: dt.date | None
    city_note: str | None
    version: int

    @staticmethod
    def resolve_city_note(consultation: Consultation, context: Any) -> str | None:
        """The city's internal note: for city staff only (null for the centre)."""
        return consultation.city_note if getattr(context["request"].user, "is_city_staff", False) else None


class ConsultationFiltersIn(Schema):
    community: str = Field("", max_length=100, pattern=r"^[-a-zA-Z0-9_]*$", description="community slug")
    topic: int | None = Field(None, ge=1, le=MAX_ID)
    fiscal_year: int | None = Field(None, ge=2000, le=2100)


class ConsultationIn(Schema):
    community: str = Field(..., min_length=1, max_length=100, description="community slug")
    consulted_on: dt.date
    way: Contact.Way
    topic: int = Field(..., ge=1, le=MAX_ID)
    summary: Text(4000)  # type: ignore[valid-type]
    advice: Text(4000)  # type: ignore[valid-type]
    follow_up_on: dt.date | None = None


class ConsultationEditIn(ConsultationIn):
    version: Version


class FollowUpDoneIn(Schema):
    done_on: dt.date


def _rows(user: Any) -> QuerySet[Consultation]:
    return CONSULTATIONS.queryset(user).select_related("community", "topic", "advisor")


def load_consultation(request: HttpRequest, consultation_id: Id) -> Consultation:
    """A consultation in the caller's scope (404 otherwise)."""
    return get_object_or_404(_rows(request.user), pk=consultation_id)


def _values(payload: ConsultationIn) -> dict[str, Any]:
    topic = ConsultationTopic.objects.filter(pk=payload.topic).first()
    if topic is None:
        raise ValidationError({"topic": _("分類を一覧から選んでください。")})
    return {
        "community": community_by_slug(payload.community), "consulted_on": payload.consulted_on,
        "way": payload.way.value, "topic": topic, "summary": payload.summary, "advice": payload.advice,
        "follow_up_on": payload.follow_up_on,
    }


@router.get("/staff/consultations", response=list[ConsultationOut],
            summary="相談・助言の一覧 / Consultations")
@paginated
@api_require_perm("support.list_consultations")
def list_consultations(request: HttpRequest, filters: Query[ConsultationFiltersIn]) -> QuerySet[Consultation]:
    """The consultations the caller sees (every one for the centre, their communities' for city staff)."""
    rows = _rows(request.user)
    if filters.community:
        rows = rows.filter(community__slug=filters.community)
    if filters.topic is not None:
        rows = rows.filter(topic_id=filters.topic)
    if filters.fiscal_year is not None:
        year = FiscalYear(filters.fiscal_year)
        rows = rows.filter(consulted_on__gte=year.starts_on, consulted_on__lte=year.ends_on)
    return rows


@router.post("/staff/consultations", response={201: ConsultationOut},
             summary="相談を記録する / Log a consultation")
@api_require_perm("support.log_consultation")
def log_consultation(request: HttpRequest, payload: ConsultationIn) -> Any:
    created = consultations.log_consultation(actor=request.user, **_values(payload))
    return Status(201, load_consultation(request, created.pk))


@router.put("/staff/consultations/{consultation_id}", response=ConsultationOut,
            summary="相談の記録を修正する / Correct a consultation")
@api_require_perm("support.edit_consultation", load=load_consultation)
def edit_consultation(request: HttpRequest, consultation: Consultation, payload: ConsultationEditIn) -> Consultation:
    consultations.edit_consultation(consultation, actor=request.user, version=payload.version, **_values(payload))
    return load_consultation(request, consultation.pk)


@router.post("/staff/consultations/{consultation_id}/follow-up-done", response=ConsultationOut,
             summary="相談のフォローアップを完了にする / Mark a consultation's follow-up done")
@api_require_perm("support.close_consultation_follow_up", load=load_consultation)
def consultation_follow_up_done(request: HttpRequest, consultation: Consultation,
                                payload: FollowUpDoneIn) -> Consultation:
    consultations.close_consultation_follow_up(consultation, actor=request.user, done_on=payload.done_on)
    return load_consultation(request, consultation.pk)
