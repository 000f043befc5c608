"""Reads for the account pages: the searchable list, one account, its audit events, the work area's counts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest

from kyodo.accounts.models import User
from kyodo.accounts.roles import Role
from kyodo.audit.models import AuditEvent
from kyodo.query_params import int_param

NO_ROLE = "none"  # the role filter's value for accounts whose role is not set yet
RECENT_EVENTS = 20
ACTIVE_CHOICES = ("active", "inactive")


@dataclass(frozen=True)
class AccountFilters:
    """The list's search text and filters, from the query string (unknown values ignored)."""

    text: str = ""
    role: str = ""
    branch_office: int | None = None
    community: int | None = None
    active: str = ""
    demo: str = ""

    @classmethod
    def of(cls, params: Mapping[str, str]) -> AccountFilters:
        role = params.get("role", "")
        active = params.get("active", "")
        demo = params.get("demo", "")
        return cls(
            text=(params.get("q") or "").strip()[:100],
            role=role if role in Role.values or role == NO_ROLE else "",
            branch_office=int_param(params, "branch"),
            community=int_param(params, "community"),
            active=active if active in ACTIVE_CHOICES else "",
            demo=demo if demo in ("yes", "no") else "",
        )


def account_list(filters: AccountFilters) -> QuerySet[User]:
    """Accounts matching ``filters``, by user name, with what the list shows in the same query."""
    accounts = User.objects.select_related("branch_office", "department", "community", "company")
    if filters.text:
        accounts = accounts.filter(Q(username__icontains=filters.text) | Q(display_name__icontains=filters.text)
                                   | Q(email__icontains=filters.text))
    if filters.role == NO_ROLE:
        accounts = accounts.filter(role="", is_superuser=False)
    elif filters.role:
        accounts = accounts.filter(role=filters.role)
    if filters.branch_office is not None:
        # A branch's own staff and the accounts of the communities in its districts.
        accounts = accounts.filter(Q(branch_office_id=filters.branch_office)
                                   | Q(community__district__branch_office_id=filters.branch_office))
    if filters.community is not None:
        accounts = accounts.filter(community_id=filters.community)
    if filters.active:
        accounts = accounts.filter(is_active=filters.active == "active")
    if filters.demo:
        accounts = accounts.filter(is_demo=filters.demo == "yes")
    return accounts.order_by("username")


def account(request: HttpRequest, pk: int, **_kwargs: Any) -> User:
    """One account with its scope; Http404 if there is none."""
    try:
        return User.objects.select_related("branch_office", "department", "community", "company").get(pk=pk)
    except User.DoesNotExist as missing:
        raise Http404 from missing


def recent_events(account: User) -> list[AuditEvent]:
    """The account's latest audit events, newest first (at most RECENT_EVENTS)."""
    return list(AuditEvent.objects.filter(object_type=User._meta.label_lower, object_id=str(account.pk))
                .order_by("-sequence")[:RECENT_EVENTS])


@dataclass(frozen=True)
class AccountCounts:
    active: int
    inactive: int
    never_signed_in: int
    without_role: int


def account_counts() -> AccountCounts:
    """How many accounts are active, inactive, never signed in and active without a role (one query)."""
    counts = User.objects.aggregate(
        active=Count("pk", filter=Q(is_active=True)),
        inactive=Count("pk", filter=Q(is_active=False)),
        never_signed_in=Count("pk", filter=Q(last_login__isnull=True)),
        without_role=Count("pk", filter=Q(is_active=True, role="", is_superuser=False)),
    )
    return AccountCounts(**counts)
