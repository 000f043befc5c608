"""Writes of staff dispatch: a community's request, and one service per workflow action.

Each action's service runs in one transaction on the request reloaded, after the workflow's guard, and ends in
``DISPATCH_WORKFLOW.move`` (compare-and-swap on ``version``, transition row, audit event): of two decisions
taken at once on the same request, one wins and the other is told so.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.audit.services import record_event
from kyodo.communities.models import Community, PlanRevision
from kyodo.support.dispatch_workflow import DISPATCH_WORKFLOW
from kyodo.support.models import DispatchPurpose, DispatchRequest, DispatchVisit
from kyodo.support.text import check_plain_text

PLAN_PURPOSES = {DispatchPurpose.PLAN_DRAFTING, DispatchPurpose.PLAN_REVISION}


@transaction.atomic
def request_dispatch(community: Community, *, actor: Any, purpose: str, preferred_dates: str,
                     notes: str = "") -> DispatchRequest:
    """A community's request for city staff."""
    if not actor.has_perm("support.request_dispatch", community):
        raise PermissionDenied
    check_plain_text(preferred_dates=preferred_dates, notes=notes)
    request = DispatchRequest.objects.create(
        community=community, requested_by=actor, requested_on=timezone.localdate(), purpose=purpose,
        preferred_dates=preferred_dates, notes=notes,
    )
    record_event("staff_dispatch.request", actor=actor, target=request,
                 summary=f"{community.name}: {request.get_purpose_display()}",
                 data={"community": community.slug, "purpose": purpose})
    return request


@DISPATCH_WORKFLOW.service("accept")
def accept(request: DispatchRequest, *, actor: Any, version: int, staff: Any, comment: str = "") -> DispatchRequest:
    check_plain_text(comment=comment)
    if not staff.is_active or not staff.is_city_staff:
        raise ValidationError({"staff": _("派遣する職員には、市の職員を選んでください。")})
    request.assigned_staff = staff
    return DISPATCH_WORKFLOW.move(request, "accept", actor=actor, version=version, comment=comment,
                                  data={"staff": staff.username}, extra_fields=["assigned_staff"])


@DISPATCH_WORKFLOW.service("decline")
def decline(request: DispatchRequest, *, actor: Any, version: int, reason: str, comment: str = "") -> DispatchRequest:
    check_plain_text(reason=reason, comment=comment)
    request.decline_reason = reason
    return DISPATCH_WORKFLOW.move(request, "decline", actor=actor, version=version, comment=comment or reason,
                                  data={"reason": reason}, extra_fields=["decline_reason"])


@DISPATCH_WORKFLOW.service("log_visit")
def log_visit(request: DispatchRequest, *, actor: Any, version: int, visited_on: dt.date, summary: str,
              comment: str = "") -> DispatchRequest:
    check_plain_text(summary=summary, comment=comment)
    if visited_on < request.requested_on:
        raise ValidationError({"visited_on": _("訪問日は依頼日(%(date)s)より前にはできません。")
                               % {"date": request.requested_on}})
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": _("訪問日に未来の日は入力できません。")})
    DispatchVisit.objects.create(request=request, visited_on=visited_on, staff=actor, summary=summary)
    return DISPATCH_WORKFLOW.move(request, "log_visit", actor=actor, version=version,
                                  comment=comment or f"{visited_on} {summary}"[:2000], data={"visited_on": visited_on})


def _revision_for(request: DispatchRequest) -> PlanRevision | None:
    """The community's plan revision made since the request, for a request about the plan."""
    if request.purpose not in PLAN_PURPOSES:
        return None
    return (PlanRevision.objects.filter(plan__community_id=request.community_id, revised_on__gte=request.requested_on)
            .order_by("-revised_on", "-pk").first())


@DISPATCH_WORKFLOW.service("close")
def close(request: DispatchRequest, *, actor: Any, version: int, outcome: str, comment: str = "") -> DispatchRequest:
    check_plain_text(outcome=outcome, comment=comment)
    if not request.visits.exists():
        raise ValidationError(_("訪問を1回以上記録してから完了してください。"))
    request.outcome = outcome
    request.plan_revision = _revision_for(request)
    return DISPATCH_WORKFLOW.move(
        request, "close", actor=actor, version=version, comment=comment or outcome,
        data={"plan_revision": request.plan_revision.pk if request.plan_revision else None},
        extra_fields=["outcome", "plan_revision"],
    )
