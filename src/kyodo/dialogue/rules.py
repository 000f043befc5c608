"""Who may record, route, answer, review and publish opinions, and see the city's overview."""

from __future__ import annotations

from typing import Any

import rules

from kyodo.accounts.rules import (
    is_branch_staff,
    is_city_admin,
    is_city_staff,
    is_community_member,
    is_department_staff,
)
from kyodo.communities.rules import is_branch_of_community, is_own_community
from kyodo.dialogue.scopes import OPINIONS


@rules.predicate
def is_routed_department(user: Any, opinion: Any) -> bool:
    """Staff of a department the opinion was routed to."""
    return (
        opinion is not None and user.department_id is not None
        and opinion.departments.filter(pk=user.department_id).exists()
    )


# Seeing an unpublished opinion is its scope (kyodo.dialogue.scopes.OPINIONS), as the lists are.
rules.add_perm("dialogue.see_opinion", OPINIONS.predicate())
rules.add_perm("dialogue.list_opinions", is_city_staff | is_community_member)
# Recording an opinion of a community: the city, the community's branch, the community itself.
rules.add_perm("dialogue.record_opinion", is_city_admin | is_branch_of_community | is_own_community)
rules.add_perm("dialogue.route_opinion", is_city_admin)
rules.add_perm("dialogue.answer_opinion", is_department_staff & is_routed_department)
rules.add_perm("dialogue.review_opinion", is_city_admin)
rules.add_perm("dialogue.view_overview", is_city_admin)
rules.add_perm("dialogue.manage_categories", is_city_admin)


@rules.predicate
def is_branch_of_meeting(user: Any, meeting: Any) -> bool:
    """Branch staff of a branch one of the meeting's districts (or communities, or its venue) belongs to."""
    if meeting is None or user.branch_office_id is None:
        return False
    branch = user.branch_office_id
    if meeting.place_district is not None and meeting.place_district.branch_office_id == branch:
        return True
    return (meeting.districts.filter(branch_office_id=branch).exists()
            or meeting.communities.filter(district__branch_office_id=branch).exists())


# Meetings are public; the city and the branches concerned plan and record them.
rules.add_perm("dialogue.list_meetings", is_city_staff)
rules.add_perm("dialogue.plan_meeting", is_city_admin | is_branch_staff)
rules.add_perm("dialogue.manage_meeting", is_city_admin | (is_branch_staff & is_branch_of_meeting))
rules.add_perm("dialogue.manage_meeting_kinds", is_city_admin)
