"""Dispatch requests in a given state, for tests."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kyodo.support.models import DispatchRequest, DispatchVisit


def make_request(world, which="own", *, status="requested", days_ago=10):
    community = world.community(which)
    # The own community's liaison is dispatched there; on the other community, a city administrator.
    staff = world.users["liaison"] if which == "own" else world.users["city_admin"]
    request = DispatchRequest.objects.create(
        community=community, requested_by=world.users["community_secretariat"],
        requested_on=timezone.localdate() - dt.timedelta(days=days_ago), purpose="plan_revision",
        preferred_dates="平日の夜", status=status,
        assigned_staff=staff if status in ("accepted", "closed") else None,
    )
    if status in ("accepted", "closed"):
        DispatchVisit.objects.create(request=request, visited_on=request.requested_on, staff=staff,
                                     summary="役員会で説明した。")
    return request


def ensure_request(world, which="own"):
    community = world.community(which)
    return DispatchRequest.objects.filter(community=community).first() or make_request(world, which)
