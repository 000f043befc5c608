"""Public pages: volunteer opportunities, one opportunity, signing up without an account, cancelling by link."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.access import public
from kyodo.forms_http import INVALID, add_service_errors
from kyodo.participation import queries, signing_up
from kyodo.participation.forms import SignupForm
from kyodo.participation.models import Signup, SignupStatus, Tag
from kyodo.query_params import query_int

PAGE_SIZE = 20


def _crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("ホーム"), reverse("portal:home")), (_("ボランティア募集"), reverse("participation:list")), *more]


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip()[:10]) if text.strip() else None
    except ValueError:
        return None


def _filters(request: HttpRequest) -> queries.Filters:
    tag = request.GET.get("tag", "").strip()[:20]
    return queries.Filters(
        text=request.GET.get("q", "").strip()[:100],
        community=request.GET.get("community", "").strip()[:60],
        district=query_int(request, "district", minimum=1),
        tag=tag if tag in Tag.values else "",
        on=_day(request.GET.get("on", "")),
        upcoming=request.GET.get("when", "") != "past",
    )


@public
def opportunity_list(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    page_obj = Paginator(queries.public_opportunities(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "participation/list.html", {
        "page_obj": page_obj, "opportunities": page_obj.object_list, "filters": filters,
        "communities": queries.communities(), "districts": queries.districts(), "tags": Tag.choices,
        "query_without_page": f"{params.urlencode()}&" if params else "",
        "crumbs": [(_("ホーム"), reverse("portal:home")), (_("ボランティア募集"), None)],
    })


@public
def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = queries.public_opportunity(pk)
    return render(request, "participation/detail.html", {
        "opportunity": opportunity,
        "window_problem": signing_up.window_problem(opportunity),
        "can_manage": request.user.has_perm("participation.manage_opportunity", opportunity),
        "crumbs": _crumbs((opportunity.title, None)),
    })


@public
def sign_up(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = queries.public_opportunity(pk)
    problem = signing_up.window_problem(opportunity) or (
        _("申し訳ありません。募集人数に達したため、申込みを締め切りました。") if opportunity.places_left <= 0 else "")
    form = SignupForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if problem:
            form.add_error(None, problem)
            status = INVALID
        elif form.is_valid():
            try:
                signup = signing_up.sign_up(opportunity, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
                status = INVALID
            else:
                return redirect("participation:signed-up", token=signup.token)
        else:
            status = INVALID
    return render(request, "participation/sign_up.html", {
        "opportunity": opportunity, "form": form, "window_problem": problem,
        "crumbs": _crumbs((opportunity.title, opportunity.get_absolute_url()), (_("申込み"), None)),
    }, status=status)


def _by_token(token: str) -> Signup:
    signup: Signup = get_object_or_404(Signup.objects.select_related("opportunity__community"), token=token[:64])
    return signup


@public
def signed_up(request: HttpRequest, token: str) -> HttpResponse:
    """The person's own sign-up: its state, and the link that cancels it (keep this page's address)."""
    signup = _by_token(token)
    return render(request, "participation/signed_up.html", {
        "signup": signup, "opportunity": signup.opportunity,
        "page_url": request.build_absolute_uri(signup.get_absolute_url()),
        "crumbs": _crumbs((signup.opportunity.title, signup.opportunity.get_absolute_url()), (_("申込みの確認"), None)),
    })


@public
def cancel(request: HttpRequest, token: str) -> HttpResponse:
    signup = _by_token(token)
    if request.method == "POST" and signup.status != SignupStatus.CANCELLED:
        try:
            signing_up.cancel_signup(signup)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("申込みを取り消しました。"))
        return redirect("participation:signed-up", token=signup.token)
    return render(request, "participation/cancel.html", {
        "signup": signup, "opportunity": signup.opportunity,
        "crumbs": _crumbs((signup.opportunity.title, signup.opportunity.get_absolute_url()), (_("申込みの取消"), None)),
    })
