"""Every write to a subsidy application, from draft to award: one function per action.

Each transition claims the application's version (compare-and-swap), checks TRANSITIONS,
writes a Transition row and an audit event in the same transaction, and notifies the
parties by e-mail after commit. Separation of duties is enforced here, not only in rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from kyodo.audit.services import record_event
from kyodo.communities.models import Community, PlanInitiative
from kyodo.fiscal_years import FiscalYear
from kyodo.grants.entitlements import eligible
from kyodo.grants.models import Application, Award, ExpenseCategory, ExpenseLine, GrantProgram, ProgramRule, Transition
from kyodo.grants.workflow import (
    ACTION_PERMS,
    ACTION_ROLES,
    ACTION_TARGETS,
    EDITABLE,
    ApplicationStatus,
    InvalidTransition,
    actions_from,
    ensure_action,
)
from kyodo.locking import claim_version


class SeparationOfDuties(PermissionDenied):
    """The actor took part on the applicant's side or in an earlier step, so may not decide."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotEditable(InvalidTransition):
    """Only a draft or a returned application can be changed."""

    def __init__(self, current: str) -> None:
        self.current = current
        self.target = current
        Exception.__init__(self, self.message)

    @property
    def message(self) -> str:
        return _("「%(current)s」の申請は変更できません(下書きか差戻しの申請だけ変更できます)。") % {
            "current": ApplicationStatus(self.current).label
        }


# ---- who may, now -----------------------------------------------------------------------


def separation_problem(application: Application, user: Any, action: str) -> str:
    """Why separation of duties forbids ``user`` to take ``action`` (empty if it does not)."""
    if ACTION_ROLES[action] == "community":
        return ""
    if getattr(user, "community_id", None) is not None and user.community_id == application.community_id:
        return _("申請した地域協働体に所属するアカウントでは、審査や決定はできません。")
    if ACTION_ROLES[action] == "reviewer" and user.pk == application.prepared_by_id:
        return _("申請を作成した方は、その申請を審査できません。")
    if ACTION_ROLES[action] == "decider":
        if user.pk == application.prepared_by_id:
            return _("申請を作成した方は、その申請の決定(交付決定・額の確定・支払)はできません。")
        if user.pk == application.recommended_by_id:
            return _("申請を推薦した方は、その申請の決定(交付決定・額の確定・支払)はできません。")
    return ""


def ensure_may(application: Application, user: Any, action: str) -> None:
    """Raises PermissionDenied without the action's permission, SeparationOfDuties if conflicted."""
    if not user.has_perm(ACTION_PERMS[ACTION_ROLES[action]], application):
        raise PermissionDenied(_("この操作を行う権限がありません。"))
    problem = separation_problem(application, user, action)
    if problem:
        raise SeparationOfDuties(problem)


def allowed_actions(application: Application, user: Any) -> list[str]:
    """The actions ``user`` may take on the application now: state, permission, duties, and
    whether the money allows it (advance payment allowed, final payment or refund due)."""
    from kyodo.grants.lifecycle import money_problem

    return [
        action
        for action in actions_from(application.status)
        if user.has_perm(ACTION_PERMS[ACTION_ROLES[action]], application)
        and not separation_problem(application, user, action)
        and not money_problem(application, action)
    ]


def may_edit(application: Application, user: Any) -> bool:
    return application.status in EDITABLE and user.has_perm("grants.prepare_application", application)


# ---- amounts ----------------------------------------------------------------------------


def entitlement_yen(application: Application) -> int | None:
    """The community's entitlement under the application's rule (None: no figures for the year)."""
    from kyodo.grants import queries

    rows = queries.entitlements(
        application.program,
        application.fiscal_year,
        communities=Community.objects.filter(pk=application.community_id),
        rule=application.rule,
    )
    return rows[0].amount_yen if rows and rows[0].eligible else None


def remaining_budget_yen(rule: ProgramRule) -> int:
    """The year's budget less every award of that program and year."""
    awarded = Award.objects.filter(
        application__program_id=rule.program_id, application__fiscal_year=rule.fiscal_year
    ).aggregate(total=Sum("amount_yen"))["total"]
    return rule.budget_yen - (awarded or 0)


# ---- drafting ---------------------------------------------------------------------------


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
    rule = ProgramRule.objects.filter(program=program, fiscal_year=fiscal_year).first()
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


def _lock_for_edit(application: Application, *, actor: Any, version: int) -> Application:
    if not actor.has_perm("grants.prepare_application", application):
        raise PermissionDenied(_("この申請を変更する権限がありません。"))
    if application.status not in EDITABLE:
        raise NotEditable(application.status)
    claim_version(application, version)
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
    _lock_for_edit(application, actor=actor, version=version)
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
    _lock_for_edit(application, actor=actor, version=version)
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
    _lock_for_edit(application, actor=actor, version=version)
    line.category, line.description, line.amount_yen = category, description, amount_yen
    line.save(update_fields=["category", "description", "amount_yen"])
    _refresh_total(application)
    return line


@transaction.atomic
def remove_expense_line(line: ExpenseLine, *, actor: Any, version: int) -> None:
    """Remove an expense line of a draft or returned application."""
    application = line.application
    _lock_for_edit(application, actor=actor, version=version)
    line.delete()
    _refresh_total(application)


# ---- transitions ------------------------------------------------------------------------


def _notify(application: Application, action: str, comment: str) -> None:
    from kyodo.accounts.models import User
    from kyodo.accounts.roles import Role

    branch_id = application.community.district.branch_office_id
    recipients = sorted(
        set(
            User.objects.filter(is_active=True, community_id=application.community_id)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        | set(
            User.objects.filter(is_active=True, role=Role.BRANCH_STAFF, branch_office_id=branch_id)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    if not recipients:
        return
    status = ApplicationStatus(application.status).label
    subject = _("【補助金】%(title)sの申請が「%(status)s」になりました") % {
        "title": application.title, "status": status}
    body = _("%(community)sの%(program)s %(year)sの申請「%(title)s」は「%(status)s」になりました。") % {
        "community": application.community.name,
        "program": application.program.name,
        "year": application.fiscal_year_obj.wareki,
        "title": application.title,
        "status": status,
    }
    if comment:
        body += "\n\n" + _("コメント:") + "\n" + comment
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def _transition(
    application: Application, action: str, *, actor: Any, version: int, comment: str = "",
    data: dict[str, Any] | None = None, extra_fields: Iterable[str] = (),
) -> Application:
    """The common tail of every transition: claim, move, record, audit, notify after commit."""
    target = ACTION_TARGETS[action]
    before = application.status
    claim_version(application, version)
    application.status = target
    application.save(update_fields=["status", "version", "updated_at", *extra_fields])
    Transition.objects.create(
        application=application, from_status=before, to_status=target, action=action, actor=actor, comment=comment
    )
    record_event(
        f"grant_application.{action}",
        actor=actor,
        target=application,
        summary=f"{application.community.name} {application.program.name} {application.fiscal_year_obj.wareki}"
        f"の申請: {ApplicationStatus(before).label} → {target.label}",
        data={"from": before, "to": str(target), "comment": comment, **(data or {})},
    )
    application_id = application.pk

    def notify() -> None:
        fresh = Application.objects.select_related("community__district", "program").get(pk=application_id)
        _notify(fresh, action, comment)

    transaction.on_commit(notify)
    return application


def _guard(application: Application, action: str, *, actor: Any) -> None:
    ensure_may(application, actor, action)
    ensure_action(application.status, action)


def _fresh(application: Application) -> Application:
    return Application.objects.select_related("community__district", "program", "rule").get(pk=application.pk)


def submission_problems(application: Application, *, today: dt.date | None = None) -> list[str]:
    """Everything that stops the application from being submitted (Japanese; empty if none)."""
    rule = application.rule
    today = today or timezone.localdate()
    problems = []
    if not rule.application_opens_on <= today <= rule.application_closes_on:
        problems.append(
            _("申請受付期間(%(opens)s〜%(closes)s)外のため申請できません。") % {
                "opens": rule.application_opens_on.isoformat(), "closes": rule.application_closes_on.isoformat()}
        )
    lines = list(application.lines.select_related("category"))
    if not lines:
        problems.append(_("経費の明細を1行以上入力してください。"))
    eligible_ids = set(rule.eligible_categories.values_list("pk", flat=True))
    for line in lines:
        if line.category_id not in eligible_ids:
            problems.append(
                _("「%(category)s」はこの補助金の対象経費ではありません。") % {"category": line.category.name}
            )
    total = sum(line.amount_yen for line in lines)
    limit = entitlement_yen(application)
    if limit is None:
        problems.append(_("交付見込額を計算できないため申請できません(人口・世帯数の登録をご確認ください)。"))
    elif total > limit:
        problems.append(
            _("申請額の合計%(total)s円が交付見込額%(limit)s円を超えています。") % {
                "total": f"{total:,}", "limit": f"{limit:,}"}
        )
    return problems


@transaction.atomic
def submit_application(application: Application, *, actor: Any, version: int, comment: str = "") -> Application:
    """Submit a draft or returned application. Raises PermissionDenied, InvalidTransition,
    StaleObject, or ValidationError listing every problem (window, lines, categories, amount)."""
    application = _fresh(application)
    _guard(application, "submit", actor=actor)
    problems = submission_problems(application)
    if problems:
        raise ValidationError(problems)
    application.submitted_at = timezone.now()
    return _transition(
        application, "submit", actor=actor, version=version, comment=comment,
        data={"requested_yen": application.requested_yen}, extra_fields=["submitted_at"],
    )


def _require_comment(comment: str, message: str) -> None:
    if not comment.strip():
        raise ValidationError({"comment": message})


@transaction.atomic
def return_application(application: Application, *, actor: Any, version: int, comment: str) -> Application:
    """Send a submitted application back to the community with a comment (required)."""
    application = _fresh(application)
    _guard(application, "return", actor=actor)
    _require_comment(comment, _("差し戻す理由を入力してください。"))
    return _transition(application, "return", actor=actor, version=version, comment=comment.strip())


@transaction.atomic
def recommend_application(application: Application, *, actor: Any, version: int, comment: str = "") -> Application:
    """Recommend a submitted application to the city for decision."""
    application = _fresh(application)
    _guard(application, "recommend", actor=actor)
    application.recommended_by = actor
    return _transition(
        application, "recommend", actor=actor, version=version, comment=comment, extra_fields=["recommended_by"]
    )


def award_problems(application: Application, *, amount_yen: Any, decision_number: str) -> dict[str, list[str]]:
    """What is wrong with an award's amount and number (Japanese, per field; empty if nothing)."""
    errors: dict[str, list[str]] = {}
    if isinstance(amount_yen, bool) or not isinstance(amount_yen, int) or amount_yen < 0:
        return {"amount_yen": [_("交付決定額は0円以上の整数で入力してください。")]}
    amount: list[str] = []
    limit = entitlement_yen(application)
    if limit is not None and amount_yen > limit:
        amount.append(_("交付見込額%(limit)s円を超えています。") % {"limit": f"{limit:,}"})
    cap = application.rule.cap_yen
    if cap is not None and amount_yen > cap:
        amount.append(_("上限額%(cap)s円を超えています。") % {"cap": f"{cap:,}"})
    remaining = remaining_budget_yen(application.rule)
    if amount_yen > remaining:
        amount.append(_("この年度の予算残額%(remaining)s円を超えています。") % {"remaining": f"{remaining:,}"})
    if amount:
        errors["amount_yen"] = amount
    if not decision_number.strip():
        errors["decision_number"] = [_("交付決定番号を入力してください。")]
    elif Award.objects.filter(decision_number=decision_number.strip()).exists():
        errors["decision_number"] = [_("この交付決定番号はすでに使われています。")]
    return errors


@transaction.atomic
def award_application(
    application: Application,
    *,
    actor: Any,
    version: int,
    amount_yen: int,
    decision_number: str,
    decided_on: dt.date,
    conditions: str = "",
    comment: str = "",
) -> Application:
    """Award a recommended application (the city). Raises PermissionDenied, SeparationOfDuties,
    InvalidTransition, StaleObject, or ValidationError if the amount exceeds entitlement, cap or
    the remaining budget, or the decision number is taken."""
    application = _fresh(application)
    _guard(application, "award", actor=actor)
    errors = award_problems(application, amount_yen=amount_yen, decision_number=decision_number)
    if errors:
        raise ValidationError(errors)
    _transition(
        application, "award", actor=actor, version=version, comment=comment,
        data={"amount_yen": amount_yen, "decision_number": decision_number.strip(), "decided_on": decided_on},
    )
    Award.objects.create(
        application=application, amount_yen=amount_yen, conditions=conditions,
        decision_number=decision_number.strip(), decided_on=decided_on, decided_by=actor,
    )
    return application


@transaction.atomic
def reject_application(application: Application, *, actor: Any, version: int, comment: str) -> Application:
    """Decide not to grant a recommended application (the city); the reason is required."""
    application = _fresh(application)
    _guard(application, "reject", actor=actor)
    _require_comment(comment, _("不交付の理由を入力してください。"))
    return _transition(application, "reject", actor=actor, version=version, comment=comment.strip())
