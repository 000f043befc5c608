"""実績報告: the community writes what it did and spent (with receipts) and reports; the reviewer may return it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.grants.applications.amounts import compare_categories
from kyodo.grants.applications.decisions import require_comment
from kyodo.grants.applications.drafting import check_line
from kyodo.grants.applications.guards import claim_for_edit
from kyodo.grants.applications.workflow import APPLICATION_WORKFLOW as WORKFLOW
from kyodo.grants.models import ActualLine, ActualsReport, Application, Attachment, ExpenseCategory


def _claim_report(application: Application, *, actor: Any, version: int) -> ActualsReport:
    claim_for_edit(application, actor=actor, version=version, report=True)
    report, _created = ActualsReport.objects.get_or_create(application=application)
    return report


@transaction.atomic
def save_actuals_report(
    application: Application, *, actor: Any, version: int, summary: str, outcomes: str = ""
) -> ActualsReport:
    """Write what was done and what came of it (the community), before reporting."""
    report = _claim_report(application, actor=actor, version=version)
    report.summary, report.outcomes = summary.strip(), outcomes.strip()
    report.save(update_fields=["summary", "outcomes", "updated_at"])
    return report


@transaction.atomic
def add_actual_line(
    application: Application, *, actor: Any, version: int, category: ExpenseCategory, description: str,
    amount_yen: int,
) -> ActualLine:
    """Add a line of actual spending (an eligible category, whole yen ≥ 1)."""
    check_line(application, category, amount_yen)
    report = _claim_report(application, actor=actor, version=version)
    order = (report.lines.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    return ActualLine.objects.create(report=report, category=category, description=description.strip(),
                                     amount_yen=amount_yen, order=order)


@transaction.atomic
def update_actual_line(
    line: ActualLine, *, actor: Any, version: int, category: ExpenseCategory, description: str, amount_yen: int
) -> ActualLine:
    """Change a line of actual spending."""
    application = line.report.application
    check_line(application, category, amount_yen)
    _claim_report(application, actor=actor, version=version)
    line.category, line.description, line.amount_yen = category, description.strip(), amount_yen
    line.save(update_fields=["category", "description", "amount_yen"])
    return line


@transaction.atomic
def remove_actual_line(line: ActualLine, *, actor: Any, version: int) -> None:
    """Remove a line of actual spending."""
    _claim_report(line.report.application, actor=actor, version=version)
    line.delete()


def report_problems(application: Application) -> list[str]:
    """Everything that stops the actuals report from being submitted (Japanese; empty if none)."""
    problems = []
    report = ActualsReport.objects.filter(application=application).first()
    if report is None or not report.summary.strip():
        problems.append(_("実施した事業の内容を入力してください。"))
    if report is None or not report.lines.exists():
        problems.append(_("支出の明細を1行以上入力してください。"))
    eligible_ids = set(application.rule.eligible_categories.values_list("pk", flat=True))
    percent = application.rule.category_overspend_percent
    for row in compare_categories(application):
        if row.actual_yen and row.category.pk not in eligible_ids:
            problems.append(
                _("「%(category)s」はこの補助金の対象経費ではありません。") % {"category": row.category.name}
            )
        elif row.over_yen and row.planned_yen == 0:
            problems.append(_("「%(category)s」は計画にない経費区分です(支出%(actual)s円)。") % {
                "category": row.category.name, "actual": f"{row.actual_yen:,}"})
        elif row.over_yen:
            problems.append(
                _("「%(category)s」の支出%(actual)s円が計画額%(planned)s円の%(limit)s%%(%(allowed)s円)を超えています。")
                % {"category": row.category.name, "actual": f"{row.actual_yen:,}",
                   "planned": f"{row.planned_yen:,}", "limit": 100 + percent, "allowed": f"{row.allowed_yen:,}"}
            )
    if not Attachment.objects.filter(application=application, kind=Attachment.Kind.RECEIPT).exists():
        problems.append(_("領収書を1件以上添付してください。"))
    return problems


@WORKFLOW.service("report")
def report_application(application: Application, *, actor: Any, version: int, comment: str = "") -> Application:
    """Submit the actuals report (the community). Raises ValidationError listing every problem."""
    problems = report_problems(application)
    if problems:
        raise ValidationError(problems)
    total = ActualLine.objects.filter(report__application=application).aggregate(t=Sum("amount_yen"))["t"] or 0
    WORKFLOW.move(application, "report", actor=actor, version=version, comment=comment,
                  data={"actual_total_yen": total})
    ActualsReport.objects.filter(application=application).update(submitted_at=timezone.now())
    return application


@WORKFLOW.service("return_report")
def return_report_application(application: Application, *, actor: Any, version: int, comment: str) -> Application:
    """Send the actuals report back to the community for correction (reviewer), with a reason."""
    reason = require_comment(comment, _("差し戻す理由を入力してください。"))
    return WORKFLOW.move(application, "return_report", actor=actor, version=version, comment=reason)
