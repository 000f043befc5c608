"""The communities' pages for their reports (write, photos, publish), the city's unpublishing, and the
organisers' choice of the reports an exchange meeting presented."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo.access import require_perm
from kyodo.editing import form_data, form_view
from kyodo.events.models import Category, Event
from kyodo.events.queries import managed_event
from kyodo.forms_http import INVALID
from kyodo.locking import StaleObject
from kyodo.practice import queries, services
from kyodo.practice.forms import PhotoForm, PresentedForm, ReportForm
from kyodo.practice.models import PracticePhoto, PracticeReport, ReportStatus
from kyodo.practice.workflow import REPORT_WORKFLOW
from kyodo.workflows import views as workflow_views

URL_PREFIX = "practice_staff:report-"
PAGE_SIZE = 50


def crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("作業画面"), reverse("staff:home")), (_("活動事例の管理"), reverse("practice_staff:index")), *more]


def report_url(report: PracticeReport) -> str:
    return reverse("practice_staff:report", args=[report.pk])


@require_perm("practice.list_reports")
def index(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in ReportStatus.values else ""
    text = request.GET.get("q", "").strip()[:100]
    page_obj = Paginator(queries.staff_reports(request.user, status=status, text=text), PAGE_SIZE).get_page(
        request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "practice/staff/index.html", {
        "page_obj": page_obj, "reports": page_obj.object_list, "status": status, "text": text,
        "statuses": ReportStatus.choices, "query_without_page": f"{params.urlencode()}&" if params else "",
        "can_create": request.user.has_perm("practice.create_report"),
        "crumbs": [(_("作業画面"), reverse("staff:home")), (_("活動事例の管理"), None)],
    })


@require_perm("practice.create_report")
def report_create(request: HttpRequest) -> HttpResponse:
    form = ReportForm(form_data(request))
    return form_view(
        request, form, lambda f: services.create_report(actor=request.user, **f.changes()),
        success_url=report_url,
        success_message=_("下書きを作成しました。写真を加え、内容を確かめてから公開してください。"),
        title=_("活動事例を書く"), crumbs=crumbs((_("活動事例を書く"), None)),
        cancel_url=reverse("practice_staff:index"),
    )


@require_perm("practice.edit_report", load=queries.staff_report)
def report_edit(request: HttpRequest, report: PracticeReport, pk: int) -> HttpResponse:
    form = ReportForm(form_data(request), instance=report)
    return form_view(
        request, form,
        lambda f: services.update_report(report, actor=request.user, version=f.seen_version, **f.changes()),
        success_url=report_url, success_message=_("保存しました。"), title=_("活動事例を編集"),
        crumbs=crumbs((report.title, report_url(report)), (_("編集"), None)), cancel_url=report_url(report),
    )


def detail_page(request: HttpRequest, report: PracticeReport, *, bound: tuple[str, Any] | None = None,
                status: int = 200, photo_form: PhotoForm | None = None) -> HttpResponse:
    may_edit = request.user.has_perm("practice.edit_report", report)
    return render(request, "practice/staff/report.html", {
        "report": report, "may_edit": may_edit,
        "photo_form": photo_form or (PhotoForm(version=report.version)
                                     if may_edit and len(report.photos.all()) < services.MAX_PHOTOS else None),
        "max_photos": services.MAX_PHOTOS,
        "action_forms": workflow_views.action_forms(REPORT_WORKFLOW, report, request.user, url_prefix=URL_PREFIX,
                                                    bound=bound),
        "transitions": list(report.transitions.select_related("actor")),
        "crumbs": crumbs((report.title, None)),
    }, status=status)


@require_perm("practice.view_report", load=queries.staff_report)
def report(request: HttpRequest, report: PracticeReport, pk: int) -> HttpResponse:
    return detail_page(request, report)


def conflict(request: HttpRequest, report: PracticeReport, message: str) -> HttpResponse:
    return workflow_views.conflict(request, message=message, back_url=report_url(report),
                                   back_label=_("活動事例に戻る"), crumbs=crumbs((_("操作できません"), None)))


ACTION_VIEWS = {
    name: workflow_views.action_view(REPORT_WORKFLOW, name, load=queries.staff_report, detail_page=detail_page,
                                     detail_url=report_url, conflict_page=conflict)
    for name in REPORT_WORKFLOW.actions
}


@require_perm("practice.edit_report", load=queries.staff_report)
@require_POST
def photo_add(request: HttpRequest, report: PracticeReport, pk: int) -> HttpResponse:
    form = PhotoForm(request.POST, request.FILES, version=report.version)
    if form.is_valid():
        upload = form.cleaned_data["image"]
        try:
            services.add_photo(report, actor=request.user, version=form.cleaned_data["version"], upload=upload,
                               size=upload.size, caption=form.cleaned_data["caption"])
        except StaleObject as error:
            return conflict(request, report, str(error))
        except ValidationError as error:
            form.add_error("image", error)
        else:
            messages.success(request, _("写真を加えました。"))
            return redirect(report_url(report))
    return detail_page(request, report, photo_form=form, status=INVALID)


def _photo(request: HttpRequest, pk: int, photo_pk: int, **_kwargs: Any) -> PracticePhoto:
    photo: PracticePhoto = get_object_or_404(PracticePhoto.objects.select_related("report"), pk=photo_pk,
                                             report_id=pk)
    return photo


@require_perm("practice.edit_report", load=lambda request, pk, photo_pk: _photo(request, pk, photo_pk).report)
@require_POST
def photo_delete(request: HttpRequest, report: PracticeReport, pk: int, photo_pk: int) -> HttpResponse:
    photo = _photo(request, pk, photo_pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = 0
    try:
        services.delete_photo(photo, actor=request.user, version=version)
    except StaleObject as error:
        return conflict(request, report, str(error))
    messages.success(request, _("写真を削除しました。"))
    return redirect(report_url(report))


def _exchange_event(request: HttpRequest, pk: int, **kwargs: Any) -> Event:
    return managed_event(request, pk)


@require_perm("events.manage_event", load=_exchange_event)
def presented(request: HttpRequest, event: Event, pk: int) -> HttpResponse:
    """The organisers choose the published reports presented at an exchange meeting."""
    event_url = reverse("events_staff:event", args=[event.pk])
    if event.kind.category != Category.EXCHANGE:
        messages.error(request, _("発表した活動事例を結び付けられるのは交流会だけです。"))
        return redirect(event_url)
    choices = queries.public_reports().select_related(None).select_related("community")
    form = PresentedForm(form_data(request), version=event.version, queryset=choices,
                         initial={"reports": list(event.presented_reports.values_list("pk", flat=True))})
    return form_view(
        request, form,
        lambda f: services.set_presented(event, actor=request.user, version=f.cleaned_data["version"],
                                         reports=f.cleaned_data["reports"]),
        success_url=event_url, success_message=_("発表した活動事例を保存しました。"),
        title=_("発表した活動事例を選ぶ"), cancel_url=event_url,
        crumbs=[(_("作業画面"), reverse("staff:home")), (_("研修会・交流会の管理"), reverse("events_staff:index")),
                (event.title, event_url), (_("発表した活動事例"), None)],
    )
