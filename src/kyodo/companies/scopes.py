"""Which partnerships and companies a user works on: the city's coordination division sees every one; a
company's contact sees (and writes) their own company's."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from kyodo.accounts.roles import Role
from kyodo.companies.models import Company, Partnership
from kyodo.scopes import EVERYTHING, NOTHING, Scope


def contact_company_id(user: Any) -> int | None:
    """The company whose contact ``user`` is (None for everyone else)."""
    if getattr(user, "is_active", False) and getattr(user, "role", "") == Role.COMPANY_CONTACT:
        company_id: int | None = user.company_id
        return company_id
    return None


def visible_filter(user: Any) -> Q:
    if user.is_city_admin:
        return EVERYTHING
    company_id = contact_company_id(user)
    return Q(company_id=company_id) if company_id is not None else NOTHING


def written_filter(user: Any) -> Q:
    company_id = contact_company_id(user)
    return Q(company_id=company_id) if company_id is not None else NOTHING


def company_filter(user: Any) -> Q:
    if user.is_city_admin:
        return EVERYTHING
    company_id = contact_company_id(user)
    return Q(pk=company_id) if company_id is not None else NOTHING


VISIBLE = Scope(Partnership, visible_filter, name="company_partnerships_visible")
WRITTEN = Scope(Partnership, written_filter, name="company_partnerships_written")
COMPANIES = Scope(Company, company_filter, name="companies_managed")
