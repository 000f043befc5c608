"""/api/v1/support: the staff's support work on communities, scoped like the staff pages.

Liaisons' contacts and follow-ups, staff dispatch (a community's request and the workflow's actions) and the
centre's consultations. Every operation calls the same service as its page; refusals are answered by
kyodo.api_errors (409 stale or wrong state, 403, 404 out of scope, 422 with Japanese messages).
"""

from __future__ import annotations

from ninja import Router
from ninja.security import django_auth

from kyodo.support.api import consultations, contacts, dispatch

router = Router(tags=["support"], auth=django_auth)
router.add_router("", contacts.router)
router.add_router("", dispatch.router)
router.add_router("", consultations.router)

__all__ = ["router"]
