"""Who may see and do the city's support work on a community (measure 14)."""

from __future__ import annotations

from typing import Any

import rules

from kyodo.accounts.rules import is_advisor, is_branch_staff, is_city_admin, is_city_staff, is_community_member
from kyodo.communities.rules import is_branch_of_community, is_own_community
from kyodo.support.scopes import CONSULTATIONS, CONTACTS, DISPATCH, SUPPORTED

sees_support = SUPPORTED.predicate()


# A community's support page (liaison history and contact log): the city, its branch, its liaison.
rules.add_perm("support.view_community_support", sees_support)
# Logging a contact and closing a follow-up: whoever sees the page.
rules.add_perm("support.log_contact", sees_support)
rules.add_perm("support.close_follow_up", CONTACTS.predicate())
# Placing and rotating liaisons: the city's coordination division and the community's branch.
rules.add_perm("support.assign_liaison", is_city_admin | is_branch_of_community)
# The coverage list: the city and branch staff (scoped to their branch's communities in SQL).
rules.add_perm("support.view_coverage", is_city_admin | is_branch_staff)


# Staff dispatch (measure 2). Seeing a request is its scope (the community, its branch, its liaison, the city).
@rules.predicate
def is_member_of_requesting(user: Any, obj: Any) -> bool:
    """A member (secretariat, officer) of the community asking, or of the request's community."""
    return obj is not None and is_own_community(user, getattr(obj, "community", obj))


@rules.predicate
def decides_for(user: Any, obj: Any) -> bool:
    """The city's coordination division, or the branch of the request's community."""
    return obj is not None and (is_city_admin(user) or is_branch_of_community(user, getattr(obj, "community", obj)))


@rules.predicate
def is_dispatched(user: Any, obj: Any) -> bool:
    """The staff member assigned to the request."""
    return obj is not None and getattr(obj, "assigned_staff_id", None) == getattr(user, "pk", -1) and user.is_active


rules.add_perm("support.see_dispatch", DISPATCH.predicate())
rules.add_perm("support.list_dispatch", is_city_staff | is_community_member)
rules.add_perm("support.request_dispatch", is_member_of_requesting)
rules.add_perm("support.decide_dispatch", decides_for)
rules.add_perm("support.carry_out_dispatch", decides_for | is_dispatched)
# A community's requests on its staff page: whoever sees its internal data (the same scope, through the community).
rules.add_perm("support.see_dispatch_of", SUPPORTED.predicate() | is_member_of_requesting)

# Consultations (measure 11): the centre's advisors log them; they and the city staff in scope read them; only
# city staff read and write the city's internal notes; the city keeps the topics.
rules.add_perm("support.list_consultations", is_advisor | is_city_staff)
rules.add_perm("support.log_consultation", is_advisor)
rules.add_perm("support.see_consultation", CONSULTATIONS.predicate())
rules.add_perm("support.write_city_note", is_city_staff & CONSULTATIONS.predicate())
rules.add_perm("support.manage_topics", is_city_admin)


@rules.predicate
def logged_it(user: Any, obj: Any) -> bool:
    """The advisor who logged the consultation."""
    return obj is not None and getattr(obj, "advisor_id", None) == getattr(user, "pk", -1) and user.is_active


# Correcting a consultation and closing its follow-up: the advisor who logged it (the service keeps the year).
rules.add_perm("support.edit_consultation", is_advisor & logged_it)
rules.add_perm("support.close_consultation_follow_up", is_advisor & logged_it)
# The centre's report to the city: the centre's advisors and the city's coordination division.
rules.add_perm("support.view_consultation_report", is_advisor | is_city_admin)
