"""Every URL and API operation declares who may use it, and each role gets exactly that.

1. Every URL pattern's view and every operation of every NinjaAPI the root URLconf serves
   carries an ``access_policy``. Only the admin's namespace (``admin``) and the NinjaAPIs' own
   namespaces are left out of the URL walk, by exact name; the APIs are walked by operation.
2. Every URL name and API operation has a ``Case`` in some ``tests/*/access_matrix*.py``, and
   its declared policy agrees with the case (public ⇔ anonymous callers allowed, …).
3. For each case, every role, against the own and the other community: allowed roles get
   ``ok_status``; anonymous callers are sent to sign in (401 for the API); others get 403/404.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from ninja import NinjaAPI
from ninja.operation import Operation
from ninja.security import django_auth

import tests
from kyodo.access import AccessPolicy
from tests.access import SIGNED_IN, Case
from tests.conftest import ROLES


def _collect_cases() -> dict[str, Case]:
    cases: dict[str, Case] = {}
    for module_info in pkgutil.walk_packages([str(Path(tests.__file__).parent)], prefix="tests."):
        if module_info.name.rsplit(".", 1)[-1].startswith("access_matrix"):
            module = importlib.import_module(module_info.name)
            for case in module.CASES:
                assert case.name not in cases, f"{case.name} has two cases"
                cases[case.name] = case
    return cases


CASES = _collect_cases()


# ---- what the root URLconf serves ----------------------------------------------------------


Route = tuple[str, str, URLPattern]


@dataclass(frozen=True)
class MountedAPI:
    """A NinjaAPI as the URLconf serves it: its full namespace and its URL prefix ("/api/v1/")."""

    namespace: str
    prefix: str
    api: NinjaAPI


def _walk(resolver: URLResolver | None = None, namespace: str = "", prefix: str = "/") -> Iterator[Route]:
    """(full namespace, route, pattern) of every URL pattern under ``resolver`` (default: the root)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}".strip(":") if entry.namespace else namespace
            yield from _walk(entry, inner, prefix + str(entry.pattern))
        else:
            yield namespace, prefix + str(entry.pattern), entry


def ninja_apis() -> list[MountedAPI]:
    """Every NinjaAPI served, found by its root URL (``api-root``), whose view carries the API."""
    found: dict[tuple[int, str], MountedAPI] = {}
    for namespace, route, pattern in _walk():
        api = getattr(pattern.callback, "keywords", {}).get("api")
        if pattern.name == "api-root" and isinstance(api, NinjaAPI):
            found[id(api), route] = MountedAPI(namespace, route, api)
    return list(found.values())


def api_operations() -> list[tuple[str, Operation]]:
    """("METHOD /path", operation) of every operation of every NinjaAPI served."""
    operations = []
    for mounted in ninja_apis():
        # The routers as served: ninja binds a copy of each router (and its operations) to the API.
        for router in mounted.api._get_bound_routers():
            for path, path_view in router.path_operations.items():
                parts = (part.strip("/") for part in (mounted.prefix, router.prefix, path))
                route = "/".join(part for part in parts if part)
                operations.extend(
                    (f"{method} /{route}", operation)
                    for operation in path_view.operations
                    for method in operation.methods
                )
    return operations


def site_patterns() -> list[tuple[str, URLPattern]]:
    """(namespace, pattern) of every URL pattern except the admin's and the NinjaAPIs' own."""
    skipped = {"admin"} | {mounted.namespace for mounted in ninja_apis()}
    return [(namespace, pattern) for namespace, _route, pattern in _walk() if namespace not in skipped]


def undeclared_urls() -> list[str]:
    """The names of URL patterns whose view declares no access policy."""
    return sorted(f"{ns}:{p.name}".lstrip(":") for ns, p in site_patterns() if not hasattr(p.callback, "access_policy"))


def undeclared_operations() -> list[str]:
    """The API operations whose view declares no access policy."""
    return sorted(name for name, operation in api_operations() if not hasattr(operation.view_func, "access_policy"))


def test_every_url_declares_who_may_use_it():
    assert undeclared_urls() == []


def test_every_api_operation_declares_who_may_use_it():
    assert undeclared_operations() == []


def test_an_undeclared_url_or_operation_anywhere_is_reported():
    """A second NinjaAPI and namespaces that merely start with "api" or "admin" are walked too."""
    with override_settings(ROOT_URLCONF="tests.undeclared_urls"):
        assert [(mounted.namespace, mounted.prefix) for mounted in ninja_apis()] == [("probe-api", "/probe/v1/")]
        assert undeclared_operations() == ["GET /probe/v1/hives"]
        assert undeclared_urls() == ["administration:index", "apiary:hives"]
        assert sorted(name for name, _ in api_operations()) == ["GET /probe/v1/hives", "GET /probe/v1/honey"]


def test_every_signed_in_operation_authenticates_by_session():
    """ninja's ``django_auth`` checks the CSRF token of unsafe calls and shows the session in the spec."""
    without = [
        name for name, operation in api_operations()
        if str(operation.view_func.access_policy) != "public" and django_auth not in operation.auth_callbacks
    ]
    assert without == []


def test_the_admin_is_for_the_system_administrator_only():
    from django.contrib import admin

    assert str(admin.site.access_policy) == "perm:superuser"
    from kyodo.admin_site import KyodoAdminSite

    assert isinstance(admin.site, KyodoAdminSite)


def _declared_policies() -> list[tuple[str, AccessPolicy | None]]:
    """(case name, declared policy) of every URL pattern and API operation, and the admin."""
    from django.contrib import admin

    declared = [(f"{ns}:{p.name}".lstrip(":"), getattr(p.callback, "access_policy", None)) for ns, p in site_patterns()]
    declared += [(name, getattr(operation.view_func, "access_policy", None)) for name, operation in api_operations()]
    return [*declared, ("admin:index", admin.site.access_policy)]


def test_every_url_and_api_operation_has_a_case():
    names = {name for name, _ in _declared_policies()}
    missing = sorted(names - CASES.keys())
    stale = sorted(CASES.keys() - names)
    assert missing == [], f"URLs without an access case: {missing}"
    assert stale == [], f"cases for URLs that no longer exist: {stale}"


def _disagreement(policy: AccessPolicy, case: Case, has_perm: Callable[[str, str], bool]) -> str:
    """Why ``policy`` cannot be what ``case`` describes (empty if it can)."""
    if case.policy is not None and case.policy != str(policy):
        return f"the case says {case.policy}"
    other = case.own if case.other is None else case.other
    if policy.kind == "public":
        return "" if "anonymous" in case.own & other else "the case denies anonymous callers"
    if "anonymous" in case.own | other:
        return "the case allows anonymous callers"
    if policy.kind == "perm" and case.own | other >= SIGNED_IN:
        lacking = sorted(role for role in SIGNED_IN if not has_perm(role, policy.perm))
        if lacking:
            return f"the case allows every signed-in role, but {lacking} lack the permission"
    return ""


def test_each_declared_policy_agrees_with_its_case(world):
    def has_perm(role: str, perm: str) -> bool:
        return world.users[role].has_perm(perm)

    wrong = [
        f"{name} declares {policy}, but {problem}"
        for name, policy in _declared_policies()
        if policy is not None and name in CASES and (problem := _disagreement(policy, CASES[name], has_perm))
    ]
    assert wrong == []


def test_a_policy_that_disagrees_with_its_case_is_reported():
    def nobody(role: str, perm: str) -> bool:
        return False

    everyone = frozenset({"anonymous"}) | SIGNED_IN
    assert _disagreement(AccessPolicy("public"), Case("x", own=SIGNED_IN), nobody)
    assert _disagreement(AccessPolicy("authenticated"), Case("x", own=everyone), nobody)
    assert _disagreement(AccessPolicy("perm", "grants.view_grants"), Case("x", own=SIGNED_IN), nobody)
    assert _disagreement(AccessPolicy("perm", "a.b"), Case("x", own=frozenset(), policy="perm:a.c"), nobody)
    assert not _disagreement(AccessPolicy("perm", "a.b"), Case("x", own=SIGNED_IN), lambda role, perm: True)


def _request(case: Case, world, role: str, which: str):
    client = world.client(role)
    kwargs = case.kwargs(world, which)
    if case.name.split(" ")[0] in {"GET", "POST", "PUT", "PATCH", "DELETE"}:
        method, path = case.name.split(" ", 1)
        url = path.format(**kwargs)
        data = case.data(world, which) if case.data else None
        if method == "GET":
            return client.get(url)
        return getattr(client, method.lower())(url, data=data, content_type="application/json")
    url = reverse(case.name, kwargs=kwargs)
    data = case.data(world, which) if case.data else {}
    return getattr(client, case.method)(url, data)


def _matrix_params():
    for name in sorted(CASES):
        for which in ("own", "other"):
            yield pytest.param(name, which, id=f"{name}[{which}]")


@pytest.mark.parametrize(("name", "which"), list(_matrix_params()))
def test_each_role_gets_exactly_its_access(name, which, world):
    case = CASES[name]
    outcomes = {}
    for role in ROLES:
        response = _request(case, world, role, which)
        allowed = case.allowed(role, which)
        status = response.status_code
        if allowed:
            ok = status in case.ok_status
        elif role == "anonymous":
            ok = status in (401, 403, 404) or (status == 302 and "/accounts/login/" in response["Location"])
        else:
            ok = status in (403, 404)
        outcomes[role] = (status, "allowed" if allowed else "denied", "ok" if ok else "WRONG")
    wrong = {role: outcome for role, outcome in outcomes.items() if outcome[2] == "WRONG"}
    assert wrong == {}, f"{name} [{which}]: {outcomes}"
