"""額の確定: the city confirms the settled amount, computed from the actuals report and never typed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kyodo.grants.applications.amounts import settlement_figures
from kyodo.grants.applications.budget import create_numbered
from kyodo.grants.applications.workflow import APPLICATION_WORKFLOW as WORKFLOW
from kyodo.grants.models import Application, Settlement


@WORKFLOW.service("settle")
def settle_application(
    application: Application, *, actor: Any, version: int, notice_number: str, settled_on: dt.date,
    comment: str = "",
) -> Application:
    """Confirm the settled amount (the city): min(eligible actuals, award)."""
    number = notice_number.strip()
    if not number:
        raise ValidationError({"notice_number": _("確定通知番号を入力してください。")})
    taken = _("この確定通知番号はすでに使われています。")
    if Settlement.objects.filter(notice_number=number).exists():
        raise ValidationError({"notice_number": taken})
    figures = settlement_figures(application)
    WORKFLOW.move(application, "settle", actor=actor, version=version, comment=comment,
                  data={"settled_yen": figures.settled_yen, "eligible_actuals_yen": figures.eligible_actuals_yen,
                        "award_yen": figures.award_yen, "notice_number": number, "settled_on": settled_on})
    create_numbered(
        Settlement, field="notice_number", message=taken, application=application,
        award_yen=figures.award_yen, actual_total_yen=figures.actual_total_yen,
        eligible_actuals_yen=figures.eligible_actuals_yen, settled_yen=figures.settled_yen, notice_number=number,
        settled_on=settled_on, settled_by=actor,
    )
    return application
