"""Attachments: checked by their bytes, stored under kyodo's names, downloaded only by those who may."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from kyodo.audit.models import AuditEvent
from kyodo.grants.attachments import services
from kyodo.grants.models import Application, Attachment
from kyodo.locking import StaleObject
from tests.grants.factories import MINIMAL_PDF, application_in_state, community_user


def _image(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


PNG = _image("PNG")
JPEG = _image("JPEG")
VALID = [("見積書.pdf", MINIMAL_PDF, "application/pdf", "pdf"), ("会場の写真.png", PNG, "image/png", "png"),
         ("領収書.JPG", JPEG, "image/jpeg", "jpg")]


def _files(settings) -> list[Path]:
    return sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


def _version(application) -> str:
    return str(Application.objects.get(pk=application.pk).version)


def _upload(client, application, name, content, *, kind="document", version=None, content_type="application/pdf"):
    return client.post(reverse("grants_staff:attachment-add", args=[application.pk]), {
        "kind": kind, "version": version or _version(application),
        "file": SimpleUploadedFile(name, content, content_type=content_type),
    })


@pytest.fixture
def draft(world):
    return application_in_state(world.community_a, "draft")


# ---- storing and downloading -----------------------------------------------------------------


@pytest.mark.parametrize(("name", "content", "content_type", "suffix"), VALID)
def test_a_valid_file_is_stored_under_a_uuid_name_and_downloads_byte_identical(
    world, draft, settings, name, content, content_type, suffix
):
    response = _upload(world.client("community_secretariat"), draft, name, content,
                       content_type="application/octet-stream")
    assert response.status_code == 302
    assert response["Location"] == reverse("grants_staff:application-detail", args=[draft.pk])
    attachment = Attachment.objects.get()
    assert re.fullmatch(rf"grants/{draft.pk}/[0-9a-f]{{32}}\.{suffix}", attachment.file.name)
    assert (attachment.original_name, attachment.content_type, attachment.size_bytes) == (
        name, content_type, len(content))
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert _files(settings) == [Path(settings.MEDIA_ROOT) / attachment.file.name]
    assert Application.objects.get(pk=draft.pk).version == draft.version + 1

    url = reverse("grants_staff:attachment-download", args=[draft.pk, attachment.pk])
    for role in ("community_secretariat", "community_officer", "branch_staff", "city_admin", "liaison"):
        download = world.client(role).get(url)
        assert download.status_code == 200, role
        assert b"".join(download.streaming_content) == content
        assert download["Content-Type"] == content_type
        assert download["X-Content-Type-Options"] == "nosniff"
        disposition = download["Content-Disposition"]
        assert disposition.startswith("attachment;") and "/" not in disposition
        assert "filename*=UTF-8''" in disposition and disposition.endswith(
            "''" + "".join(f"%{b:02X}" if b > 127 else chr(b) for b in name.encode()))


def test_the_upload_form_is_multipart_and_offers_only_the_kinds_allowed_now(world, draft):
    page = world.client("community_secretariat").get(reverse("grants_staff:attachment-add", args=[draft.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in html and 'type="file"' in html
    assert 'value="document"' in html and 'value="receipt"' not in html


def test_other_communities_and_roles_cannot_download(world, settings):
    reported = application_in_state(world.community_a, "reported")
    receipt = reported.attachments.get(kind="receipt")
    url = reverse("grants_staff:attachment-download", args=[reported.pk, receipt.pk])
    other = community_user(world.community_b)
    from django.test import Client

    client = Client()
    client.force_login(other)
    assert client.get(url).status_code in (403, 404)
    for role in ("department_staff", "advisor", "company_contact"):
        assert world.client(role).get(url).status_code in (403, 404), role
    assert world.client("anonymous").get(url).status_code == 302
    # An attachment of another application under this application's URL: not found.
    elsewhere = application_in_state(world.community_b, "reported").attachments.get(kind="receipt")
    wrong = reverse("grants_staff:attachment-download", args=[reported.pk, elsewhere.pk])
    assert world.client("city_admin").get(wrong).status_code == 404


def test_media_files_are_not_served_by_url(world, draft, settings):
    _upload(world.client("community_secretariat"), draft, "a.pdf", MINIMAL_PDF)
    attachment = Attachment.objects.get()
    assert world.client("city_admin").get(f"{settings.MEDIA_URL}{attachment.file.name}").status_code == 404


# ---- refused files: a clear message, nothing stored --------------------------------------------


def _assert_refused(response, message, settings):
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Attachment.objects.exists()
    assert _files(settings) == []


def test_too_large_is_refused(world, draft, settings):
    settings.KYODO_MAX_UPLOAD_BYTES = 1024 * 1024
    content = MINIMAL_PDF + b"%" * (1024 * 1024)
    response = _upload(world.client("community_secretariat"), draft, "大きい.pdf", content)
    _assert_refused(response, "ファイルが大きすぎます。1 MB以下", settings)


def test_the_default_limit_is_ten_megabytes(settings):
    del settings.KYODO_MAX_UPLOAD_BYTES
    assert services.max_upload_bytes() == 10 * 1024 * 1024
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError, match="10 MB以下"):
        services.check_upload(big)


@pytest.mark.parametrize(("name", "content"), [
    ("setup.exe", b"MZ\x90\x00\x03" + b"\x00" * 200),
    ("invoice.pdf", b"<html><script>alert(1)</script></html>"),
    ("fake.png", b"\x89PNG\r\n\x1a\n" + b"not really an image" * 10),
    ("fake.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100),
    ("notes.txt", b"just text"),
])
def test_wrong_types_are_refused_by_their_bytes(world, draft, settings, name, content):
    response = _upload(world.client("community_secretariat"), draft, name, content, content_type="application/pdf")
    _assert_refused(response, "添付できるのはPDF、PNG、JPEGのファイルだけです。", settings)


def test_an_empty_file_is_refused(world, draft, settings):
    response = _upload(world.client("community_secretariat"), draft, "空.pdf", b"")
    _assert_refused(response, "ファイルが空です。", settings)
    with pytest.raises(ValidationError, match="ファイルが空です"):
        services.check_upload(SimpleUploadedFile("空.pdf", b""))


@pytest.mark.parametrize(("name", "content"), [("photo.pdf", PNG), ("scan.png", MINIMAL_PDF),
                                               ("receipt.exe", MINIMAL_PDF), ("image.jpg", PNG)])
def test_an_extension_contradicting_the_content_is_refused(world, draft, settings, name, content):
    response = _upload(world.client("community_secretariat"), draft, name, content)
    _assert_refused(response, "ファイル名の拡張子", settings)


def test_without_a_file_the_form_says_so(world, draft, settings):
    response = world.client("community_secretariat").post(
        reverse("grants_staff:attachment-add", args=[draft.pk]), {"kind": "document", "version": _version(draft)})
    _assert_refused(response, "添付するファイルを選んでください。", settings)


# ---- names -------------------------------------------------------------------------------------


HOSTILE_NAMES = ["../../../etc/passwd.pdf", "..\\..\\x.pdf", "%2e%2e%2fx.pdf", "C:\\x\\y.pdf", "/abs/z.pdf",
                 "a\x00b\x1f\u202e.pdf", "%2e%2e%5c%2e%2e%5cw.pdf"]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_stay_names(world, draft, settings, name):
    user = community_user(world.community_a)
    attachment = services.add_attachment(draft, actor=user, kind="document", version=draft.version,
                                         uploaded_file=SimpleUploadedFile(name, MINIMAL_PDF))
    stored = (Path(settings.MEDIA_ROOT) / attachment.file.name).resolve()
    assert stored.parent == (Path(settings.MEDIA_ROOT) / "grants" / str(draft.pk)).resolve()
    assert _files(settings) == [stored]
    shown = attachment.original_name
    assert shown.endswith(".pdf") and shown.strip(".") == shown.lstrip(".")
    assert not any(c in shown for c in "/\\\x00\x1f\u202e") and ".." not in shown


@pytest.mark.parametrize("name", ["../../../etc/passwd.pdf", "..\\..\\x.pdf", "%2e%2e%2fx.pdf"])
def test_hostile_names_through_the_form(world, draft, settings, name):
    assert _upload(world.client("community_secretariat"), draft, name, MINIMAL_PDF).status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.file.name.startswith(f"grants/{draft.pk}/")
    assert "/" not in attachment.original_name and "\\" not in attachment.original_name
    assert attachment.original_name in ("passwd.pdf", "x.pdf")


def test_display_name():
    assert services.display_name("../../../etc/passwd.pdf") == "passwd.pdf"
    assert services.display_name("C:\\x\\y.pdf") == "y.pdf"
    assert services.display_name("%2e%2e%2fx.pdf") == "x.pdf"
    assert services.display_name("見積\r\n書.pdf") == "見積書.pdf"
    assert services.display_name("..") == "" and services.display_name(".htaccess") == "htaccess"
    long = services.display_name("あ" * 300 + ".pdf")
    assert len(long) == 200 and long.endswith(".pdf")


# ---- when and by whom ----------------------------------------------------------------------------


def test_receipts_are_refused_while_draft_and_documents_after_award(world, settings):
    user = community_user(world.community_a)
    draft = application_in_state(world.community_a, "draft")
    with pytest.raises(services.AttachmentNotAllowed, match="領収書を変更できません"):
        services.add_attachment(draft, actor=user, kind="receipt", version=draft.version,
                                uploaded_file=SimpleUploadedFile("r.pdf", MINIMAL_PDF))
    response = _upload(world.client("community_secretariat"), draft, "r.pdf", MINIMAL_PDF, kind="receipt")
    _assert_refused(response, "今は添付できない種類です。", settings)

    awarded = application_in_state(world.community_a, "awarded")
    with pytest.raises(services.AttachmentNotAllowed, match="添付書類を変更できません"):
        services.add_attachment(awarded, actor=user, kind="document", version=awarded.version,
                                uploaded_file=SimpleUploadedFile("d.pdf", MINIMAL_PDF))
    response = _upload(world.client("community_secretariat"), awarded, "d.pdf", MINIMAL_PDF, kind="document")
    _assert_refused(response, "今は添付できない種類です。", settings)
    assert _upload(world.client("community_secretariat"), awarded, "r.pdf", MINIMAL_PDF,
                   kind="receipt").status_code == 302
    assert Attachment.objects.get().kind == "receipt"


@pytest.mark.parametrize("status", ["submitted", "recommended", "reported", "settled", "closed"])
def test_nothing_can_be_attached_while_under_review_or_after_the_report(world, settings, status):
    application = application_in_state(world.community_a, status)
    before = _files(settings)
    page = world.client("community_secretariat").get(reverse("grants_staff:attachment-add", args=[application.pk]))
    assert page.status_code == 409
    response = _upload(world.client("community_secretariat"), application, "d.pdf", MINIMAL_PDF)
    assert response.status_code == 409 and _files(settings) == before


def test_the_branch_and_the_city_cannot_attach(world, draft):
    for role in ("branch_staff", "city_admin", "liaison"):
        assert _upload(world.client(role), draft, "d.pdf", MINIMAL_PDF).status_code == 403, role
    assert not Attachment.objects.exists()


def test_a_stale_version_is_a_conflict_and_nothing_is_stored(world, draft, settings):
    stale = _version(draft)
    Application.objects.filter(pk=draft.pk).update(version=draft.version + 1)
    response = _upload(world.client("community_secretariat"), draft, "d.pdf", MINIMAL_PDF, version=stale)
    assert response.status_code == 409 and "他の方が先に更新しました" in response.content.decode()
    assert not Attachment.objects.exists() and _files(settings) == []
    with pytest.raises(StaleObject):
        services.add_attachment(draft, actor=community_user(world.community_a), kind="document", version=int(stale),
                                uploaded_file=SimpleUploadedFile("d.pdf", MINIMAL_PDF))
    assert not Attachment.objects.exists() and _files(settings) == []


def test_at_most_so_many_per_kind(world, draft, settings, monkeypatch):
    monkeypatch.setattr(services, "MAX_PER_KIND", 2)
    client = world.client("community_secretariat")
    for index in range(2):
        assert _upload(client, draft, f"{index}.pdf", MINIMAL_PDF).status_code == 302
    response = _upload(client, draft, "3.pdf", MINIMAL_PDF)
    assert response.status_code == 422 and "2件まで添付できます" in response.content.decode()
    assert Attachment.objects.count() == 2 and len(_files(settings)) == 2


def test_the_limit_is_twenty():
    assert services.MAX_PER_KIND == 20


def test_adding_and_removing_are_audited_without_the_content(world, draft, settings,
                                                              django_capture_on_commit_callbacks):
    client = world.client("community_secretariat")
    assert _upload(client, draft, "見積書.pdf", MINIMAL_PDF).status_code == 302
    attachment = Attachment.objects.get()
    event = AuditEvent.objects.get(action="grant_attachment.added")
    assert event.data["name"] == "見積書.pdf" and event.data["size_bytes"] == len(MINIMAL_PDF)
    assert event.data["sha256"] == hashlib.sha256(MINIMAL_PDF).hexdigest()
    assert "%PDF" not in str(event.data) and "見積書.pdf" in event.summary

    delete = reverse("grants_staff:attachment-delete", args=[draft.pk, attachment.pk])
    assert client.post(delete, {"version": "1"}).status_code == 409
    assert Attachment.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(delete, {"version": _version(draft)}).status_code == 302
    assert not Attachment.objects.exists() and _files(settings) == []
    removed = AuditEvent.objects.get(action="grant_attachment.removed")
    assert removed.data["sha256"] == event.data["sha256"]


def test_receipts_cannot_be_removed_after_the_report(world, settings):
    reported = application_in_state(world.community_a, "reported")
    receipt = reported.attachments.get()
    response = world.client("community_secretariat").post(
        reverse("grants_staff:attachment-delete", args=[reported.pk, receipt.pk]), {"version": _version(reported)})
    assert response.status_code == 409 and Attachment.objects.filter(pk=receipt.pk).exists()


# ---- the partial -------------------------------------------------------------------------------


def test_the_partial_lists_attachments_by_kind_in_two_queries(world, rf):
    from kyodo.grants.applications import queries

    awarded = application_in_state(world.community_a, "awarded")
    user = community_user(world.community_a)
    for index in range(3):
        application = Application.objects.get(pk=awarded.pk)
        services.add_attachment(application, actor=user, kind="receipt", version=application.version,
                                uploaded_file=SimpleUploadedFile(f"領収書{index}.pdf", MINIMAL_PDF + b"x" * 2000))
    application = queries.application_detail(user, awarded.pk)
    with CaptureQueriesContext(connection) as queries_run:
        context = services.attachment_context(application, user)
    assert len(queries_run) <= 2
    assert context["can_add_receipts"] and not context["can_add_documents"]
    request = rf.get("/")
    request.user = user
    with CaptureQueriesContext(connection) as rendering:
        html = render_to_string("grants/staff/_attachments.html", context, request=request)
    assert len(rendering) == 0
    assert html.count(">領収書0.pdf</a>") == 1 and "2.1\xa0KB" in html and "添付する" in html
    assert "申請の添付書類はまだありません。" in html and html.count("削除</button>") == 3
    assert reverse("grants_staff:attachment-add", args=[awarded.pk]) + "?kind=receipt" in html
    first = Attachment.objects.filter(application=awarded).order_by("pk").first()
    assert reverse("grants_staff:attachment-download", args=[awarded.pk, first.pk]) in html
    assert re.search(r"令和\d+年|平成\d+年", html)

    branch = world.users["branch_staff"]
    view_only = services.attachment_context(application, branch)
    html = render_to_string("grants/staff/_attachments.html", view_only, request=request)
    assert "削除</button>" not in html and "?kind=" not in html and "領収書2.pdf" in html
