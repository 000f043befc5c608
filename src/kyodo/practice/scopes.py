"""Which reports a user works on: the city's coordination division sees every one; a community's
secretariat and officers see (and write) their own community's."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from kyodo.practice.models import PracticeReport
from kyodo.scopes import EVERYTHING, NOTHING, Scope


def visible_filter(user: Any) -> Q:
    if user.is_city_admin:
        return EVERYTHING
    if user.is_community_member and user.community_id is not None:
        return Q(community_id=user.community_id)
    return NOTHING


def written_filter(user: Any) -> Q:
    if user.is_community_member and user.community_id is not None:
        return Q(community_id=user.community_id)
    return NOTHING


VISIBLE = Scope(PracticeReport, visible_filter, name="practice_reports_visible")
WRITTEN = Scope(PracticeReport, written_filter, name="practice_reports_written")
