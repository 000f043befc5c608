"""Where an application's pages are, and how they load it: shared by every staff page about applications."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from kyodo.communities.models import Community
from kyodo.grants.applications import queries
from kyodo.grants.models import Application

Crumbs = list[tuple[str, str | None]]


def application_crumbs(*more: tuple[str, str | None]) -> Crumbs:
    """作業画面 › 補助金の申請 › …"""
    return [(_("作業画面"), reverse("staff:home")), (_("補助金の申請"), reverse("grants_staff:application-list")),
            *more]


def application_url(application: Application) -> str:
    return reverse("grants_staff:application-detail", args=[application.pk])


def under_application(application: Application, title: str) -> Crumbs:
    """The crumbs of a page about one application: … › the application › ``title``."""
    return application_crumbs((str(application), application_url(application)), (title, None))


def load_application(request: HttpRequest, pk: int, **_kwargs: Any) -> Application:
    """The application with what its pages show (404 when unknown or not visible to the user)."""
    return queries.application_detail(request.user, pk)


def load_community(request: HttpRequest, slug: str, **_kwargs: Any) -> Community:
    return get_object_or_404(Community.objects.select_related("district__branch_office"), slug=slug)


def conflict(request: HttpRequest, application: Application, message: str) -> HttpResponse:
    """409: the application changed since the page was read, or its state no longer allows the step."""
    from kyodo.workflows.views import conflict as conflict_page

    return conflict_page(request, message=message, back_url=application_url(application),
                         back_label=_("申請に戻る"), crumbs=application_crumbs((_("操作できません"), None)))
