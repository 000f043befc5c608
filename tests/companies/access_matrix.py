"""Who may use each companies URL.

Public: the list and a company with a published partnership. Staff: a company's contact writes, submits and
withdraws their own company's partnerships and edits its profile; the city's coordination division sees every
partnership, publishes, returns and withdraws, and registers companies. "own" is the contact's company,
"other" another company.
"""

from __future__ import annotations

from tests.access import ALL, CITY, Case
from tests.companies.factories import make_partnership, other_company

CONTACT = frozenset({"company_contact"})
READERS = CONTACT | CITY
NOBODY: frozenset[str] = frozenset()


def company_of(world, which):
    return world.company if which == "own" else other_company()


def _partnership(status="published"):
    def kwargs(world, which):
        return {"pk": make_partnership(company_of(world, which), status=status).pk}

    return kwargs


def _company(world, which):
    company = company_of(world, which)
    make_partnership(company, status="published")
    return {"slug": company.slug}


def _version(prefix, comment=""):
    def data(world, which):
        return {f"{prefix}-version": "1", f"{prefix}-comment": comment}

    return data


def _action(name, status, own, other, comment=""):
    return Case(f"companies_staff:partnership-{name}", own=own, other=other, kwargs=_partnership(status),
                method="post", data=_version(name, comment), ok_status=(302,))


CASES = [
    Case("companies:list", own=ALL),
    Case("companies:detail", own=ALL, other=ALL, kwargs=_company),
    Case("companies_staff:index", own=READERS),
    Case("companies_staff:partnership-create", own=CONTACT),
    Case("companies_staff:partnership", own=READERS, other=CITY, kwargs=_partnership("draft")),
    Case("companies_staff:partnership-edit", own=CONTACT, other=NOBODY, kwargs=_partnership("draft")),
    Case("companies_staff:company-list", own=CITY),
    Case("companies_staff:company-create", own=CITY),
    Case("companies_staff:company-edit", own=READERS, other=CITY, kwargs=_company),
    _action("submit", "draft", CONTACT, NOBODY),
    _action("publish", "submitted", CITY, CITY),
    _action("return", "submitted", CITY, CITY, comment="期間を書き足してください。"),
    _action("withdraw", "published", READERS, CITY),
    _action("reopen", "withdrawn", CONTACT, NOBODY),
]
