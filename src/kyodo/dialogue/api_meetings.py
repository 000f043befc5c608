"""/api/v1/dialogue: meetings as the public sees them; the staff's meetings and meeting requests, and their actions
(``router``, mounted under kyodo.dialogue.api's staff router).

Planning and the actions call the same services as the staff pages (kyodo.dialogue.meetings, .requests), so
the same permissions, checks, optimistic locking, timeline and audit apply; kyodo.api_errors answers their
refusals (409 stale or wrong state, 403, 422 with errors). Ids that name nothing are a 422 on their field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from kyodo.access import api_require_perm, api_signed_in
from kyodo.api_inputs import Count, Text, Version
from kyodo.api_paging import paginated
from kyodo.communities.models import Community, District
from kyodo.dialogue import meeting_files, meeting_queries, meetings, requests
from kyodo.dialogue.meeting_workflow import MEETING_WORKFLOW
from kyodo.dialogue.models import (
    Meeting,
    MeetingAttachment,
    MeetingKind,
    MeetingRequest,
    MeetingRequestStatus,
    MeetingStatus,
)
from kyodo.dialogue.scopes import MEETING_REQUESTS
from kyodo.query_params import MAX_ID

router = Router(tags=["dialogue"], auth=django_auth)
Id = Field(..., ge=1, le=MAX_ID)


class MeetingOut(Schema):
    id: int
    title: str
    kind: str = Field(alias="kind.name")
    status: str
    status_label: str = Field(alias="get_status_display")
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    place: str
    districts: list[str]
    communities: list[str]
    agenda: str
    attendance_residents: int | None
    attendance_communities: int | None
    attendance_city: int | None
    attendance_other: int | None
    minutes: str
    cancel_reason: str
    is_demo_data: bool
    url: str = Field(alias="get_absolute_url")

    @staticmethod
    def resolve_districts(meeting: Meeting) -> list[str]:
        return [district.name for district in meeting.districts.all()]

    @staticmethod
    def resolve_communities(meeting: Meeting) -> list[str]:
        return [community.name for community in meeting.communities.all()]

    @staticmethod
    def resolve_minutes(meeting: Meeting) -> str:
        return meeting.minutes if meeting.status == MeetingStatus.MINUTES_PUBLISHED else ""


class MeetingFileOut(Schema):
    id: int
    name: str = Field(alias="original_name")
    kind: str
    kind_label: str = Field(alias="get_kind_display")
    content_type: str
    size_bytes: int
    url: str

    @staticmethod
    def resolve_url(attachment: MeetingAttachment) -> str:
        return reverse("meetings:file", args=[attachment.meeting_id, attachment.pk])


class MeetingDetailOut(MeetingOut):
    files: list[MeetingFileOut]

    @staticmethod
    def resolve_files(meeting: Meeting) -> list[MeetingAttachment]:
        """The public files only (all once the minutes are published, else those marked public)."""
        return list(meeting_files.public_files(meeting))




class StaffMeetingOut(MeetingOut):
    version: int
    allowed_actions: list[str]
    url: str = Field(alias="staff_url")

    @staticmethod
    def resolve_minutes(meeting: Meeting) -> str:
        return meeting.minutes

    @staticmethod
    def resolve_allowed_actions(meeting: Meeting, context: Any) -> list[str]:
        return [action.name for action in MEETING_WORKFLOW.allowed_actions(meeting, context["request"].user)]


class MeetingIn(Schema):
    kind: int = Id
    title: Text(200)  # type: ignore[valid-type]
    starts_at: dt.datetime
    ends_at: dt.datetime | None = None
    place_district: int | None = Field(None, ge=1, le=MAX_ID, description="the district whose citizen centre hosts")
    place_text: Text(200) = ""  # type: ignore[valid-type]
    districts: list[int] = Field([], max_length=100)
    communities: list[int] = Field([], max_length=200)
    agenda: Text(5000) = ""  # type: ignore[valid-type]


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """A time without a zone is the city's local time."""
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def _all_of(model: Any, ids: list[int], field: str) -> list[Any]:
    found = list(model.objects.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({field: _("選べない項目が含まれています。")})
    return found


def _one_of(model: Any, pk: int | None, field: str, message: str) -> Any:
    if pk is None:
        return None
    found = model.objects.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: message})
    return found


def _meeting_fields(payload: MeetingIn) -> dict[str, Any]:
    return {
        "kind": _one_of(MeetingKind, payload.kind, "kind", _("種類を選んでください。")),
        "title": payload.title.strip(), "starts_at": _aware(payload.starts_at), "ends_at": _aware(payload.ends_at),
        "place_district": _one_of(District, payload.place_district, "place_district", _("選べない会場です。")),
        "place_text": payload.place_text.strip(),
        "districts": _all_of(District, payload.districts, "districts"),
        "communities": _all_of(Community, payload.communities, "communities"),
        "agenda": payload.agenda,
    }


def staff_meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    return meeting_queries.meeting_page(meeting_id)


@router.post("/staff/meetings", response={201: StaffMeetingOut}, summary="会議を登録する / Plan a meeting")
@api_require_perm("dialogue.plan_meeting")
def plan_meeting(request: HttpRequest, payload: MeetingIn) -> Status[Meeting]:
    meeting = meetings.plan_meeting(actor=request.user, **_meeting_fields(payload))
    return Status(201, meeting_queries.meeting_page(meeting.pk))


@router.get("/staff/meetings/{meeting_id}", response=StaffMeetingOut, summary="会議(職員) / One meeting")
@api_require_perm("dialogue.list_meetings", load=staff_meeting)
def get_staff_meeting(request: HttpRequest, meeting: Meeting) -> Meeting:
    return meeting


class MeetingActionIn(Schema):
    version: Version
    comment: Text(2000) = ""  # type: ignore[valid-type]


class HoldIn(MeetingActionIn):
    attendance_residents: Count
    attendance_communities: Count
    attendance_city: Count
    attendance_other: Count


class MinutesIn(MeetingActionIn):
    minutes: Text(20_000)  # type: ignore[valid-type]


class CancelIn(MeetingActionIn):
    comment: Text(2000)  # type: ignore[valid-type]


def _act_on_meeting(request: HttpRequest, meeting: Meeting, action: str, **values: Any) -> Meeting:
    MEETING_WORKFLOW.service_for(action)(meeting, actor=request.user, **values)
    return meeting_queries.meeting_page(meeting.pk)


@router.post("/staff/meetings/{meeting_id}/hold", response=StaffMeetingOut,
                   summary="開催を記録する / Record that the meeting was held")
@api_require_perm("dialogue.manage_meeting", load=staff_meeting)
def hold_meeting(request: HttpRequest, meeting: Meeting, payload: HoldIn) -> Meeting:
    return _act_on_meeting(request, meeting, "hold", **payload.dict())


@router.post("/staff/meetings/{meeting_id}/publish-minutes", response=StaffMeetingOut,
                   summary="記録を公開する / Publish the minutes")
@api_require_perm("dialogue.manage_meeting", load=staff_meeting)
def publish_minutes(request: HttpRequest, meeting: Meeting, payload: MinutesIn) -> Meeting:
    return _act_on_meeting(request, meeting, "publish_minutes", **payload.dict())


@router.post("/staff/meetings/{meeting_id}/cancel", response=StaffMeetingOut,
                   summary="中止する / Cancel the meeting (with a reason)")
@api_require_perm("dialogue.manage_meeting", load=staff_meeting)
def cancel_meeting(request: HttpRequest, meeting: Meeting, payload: CancelIn) -> Meeting:
    return _act_on_meeting(request, meeting, "cancel", **payload.dict())


# ---- meeting requests ------------------------------------------------------------------------


class MeetingRequestOut(Schema):
    id: int
    community: str = Field(alias="community.name")
    kind: str = Field(alias="kind.name")
    status: str
    status_label: str = Field(alias="get_status_display")
    purpose: str
    first_choice_on: dt.date
    second_choice_on: dt.date | None
    note: str
    meeting_id: int | None
    decline_reason: str
    created_at: dt.datetime
    version: int
    allowed_actions: list[str]
    url: str = Field(alias="staff_url")

    @staticmethod
    def resolve_allowed_actions(meeting_request: MeetingRequest, context: Any) -> list[str]:
        user = context["request"].user
        return [action.name for action in requests.REQUEST_WORKFLOW.allowed_actions(meeting_request, user)]


class MeetingRequestIn(Schema):
    kind: int = Id
    purpose: Text(2000)  # type: ignore[valid-type]
    first_choice_on: dt.date
    second_choice_on: dt.date | None = None
    note: Text(300) = ""  # type: ignore[valid-type]


class ScheduleIn(MeetingActionIn):
    meeting: int = Id


class DeclineIn(MeetingActionIn):
    comment: Text(2000)  # type: ignore[valid-type]


def _requests() -> QuerySet[MeetingRequest]:
    return MeetingRequest.objects.select_related("community__district", "kind")


def visible_request(request: HttpRequest, request_id: int) -> MeetingRequest:
    return get_object_or_404(_requests(), pk=request_id)


def requesting_community(request: HttpRequest, slug: str) -> Community:
    return get_object_or_404(Community.objects.select_related("district"), slug=slug)


@router.get("/staff/meeting-requests", response=list[MeetingRequestOut],
                  summary="会議の開催申込みの一覧 / The caller's meeting requests")
@paginated
@api_signed_in
def list_requests(request: HttpRequest, status: MeetingRequestStatus | None = None) -> QuerySet[MeetingRequest]:
    """The requests the caller sees (the staff list's scope), newest first."""
    rows = MEETING_REQUESTS.queryset(request.user).select_related("community__district", "kind")
    if status is not None:
        rows = rows.filter(status=status.value)
    return rows.order_by("-created_at", "-pk")


@router.post("/staff/communities/{slug}/meeting-requests", response={201: MeetingRequestOut},
                   summary="会議の開催を申し込む / Request a meeting")
@api_require_perm("dialogue.request_meeting", load=requesting_community)
def request_meeting(request: HttpRequest, community: Community, payload: MeetingRequestIn) -> Status[MeetingRequest]:
    made = requests.request_meeting(
        community, actor=request.user,
        kind=_one_of(MeetingKind, payload.kind, "kind", _("種類を選んでください。")),
        purpose=payload.purpose.strip(), first_choice_on=payload.first_choice_on,
        second_choice_on=payload.second_choice_on, note=payload.note.strip())
    return Status(201, visible_request(request, made.pk))


@router.get("/staff/meeting-requests/{request_id}", response=MeetingRequestOut,
                  summary="会議の開催申込み / One meeting request")
@api_require_perm("dialogue.see_meeting_request", load=visible_request)
def get_request(request: HttpRequest, meeting_request: MeetingRequest) -> MeetingRequest:
    return meeting_request


@router.post("/staff/meeting-requests/{request_id}/schedule", response=MeetingRequestOut,
                   summary="開催を決める / Schedule the requested meeting")
@api_require_perm("dialogue.decide_meeting_request", load=visible_request)
def schedule_request(request: HttpRequest, meeting_request: MeetingRequest, payload: ScheduleIn) -> MeetingRequest:
    meeting = _one_of(Meeting, payload.meeting, "meeting", _("開催予定の会議を選んでください。"))
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError({"meeting": _("開催予定の会議を選んでください。")})
    requests.schedule_request(meeting_request, actor=request.user, version=payload.version, meeting=meeting,
                              comment=payload.comment)
    return visible_request(request, meeting_request.pk)


@router.post("/staff/meeting-requests/{request_id}/decline", response=MeetingRequestOut,
                   summary="見送る / Decline the request (with a reason)")
@api_require_perm("dialogue.decide_meeting_request", load=visible_request)
def decline_request(request: HttpRequest, meeting_request: MeetingRequest, payload: DeclineIn) -> MeetingRequest:
    requests.decline_request(meeting_request, actor=request.user, version=payload.version, comment=payload.comment)
    return visible_request(request, meeting_request.pk)
