"""Who may use each support API operation: the same permissions and scopes as the staff pages.

Contacts: the caller's scoped list for anyone signed in; logging and closing a follow-up for city staff in the
community's internal scope. Dispatch: the community's members ask; the city or the branch decides; the
dispatched staff, the branch or the city carry it out. Consultations: the centre logs, city staff read theirs;
only the advisor who logged one corrects it or closes its follow-up.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.access import CITY, SIGNED_IN, Case, community_slug
from tests.support.access_matrix import (
    ASSIGN_OWN,
    CONSULTATION_READERS,
    DISPATCH_VIEWERS_OWN,
    MEMBERS,
    NOBODY,
    SUPPORT_OWN,
)

BASE = "/api/v1/support/staff"
ADVISOR = frozenset({"advisor"})


def _today() -> str:
    return timezone.localdate().isoformat()


def _open_follow_up(world, which):
    from tests.support.factories import make_contact

    contact = make_contact(world.community(which), world.users["city_admin"], follow_up="資料を届ける", due_in=5)
    return {"contact_id": contact.pk}


def _request(status):
    def kwargs(world, which):
        from tests.support.dispatch_factories import make_request

        return {"request_id": make_request(world, which, status=status).pk}

    return kwargs


def _existing_request(world, which):
    from tests.support.dispatch_factories import ensure_request

    return {"request_id": ensure_request(world, which).pk}


def _action(**more):
    def data(world, which):
        from kyodo.support.models import DispatchRequest

        request = DispatchRequest.objects.filter(community=world.community(which)).latest("pk")
        values = {"version": request.version, "comment": "確認しました", **more}
        if "staff" in values:
            values["staff"] = world.users["liaison"].pk
        return values

    return data


def _consultation(follow_up: bool = False):
    def kwargs(world, which):
        from tests.support.consultation_factories import make_consultation

        consultation = make_consultation(world, which, days_ago=0)
        if follow_up:
            consultation.follow_up_on = timezone.localdate() + dt.timedelta(days=7)
            consultation.save(update_fields=["follow_up_on"])
        return {"consultation_id": consultation.pk}

    return kwargs


def _consultation_data(world, which):
    from tests.support.consultation_factories import ensure_topic

    return {"community": world.community(which).slug, "consulted_on": _today(), "way": "phone",
            "topic": ensure_topic().pk, "summary": "役員の引継ぎについて", "advice": "引継ぎ書を作る"}


def _edit_data(world, which):
    from kyodo.support.models import Consultation

    consultation = Consultation.objects.filter(community=world.community(which)).latest("pk")
    return {**_consultation_data(world, which), "version": consultation.version}


CASES = [
    Case(f"GET {BASE}/contacts", own=SIGNED_IN),
    Case(f"POST {BASE}/communities/{{slug}}/contacts", own=SUPPORT_OWN, other=CITY, kwargs=community_slug,
         data=lambda world, which: {"contacted_on": _today(), "way": "phone", "summary": "電話で状況を聞いた"},
         ok_status=(201,), policy="perm:support.log_contact"),
    Case(f"POST {BASE}/contacts/{{contact_id}}/follow-up-done", own=SUPPORT_OWN, other=CITY,
         kwargs=_open_follow_up, data=lambda world, which: {"done_on": _today()},
         policy="perm:support.close_follow_up"),
    Case(f"GET {BASE}/dispatch", own=DISPATCH_VIEWERS_OWN | {"department_staff"}),
    Case(f"GET {BASE}/dispatch/{{request_id}}", own=DISPATCH_VIEWERS_OWN, other=CITY, kwargs=_existing_request,
         policy="perm:support.see_dispatch"),
    Case(f"POST {BASE}/communities/{{slug}}/dispatch", own=MEMBERS, other=NOBODY, kwargs=community_slug,
         data=lambda world, which: {"purpose": "plan_revision", "preferred_dates": "平日の夜"}, ok_status=(201,),
         policy="perm:support.request_dispatch"),
    Case(f"POST {BASE}/dispatch/{{request_id}}/accept", own=ASSIGN_OWN, other=CITY, kwargs=_request("requested"),
         data=_action(staff=True), policy="perm:support.decide_dispatch"),
    Case(f"POST {BASE}/dispatch/{{request_id}}/decline", own=ASSIGN_OWN, other=CITY, kwargs=_request("requested"),
         data=_action(reason="日程が合わないため"), policy="perm:support.decide_dispatch"),
    Case(f"POST {BASE}/dispatch/{{request_id}}/visits", own=SUPPORT_OWN, other=CITY, kwargs=_request("accepted"),
         data=_action(visited_on=dt.date.today().isoformat(), summary="訪問した"),
         policy="perm:support.carry_out_dispatch"),
    Case(f"POST {BASE}/dispatch/{{request_id}}/close", own=SUPPORT_OWN, other=CITY, kwargs=_request("accepted"),
         data=_action(outcome="計画を見直した"), policy="perm:support.carry_out_dispatch"),
    Case(f"GET {BASE}/consultations", own=CONSULTATION_READERS),
    Case(f"POST {BASE}/consultations", own=ADVISOR, data=_consultation_data, ok_status=(201,),
         policy="perm:support.log_consultation"),
    Case(f"PUT {BASE}/consultations/{{consultation_id}}", own=ADVISOR, other=ADVISOR, kwargs=_consultation(),
         data=_edit_data, policy="perm:support.edit_consultation"),
    Case(f"POST {BASE}/consultations/{{consultation_id}}/follow-up-done", own=ADVISOR, other=ADVISOR,
         kwargs=_consultation(follow_up=True), data=lambda world, which: {"done_on": _today()},
         policy="perm:support.close_consultation_follow_up"),
]
