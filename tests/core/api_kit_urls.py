"""A small NinjaAPI on its own URLconf, for tests/core/test_api_kits.py: the access decorators,
the list envelope and the one mapping of the services' errors, apart from any app."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import rules
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import path
from ninja import NinjaAPI, Schema
from ninja.security import django_auth

from kyodo.access import api_public, api_require_perm, api_signed_in
from kyodo.api_errors import install_error_handlers
from kyodo.api_paging import paginated
from kyodo.communities.models import BranchOffice
from kyodo.locking import StaleObject
from kyodo.workflows import InvalidTransition

api = NinjaAPI(title="kits", urls_namespace="kits-api", docs_url=None)
install_error_handlers(api)

TEND = "kyodo_tests.tend_hive"


@dataclass(frozen=True)
class Hive:
    number: int
    keeper: str


@rules.predicate
def is_keeper(user: Any, hive: Hive | None) -> bool:
    return hive is not None and hive.keeper == user.username


if not rules.perm_exists(TEND):
    rules.add_perm(TEND, is_keeper)


def hive_by_number(request: HttpRequest, number: int) -> Hive:
    """Hives 1–3 exist, all kept by the community secretariat of the test world."""
    if not 1 <= number <= 3:
        raise Http404
    return Hive(number, keeper="t_secretariat")


class FrameIn(Schema):
    size: int


@api.get("/open")
@api_public
def open_to_all(request: HttpRequest) -> dict[str, bool]:
    return {"ok": True}


@api.get("/mine", auth=django_auth)
@api_signed_in
def mine(request: HttpRequest) -> dict[str, str]:
    return {"username": request.user.get_username()}


@api.get("/staff-only")
@api_require_perm("grants.view_grants")
def staff_only(request: HttpRequest) -> dict[str, bool]:
    return {"ok": True}


@api.get("/hives/{number}")
@api_require_perm(TEND, load=hive_by_number)
def tend(request: HttpRequest, hive: Hive) -> dict[str, int]:
    return {"number": hive.number}


@api.post("/hives/{number}/frames/{frame}")
@api_require_perm(TEND, load=hive_by_number)
def add_frame(request: HttpRequest, hive: Hive, frame: int, payload: FrameIn) -> dict[str, int]:
    return {"number": hive.number, "frame": frame, "size": payload.size}


@api.get("/hives/{number}/frames", response=list[int])
@paginated
@api_require_perm(TEND, load=hive_by_number)
def list_frames(request: HttpRequest, hive: Hive) -> list[int]:
    return list(range(hive.number * 100))


@api.get("/branch-offices", response=list[str])
@paginated
@api_public
def list_branch_offices(request: HttpRequest) -> QuerySet[BranchOffice, str]:
    return BranchOffice.objects.order_by("slug").values_list("slug", flat=True)


REFUSALS: dict[str, Exception] = {
    "stale": StaleObject(),
    "state": InvalidTransition("「申請済み」の申請では「申請する」はできません。"),
    "duty": PermissionDenied("申請を作成した方は、その申請を審査できません。"),
    "forbidden": PermissionDenied(),
    "fields": ValidationError({"amount_yen": ["金額が多すぎます。"], NON_FIELD_ERRORS: ["全体の問題です。"]}),
    "problems": ValidationError(["一つ目の問題です。", "二つ目の問題です。"]),
}


@api.post("/refusals/{kind}")
@api_public
def refuse(request: HttpRequest, kind: str) -> None:
    raise REFUSALS[kind]


urlpatterns = [path("kits/", api.urls)]
