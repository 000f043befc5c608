"""Pages of a meeting's files: adding and removing them (staff), downloading them (staff, and anyone once
they are public)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from kyodo.access import public, require_perm
from kyodo.attachments import attachment_response
from kyodo.dialogue import meeting_files
from kyodo.dialogue.meeting_forms import MeetingAttachmentForm
from kyodo.dialogue.meeting_queries import load_meeting
from kyodo.dialogue.meeting_staff_views import crumbs
from kyodo.dialogue.models import Meeting, MeetingAttachment
from kyodo.downloads import download
from kyodo.editing import confirm_delete_view, form_view


def _attachment(meeting: Meeting, attachment_pk: int) -> MeetingAttachment:
    return get_object_or_404(MeetingAttachment, pk=attachment_pk, meeting=meeting)


@require_perm(meeting_files.MANAGE, load=load_meeting)
def file_add(request: HttpRequest, meeting: Meeting, pk: int) -> HttpResponse:
    posted = request.method == "POST"
    form = MeetingAttachmentForm(request.POST if posted else None, request.FILES if posted else None,
                                 meeting=meeting)
    return form_view(
        request, form,
        lambda f: meeting_files.add_file(
            meeting, actor=request.user, kind=f.cleaned_data["kind"], uploaded_file=f.cleaned_data["file"],
            version=f.cleaned_data["version"], public_now=f.cleaned_data["public_now"]),
        success_url=meeting.staff_url + "#files",
        success_message=lambda attachment: _("「%(name)s」を添付しました。") % {"name": attachment.original_name},
        title=_("ファイルの添付"), crumbs=crumbs((meeting.title, meeting.staff_url), (_("ファイルの添付"), None)),
        cancel_url=meeting.staff_url, context={"eyebrow": meeting.title, "submit_label": _("添付する")},
    )


@require_perm(meeting_files.MANAGE, load=load_meeting)
def file_delete(request: HttpRequest, meeting: Meeting, pk: int, attachment_pk: int) -> HttpResponse:
    attachment = _attachment(meeting, attachment_pk)
    return confirm_delete_view(
        request, lambda version: meeting_files.remove_file(attachment, actor=request.user, version=version),
        label=attachment.original_name, success_url=meeting.staff_url + "#files", version=meeting.version,
        crumbs=crumbs((meeting.title, meeting.staff_url), (_("ファイルの削除"), None)),
        cancel_url=meeting.staff_url,
    )


@download
@require_perm("dialogue.list_meetings", load=load_meeting)
def file_download(request: HttpRequest, meeting: Meeting, pk: int, attachment_pk: int) -> HttpResponseBase:
    return attachment_response(_attachment(meeting, attachment_pk))


@download(public=True)
@public
def public_file_download(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponseBase:
    """A public file of a meeting; 404 for one that is not (yet) public."""
    attachment = meeting_files.public_file(pk, attachment_pk)
    if attachment is None:
        raise Http404(_("ファイルが見つかりません。"))
    return attachment_response(attachment)
