"""Every write to communities: one function per action. Views, the API and commands call these.

The primary object is positional, everything else keyword-only; the acting user is ``actor``.
Status changes and plan adoption are decisions: they also go to the audit log.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

from kyodo.audit.services import record_event
from kyodo.communities.models import (
    BranchOffice,
    Community,
    CommunityPlan,
    District,
    DistrictFigure,
    MemberOrganization,
    Officer,
    PlanGoal,
    PlanInitiative,
    PlanRevision,
)
from kyodo.communities.standing import COMMUNITY_STANDING, action_to
from kyodo.locking import claim_version

# Fields a community may keep itself; the rest (name, status, founding date) are the city's.
PROFILE_FIELDS = ("name_kana", "description", "office_address", "office_phone", "website")
STANDING_FIELDS = ("name", "status", "founded_on")


class DuplicateFigure(Exception):
    """The district already has population and households for that fiscal year."""

    message = _("この地区のこの年度の人口・世帯数はすでに登録されています。登録済みの行を編集してください。")

    def __str__(self) -> str:
        return str(self.message)


_Model = TypeVar("_Model", bound=models.Model)


def _set(instance: Any, changes: dict[str, Any]) -> list[str]:
    """Assign the changes; return the names of the fields whose value changed.

    Callers save every field in ``changes`` and use the returned names only to decide what to audit.
    """
    changed = [name for name, value in changes.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, changes[name])
    return changed


def _save_changes(instance: _Model, changes: dict[str, Any]) -> _Model:
    """Assign and save ``changes`` (the plain edit of a row without optimistic locking)."""
    _set(instance, changes)
    if changes:
        instance.save(update_fields=list(changes))
    return instance


# Community profile ---------------------------------------------------------------------------


@transaction.atomic
def update_community(community: Community, *, actor: Any, version: int, **changes: Any) -> Community:
    """Change a community's profile (and, for the city and its branch, name, status and founding date).

    Raises StaleObject if someone saved the community since ``version``; PermissionDenied if
    the actor may not change the name, status or founding date; ValueError for an unknown field.
    """
    unknown = set(changes) - {*PROFILE_FIELDS, *STANDING_FIELDS}
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    old_status = community.status
    changed = _set(community, changes)
    if set(changed) & set(STANDING_FIELDS) and not actor.has_perm("communities.change_community_standing", community):
        raise PermissionDenied
    claim_version(community, version)
    community.save(update_fields=[*changes, "version", "updated_at"])
    if community.status != old_status:
        COMMUNITY_STANDING.record(community, action_to(community.status), before=old_status, actor=actor)
    return community


# Officers ------------------------------------------------------------------------------------


@transaction.atomic
def create_officer(
    community: Community, *, actor: Any, position: str, name: str, age_band: str,
    term_start: dt.date, term_end: dt.date,
) -> Officer:
    """Add an officer (役員) to a community."""
    return Officer.objects.create(
        community=community, position=position, name=name, age_band=age_band,
        term_start=term_start, term_end=term_end,
    )


@transaction.atomic
def update_officer(officer: Officer, *, actor: Any, **changes: Any) -> Officer:
    """Change an officer's position, name, age band or term."""
    return _save_changes(officer, changes)


@transaction.atomic
def delete_officer(officer: Officer, *, actor: Any) -> None:
    """Remove an officer (row history keeps the record)."""
    officer.delete()


# Member organisations ------------------------------------------------------------------------


@transaction.atomic
def create_member_organization(community: Community, *, actor: Any, name: str, kind: str) -> MemberOrganization:
    """Add a member organisation (自治会・各種団体) to a community."""
    return MemberOrganization.objects.create(community=community, name=name, kind=kind)


@transaction.atomic
def update_member_organization(organization: MemberOrganization, *, actor: Any, **changes: Any) -> MemberOrganization:
    """Rename or reclassify a member organisation."""
    return _save_changes(organization, changes)


@transaction.atomic
def delete_member_organization(organization: MemberOrganization, *, actor: Any) -> None:
    """Remove a member organisation."""
    organization.delete()


# Community plans -----------------------------------------------------------------------------


def _record_adoption(plan: CommunityPlan, *, actor: Any, action: str) -> None:
    record_event(
        action, actor=actor, target=plan,
        summary=f"{plan.community.name}: {plan.title}({plan.period_label})策定日 {plan.adopted_on}",
        data={
            "community": plan.community.slug, "title": plan.title, "adopted_on": plan.adopted_on,
            "start_fiscal_year": plan.start_fiscal_year, "end_fiscal_year": plan.end_fiscal_year,
        },
    )


@transaction.atomic
def create_community_plan(
    community: Community, *, actor: Any, title: str, start_fiscal_year: int, end_fiscal_year: int,
    vision: str, adopted_on: dt.date,
) -> CommunityPlan:
    """Record a community's newly adopted 地域づくり計画 (a decision: audited)."""
    plan = CommunityPlan.objects.create(
        community=community, title=title, start_fiscal_year=start_fiscal_year,
        end_fiscal_year=end_fiscal_year, vision=vision, adopted_on=adopted_on,
    )
    _record_adoption(plan, actor=actor, action="community_plan.adopted")
    return plan


@transaction.atomic
def update_community_plan(plan: CommunityPlan, *, actor: Any, version: int, **changes: Any) -> CommunityPlan:
    """Change a plan's title, period, vision or adoption date.

    Raises StaleObject if someone saved the plan since ``version``.
    """
    changed = _set(plan, changes)
    claim_version(plan, version)
    plan.save(update_fields=[*changes, "version", "updated_at"])
    if {"adopted_on", "start_fiscal_year", "end_fiscal_year"} & set(changed):
        _record_adoption(plan, actor=actor, action="community_plan.adoption_changed")
    return plan


@transaction.atomic
def create_plan_goal(plan: CommunityPlan, *, actor: Any, order: int, title: str, description: str = "") -> PlanGoal:
    """Add a goal (基本目標) to a plan."""
    return PlanGoal.objects.create(plan=plan, order=order, title=title, description=description)


@transaction.atomic
def update_plan_goal(goal: PlanGoal, *, actor: Any, **changes: Any) -> PlanGoal:
    """Change a goal's number, title or description."""
    return _save_changes(goal, changes)


@transaction.atomic
def delete_plan_goal(goal: PlanGoal, *, actor: Any) -> None:
    """Remove a goal; its initiatives stay in the plan without a goal."""
    goal.delete()


@transaction.atomic
def create_plan_initiative(
    plan: CommunityPlan, *, actor: Any, fiscal_year: int, title: str, goal: PlanGoal | None = None,
    description: str = "",
) -> PlanInitiative:
    """Schedule an initiative (取組) of a plan in one fiscal year. Raises ValueError outside the plan."""
    if not plan.start_fiscal_year <= fiscal_year <= plan.end_fiscal_year:
        raise ValueError("fiscal year outside the plan's period")
    if goal is not None and goal.plan_id != plan.pk:
        raise ValueError("goal of another plan")
    return PlanInitiative.objects.create(
        plan=plan, goal=goal, fiscal_year=fiscal_year, title=title, description=description
    )


@transaction.atomic
def update_plan_initiative(initiative: PlanInitiative, *, actor: Any, **changes: Any) -> PlanInitiative:
    """Change an initiative's year, goal, title or description."""
    return _save_changes(initiative, changes)


@transaction.atomic
def delete_plan_initiative(initiative: PlanInitiative, *, actor: Any) -> None:
    """Remove an initiative from a plan."""
    initiative.delete()


@transaction.atomic
def record_plan_revision(plan: CommunityPlan, *, actor: Any, revised_on: dt.date, summary: str) -> PlanRevision:
    """Record a revision (見直し) of a plan (a decision of the community: audited)."""
    revision = PlanRevision.objects.create(plan=plan, revised_on=revised_on, summary=summary)
    record_event(
        "community_plan.revised", actor=actor, target=plan,
        summary=f"{plan.community.name}: {plan.title} 見直し {revised_on}",
        data={"revised_on": revised_on, "summary": summary},
    )
    return revision


# Structure: branch offices, districts and their figures ---------------------------------------


@transaction.atomic
def create_branch_office(
    *, actor: Any, name: str, slug: str, area_name: str, name_en: str = "", is_head_office: bool = False,
    order: int = 0,
) -> BranchOffice:
    """Add a branch office (支所) or the head office (本庁)."""
    return BranchOffice.objects.create(
        name=name, slug=slug, area_name=area_name, name_en=name_en, is_head_office=is_head_office, order=order
    )


@transaction.atomic
def update_branch_office(branch_office: BranchOffice, *, actor: Any, **changes: Any) -> BranchOffice:
    """Change a branch office's names, slug or order."""
    return _save_changes(branch_office, changes)


@transaction.atomic
def create_district(
    *, actor: Any, name: str, branch_office: BranchOffice, name_kana: str = "", citizen_center_name: str = "",
    order: int = 0, is_demo_data: bool = False,
) -> District:
    """Add a district (市民センター区域)."""
    return District.objects.create(
        name=name, branch_office=branch_office, name_kana=name_kana, citizen_center_name=citizen_center_name,
        order=order, is_demo_data=is_demo_data,
    )


@transaction.atomic
def update_district(district: District, *, actor: Any, **changes: Any) -> District:
    """Change a district's names, branch office or order; its communities' search text follows."""
    _save_changes(district, changes)
    if "name" in changes:
        for community in district.communities.all():
            community.save(update_fields=["search_text"])
    return district


@transaction.atomic
def create_district_figure(
    district: District, *, actor: Any, fiscal_year: int, population: int, households: int,
    as_of: dt.date | None = None, source: str = "",
) -> DistrictFigure:
    """Record a district's population and households for a fiscal year.

    Raises DuplicateFigure if that year is already recorded (one row per district and year).
    """
    try:
        with transaction.atomic():
            return DistrictFigure.objects.create(
                district=district, fiscal_year=fiscal_year, population=population, households=households,
                as_of=as_of, source=source,
            )
    except IntegrityError as error:
        raise DuplicateFigure from error


@transaction.atomic
def update_district_figure(figure: DistrictFigure, *, actor: Any, **changes: Any) -> DistrictFigure:
    """Correct a recorded figure (row history keeps the previous value)."""
    return _save_changes(figure, changes)
