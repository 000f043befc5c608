"""Who may use each meeting URL: everyone sees meetings; city staff the staff pages; the city and the branch of
the meeting's districts plan and record them; the city keeps the kinds."""

from __future__ import annotations

from tests.access import ALL, CITY, Case
from tests.dialogue.factories import ensure_kind, meeting_file, meeting_in_state

CITY_STAFF = frozenset({"city_admin", "branch_staff", "liaison", "department_staff"})
ORGANISERS_OWN = frozenset({"city_admin", "branch_staff"})


def _meeting(status):
    def kwargs(world, which):
        return {"pk": meeting_in_state(world.community(which), status).pk}

    return kwargs


def _file(status):
    def kwargs(world, which):
        attachment = meeting_file(meeting_in_state(world.community(which), status))
        return {"pk": attachment.meeting_id, "attachment_pk": attachment.pk}

    return kwargs


def _upload(world, which):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kyodo.dialogue.models import Meeting
    from tests.grants.factories import MINIMAL_PDF

    meeting = Meeting.objects.filter(communities=world.community(which)).latest("pk")
    return {"kind": "handout", "version": str(meeting.version),
            "file": SimpleUploadedFile("配布資料.pdf", MINIMAL_PDF, content_type="application/pdf")}


def _kind(world, which):
    return {"pk": ensure_kind().pk}


def _prefixed(action, **more):
    def data(world, which):
        from kyodo.dialogue.models import Meeting

        meeting = Meeting.objects.filter(communities=world.community(which)).latest("pk")
        return {f"{action}-{key}": value for key, value in {"version": str(meeting.version), **more}.items()}

    return data


COUNTS = {"attendance_residents": "10", "attendance_communities": "4", "attendance_city": "2", "attendance_other": "0"}

CASES = [
    Case("meetings:list", own=ALL),
    Case("meetings:ical", own=ALL),
    Case("meetings:detail", own=ALL, kwargs=_meeting("minutes_published")),
    Case("meetings:file", own=ALL, kwargs=_file("minutes_published")),
    Case("dialogue_staff:meeting-file-add", own=ORGANISERS_OWN, other=CITY, kwargs=_meeting("held"), method="post",
         data=_upload, ok_status=(302,)),
    Case("dialogue_staff:meeting-file-download", own=CITY_STAFF, kwargs=_file("held")),
    Case("dialogue_staff:meeting-file-delete", own=ORGANISERS_OWN, other=CITY, kwargs=_file("held")),
    Case("dialogue_staff:meeting-list", own=CITY_STAFF),
    Case("dialogue_staff:meeting-create", own=ORGANISERS_OWN),
    Case("dialogue_staff:meeting-detail", own=CITY_STAFF, kwargs=_meeting("planned")),
    Case("dialogue_staff:meeting-edit", own=ORGANISERS_OWN, other=CITY, kwargs=_meeting("planned")),
    Case("dialogue_staff:meeting-opinion-create", own=ORGANISERS_OWN, other=CITY, kwargs=_meeting("held")),
    Case("dialogue_staff:meeting-hold", own=ORGANISERS_OWN, other=CITY, kwargs=_meeting("planned"), method="post",
         data=_prefixed("hold", **COUNTS), ok_status=(302,)),
    Case("dialogue_staff:meeting-publish-minutes", own=ORGANISERS_OWN, other=CITY, kwargs=_meeting("held"),
         method="post", data=_prefixed("publish_minutes", minutes="道路の維持について話し合った。"), ok_status=(302,)),
    Case("dialogue_staff:meeting-cancel", own=ORGANISERS_OWN, other=CITY, kwargs=_meeting("planned"), method="post",
         data=_prefixed("cancel", comment="大雨のため"), ok_status=(302,)),
    Case("dialogue_staff:kind-list", own=CITY),
    Case("dialogue_staff:kind-create", own=CITY),
    Case("dialogue_staff:kind-edit", own=CITY, kwargs=_kind),
]
