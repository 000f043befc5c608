"""Which grant applications a user may see: the community's internal scope, reached through the community."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from kyodo.communities.scopes import internal_filter
from kyodo.grants.models import Application
from kyodo.scopes import Scope


def application_filter(user: Any) -> Q:
    """City administrators: all; branch staff: their branch's; members: their community's; and every
    application of a community the user is the liaison of, whatever their role."""
    return internal_filter(user, via="community")


APPLICATIONS = Scope(Application, application_filter, name="grant_applications")
