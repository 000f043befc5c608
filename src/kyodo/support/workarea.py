"""The liaison work in the work area: a liaison's communities with their last contact and follow-ups;
the coverage list for the city and branch staff."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyodo.support.queries import consultation_follow_ups, dispatch_waiting, follow_up_counts, my_communities
from kyodo.workarea import Link, Section, ToDo, section


@section(40)
def liaison_section(user: Any) -> Section | None:
    """What waits on the user as a liaison (overdue and near follow-ups), and the coverage list."""
    links = []
    if user.has_perm("support.view_coverage"):
        links.append(Link(_("地域担当職員の配置と連絡の状況"), reverse("support_staff:coverage"),
                          _("地域担当職員がいない地域協働体、連絡が途絶えている地域協働体")))
    if user.has_perm("support.list_dispatch"):
        links.append(Link(_("職員派遣の依頼"), reverse("support_staff:dispatch-list"),
                          _("地域づくり計画や組織の見直しへの職員派遣")))
    if user.has_perm("support.list_consultations"):
        links.append(Link(_("相談・助言の記録"), reverse("support_staff:consultation-list"),
                          _("市民活動センターによる地域協働体への相談・助言")))
    communities = list(my_communities(user)[:50]) if getattr(user, "is_city_staff", False) else []
    if not communities and not links:
        return None
    waiting = dispatch_waiting(user)
    counts = follow_up_counts(communities)
    to_do = []
    if communities and counts["overdue"]:
        worst = next(c for c in communities if getattr(c, "overdue_follow_ups", 0))
        to_do.append(ToDo(_("期限切れのフォローアップ"), counts["overdue"],
                          reverse("support_staff:community", args=[worst.slug]) + "#follow-ups", overdue=True))
    if communities and counts["due_soon"]:
        soon = next(c for c in communities if getattr(c, "due_soon_follow_ups", 0))
        to_do.append(ToDo(_("期限が近いフォローアップ(2週間以内)"), counts["due_soon"],
                          reverse("support_staff:community", args=[soon.slug]) + "#follow-ups"))
    if waiting["to_decide"]:
        to_do.append(ToDo(_("引き受けるかどうか決める職員派遣の依頼"), waiting["to_decide"],
                          reverse("support_staff:dispatch-list") + "?status=requested"))
    if waiting["to_carry_out"]:
        to_do.append(ToDo(_("派遣中の依頼(訪問・完了の記録)"), waiting["to_carry_out"],
                          reverse("support_staff:dispatch-list") + "?status=accepted"))
    follow_ups = consultation_follow_ups(user)
    if follow_ups:
        to_do.append(ToDo(_("フォローアップ日が2週間以内の相談"), follow_ups,
                          reverse("support_staff:consultation-list")))
    title = _("地域担当職員として") if communities else _("地域への支援")
    return Section("support", title, to_do=to_do, links=links,
                   template="support/workarea.html" if communities else "", context={"communities": communities})
