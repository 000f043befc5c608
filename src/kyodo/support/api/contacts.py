"""Liaisons' contact log over the API: list (scoped), log a contact, mark a follow-up done."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from kyodo.access import api_require_perm, api_signed_in
from kyodo.api_inputs import Text
from kyodo.api_paging import paginated
from kyodo.communities.models import Community
from kyodo.support import liaisons
from kyodo.support.api.common import Id, load_community
from kyodo.support.models import Contact
from kyodo.support.scopes import CONTACTS

router = Router()


class ContactOut(Schema):
    id: int
    community: str = Field(alias="community.slug")
    community_name: str = Field(alias="community.name")
    staff: str = Field(alias="staff.username")
    contacted_on: dt.date
    way: str
    way_label: str = Field(alias="get_way_display")
    summary: str
    follow_up: str
    follow_up_due: dt.date | None
    follow_up_done_on: dt.date | None
    follow_up_overdue: bool


class ContactFiltersIn(Schema):
    community: str = Field("", max_length=100, pattern=r"^[-a-zA-Z0-9_]*$", description="community slug")
    open: bool = Field(False, description="only contacts whose follow-up is still open")


class ContactIn(Schema):
    contacted_on: dt.date
    way: Contact.Way
    summary: Text(4000)  # type: ignore[valid-type]
    follow_up: Text(400) = ""  # type: ignore[valid-type]
    follow_up_due: dt.date | None = None


class FollowUpDoneIn(Schema):
    done_on: dt.date


@router.get("/staff/contacts", response=list[ContactOut], summary="連絡記録の一覧 / The caller's contact log")
@paginated
@api_signed_in
def list_contacts(request: HttpRequest, filters: Query[ContactFiltersIn]) -> QuerySet[Contact]:
    """The contacts the caller sees (their communities' for a liaison, the branch's, the city's), newest first."""
    rows = CONTACTS.queryset(request.user).select_related("community", "staff")
    if filters.community:
        rows = rows.filter(community__slug=filters.community)
    if filters.open:
        rows = rows.filter(follow_up_done_on__isnull=True).exclude(follow_up="")
    return rows


@router.post("/staff/communities/{slug}/contacts", response={201: ContactOut},
             summary="連絡を記録する / Log a contact")
@api_require_perm("support.log_contact", load=load_community)
def log_contact(request: HttpRequest, community: Community, payload: ContactIn) -> Any:
    values = payload.dict()
    values["way"] = payload.way.value
    contact = liaisons.log_contact(community, actor=request.user, **values)
    return Status(201, Contact.objects.select_related("community", "staff").get(pk=contact.pk))


def load_contact(request: HttpRequest, contact_id: Id) -> Contact:
    """A contact in the caller's scope (404 otherwise)."""
    return get_object_or_404(CONTACTS.queryset(request.user).select_related("community", "staff"), pk=contact_id)


@router.post("/staff/contacts/{contact_id}/follow-up-done", response=ContactOut,
             summary="フォローアップを完了にする / Mark a follow-up done")
@api_require_perm("support.close_follow_up", load=load_contact)
def follow_up_done(request: HttpRequest, contact: Contact, payload: FollowUpDoneIn) -> Contact:
    liaisons.close_follow_up(contact, actor=request.user, done_on=payload.done_on)
    return load_contact(request, contact.pk)
