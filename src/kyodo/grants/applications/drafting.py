"""Drafting an application: the community creates it and keeps its plan and expense lines while
it is a draft or returned. The workflow's actions (submit onwards) are in ``decisions`` and ``lifecycle``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from kyodo.audit.services import record_event
from kyodo.communities.models import Community, PlanInitiative
from kyodo.fiscal_years import FiscalYear
from kyodo.grants.applications.guards import claim_for_edit
from kyodo.grants.models import Application, ExpenseCategory, ExpenseLine, GrantProgram, ProgramRule
from kyodo.grants.programs.entitlements import eligible


def _initiatives_in_force(community: Community, fiscal_year: int) -> Any:
    return PlanInitiative.objects.filter(
        plan__community=community, plan__start_fiscal_year__lte=fiscal_year, plan__end_fiscal_year__gte=fiscal_year
    )


def _check_initiatives(community: Community, fiscal_year: int, initiatives: Iterable[PlanInitiative]) -> list[Any]:
    chosen = list(initiatives)
    allowed = set(_initiatives_in_force(community, fiscal_year).values_list("pk", flat=True))
    if any(item.pk not in allowed for item in chosen):
        raise ValidationError(
            {"planned_initiatives": _("この年度に有効な地域づくり計画の取組から選んでください。")}
        )
    return chosen


@transaction.atomic
def create_application(
    community: Community,
    *,
    actor: Any,
    program: GrantProgram,
    fiscal_year: int,
    title: str,
    purpose: str = "",
    planned_initiatives: Iterable[PlanInitiative] = (),
) -> Application:
    """A draft application of the community. Raises PermissionDenied unless the actor is its
    secretariat or officer, ValidationError (Japanese) without a rule, when not eligible, or twice."""
    if not actor.has_perm("grants.prepare_application", community):
        raise PermissionDenied(_("この地域協働体の申請を作成する権限がありません。"))
    year = FiscalYear(fiscal_year)
    # Locked: a rule change waits for this application (and then finds its rule locked), and two
    # applications of one community for the year cannot both pass the check below.
    rule = ProgramRule.objects.select_for_update().filter(program=program, fiscal_year=fiscal_year).first()
    if rule is None:
        raise ValidationError(_("%(program)sの%(year)sのルールがまだないため、申請できません。") % {
            "program": program.name, "year": year.wareki})
    ok, reason = eligible(program, community, fiscal_year)
    if not ok:
        raise ValidationError(_("この補助金の対象ではないため申請できません。%(reason)s") % {"reason": reason})
    if Application.objects.filter(program=program, community=community, fiscal_year=fiscal_year).exists():
        raise ValidationError(_("%(year)sの%(program)sの申請はすでにあります。") % {
            "program": program.name, "year": year.wareki})
    if not title.strip():
        raise ValidationError({"title": _("事業名を入力してください。")})
    initiatives = _check_initiatives(community, fiscal_year, planned_initiatives)
    application = Application.objects.create(
        program=program, rule=rule, community=community, fiscal_year=fiscal_year,
        title=title.strip(), purpose=purpose, prepared_by=actor,
    )
    application.planned_initiatives.set(initiatives)
    record_event(
        "grant_application.created", actor=actor, target=application,
        summary=f"{community.name}が{program.name} {year.wareki}の申請を作成",
        data={"program": program.code, "fiscal_year": fiscal_year, "community": community.slug},
    )
    return application


@transaction.atomic
def update_application(
    application: Application,
    *,
    actor: Any,
    version: int,
    title: str,
    purpose: str = "",
    planned_initiatives: Iterable[PlanInitiative] = (),
) -> Application:
    """Change a draft or returned application's title, purpose and planned initiatives."""
    if not title.strip():
        raise ValidationError({"title": _("事業名を入力してください。")})
    initiatives = _check_initiatives(application.community, application.fiscal_year, planned_initiatives)
    claim_for_edit(application, actor=actor, version=version)
    application.title = title.strip()
    application.purpose = purpose
    application.save(update_fields=["title", "purpose", "version", "updated_at"])
    application.planned_initiatives.set(initiatives)
    return application


def check_line(application: Application, category: ExpenseCategory, amount_yen: Any) -> None:
    """A plan or actuals line: an eligible category and whole yen ≥ 1 (ValidationError per field)."""
    errors: dict[str, str] = {}
    if not application.rule.eligible_categories.filter(pk=category.pk).exists():
        errors["category"] = _("「%(category)s」はこの補助金の対象経費ではありません。") % {"category": category.name}
    if isinstance(amount_yen, bool) or not isinstance(amount_yen, int) or amount_yen < 1:
        errors["amount_yen"] = _("金額は1円以上の整数で入力してください。")
    if errors:
        raise ValidationError(errors)


def _refresh_total(application: Application) -> None:
    total = application.lines.aggregate(total=Sum("amount_yen"))["total"] or 0
    application.requested_yen = total
    application.save(update_fields=["requested_yen", "version", "updated_at"])


@transaction.atomic
def add_expense_line(
    application: Application,
    *,
    actor: Any,
    version: int,
    category: ExpenseCategory,
    description: str,
    amount_yen: int,
) -> ExpenseLine:
    """Add an expense line (an eligible category, whole yen ≥ 1); the requested total follows."""
    check_line(application, category, amount_yen)
    claim_for_edit(application, actor=actor, version=version)
    order = (application.lines.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    line = ExpenseLine.objects.create(
        application=application, category=category, description=description, amount_yen=amount_yen, order=order
    )
    _refresh_total(application)
    return line


@transaction.atomic
def update_expense_line(
    line: ExpenseLine,
    *,
    actor: Any,
    version: int,
    category: ExpenseCategory,
    description: str,
    amount_yen: int,
) -> ExpenseLine:
    """Change an expense line of a draft or returned application."""
    application = line.application
    check_line(application, category, amount_yen)
    claim_for_edit(application, actor=actor, version=version)
    line.category, line.description, line.amount_yen = category, description, amount_yen
    line.save(update_fields=["category", "description", "amount_yen"])
    _refresh_total(application)
    return line


@transaction.atomic
def remove_expense_line(line: ExpenseLine, *, actor: Any, version: int) -> None:
    """Remove an expense line of a draft or returned application."""
    application = line.application
    claim_for_edit(application, actor=actor, version=version)
    line.delete()
    _refresh_total(application)
