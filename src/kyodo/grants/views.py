"""Public pages: the subsidy programs and each fiscal year's budget (public money is public)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kyodo.access import public
from kyodo.grants import queries


@public
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "grants/index.html", {"programs": queries.programs_with_rules()})
