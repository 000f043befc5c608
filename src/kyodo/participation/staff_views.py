"""Hosts' pages: their opportunities, posting and editing one, its sign-ups (each view logged),
confirming sign-ups and recording who came."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kyodo.access import require_perm
from kyodo.audit.services import record_event
from kyodo.editing import form_data, form_view
from kyodo.forms_http import INVALID
from kyodo.participation import queries, services, signing_up
from kyodo.participation.forms import OpportunityForm
from kyodo.participation.models import Opportunity, OpportunityStatus, Signup
from kyodo.participation.publishing import OPPORTUNITY_WORKFLOW
from kyodo.workflows import views as workflow_views

MANAGE = "participation.manage_opportunity"
URL_PREFIX = "participation_staff:opportunity-"
PAGE_SIZE = 50


def crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("作業画面"), reverse("staff:home")), (_("ボランティア募集の管理"), reverse("participation_staff:index")),
            *more]


def opportunity_url(opportunity: Opportunity) -> str:
    return reverse("participation_staff:opportunity", args=[opportunity.pk])


@require_perm("participation.list_opportunities")
def index(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in OpportunityStatus.values else ""
    text = request.GET.get("q", "").strip()[:100]
    rows = queries.managed_opportunities(request.user, status=status, text=text)
    page_obj = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "participation/staff/index.html", {
        "page_obj": page_obj, "opportunities": page_obj.object_list, "status": status, "text": text,
        "statuses": OpportunityStatus.choices, "query_without_page": f"{params.urlencode()}&" if params else "",
        "can_create": request.user.has_perm("participation.create_opportunity"),
        "crumbs": [(_("作業画面"), reverse("staff:home")), (_("ボランティア募集の管理"), None)],
    })


@require_perm("participation.create_opportunity")
def opportunity_create(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = OpportunityForm(form_data(request), communities=queries.host_communities(user),
                           initial={"community": user.community_id} if user.is_community_member else {})
    return form_view(
        request, form, lambda f: services.create_opportunity(actor=user, **f.changes()),
        success_url=opportunity_url, success_message=_("下書きを作成しました。内容を確かめてから公開してください。"),
        title=_("ボランティアを募集する"), crumbs=crumbs((_("募集を登録"), None)),
        cancel_url=reverse("participation_staff:index"),
    )


@require_perm(MANAGE, load=queries.managed_opportunity)
def opportunity_edit(request: HttpRequest, opportunity: Opportunity, pk: int) -> HttpResponse:
    form = OpportunityForm(form_data(request), instance=opportunity,
                           communities=queries.host_communities(request.user))
    return form_view(
        request, form,
        lambda f: services.update_opportunity(opportunity, actor=request.user, version=f.seen_version, **f.changes()),
        success_url=opportunity_url, success_message=_("保存しました。"), title=_("募集を編集"),
        crumbs=crumbs((opportunity.title, opportunity_url(opportunity)), (_("編集"), None)),
        cancel_url=opportunity_url(opportunity),
    )


def detail_page(
    request: HttpRequest, opportunity: Opportunity, *, bound: tuple[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    """The host's page of an opportunity: its state, its steps, and who signed up (each view is logged)."""
    signups = queries.signups(opportunity)
    with transaction.atomic():
        record_event("opportunity.signups_viewed", actor=request.user, target=opportunity, summary=opportunity.title,
                     data={"count": len(signups)})
    return render(request, "participation/staff/opportunity.html", {
        "opportunity": opportunity, "signups": signups,
        "action_forms": workflow_views.action_forms(OPPORTUNITY_WORKFLOW, opportunity, request.user,
                                                    url_prefix=URL_PREFIX, bound=bound),
        "transitions": list(opportunity.transitions.select_related("actor")),
        "created_at": opportunity.created_at, "created_by": opportunity.created_by,
        "crumbs": crumbs((opportunity.title, None)),
    }, status=status)


@require_perm(MANAGE, load=queries.managed_opportunity)
def opportunity(request: HttpRequest, opportunity: Opportunity, pk: int) -> HttpResponse:
    return detail_page(request, opportunity)


def conflict(request: HttpRequest, opportunity: Opportunity, message: str) -> HttpResponse:
    return workflow_views.conflict(request, message=message, back_url=opportunity_url(opportunity),
                                   back_label=_("募集に戻る"), crumbs=crumbs((_("操作できません"), None)))


ACTION_VIEWS = {
    name: workflow_views.action_view(OPPORTUNITY_WORKFLOW, name, load=queries.managed_opportunity,
                                     detail_page=detail_page, detail_url=opportunity_url, conflict_page=conflict)
    for name in OPPORTUNITY_WORKFLOW.actions
}


def _signup(request: HttpRequest, pk: int, signup_pk: int, **_kwargs: Any) -> Signup:
    signup: Signup = get_object_or_404(Signup.objects.select_related("opportunity"), pk=signup_pk, opportunity_id=pk)
    return signup


def _signup_step(request: HttpRequest, signup: Signup, step: Any, done: str) -> HttpResponse:
    try:
        step()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return detail_page(request, queries.managed_opportunity(request, signup.opportunity_id), status=INVALID)
    messages.success(request, done % {"name": signup.name})
    return redirect(opportunity_url(signup.opportunity) + f"#s{signup.pk}")


@require_perm("participation.manage_signup", load=_signup)
@require_POST
def signup_confirm(request: HttpRequest, signup: Signup, pk: int, signup_pk: int) -> HttpResponse:
    return _signup_step(request, signup, lambda: signing_up.confirm_signup(signup, actor=request.user),
                        _("%(name)sさんの参加を確定しました。"))


@require_perm("participation.manage_signup", load=_signup)
@require_POST
def signup_cancel(request: HttpRequest, signup: Signup, pk: int, signup_pk: int) -> HttpResponse:
    return _signup_step(request, signup, lambda: signing_up.cancel_signup(signup, actor=request.user),
                        _("%(name)sさんの申込みを取り消しました。"))


@require_perm("participation.manage_signup", load=_signup)
@require_POST
def signup_attended(request: HttpRequest, signup: Signup, pk: int, signup_pk: int) -> HttpResponse:
    attended = request.POST.get("attended", "1") != "0"
    done = _("%(name)sさんの参加を記録しました。") if attended else _("%(name)sさんの参加記録を取り消しました。")
    return _signup_step(request, signup,
                        lambda: signing_up.mark_attended(signup, actor=request.user, attended=attended), done)
