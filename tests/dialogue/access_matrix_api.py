"""Who may use each dialogue API operation: meetings and published opinions are public; the staff list is for
signed-in users (scoped); an opinion's page and actions follow the same permissions as the staff pages."""

from __future__ import annotations

from tests.access import ALL, CITY, COMMUNITY_VIEWERS_OWN, SIGNED_IN, Case, community_slug
from tests.dialogue.access_matrix import DEPARTMENT, VIEWERS_OTHER, VIEWERS_OWN
from tests.dialogue.access_matrix_meetings import CITY_STAFF, ORGANISERS_OWN
from tests.dialogue.access_matrix_requests import DECIDERS_OWN, MEMBERS_OWN, NOBODY
from tests.dialogue.factories import ensure_kind, meeting_in_state, opinion_in_state, request_in_state


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


def _staff_meeting(status):
    def kwargs(world, which):
        return {"meeting_id": meeting_in_state(world.community(which), status).pk}

    return kwargs


def _meeting_data(**more):
    def data(world, which):
        from kyodo.dialogue.models import Meeting

        meeting = Meeting.objects.filter(communities=world.community(which)).latest("pk")
        return {"version": meeting.version, **more}

    return data


def _plan_data(world, which):
    import datetime as dt

    from django.utils import timezone

    district = world.community_a.district.pk
    return {"kind": ensure_kind().pk, "title": "青葉地区 住民懇談会", "place_district": district,
            "starts_at": (timezone.now() + dt.timedelta(days=10)).isoformat(), "districts": [district]}


def _request(status):
    def kwargs(world, which):
        return {"request_id": request_in_state(world.community(which), status).pk}

    return kwargs


def _request_data(**more):
    def data(world, which):
        from kyodo.dialogue.models import MeetingRequest

        request = MeetingRequest.objects.filter(community=world.community(which)).latest("pk")
        values = {"version": request.version, **more}
        if "meeting" in values:
            values["meeting"] = meeting_in_state(world.community(which), "planned", days_from_now=20).pk
        return values

    return data


def _new_request(world, which):
    import datetime as dt

    from django.utils import timezone

    return {"kind": ensure_kind().pk, "purpose": "防災について話し合いたい",
            "first_choice_on": (timezone.localdate() + dt.timedelta(days=30)).isoformat()}


COUNTS = {"attendance_residents": 10, "attendance_communities": 4, "attendance_city": 2, "attendance_other": 0}
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
    Case(f"POST {BASE}/staff/meetings", own=ORGANISERS_OWN, data=_plan_data, ok_status=(201,),
         policy="perm:dialogue.plan_meeting"),
    Case(f"GET {BASE}/staff/meetings/{{meeting_id}}", own=CITY_STAFF, kwargs=_staff_meeting("planned"),
         policy="perm:dialogue.list_meetings"),
    Case(f"POST {BASE}/staff/meetings/{{meeting_id}}/hold", own=ORGANISERS_OWN, other=CITY,
         kwargs=_staff_meeting("planned"), data=_meeting_data(**COUNTS), policy="perm:dialogue.manage_meeting"),
    Case(f"POST {BASE}/staff/meetings/{{meeting_id}}/publish-minutes", own=ORGANISERS_OWN, other=CITY,
         kwargs=_staff_meeting("held"), data=_meeting_data(minutes="道路の維持について話し合った。"),
         policy="perm:dialogue.manage_meeting"),
    Case(f"POST {BASE}/staff/meetings/{{meeting_id}}/cancel", own=ORGANISERS_OWN, other=CITY,
         kwargs=_staff_meeting("planned"), data=_meeting_data(comment="大雨のため"),
         policy="perm:dialogue.manage_meeting"),
    Case(f"GET {BASE}/staff/meeting-requests", own=SIGNED_IN),
    Case(f"POST {BASE}/staff/communities/{{slug}}/meeting-requests", own=MEMBERS_OWN, other=NOBODY,
         kwargs=community_slug, data=_new_request, ok_status=(201,), policy="perm:dialogue.request_meeting"),
    Case(f"GET {BASE}/staff/meeting-requests/{{request_id}}", own=COMMUNITY_VIEWERS_OWN, other=CITY,
         kwargs=_request("requested"), policy="perm:dialogue.see_meeting_request"),
    Case(f"POST {BASE}/staff/meeting-requests/{{request_id}}/schedule", own=DECIDERS_OWN, other=CITY,
         kwargs=_request("requested"), data=_request_data(meeting=True),
         policy="perm:dialogue.decide_meeting_request"),
    Case(f"POST {BASE}/staff/meeting-requests/{{request_id}}/decline", own=DECIDERS_OWN, other=CITY,
         kwargs=_request("requested"), data=_request_data(comment="日程が合わないため"),
         policy="perm:dialogue.decide_meeting_request"),
]
