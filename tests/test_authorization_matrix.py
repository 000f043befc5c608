"""Every URL and API operation declares who may use it, and each role gets exactly that.

1. Every URL pattern's view and every API operation carries an ``access_policy``.
2. Every URL name and API operation has a ``Case`` in some ``tests/*/access_matrix.py``.
3. For each case, every role, against the own and the other community: allowed roles get
   ``ok_status``; anonymous callers are sent to sign in (401 for the API); others get 403/404.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from kyodo.api import api
from tests.access import Case
from tests.conftest import ROLES

API_PREFIX = "/api/v1"


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


def _url_patterns(resolver: URLResolver | None = None, namespace: str = "") -> list[tuple[str, URLPattern]]:
    resolver = resolver or get_resolver()
    found: list[tuple[str, URLPattern]] = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full = f"{namespace}:{ns}".strip(":") if ns else namespace
            found.extend(_url_patterns(entry, full))
        else:
            found.append((namespace, entry))
    return found


def _api_operations() -> list[tuple[str, object]]:
    operations = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    full = f"{API_PREFIX}{prefix.rstrip('/')}/{path.lstrip('/')}".replace("//", "/")
                    full = full.rstrip("/") if full != API_PREFIX + "/" else full
                    operations.append((f"{method} {full}", operation.view_func))
    return operations


def _site_patterns() -> list[tuple[str, URLPattern]]:
    return [(ns, p) for ns, p in _url_patterns() if not ns.startswith(("admin", "api"))]


def test_every_url_declares_who_may_use_it():
    undeclared = [
        f"{ns}:{p.name}" for ns, p in _site_patterns() if not hasattr(p.callback, "access_policy")
    ]
    assert undeclared == []


def test_every_api_operation_declares_who_may_use_it():
    undeclared = [name for name, view in _api_operations() if not hasattr(view, "access_policy")]
    assert undeclared == []


def test_the_admin_is_for_city_administrators_only():
    from django.contrib import admin

    assert str(admin.site.access_policy) == "perm:city_admin"
    from kyodo.admin_site import KyodoAdminSite

    assert isinstance(admin.site, KyodoAdminSite)


def test_every_url_and_api_operation_has_a_case():
    names = {f"{ns}:{p.name}".lstrip(":") for ns, p in _site_patterns()} | {n for n, _ in _api_operations()}
    names.add("admin:index")
    missing = sorted(names - CASES.keys())
    stale = sorted(CASES.keys() - names)
    assert missing == [], f"URLs without an access case: {missing}"
    assert stale == [], f"cases for URLs that no longer exist: {stale}"


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
