"""Staff dispatch over the API: a community's request, the requests the caller sees, and the workflow's actions
(accept with staff, decline with a reason, log a visit, close with the outcome), each with the version read."""

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
from kyodo.communities.models import Community
from kyodo.support import dispatch
from kyodo.support.api.common import MAX_ID, Id, load_community
from kyodo.support.dispatch_workflow import CARRY_OUT, DECIDE, DISPATCH_WORKFLOW
from kyodo.support.forms import city_staff
from kyodo.support.models import DispatchPurpose, DispatchRequest, DispatchStatus
from kyodo.support.scopes import DISPATCH

router = Router()


class VisitOut(Schema):
    visited_on: dt.date
    staff: str = Field(alias="staff.username")
    summary: str


class DispatchOut(Schema):
    id: int
    community: str = Field(alias="community.slug")
    community_name: str = Field(alias="community.name")
    requested_on: dt.date
    purpose: str
    purpose_label: str = Field(alias="get_purpose_display")
    preferred_dates: str
    notes: str
    status: str
    status_label: str = Field(alias="get_status_display")
    assigned_staff: str | None = Field(None, alias="assigned_staff.username")
    decline_reason: str
    outcome: str
    plan_revision_id: int | None
    version: int
    visits: list[VisitOut]
    allowed_actions: list[str]

    @staticmethod
    def resolve_visits(request: DispatchRequest) -> list[Any]:
        return list(request.visits.all())

    @staticmethod
    def resolve_allowed_actions(request: DispatchRequest, context: Any) -> list[str]:
        return [action.name for action in DISPATCH_WORKFLOW.allowed_actions(request, context["request"].user)]


class DispatchFiltersIn(Schema):
    status: DispatchStatus | None = None


class RequestIn(Schema):
    purpose: DispatchPurpose
    preferred_dates: Text(200)  # type: ignore[valid-type]
    notes: Text(4000) = ""  # type: ignore[valid-type]


class ActionIn(Schema):
    version: Version
    comment: Text(2000) = ""  # type: ignore[valid-type]


class AcceptIn(ActionIn):
    staff: int = Field(..., ge=1, le=MAX_ID, description="the city employee dispatched (user id)")


class DeclineIn(ActionIn):
    reason: Text(2000)  # type: ignore[valid-type]


class VisitIn(ActionIn):
    visited_on: dt.date
    summary: Text(4000)  # type: ignore[valid-type]


class CloseIn(ActionIn):
    outcome: Text(4000)  # type: ignore[valid-type]


def _rows(user: Any) -> QuerySet[DispatchRequest]:
    return (DISPATCH.queryset(user).select_related("community__district__branch_office", "assigned_staff")
            .prefetch_related("visits__staff"))


def load_request(request: HttpRequest, request_id: Id) -> DispatchRequest:
    """A request in the caller's scope (404 otherwise)."""
    return get_object_or_404(_rows(request.user), pk=request_id)


@router.get("/staff/dispatch", response=list[DispatchOut], summary="職員派遣の依頼の一覧 / Dispatch requests")
@paginated
@api_require_perm("support.list_dispatch")
def list_requests(request: HttpRequest, filters: Query[DispatchFiltersIn]) -> QuerySet[DispatchRequest]:
    """The requests the caller sees: their community's, their branch's, their own dispatches, the city's."""
    rows = _rows(request.user)
    if filters.status is not None:
        rows = rows.filter(status=filters.status.value)
    return rows


@router.get("/staff/dispatch/{request_id}", response=DispatchOut, summary="職員派遣の依頼 / One request")
@api_require_perm("support.see_dispatch", load=load_request)
def get_request(request: HttpRequest, dispatch_request: DispatchRequest) -> DispatchRequest:
    return dispatch_request


@router.post("/staff/communities/{slug}/dispatch", response={201: DispatchOut},
             summary="職員派遣を依頼する / Request staff")
@api_require_perm("support.request_dispatch", load=load_community)
def request_dispatch(request: HttpRequest, community: Community, payload: RequestIn) -> Any:
    created = dispatch.request_dispatch(community, actor=request.user, purpose=payload.purpose.value,
                                        preferred_dates=payload.preferred_dates, notes=payload.notes)
    return Status(201, load_request(request, created.pk))


def _act(request: HttpRequest, dispatch_request: DispatchRequest, action: str, **values: Any) -> DispatchRequest:
    DISPATCH_WORKFLOW.service_for(action)(dispatch_request, actor=request.user, **values)
    return load_request(request, dispatch_request.pk)


@router.post("/staff/dispatch/{request_id}/accept", response=DispatchOut,
             summary="引き受けて職員を派遣する / Accept and assign staff")
@api_require_perm(DECIDE, load=load_request)
def accept_request(request: HttpRequest, dispatch_request: DispatchRequest, payload: AcceptIn) -> DispatchRequest:
    staff = city_staff().filter(pk=payload.staff).first()
    if staff is None:
        raise ValidationError({"staff": _("派遣する職員には、市の職員を選んでください。")})
    return _act(request, dispatch_request, "accept", version=payload.version, staff=staff, comment=payload.comment)


@router.post("/staff/dispatch/{request_id}/decline", response=DispatchOut,
             summary="お断りする / Decline with a reason")
@api_require_perm(DECIDE, load=load_request)
def decline_request(request: HttpRequest, dispatch_request: DispatchRequest, payload: DeclineIn) -> DispatchRequest:
    return _act(request, dispatch_request, "decline", **payload.dict())


@router.post("/staff/dispatch/{request_id}/visits", response=DispatchOut,
             summary="訪問を記録する / Log a visit")
@api_require_perm(CARRY_OUT, load=load_request)
def log_visit(request: HttpRequest, dispatch_request: DispatchRequest, payload: VisitIn) -> DispatchRequest:
    return _act(request, dispatch_request, "log_visit", **payload.dict())


@router.post("/staff/dispatch/{request_id}/close", response=DispatchOut,
             summary="成果を記録して完了する / Close with the outcome")
@api_require_perm(CARRY_OUT, load=load_request)
def close_request(request: HttpRequest, dispatch_request: DispatchRequest, payload: CloseIn) -> DispatchRequest:
    return _act(request, dispatch_request, "close", **payload.dict())
