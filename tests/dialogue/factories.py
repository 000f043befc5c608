"""Opinions in any state for the tests, made by the same builder as the demo and the benchmark."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kyodo.accounts.models import User
from kyodo.accounts.roles import Role
from kyodo.dialogue import building
from kyodo.dialogue.models import Opinion, OpinionCategory
from kyodo.plans.models import Department


def ensure_category(name: str = "防災・安全") -> OpinionCategory:
    return OpinionCategory.objects.get_or_create(name=name)[0]


def _builder_cast(department: Department) -> building.Cast:
    city, _ = User.objects.get_or_create(username="t_builder_city", defaults={"role": Role.CITY_ADMIN})
    staff, _ = User.objects.get_or_create(username=f"t_builder_dept_{department.pk}",
                                          defaults={"role": Role.DEPARTMENT_STAFF, "department": department})
    return building.Cast(city=city, department_staff=staff)


def default_department() -> Department:
    return Department.objects.get_or_create(name="まちづくり推進課")[0]


def opinion_in_state(community, status: str, *, department: Department | None = None, outcome: str = "operations",
                     received_on: dt.date | None = None, due_in_days: int = 30, title: str = "街灯を増やしてほしい",
                     category: OpinionCategory | None = None, body: str = "") -> Opinion:
    department = department or default_department()
    opinion, transitions = building.build(
        status=status, cast=_builder_cast(department), category=category or ensure_category(),
        district=community.district, community=community, departments=[department],
        received_on=received_on or timezone.localdate() - dt.timedelta(days=2), title=title, body=body,
        outcome=outcome, due_in_days=due_in_days,
    )
    return building.save(opinion, transitions)


def ensure_kind(name: str = "意見交換会"):
    from kyodo.dialogue.models import MeetingKind

    return MeetingKind.objects.get_or_create(name=name)[0]


def meeting_in_state(community, status: str = "planned", *, days_from_now: int = -3, title: str = "地区の意見交換会"):
    """A meeting of ``community``'s district in ``status``, with its timeline."""
    from kyodo.dialogue.meeting_workflow import MEETING_WORKFLOW
    from kyodo.dialogue.models import Meeting, MeetingTransition
    from kyodo.fiscal_years import FiscalYear

    city, _ = User.objects.get_or_create(username="t_builder_city", defaults={"role": Role.CITY_ADMIN})
    starts_at = timezone.now() + dt.timedelta(days=days_from_now)
    path = {"planned": [], "held": ["hold"], "minutes_published": ["hold", "publish_minutes"],
            "cancelled": ["cancel"]}[status]
    counts = {"attendance_residents": 12, "attendance_communities": 5, "attendance_city": 3, "attendance_other": 0}
    meeting = Meeting.objects.create(
        kind=ensure_kind(), title=title, status=status, starts_at=starts_at, place_district=community.district,
        agenda="地域の課題について", planned_by=city, fiscal_year=FiscalYear.of(starts_at.date()).year,
        version=len(path) + 1, cancel_reason="台風接近のため" if status == "cancelled" else "",
        minutes="防災について意見が出された。" if status == "minutes_published" else "",
        **(counts if status in ("held", "minutes_published") else {}),
    )
    meeting.districts.set([community.district])
    meeting.communities.set([community])
    before = "planned"
    for action in path:
        target = MEETING_WORKFLOW.action(action).target
        MeetingTransition.objects.create(meeting=meeting, from_status=before, to_status=target, action=action,
                                         actor=city)
        before = target
    return meeting


def request_in_state(community, status: str = "requested"):
    from kyodo.dialogue.models import MeetingRequest, MeetingRequestTransition

    requester, _ = User.objects.get_or_create(username=f"t_requester_{community.pk}", defaults={
        "role": Role.COMMUNITY_SECRETARIAT, "community": community})
    meeting = meeting_in_state(community, "planned", days_from_now=20) if status == "scheduled" else None
    request = MeetingRequest.objects.create(
        community=community, kind=ensure_kind(), purpose="防災について話し合いたい", status=status,
        first_choice_on=timezone.localdate() + dt.timedelta(days=30), requested_by=requester, meeting=meeting,
        decline_reason="日程の都合がつかないため" if status == "declined" else "",
        version=1 if status == "requested" else 2,
    )
    if status != "requested":
        city, _ = User.objects.get_or_create(username="t_builder_city", defaults={"role": Role.CITY_ADMIN})
        MeetingRequestTransition.objects.create(request=request, from_status="requested", to_status=status,
                                                action="schedule" if status == "scheduled" else "decline", actor=city)
    return request


def meeting_file(meeting, *, kind: str = "minutes", public_now: bool = False, name: str = "議事録.pdf"):
    """A PDF attached to ``meeting`` (stored as the service stores it)."""
    from django.core.files.base import ContentFile

    from kyodo.attachments import checked_upload
    from kyodo.dialogue.models import MeetingAttachment
    from tests.grants.factories import MINIMAL_PDF

    upload = ContentFile(MINIMAL_PDF, name=name)
    attachment = MeetingAttachment(meeting=meeting, kind=kind, public_now=public_now,
                                   uploaded_by=meeting.planned_by, **checked_upload(upload).fields())
    attachment.file.save("upload", upload, save=False)
    attachment.save()
    return attachment
