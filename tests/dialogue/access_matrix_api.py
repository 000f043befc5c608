"""Who may use each dialogue API operation: meetings and published opinions are public; the staff list is for
signed-in users (scoped); an opinion's page and actions follow the same permissions as the staff pages."""

from __future__ import annotations

from tests.access import ALL, CITY, SIGNED_IN, Case
from tests.dialogue.access_matrix import DEPARTMENT, VIEWERS_OTHER, VIEWERS_OWN
from tests.dialogue.factories import meeting_in_state, opinion_in_state


def _meeting(world, which):
    return {"meeting_id": meeting_in_state(world.community(which), "minutes_published").pk}


def _opinion(status):
    def kwargs(world, which):
        return {"opinion_id": opinion_in_state(world.community(which), status).pk}

    return kwargs


def _data(**more):
    def data(world, which):
        from kyodo.dialogue.models import Opinion

        opinion = Opinion.objects.filter(community=world.community(which)).latest("pk")
        values = {"version": opinion.version, **more}
        if "departments" in values:
            values["departments"] = [world.department.pk]
        return values

    return data


def _route_data(world, which):
    import datetime as dt

    from django.utils import timezone

    return _data(departments=True, due_on=(timezone.localdate() + dt.timedelta(days=20)).isoformat())(world, which)


BASE = "/api/v1/dialogue"
CASES = [
    Case(f"GET {BASE}/meetings", own=ALL),
    Case(f"GET {BASE}/meetings/{{meeting_id}}", own=ALL, kwargs=_meeting),
    Case(f"GET {BASE}/opinions", own=ALL),
    Case(f"GET {BASE}/opinions/{{opinion_id}}", own=ALL, kwargs=_opinion("published")),
    Case(f"GET {BASE}/staff/opinions", own=SIGNED_IN),
    Case(f"GET {BASE}/staff/opinions/{{opinion_id}}", own=VIEWERS_OWN, other=VIEWERS_OTHER,
         kwargs=_opinion("routed"), policy="perm:dialogue.see_opinion"),
    Case(f"POST {BASE}/staff/opinions/{{opinion_id}}/route", own=CITY, kwargs=_opinion("received"),
         data=_route_data, policy="perm:dialogue.route_opinion"),
    Case(f"POST {BASE}/staff/opinions/{{opinion_id}}/answer", own=DEPARTMENT, kwargs=_opinion("routed"),
         data=_data(answer="運用で対応します。", outcome="operations"), policy="perm:dialogue.answer_opinion"),
    Case(f"POST {BASE}/staff/opinions/{{opinion_id}}/return", own=CITY, kwargs=_opinion("answered"),
         data=_data(comment="根拠を補足してください"), policy="perm:dialogue.review_opinion"),
    Case(f"POST {BASE}/staff/opinions/{{opinion_id}}/review", own=CITY, kwargs=_opinion("answered"),
         data=_data(), policy="perm:dialogue.review_opinion"),
    Case(f"POST {BASE}/staff/opinions/{{opinion_id}}/publish", own=CITY, kwargs=_opinion("reviewed"),
         data=_data(), policy="perm:dialogue.review_opinion"),
]
