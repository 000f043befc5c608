"""/api/v1/grants/applications/…: the community's own actions after the award (its secretariat
and officers): request a change, write the actuals report and its lines, submit the report.

Each answers the application's detail; a stale version or a wrong state is 409, a problem
with the input 422 (kyodo.api_errors maps the services' refusals)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.security import django_auth

from kyodo.access import api_require_perm
from kyodo.api_inputs import Text, Version, Yen
from kyodo.grants.api.applications import PREPARE, GrantApplicationDetailOut, visible_application
from kyodo.grants.api.inputs import GrantVersionIn
from kyodo.grants.applications import actuals, changes
from kyodo.grants.models import ActualLine, Application, ExpenseCategory

router = Router(auth=django_auth)


class GrantChangeRequestIn(Schema):
    version: Version
    reason: Text(2000)  # type: ignore[valid-type]
    description: Text(2000)  # type: ignore[valid-type]
    requested_amount_yen: Yen


class GrantActualsIn(Schema):
    version: Version
    summary: Text(4000)  # type: ignore[valid-type]
    outcomes: Text(4000) = ""  # type: ignore[valid-type]


class GrantActualLineIn(Schema):
    version: Version
    category: Text(50) = Field(description="The expense category's code.")  # type: ignore[valid-type]
    description: Text(200) = ""  # type: ignore[valid-type]
    amount_yen: Yen


class GrantReportIn(Schema):
    version: Version
    comment: Text(2000) = ""  # type: ignore[valid-type]


@router.post("/applications/{application_id}/request-change", response=GrantApplicationDetailOut,
             summary="変更承認を申請 / Request a change to the award")
@api_require_perm(PREPARE, load=visible_application)
def request_change(request: HttpRequest, application: Application, payload: GrantChangeRequestIn) -> Application:
    """The community asks to change its awarded application: a reason, what changes and the new
    amount (whole yen, within the entitlement and the cap). 409 when the version is stale or the
    application is not awarded; 422 with per-field messages."""
    changes.request_change_application(
        application, actor=request.user, version=payload.version, reason=payload.reason,
        description=payload.description, requested_amount_yen=payload.requested_amount_yen)
    return visible_application(request, application.pk)


@router.put("/applications/{application_id}/actuals", response=GrantApplicationDetailOut,
            summary="実績報告の内容を保存 / Save the actuals report's text")
@api_require_perm(PREPARE, load=visible_application)
def save_actuals(request: HttpRequest, application: Application, payload: GrantActualsIn) -> Application:
    """Write what was done and what came of it, while the application is awarded or its report
    was returned. 409 when the version is stale or the report may not change now."""
    actuals.save_actuals_report(application, actor=request.user, version=payload.version,
                                  summary=payload.summary, outcomes=payload.outcomes)
    return visible_application(request, application.pk)


@router.post("/applications/{application_id}/actuals/lines", response=GrantApplicationDetailOut,
             summary="実績報告に支出を追加 / Add a line of actual spending")
@api_require_perm(PREPARE, load=visible_application)
def add_actual_line(request: HttpRequest, application: Application, payload: GrantActualLineIn) -> Application:
    """Add a line of actual spending: an eligible expense category (by code) and whole yen ≥ 1.
    422 for an unknown or ineligible category or a bad amount; 409 when the version is stale."""
    category = ExpenseCategory.objects.filter(code=payload.category).first()
    if category is None:
        raise ValidationError({"category": _("経費区分「%(code)s」はありません。") % {"code": payload.category}})
    actuals.add_actual_line(application, actor=request.user, version=payload.version, category=category,
                              description=payload.description, amount_yen=payload.amount_yen)
    return visible_application(request, application.pk)


@router.delete("/applications/{application_id}/actuals/lines/{line_id}", response=GrantApplicationDetailOut,
               summary="実績報告の支出を削除 / Remove a line of actual spending")
@api_require_perm(PREPARE, load=visible_application)
def remove_actual_line(
    request: HttpRequest, application: Application, line_id: int, payload: GrantVersionIn
) -> Application:
    """Remove a line of the actuals report; ``version`` is sent in the JSON body. 404 for a line of
    another application; 409 when the version is stale or the report may not change now."""
    line = get_object_or_404(ActualLine.objects.select_related("report__application"), pk=line_id,
                             report__application=application)
    actuals.remove_actual_line(line, actor=request.user, version=payload.version)
    return visible_application(request, application.pk)


@router.post("/applications/{application_id}/report", response=GrantApplicationDetailOut,
             summary="実績を報告 / Submit the actuals report")
@api_require_perm(PREPARE, load=visible_application)
def report(request: HttpRequest, application: Application, payload: GrantReportIn) -> Application:
    """Submit the actuals report (awarded, or report returned). 422 lists every problem: no
    summary or lines, ineligible categories, a category over its allowed amount, no receipt."""
    actuals.report_application(application, actor=request.user, version=payload.version, comment=payload.comment)
    return visible_application(request, application.pk)
