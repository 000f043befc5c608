"""Staff pages for attachments: upload, download (permission-checked, never served as media), delete."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo.access import require_perm
from kyodo.attachments import attachment_response
from kyodo.downloads import download
from kyodo.forms_http import add_service_errors
from kyodo.grants.applications.forms import VersionForm
from kyodo.grants.applications.navigation import application_url, conflict, load_application, under_application
from kyodo.grants.applications.workflow import InvalidTransition
from kyodo.grants.attachments import services
from kyodo.grants.attachments.forms import AttachmentForm
from kyodo.grants.models import Application, Attachment
from kyodo.locking import StaleObject


def _attachment(application: Application, attachment_pk: int) -> Attachment:
    return get_object_or_404(Attachment.objects.select_related("application"), pk=attachment_pk,
                             application=application)


@require_perm("grants.prepare_application", load=load_application)
def attachment_add(request: HttpRequest, application: Application, pk: int) -> HttpResponse:
    kinds = [kind for kind in Attachment.Kind.values if services.may_change(application, request.user, kind)]
    if not kinds:
        return conflict(request, application, _("この申請の状態では、ファイルを添付できません。"))
    requested = request.GET.get("kind", "")
    form = AttachmentForm(
        request.POST or None, request.FILES or None, kinds=kinds, limit_mb=services.max_upload_mb(),
        initial={"version": application.version, "kind": requested if requested in kinds else kinds[0]},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                attachment = services.add_attachment(
                    application, actor=request.user, kind=form.cleaned_data["kind"],
                    uploaded_file=form.cleaned_data["file"], version=form.cleaned_data["version"],
                )
            except (InvalidTransition, StaleObject) as error:
                return conflict(request, application, str(error))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("「%(name)s」を添付しました。") % {"name": attachment.original_name})
                return redirect(application_url(application))
        status = 422
    title = _("ファイルの添付")
    return render(
        request,
        "grants/staff/attachment_form.html",
        {
            "form": form,
            "title": title,
            "application": application,
            "cancel_url": application_url(application),
            "crumbs": under_application(application, title),
        },
        status=status,
    )


@download
@require_perm("grants.see_application", load=load_application)
def attachment_download(
    request: HttpRequest, application: Application, pk: int, attachment_pk: int
) -> HttpResponseBase:
    return attachment_response(_attachment(application, attachment_pk))


@require_perm("grants.prepare_application", load=load_application)
@require_POST
def attachment_delete(request: HttpRequest, application: Application, pk: int, attachment_pk: int) -> HttpResponse:
    attachment = _attachment(application, attachment_pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return conflict(request, application, _("画面を読み込み直してから、もう一度操作してください。"))
    try:
        services.remove_attachment(attachment, actor=request.user, version=form.cleaned_data["version"])
    except (InvalidTransition, StaleObject) as error:
        return conflict(request, application, str(error))
    messages.success(request, _("「%(name)s」を削除しました。") % {"name": attachment.original_name})
    return redirect(application_url(application))
