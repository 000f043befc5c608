"""Meeting files (minutes, handouts): added by those who may manage the meeting, checked by their bytes,
public once the minutes are published (or at once when marked so); a refused file stores nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kyodo.audit.models import AuditEvent
from kyodo.dialogue.models import Meeting, MeetingAttachment
from tests.dialogue.factories import meeting_in_state
from tests.grants.factories import MINIMAL_PDF


def _files(settings) -> list[Path]:
    return sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file() and "dialogue" in p.parts)


def _upload(client, meeting, name="議事録.pdf", content=MINIMAL_PDF, *, kind="minutes", public_now=False,
            version=None):
    data = {"kind": kind, "version": str(version or Meeting.objects.get(pk=meeting.pk).version),
            "file": SimpleUploadedFile(name, content, content_type="application/pdf")}
    if public_now:
        data["public_now"] = "on"
    return client.post(reverse("dialogue_staff:meeting-file-add", args=[meeting.pk]), data)


def test_the_city_attaches_minutes_that_become_public_with_the_minutes(world, settings):
    meeting = meeting_in_state(world.community_a, "held")
    response = _upload(world.client("city_admin"), meeting)
    assert response.status_code == 302
    attachment = MeetingAttachment.objects.get()
    assert (attachment.original_name, attachment.kind, attachment.content_type) == (
        "議事録.pdf", "minutes", "application/pdf")
    assert attachment.file.name.startswith(f"dialogue/meetings/{meeting.pk}/") and "議事録" not in attachment.file.name
    assert AuditEvent.objects.filter(action="meeting_attachment.added").count() == 1
    assert Meeting.objects.get(pk=meeting.pk).version == meeting.version + 1
    staff_page = world.client("city_admin").get(meeting.staff_url).content.decode()
    assert "議事録.pdf" in staff_page

    anonymous = Client()
    public_url = reverse("meetings:file", args=[meeting.pk, attachment.pk])
    assert "議事録.pdf" not in anonymous.get(meeting.get_absolute_url()).content.decode()
    assert anonymous.get(public_url).status_code == 404

    Meeting.objects.filter(pk=meeting.pk).update(status="minutes_published")
    page = anonymous.get(meeting.get_absolute_url()).content.decode()
    assert "議事録.pdf" in page and "t_builder_city" not in page
    response = anonymous.get(public_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert response["Content-Security-Policy"] == "sandbox"


def test_a_handout_marked_public_is_public_before_the_meeting(world):
    meeting = meeting_in_state(world.community_a, "planned", days_from_now=5)
    assert _upload(world.client("branch_staff"), meeting, "配布資料.pdf", kind="handout",
                   public_now=True).status_code == 302
    attachment = MeetingAttachment.objects.get()
    page = Client().get(meeting.get_absolute_url()).content.decode()
    assert "配布資料.pdf" in page
    assert Client().get(reverse("meetings:file", args=[meeting.pk, attachment.pk])).status_code == 200


def test_a_file_of_another_meeting_is_not_served_under_this_one(world):
    meeting = meeting_in_state(world.community_a, "minutes_published")
    other = meeting_in_state(world.community_b, "minutes_published", title="別の会議")
    _upload(world.client("city_admin"), meeting)
    attachment = MeetingAttachment.objects.get()
    assert Client().get(reverse("meetings:file", args=[other.pk, attachment.pk])).status_code == 404
    city = world.client("city_admin")
    assert city.get(reverse("dialogue_staff:meeting-file-download", args=[other.pk, attachment.pk])).status_code == 404


@pytest.mark.parametrize(("name", "content", "message"), [
    ("議事録.pdf", b"<html><script>alert(1)</script></html>", "添付できるのはPDF、PNG、JPEGのファイルだけです。"),
    ("議事録.exe", MINIMAL_PDF, "ファイル名の拡張子(.exe)がファイルの内容(PDF)と一致しません。"),
    ("空.pdf", b"", "ファイルが空です。"),
])
def test_a_wrong_file_is_refused_and_nothing_is_stored(world, settings, name, content, message):
    meeting = meeting_in_state(world.community_a, "held")
    response = _upload(world.client("city_admin"), meeting, name, content)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not MeetingAttachment.objects.exists() and _files(settings) == []
    assert Meeting.objects.get(pk=meeting.pk).version == meeting.version
    assert not AuditEvent.objects.filter(action="meeting_attachment.added").exists()


def test_a_file_over_the_limit_is_refused(world, settings):
    settings.KYODO_MAX_UPLOAD_BYTES = 100
    meeting = meeting_in_state(world.community_a, "held")
    response = _upload(world.client("city_admin"), meeting, content=MINIMAL_PDF + b"0" * 200)
    assert response.status_code == 422
    assert "ファイルが大きすぎます。" in response.content.decode()
    assert not MeetingAttachment.objects.exists() and _files(settings) == []


def test_a_stale_version_or_a_cancelled_meeting_is_a_conflict(world, settings):
    meeting = meeting_in_state(world.community_a, "held")
    response = _upload(world.client("city_admin"), meeting, version=meeting.version + 5)
    assert response.status_code == 409
    cancelled = meeting_in_state(world.community_a, "cancelled", title="中止した会議")
    response = _upload(world.client("city_admin"), cancelled)
    assert response.status_code == 409
    assert "中止した会議のファイルは変更できません。" in response.content.decode()
    assert not MeetingAttachment.objects.exists() and _files(settings) == []


def test_removing_a_file_deletes_it_and_is_audited(world, settings, django_capture_on_commit_callbacks):
    meeting = meeting_in_state(world.community_a, "held")
    client = world.client("city_admin")
    _upload(client, meeting)
    attachment = MeetingAttachment.objects.get()
    url = reverse("dialogue_staff:meeting-file-delete", args=[meeting.pk, attachment.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"version": str(Meeting.objects.get(pk=meeting.pk).version)})
    assert response.status_code == 302
    assert not MeetingAttachment.objects.exists() and _files(settings) == []
    assert AuditEvent.objects.filter(action="meeting_attachment.removed").count() == 1


def test_other_branches_may_not_add_files(world):
    meeting = meeting_in_state(world.community_b, "held")
    response = _upload(world.client("branch_staff"), meeting)
    assert response.status_code == 403
    assert not MeetingAttachment.objects.exists()


def test_the_public_meeting_page_reads_files_in_constant_queries(world):
    meeting = meeting_in_state(world.community_a, "minutes_published")
    client = world.client("city_admin")
    _upload(client, meeting)
    anonymous = Client()
    anonymous.get(meeting.get_absolute_url())
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        anonymous.get(meeting.get_absolute_url())
        client.get(meeting.staff_url)
    for index in range(4):
        _upload(client, meeting, f"配布資料{index}.pdf", kind="handout")
    with CaptureQueriesContext(connection) as five:
        assert "配布資料3.pdf" in anonymous.get(meeting.get_absolute_url()).content.decode()
        assert "配布資料3.pdf" in client.get(meeting.staff_url).content.decode()
    assert len(five) == len(one)
