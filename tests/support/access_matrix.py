"""Who may use the liaison pages.

support.view_community_support and support.log_contact: city staff in the community's internal scope
(the city admin, the community's branch, its liaison); never its members, the centre or a company.
support.assign_liaison: the city admin and the community's branch. support.view_coverage: the city
admin and branch staff (their list is scoped to their branch).
"""

from __future__ import annotations

import datetime as dt

from tests.access import CITY, Case, community_slug
from tests.support.factories import ensure_follow_up

SUPPORT_OWN = frozenset({"city_admin", "branch_staff", "liaison"})
ASSIGN_OWN = frozenset({"city_admin", "branch_staff"})


def _follow_up(world, which):
    community = world.community(which)
    return {"slug": community.slug, "pk": ensure_follow_up(community, world.users["city_admin"]).pk}


CASES = [
    Case("support_staff:coverage", own=frozenset({"city_admin", "branch_staff"}), policy="perm:support.view_coverage"),
    Case("support_staff:community", own=SUPPORT_OWN, other=CITY, kwargs=community_slug),
    Case("support_staff:contact-create", own=SUPPORT_OWN, other=CITY, kwargs=community_slug),
    Case("support_staff:follow-up-done", own=SUPPORT_OWN, other=CITY, kwargs=_follow_up),
    Case("support_staff:assign", own=ASSIGN_OWN, other=CITY, kwargs=community_slug),
]

# Staff dispatch: the community asks; the city or its branch decides; the dispatched staff, branch or city carry it out.
DISPATCH_VIEWERS_OWN = frozenset({"city_admin", "branch_staff", "liaison", "community_secretariat",
                                  "community_officer"})
MEMBERS = frozenset({"community_secretariat", "community_officer"})
NOBODY: frozenset[str] = frozenset()


def _request(status):
    def kwargs(world, which):
        from tests.support.dispatch_factories import make_request

        return {"pk": make_request(world, which, status=status).pk}

    return kwargs


def _prefixed(action, **more):
    def data(world, which):
        from kyodo.support.models import DispatchRequest

        request = DispatchRequest.objects.filter(community=world.community(which)).latest("pk")
        values = {"version": str(request.version), "comment": "確認しました", **more}
        if action == "accept":
            values["staff"] = str(world.users["liaison"].pk)
        return {f"{action}-{key}": value for key, value in values.items()}

    return data


def _existing(world, which):
    from tests.support.dispatch_factories import ensure_request

    return {"pk": ensure_request(world, which).pk}


CASES += [
    Case("support_staff:dispatch-list", own=DISPATCH_VIEWERS_OWN | {"department_staff"}),
    Case("support_staff:dispatch-create", own=MEMBERS, other=NOBODY, kwargs=community_slug),
    Case("support_staff:dispatch-detail", own=DISPATCH_VIEWERS_OWN, other=CITY, kwargs=_existing),
    Case("support_staff:dispatch-accept", own=ASSIGN_OWN, other=CITY, kwargs=_request("requested"), method="post",
         data=_prefixed("accept"), ok_status=(302,)),
    Case("support_staff:dispatch-decline", own=ASSIGN_OWN, other=CITY, kwargs=_request("requested"), method="post",
         data=_prefixed("decline", reason="日程が合わないため"), ok_status=(302,)),
    Case("support_staff:dispatch-log-visit", own=SUPPORT_OWN, other=CITY, kwargs=_request("accepted"),
         method="post", data=_prefixed("log_visit", visited_on=dt.date.today().isoformat(), summary="訪問した"),
         ok_status=(302,)),
    Case("support_staff:dispatch-close", own=SUPPORT_OWN, other=CITY, kwargs=_request("accepted"), method="post",
         data=_prefixed("close", outcome="計画を見直した"), ok_status=(302,)),
]

# Consultations: the centre's advisors log and read them; city staff read their communities' and write notes.
CONSULTATION_READERS = frozenset({"city_admin", "branch_staff", "liaison", "department_staff", "advisor"})


def _consultation(world, which):
    from tests.support.consultation_factories import make_consultation

    return {"pk": make_consultation(world, which).pk}


def _topic(world, which):
    from tests.support.consultation_factories import ensure_topic

    return {"pk": ensure_topic().pk}


CASES += [
    Case("support_staff:consultation-list", own=CONSULTATION_READERS),
    Case("support_staff:consultation-create", own=frozenset({"advisor"})),
    Case("support_staff:consultation-note", own=SUPPORT_OWN, other=CITY, kwargs=_consultation),
    Case("support_staff:consultation-edit", own=frozenset({"advisor"}), kwargs=_consultation),
    Case("support_staff:consultation-follow-up-done", own=frozenset({"advisor"}), kwargs=_consultation),
    Case("support_staff:topic-list", own=CITY),
    Case("support_staff:topic-create", own=CITY),
    Case("support_staff:topic-edit", own=CITY, kwargs=_topic),
]

CASES += [
    Case("support_staff:consultation-report", own=frozenset({"city_admin", "advisor"})),
    Case("support_staff:consultation-report-export", own=frozenset({"city_admin", "advisor"})),
    Case("support_staff:consultation-report-pdf", own=frozenset({"city_admin", "advisor"})),
]
