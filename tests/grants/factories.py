"""Programs and rules for the grants tests (the `world` fixture has none)."""

from __future__ import annotations

import datetime as dt

from kyodo.grants.applications.building import MINIMAL_PDF
from kyodo.grants.models import Eligibility, ExpenseCategory, GrantProgram, ProgramRule, SimulationScenario

PROGRAMS = {
    "founding": ("設立準備の会議費用", 1, Eligibility.FORMING),
    "startup": ("地域協働体支援事業補助金", 8, Eligibility.NO_PLAN),
    "activity": ("地域協働体活動費補助金", 9, Eligibility.PLAN),
    "secretariat": ("事務局員の雇用支援", 10, Eligibility.ESTABLISHED),
}


def ensure_program(code: str = "activity") -> GrantProgram:
    name, measure, eligibility = PROGRAMS[code]
    program, _ = GrantProgram.objects.get_or_create(
        code=code, defaults={"name": name, "measure_number": measure, "eligibility": eligibility}
    )
    return program


def ensure_category(code: str, name: str | None = None) -> ExpenseCategory:
    category, _ = ExpenseCategory.objects.get_or_create(code=code, defaults={"name": name or code})
    return category


def ensure_rule(code: str = "activity", fiscal_year: int = 2023, **overrides) -> ProgramRule:
    values = {
        "application_opens_on": dt.date(fiscal_year, 4, 1), "application_closes_on": dt.date(fiscal_year, 5, 31),
        "actuals_due_on": dt.date(fiscal_year + 1, 4, 10), "base_yen": 300_000, "per_household_yen": 100,
        "per_resident_yen": 50, "cap_yen": 2_000_000, "rounding_unit_yen": 1000, "budget_yen": 30_000_000,
        "allows_advance_payment": True, "is_demo_data": True, **overrides,
    }
    rule, _ = ProgramRule.objects.get_or_create(program=ensure_program(code), fiscal_year=fiscal_year, defaults=values)
    return rule


def ensure_scenario(code: str = "activity", fiscal_year: int = 2023, name: str = "案A") -> SimulationScenario:
    program = ensure_rule(code, fiscal_year).program
    scenario, _ = SimulationScenario.objects.get_or_create(
        program=program, fiscal_year=fiscal_year, name=name,
        defaults={"base_yen": 400_000, "per_household_yen": 100, "per_resident_yen": 50, "cap_yen": 2_000_000,
                  "rounding_unit_yen": 1000},
    )
    return scenario


def rule_post_data(rule: ProgramRule | None = None, **overrides) -> dict:
    """Valid form data for rule-create (rule None) or rule-edit."""
    year = rule.fiscal_year if rule else 2030
    data = {
        "application_opens_on": f"{year}-04-01", "application_closes_on": f"{year}-05-31",
        "actuals_due_on": f"{year + 1}-04-10", "base_yen": "300000", "per_household_yen": "100",
        "per_resident_yen": "50", "cap_yen": "2000000", "rounding_unit_yen": "1000", "budget_yen": "30000000",
        "allows_advance_payment": "on", "is_demo_data": "on",
    }
    if rule is None:
        data |= {"program": str(ensure_program("activity").pk), "fiscal_year": str(year)}
    else:
        data["version"] = str(rule.version)
    return data | overrides


# ---- applications ---------------------------------------------------------------------------


def open_rule(code: str = "activity", fiscal_year: int | None = None, **overrides) -> ProgramRule:
    """A rule whose application window is the whole fiscal year (open today for the current one),
    with 会議費 eligible and 飲食費 not."""
    from kyodo.fiscal_years import FiscalYear

    year = FiscalYear(fiscal_year or FiscalYear.current().year)
    rule = ensure_rule(
        code, year.year, application_opens_on=year.starts_on, application_closes_on=year.ends_on,
        actuals_due_on=year.ends_on, **overrides,
    )
    rule.eligible_categories.add(ensure_category("meeting", "会議費"))
    rule.ineligible_categories.add(ensure_category("food", "飲食費"))
    return rule


def make_eligible(community, fiscal_year: int, *, households: int = 1000, population: int = 2000) -> None:
    """A plan in force and the year's figures: the activity program's entitlement is then
    300,000 + households × 100 + population × 50 (500,000円 by default)."""
    from kyodo.communities.models import CommunityPlan, DistrictFigure
    from tests.factories import CommunityPlanFactory

    if not CommunityPlan.objects.filter(
        community=community, start_fiscal_year__lte=fiscal_year, end_fiscal_year__gte=fiscal_year
    ).exists():
        CommunityPlanFactory(community=community, start_fiscal_year=fiscal_year, end_fiscal_year=fiscal_year)
    DistrictFigure.objects.update_or_create(
        district=community.district, fiscal_year=fiscal_year,
        defaults={"households": households, "population": population},
    )


def community_user(community, role: str = "community_secretariat"):
    """The community's secretariat (or officer) account, created if needed."""
    from kyodo.accounts.models import User
    from tests.factories import UserFactory

    user = User.objects.filter(community=community, role=role).order_by("pk").first()
    return user or UserFactory(username=f"t_{role}_{community.slug}", role=role, community=community)


def branch_user(community):
    """A branch-staff account of the community's branch, created if needed."""
    from kyodo.accounts.models import User
    from tests.factories import UserFactory

    branch = community.district.branch_office
    user = User.objects.filter(role="branch_staff", branch_office=branch).order_by("pk").first()
    return user or UserFactory(username=f"t_branch_{branch.slug}", role="branch_staff", branch_office=branch)


def make_application(community, *, status: str = "draft", code: str = "activity", fiscal_year: int | None = None,
                     amount_yen: int = 100_000, lines: int = 1, title: str = "防災訓練と地域の見守り"):
    """An application of ``community`` already in ``status``, with that state's objects and timeline,
    built by ``kyodo.grants.applications.building`` (no services).

    One program per community and year: a second call for the same community, program and year
    returns the existing application, so tests wanting several use different communities."""
    from kyodo.grants.applications.building import Story
    from kyodo.grants.models import Application, ExpenseLine

    rule = open_rule(code, fiscal_year)
    make_eligible(community, rule.fiscal_year)
    existing = Application.objects.filter(program=rule.program, community=community, fiscal_year=rule.fiscal_year)
    if existing.exists():
        return existing.get()
    fields = Story(status).application_fields(cast_for(community), _now)
    application = Application.objects.create(
        program=rule.program, rule=rule, community=community, fiscal_year=rule.fiscal_year, title=title,
        purpose="地域の防災力を高める", prepared_by=community_user(community), requested_yen=amount_yen * lines,
        **fields,
    )
    meeting = ensure_category("meeting", "会議費")
    for index in range(lines):
        ExpenseLine.objects.create(application=application, category=meeting, description=f"会場費{index + 1}",
                                   amount_yen=amount_yen, order=index + 1)
    build_state_objects(application)
    return application


RECOMMENDED_OR_LATER = ("recommended", "awarded", "rejected", "change_requested", "reported", "report_returned",
                        "settled", "closed")


def _now(action: str, index: int):
    from django.utils import timezone

    return timezone.now()


def city_user():
    """A city administrator, created if needed (decides the factory-made awards and settlements)."""
    from kyodo.accounts.models import User
    from tests.factories import UserFactory

    user = User.objects.filter(role="city_admin", community__isnull=True).order_by("pk").first()
    return user or UserFactory(username="t_city_factory", role="city_admin")


def cast_for(community):
    """Who took the factory-made steps: the community's secretariat, its branch's staff, the city."""
    from kyodo.grants.applications.building import Cast

    return Cast(preparer=community_user(community), reviewer=branch_user(community), decider=city_user())


def build_state_objects(application) -> None:
    """The objects and timeline an application in its status has (``kyodo.grants.applications.building``), after
    removing whatever an earlier state left. Amounts follow the plan's lines."""
    from kyodo.grants.applications import building

    building.clear(application)
    plan = application.lines.select_related("category")
    lines = [(line.category, line.amount_yen, line.description) for line in plan]
    building.save(building.build(
        application, building.Story(application.status), cast_for(application.community), clock=_now,
        number=str(application.pk), lines=lines, eligible_ids=set(application.rule.eligible_categories.values_list(
            "pk", flat=True)),
    ))


def add_actuals_report(application, *, amount_yen: int | None = None, submitted: bool = True):
    """A complete actuals report: what was done, one 会議費 line of ``amount_yen`` (default: the
    requested total), and one receipt."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from kyodo.grants.models import ActualLine, ActualsReport, Attachment

    report = ActualsReport.objects.create(
        application=application, summary="防災訓練を2回実施した", outcomes="延べ120人が参加",
        submitted_at=timezone.now() if submitted else None,
    )
    ActualLine.objects.create(report=report, category=ensure_category("meeting", "会議費"), description="会場費",
                              amount_yen=application.requested_yen if amount_yen is None else amount_yen, order=1)
    receipt = Attachment(application=application, kind="receipt", original_name="領収書.pdf",
                         content_type="application/pdf", size_bytes=len(MINIMAL_PDF),
                         sha256="0" * 64, uploaded_by=community_user(application.community))
    receipt.file.save("receipt.pdf", ContentFile(MINIMAL_PDF), save=False)
    receipt.save()
    return report




def application_in_state(community, status: str, *, lines: int = 1):
    """The community's current-year activity application, put (back) into ``status`` with
    ``lines`` lines and the objects of that status: for tests that act on it repeatedly."""
    from kyodo.grants.models import Application, ExpenseLine

    application = make_application(community, status=status, lines=lines)
    if application.lines.count() < lines:
        for index in range(lines - application.lines.count()):
            ExpenseLine.objects.create(application=application, category=ensure_category("meeting", "会議費"),
                                       description=f"会場費{index}", amount_yen=100_000)
    Application.objects.filter(pk=application.pk).update(
        status=status,
        recommended_by=branch_user(community) if status in RECOMMENDED_OR_LATER else None,
        requested_yen=sum(application.lines.values_list("amount_yen", flat=True)),
    )
    application.refresh_from_db()
    build_state_objects(application)
    return application


def allowed(application, user) -> list[str]:
    """The names of the actions ``user`` may take on ``application`` now."""
    from kyodo.grants.applications.workflow import APPLICATION_WORKFLOW

    return [action.name for action in APPLICATION_WORKFLOW.allowed_actions(application, user)]
