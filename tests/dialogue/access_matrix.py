"""Who may use each dialogue URL.

Public: the published opinions. Staff list: city staff and community members (each sees their scope).
Recording an opinion: the city, the community's branch, the community itself. Routing, reviewing,
publishing, the overview and the categories: the city. Answering: the staff of a department the opinion
was routed to (the world's department staff, for opinions of either community).
"""

from __future__ import annotations

from tests.access import ALL, CITY, COMMUNITY_EDITORS_OWN, Case, community_slug
from tests.dialogue.factories import ensure_category, opinion_in_state

LISTERS = frozenset({"city_admin", "branch_staff", "liaison", "department_staff", "community_secretariat",
                     "community_officer"})
VIEWERS_OWN = LISTERS
VIEWERS_OTHER = frozenset({"city_admin", "department_staff"})
DEPARTMENT = frozenset({"department_staff"})


def _opinion(status):
    def kwargs(world, which):
        return {"pk": opinion_in_state(world.community(which), status).pk}

    return kwargs


def _published(world, which):
    return {"pk": opinion_in_state(world.community(which), "published").pk}


def _category(world, which):
    return {"pk": ensure_category().pk}


def _prefixed(action, **more):
    def data(world, which):
        from kyodo.dialogue.models import Opinion

        opinion = Opinion.objects.filter(community=world.community(which)).latest("pk")
        values = {"version": str(opinion.version), "comment": "確認しました", **more}
        if action == "route":
            values["departments"] = str(world.department.pk)
        return {f"{action}-{key}": value for key, value in values.items()}

    return data


def _route_data(world, which):
    import datetime as dt

    from django.utils import timezone

    return _prefixed("route", due_on=(timezone.localdate() + dt.timedelta(days=30)).isoformat())(world, which)


CASES = [
    Case("dialogue:opinion-list", own=ALL),
    Case("dialogue:opinion-detail", own=ALL, kwargs=_published),
    Case("dialogue_staff:opinion-list", own=LISTERS),
    Case("dialogue_staff:opinion-create", own=COMMUNITY_EDITORS_OWN, other=CITY, kwargs=community_slug),
    Case("dialogue_staff:opinion-detail", own=VIEWERS_OWN, other=VIEWERS_OTHER, kwargs=_opinion("routed")),
    Case("dialogue_staff:opinion-route", own=CITY, kwargs=_opinion("received"), method="post", data=_route_data,
         ok_status=(302,)),
    Case("dialogue_staff:opinion-answer", own=DEPARTMENT, kwargs=_opinion("routed"), method="post",
         data=_prefixed("answer", answer="対応します。", outcome="operations"), ok_status=(302,)),
    Case("dialogue_staff:opinion-return", own=CITY, kwargs=_opinion("answered"), method="post",
         data=_prefixed("return"), ok_status=(302,)),
    Case("dialogue_staff:opinion-review", own=CITY, kwargs=_opinion("answered"), method="post",
         data=_prefixed("review"), ok_status=(302,)),
    Case("dialogue_staff:opinion-publish", own=CITY, kwargs=_opinion("reviewed"), method="post",
         data=_prefixed("publish"), ok_status=(302,)),
    Case("dialogue_staff:overview", own=CITY),
    Case("dialogue_staff:overview-export", own=CITY),
    Case("dialogue_staff:category-list", own=CITY),
    Case("dialogue_staff:category-create", own=CITY),
    Case("dialogue_staff:category-edit", own=CITY, kwargs=_category),
]
