"""Data administration in the work area (the Django admin, for city administrators)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyodo.workarea import Link, Section, section


@section(100)
def administration_section(user: Any) -> Section | None:
    if not user.is_city_admin:
        return None
    return Section("administration", _("データ管理"), links=[
        Link(_("データ管理(変更履歴・監査ログ)"), reverse("admin:index"), _("所管課・アカウント・変更履歴")),
    ])
