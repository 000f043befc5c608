"""Opinions in the work area: a department's answers due, the city's opinions to route, review and publish."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyodo.accounts.roles import Role
from kyodo.dialogue.models import Opinion, OpinionStatus
from kyodo.dialogue.queries import waiting_for_department
from kyodo.workarea import Link, Section, ToDo, section


def _list_url(**params: Any) -> str:
    from urllib.parse import urlencode

    url = reverse("dialogue_staff:opinion-list")
    return f"{url}?{urlencode(params)}" if params else url


def _department_to_do(user: Any) -> list[ToDo]:
    counts = waiting_for_department(user.department_id)
    if not counts["waiting"]:
        return []
    items = [ToDo(_("回答を待っている意見"), counts["waiting"], _list_url(department=user.department_id),
                  due_on=counts["next_due"], overdue=bool(counts["overdue"]))]
    if counts["overdue"]:
        items.append(ToDo(_("回答期限を過ぎた意見"), counts["overdue"], _list_url(overdue=1), overdue=True))
    return items


def _city_to_do() -> list[ToDo]:
    counts = Opinion.objects.aggregate(**{
        state: Count("pk", filter=Q(status=state))
        for state in (OpinionStatus.RECEIVED, OpinionStatus.ANSWERED, OpinionStatus.REVIEWED)
    })
    labels = {
        OpinionStatus.RECEIVED: _("担当課に回す意見"),
        OpinionStatus.ANSWERED: _("回答を確認する意見"),
        OpinionStatus.REVIEWED: _("回答を公開する意見"),
    }
    return [ToDo(label, counts[state], _list_url(status=state)) for state, label in labels.items() if counts[state]]


@section(40)
def dialogue_section(user: Any) -> Section | None:
    if not user.has_perm("dialogue.list_opinions"):
        return None
    to_do: list[ToDo] = []
    links = [Link(_("意見と回答の一覧"), _list_url(), _("受け付けた意見・要望・提案と、その回答の状況"))]
    if user.role == Role.DEPARTMENT_STAFF and user.department_id is not None:
        to_do = _department_to_do(user)
    if user.has_perm("dialogue.view_overview"):
        to_do = _city_to_do()
        links += [Link(_("意見と回答の集計"), reverse("dialogue_staff:overview"),
                       _("対応結果・担当課・地区・年度ごとの件数")),
                  Link(_("意見の分類"), reverse("dialogue_staff:category-list"), _("分類の追加と編集"))]
    if user.has_perm("dialogue.list_meetings"):
        links.append(Link(_("会議"), reverse("dialogue_staff:meeting-list"),
                          _("移動市長室・意見交換会・住民懇談会の登録と記録")))
    if user.has_perm("dialogue.manage_meeting_kinds"):
        links.append(Link(_("会議の種類"), reverse("dialogue_staff:kind-list"), _("種類の追加と編集")))
    if user.is_community_member and user.community_id is not None:
        links.append(Link(_("意見・要望・提案を出す"), reverse("dialogue_staff:opinion-create",
                                                          args=[user.community.slug]),
                          _("地域の意見を市に伝え、回答を受け取ります")))
    return Section("dialogue", _("意見と回答"), to_do=to_do, links=links)
