"""Who may use the audit log's and the change history's pages.

City administrators read every audit event, verify the chain and see every registered history; account
administrators (not a role of the matrix's world: see test_pages.py) read the account events and the
accounts' history. Everyone else is refused.
"""

from __future__ import annotations

from kyodo.audit.models import AuditEvent
from kyodo.audit.services import record_event
from tests.access import CITY, Case


def _event(world, which):
    event = AuditEvent.objects.order_by("-sequence").first() or record_event("grant.award", summary="probe")
    return {"sequence": event.sequence}


def _community(world, which):
    return {"label": "communities.community", "pk": world.community(which).pk}


CASES = [
    Case("audit_staff:index", own=CITY),
    Case("audit_staff:event", own=CITY, kwargs=_event),
    Case("audit_staff:verification", own=CITY),
    Case("audit_staff:verify", own=CITY, method="post", ok_status=(302,)),
    Case("history_staff:object", own=CITY, kwargs=_community),
]
