"""Who may use each meeting-request URL: a community requests for itself; the city and the community's branch
schedule or decline; the community's internal scope sees a request."""

from __future__ import annotations

from tests.access import CITY, COMMUNITY_VIEWERS_OWN, Case, community_slug
from tests.dialogue.factories import meeting_in_state, request_in_state

LISTERS = frozenset({"city_admin", "branch_staff", "liaison", "department_staff", "community_secretariat",
                     "community_officer"})
MEMBERS_OWN = frozenset({"community_secretariat", "community_officer"})
DECIDERS_OWN = frozenset({"city_admin", "branch_staff"})
NOBODY: frozenset[str] = frozenset()


def _request(status):
    def kwargs(world, which):
        return {"pk": request_in_state(world.community(which), status).pk}

    return kwargs


def _prefixed(action, **more):
    def data(world, which):
        from kyodo.dialogue.models import MeetingRequest

        request = MeetingRequest.objects.filter(community=world.community(which)).latest("pk")
        values = {"version": str(request.version), **more}
        if action == "schedule":
            values["meeting"] = str(meeting_in_state(world.community(which), "planned", days_from_now=20).pk)
        return {f"{action}-{key}": value for key, value in values.items()}

    return data


CASES = [
    Case("dialogue_staff:request-list", own=LISTERS),
    Case("dialogue_staff:request-create", own=MEMBERS_OWN, other=NOBODY, kwargs=community_slug),
    Case("dialogue_staff:request-detail", own=COMMUNITY_VIEWERS_OWN, other=CITY, kwargs=_request("requested")),
    Case("dialogue_staff:request-schedule", own=DECIDERS_OWN, other=CITY, kwargs=_request("requested"),
         method="post", data=_prefixed("schedule"), ok_status=(302,)),
    Case("dialogue_staff:request-decline", own=DECIDERS_OWN, other=CITY, kwargs=_request("requested"),
         method="post", data=_prefixed("decline", comment="日程が合わないため"), ok_status=(302,)),
]
