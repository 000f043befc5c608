"""Who may call each /api/v1/practice operation: published reports are public; the staff's steps follow
the report's permissions, like the pages."""

from __future__ import annotations

from tests.access import ALL, CITY, Case
from tests.practice.access_matrix import READERS, WRITERS
from tests.practice.factories import make_report


def _report(status="published"):
    def kwargs(world, which):
        return {"report_id": make_report(world.community(which), status=status).pk}

    return kwargs


def _step(slug, status, own, other, comment=""):
    return Case(f"POST /api/v1/practice/staff/reports/{{report_id}}/{slug}", own=own, other=other,
                kwargs=_report(status), data=lambda world, which: {"version": 1, "comment": comment})


CASES = [
    Case("GET /api/v1/practice/reports", own=ALL),
    Case("GET /api/v1/practice/reports/{report_id}", own=ALL, other=ALL, kwargs=_report()),
    Case("GET /api/v1/practice/staff/reports", own=READERS),
    _step("publish", "draft", WRITERS, frozenset()),
    _step("withdraw", "published", WRITERS, frozenset()),
    _step("unpublish", "published", CITY, CITY, comment="写真に個人が写っています。"),
    _step("revise", "unpublished", WRITERS, frozenset()),
]
