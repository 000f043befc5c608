"""The audit log's part of the work area: the latest verification and the link, for administrators."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyodo.audit.verification import latest_verification, reason_label
from kyodo.workarea import Link, Section, section


@section(98)
def audit_section(user: Any) -> Section | None:
    if not user.has_perm("audit.view_audit_log"):
        return None
    verification = latest_verification()
    return Section(
        "audit", _("監査ログ"),
        links=[Link(_("監査ログ"), reverse("audit_staff:index"),
                    _("決定・金銭・アカウントの操作記録と改ざん検証"))],
        template="audit/staff/workarea.html",
        context={"verification": verification,
                 "verification_reason": reason_label(verification) if verification is not None else ""},
    )
