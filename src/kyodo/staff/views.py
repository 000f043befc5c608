"""The signed-in work area: each role starts on its own to-do list."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kyodo.access import require_perm
from kyodo.staff import queries


@require_perm("accounts.use_workspace")
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "staff/home.html", queries.workspace_for(request.user))
