"""The promotion plan in the work area: the city edits it; a department sees the measures it owns."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyodo.accounts.roles import Role
from kyodo.plans.models import Measure
from kyodo.workarea import Link, Section, section


@section(10)
def plans_section(user: Any) -> Section | None:
    """City administrators: the plan's editing. Department staff: the current plan's measures they own."""
    if user.has_perm("plans.manage_plans"):
        return Section("plans", _("推進計画"), links=[
            Link(_("推進計画の管理"), reverse("plans_staff:index"), _("計画・基本方針・施策・事業・実施年度")),
        ])
    if user.role == Role.DEPARTMENT_STAFF:
        measures = Measure.objects.filter(department_id=user.department_id, policy__plan__is_current=True)
        return Section("plans", _("所管する施策・事業"), links=[
            Link(str(measure), measure.get_absolute_url())
            for measure in measures.select_related("policy__plan")
        ])
    return None
