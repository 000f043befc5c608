"""The accounts' part of the work area: account management for 情報システム担当, everyone's own password, and
data administration (the Django admin) for the system administrator (superusers) only."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyodo.accounts import queries
from kyodo.workarea import Link, Section, ToDo, section


@section(90)
def accounts_section(user: Any) -> Section | None:
    if not user.has_perm("accounts.manage_accounts"):
        return None
    counts = queries.account_counts()
    index = reverse("accounts_staff:index")
    to_do = []
    if counts.without_role:
        to_do.append(ToDo(_("役割が未設定のアカウント"), counts.without_role,
                          f"{index}?{urlencode({'role': queries.NO_ROLE, 'active': 'active'})}",
                          detail=_("役割と担当範囲を設定してください。")))
    summary = _("有効 %(active)s件・停止中 %(inactive)s件・未サインイン %(never)s件") % {
        "active": counts.active, "inactive": counts.inactive, "never": counts.never_signed_in}
    return Section("accounts", _("アカウント管理"), to_do=to_do, links=[
        Link(_("アカウントの一覧"), index, summary),
        Link(_("アカウントを作成"), reverse("accounts_staff:account-create"), _("職員・団体の方のアカウントと役割")),
        Link(_("パスワードの変更"), reverse("accounts:password"), _("自分のパスワード")),
    ])


@section(100)
def administration_section(user: Any) -> Section | None:
    if not (user.is_active and user.is_superuser):
        return None
    return Section("administration", _("データ管理"), links=[
        Link(_("データ管理(変更履歴・監査ログ)"), reverse("admin:index"), _("所管課・アカウント・変更履歴")),
    ])


@section(110)
def own_account_section(user: Any) -> Section | None:
    if user.has_perm("accounts.manage_accounts"):
        return None  # the account management section links the password page already
    return Section("own-account", _("自分のアカウント"), links=[
        Link(_("パスワードの変更"), reverse("accounts:password"), _("サインインに使うパスワードを変更します。")),
    ])
