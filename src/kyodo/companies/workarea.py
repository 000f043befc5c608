"""A company's contact in the work area: their own company."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kyodo.workarea import Section, section


@section(90)
def company_section(user: Any) -> Section | None:
    """The contact's company (its participation is edited here once measure 16 is built)."""
    if getattr(user, "company_id", None) is None:
        return None
    return Section("company", _("自社の情報"), template="companies/workarea.html", context={"company": user.company})
