"""The liaison pages: coverage of the communities, a community's support page, contacts and rotations."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.access import require_perm
from kyodo.communities.models import Community
from kyodo.editing import form_data, form_view
from kyodo.support import forms, liaisons, queries

PAGE_SIZE = 25


def _community(request: HttpRequest, slug: str, **kwargs: Any) -> Community:
    return get_object_or_404(Community.objects.select_related("district__branch_office"), slug=slug)


def _page(community: Community) -> str:
    return reverse("support_staff:community", args=[community.slug])


def _crumbs(community: Community | None = None, *more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    crumbs: list[tuple[str, str | None]] = [(_("作業画面"), reverse("staff:home"))]
    if community is not None:
        crumbs.append((_("%(name)sへの支援") % {"name": community.name}, _page(community) if more else None))
    return [*crumbs, *more]


@require_perm("support.view_coverage")
def coverage(request: HttpRequest) -> HttpResponse:
    """The communities in the user's scope: who is their liaison, when the city last contacted them."""
    form = forms.CoverageFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    months = filters.get("months") or 3
    rows = queries.coverage(request.user, show=filters.get("show", ""), months=months, text=filters.get("q", ""))
    page_obj = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "support/coverage.html", {
        "form": form, "page_obj": page_obj, "months": months,
        "query_without_page": f"{query.urlencode()}&" if query else "",
        "crumbs": _crumbs(None, (_("地域担当職員の配置と連絡の状況"), None)),
    }, status=200 if not request.GET or form.is_valid() else 422)


@require_perm("support.view_community_support", load=_community)
def community(request: HttpRequest, obj: Community, slug: str) -> HttpResponse:
    """A community's liaisons (current and former, with handover notes) and its contact log."""
    contacts = queries.contacts_of(request.user, obj)
    page_obj = Paginator(contacts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "support/community.html", {
        "community": obj,
        "assignments": list(queries.assignments_of(request.user, obj)),
        "open_follow_ups": list(queries.contacts_of(request.user, obj, open_only=True).order_by("follow_up_due")),
        "page_obj": page_obj,
        "query_without_page": "",
        "can_log": request.user.has_perm("support.log_contact", obj),
        "can_assign": request.user.has_perm("support.assign_liaison", obj),
        "crumbs": _crumbs(obj),
    })


@require_perm("support.log_contact", load=_community)
def contact_create(request: HttpRequest, obj: Community, slug: str) -> HttpResponse:
    form = forms.ContactForm(form_data(request))
    return form_view(
        request, form, lambda form: liaisons.log_contact(obj, actor=request.user, **form.changes()),
        success_url=_page(obj) + "#contacts", success_message=_("連絡を記録しました。"),
        title=_("連絡の記録"), crumbs=_crumbs(obj, (_("連絡の記録"), None)), cancel_url=_page(obj),
    )


@require_perm("support.log_contact", load=_community)
def follow_up_done(request: HttpRequest, obj: Community, slug: str, pk: int) -> HttpResponse:
    contact = get_object_or_404(queries.contacts_of(request.user, obj), pk=pk)
    form = forms.FollowUpDoneForm(form_data(request))
    return form_view(
        request, form,
        lambda form: liaisons.close_follow_up(contact, actor=request.user, done_on=form.cleaned_data["done_on"]),
        success_url=_page(obj) + "#follow-ups", success_message=_("フォローアップを完了にしました。"),
        title=_("フォローアップの完了"), crumbs=_crumbs(obj, (_("フォローアップの完了"), None)),
        cancel_url=_page(obj), context={"intro": contact.follow_up},
    )


@require_perm("support.assign_liaison", load=_community)
def assign(request: HttpRequest, obj: Community, slug: str) -> HttpResponse:
    current = liaisons.current_assignment(obj)
    form = forms.AssignmentForm(form_data(request), current=current)

    def save(form: Any) -> Any:
        return liaisons.assign_liaison(
            obj, actor=request.user, staff=form.cleaned_data["staff"], started_on=form.cleaned_data["started_on"],
            handover_note=form.cleaned_data["handover_note"], expected_current=form.cleaned_data.get("current"),
        )

    intro = (_("現在の地域担当職員: %(name)s(%(since)s から)。新しい職員の開始日の前日で終了します。")
             % {"name": current.staff, "since": current.started_on}) if current else _("現在、地域担当職員はいません。")
    return form_view(
        request, form, save, success_url=_page(obj), success_message=_("地域担当職員を配置しました。"),
        title=_("地域担当職員の配置・交代"), crumbs=_crumbs(obj, (_("地域担当職員の配置・交代"), None)),
        cancel_url=_page(obj), context={"intro": intro},
    )
