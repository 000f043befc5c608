"""Who may call each /api/v1/companies operation: published partnerships and companies are public; the staff's
operations follow the pages' permissions."""

from __future__ import annotations

from tests.access import ALL, CITY, Case
from tests.companies.access_matrix import CONTACT, NOBODY, READERS, company_of
from tests.companies.factories import make_partnership


def _partnership(status="published"):
    def kwargs(world, which):
        return {"partnership_id": make_partnership(company_of(world, which), status=status).pk}

    return kwargs


def _step(slug, status, own, other, comment=""):
    return Case(f"POST /api/v1/companies/staff/partnerships/{{partnership_id}}/{slug}", own=own, other=other,
                kwargs=_partnership(status), data=lambda world, which: {"version": 1, "comment": comment})


def _new(world, which):
    return {"title": "防災訓練での重機の実演", "kind": "skills", "fiscal_year": 2025,
            "description": "重機の操作を実演します。"}


CASES = [
    Case("GET /api/v1/companies/companies", own=ALL),
    Case("GET /api/v1/companies/partnerships", own=ALL),
    Case("GET /api/v1/companies/staff/partnerships", own=READERS),
    Case("POST /api/v1/companies/staff/partnerships", own=CONTACT, data=_new, ok_status=(201,)),
    _step("submit", "draft", CONTACT, NOBODY),
    _step("publish", "submitted", CITY, CITY),
    _step("return", "submitted", CITY, CITY, comment="期間を書き足してください。"),
    _step("withdraw", "published", READERS, CITY),
    _step("reopen", "withdrawn", CONTACT, NOBODY),
]
