"""Read side of the liaison work: scoped lists, annotated so that a page's queries do not grow with the data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Exists, IntegerField, Max, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from kyodo.communities.models import Community
from kyodo.support.models import Contact, LiaisonAssignment
from kyodo.support.scopes import ASSIGNMENTS, CONTACTS, SUPPORTED

DUE_SOON_DAYS = 14


def months_ago(today: dt.date, months: int) -> dt.date:
    """The same day ``months`` months before ``today`` (the month's last day when it has fewer days)."""
    month_index = today.year * 12 + today.month - 1 - months
    year, month = divmod(month_index, 12)
    for day in (today.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _open_follow_ups(**extra: Any) -> Any:
    rows = (Contact.objects.filter(community=OuterRef("pk"), follow_up_done_on__isnull=True, **extra)
            .exclude(follow_up="").order_by().values("community").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def with_support_figures(communities: QuerySet[Community]) -> QuerySet[Community]:
    """Each community with its current liaison (name, section), last contact and open / overdue follow-ups."""
    today = timezone.localdate()
    current = LiaisonAssignment.objects.active().filter(community=OuterRef("pk")).order_by("-started_on")
    return communities.select_related("district__branch_office").annotate(
        liaison_name=Subquery(current.values("staff__display_name")[:1]),
        liaison_username=Subquery(current.values("staff__username")[:1]),
        last_contact_on=Subquery(
            Contact.objects.filter(community=OuterRef("pk")).order_by().values("community")
            .annotate(last=Max("contacted_on")).values("last")
        ),
        open_follow_ups=_open_follow_ups(),
        overdue_follow_ups=_open_follow_ups(follow_up_due__lt=today),
        due_soon_follow_ups=_open_follow_ups(
            follow_up_due__gte=today, follow_up_due__lte=today + dt.timedelta(days=DUE_SOON_DAYS)
        ),
    )


def coverage(user: Any, *, show: str = "", months: int = 3, text: str = "") -> QuerySet[Community]:
    """The communities in the user's scope, with their liaison and contact figures, filtered."""
    communities = with_support_figures(SUPPORTED.queryset(user))
    if text:
        communities = communities.filter(pk__in=Community.objects.search(text).values("pk"))
    if show == "no_liaison":
        communities = communities.exclude(Exists(LiaisonAssignment.objects.active().filter(community=OuterRef("pk"))))
    elif show == "no_contact":
        since = months_ago(timezone.localdate(), months)
        communities = communities.exclude(
            Exists(Contact.objects.filter(community=OuterRef("pk"), contacted_on__gte=since))
        )
    return communities


def my_communities(user: Any) -> QuerySet[Community]:
    """The communities ``user`` is the liaison of today, with their figures."""
    mine = LiaisonAssignment.objects.active().filter(staff_id=user.pk).values("community_id")
    return with_support_figures(Community.objects.filter(pk__in=mine))


def assignments_of(user: Any, community: Community) -> QuerySet[LiaisonAssignment]:
    """A community's liaisons, the latest first, with who placed them."""
    return ASSIGNMENTS.queryset(user).filter(community=community).select_related(
        "staff__department", "staff__branch_office", "assigned_by"
    ).order_by("-started_on")


def contacts_of(user: Any, community: Community, *, open_only: bool = False) -> QuerySet[Contact]:
    """A community's contact log, the latest first."""
    contacts = CONTACTS.queryset(user).filter(community=community).select_related("staff")
    if open_only:
        contacts = contacts.filter(follow_up_done_on__isnull=True).exclude(follow_up="")
    return contacts


def public_liaison(community: Community) -> LiaisonAssignment | None:
    """The current liaison, for the public page (only the name and the section are shown)."""
    return (LiaisonAssignment.objects.active().filter(community=community)
            .select_related("staff__department", "staff__branch_office").order_by("-started_on").first())


def follow_up_counts(communities: list[Community]) -> dict[str, int]:
    """Totals of the annotated figures over ``communities`` (for the work area's to-dos)."""
    return {
        "overdue": sum(getattr(c, "overdue_follow_ups", 0) for c in communities),
        "due_soon": sum(getattr(c, "due_soon_follow_ups", 0) for c in communities),
    }




def dispatch_waiting(user: Any) -> dict[str, int]:
    """Requests waiting on ``user``: to decide (the city, the branch) and to carry out (assigned to them).
    One query."""
    from django.db.models import Q

    from kyodo.support.models import DispatchRequest, DispatchStatus
    from kyodo.support.scopes import DISPATCH

    if not getattr(user, "is_city_staff", False):
        return {"to_decide": 0, "to_carry_out": 0}
    deciding = Q(status=DispatchStatus.REQUESTED)
    if not user.is_city_admin:
        deciding &= Q(community__district__branch_office_id=user.branch_office_id) if user.branch_office_id else Q(
            pk__in=[])
    counts = DISPATCH.queryset(user, DispatchRequest.objects.all()).aggregate(
        to_decide=Count("pk", filter=deciding),
        to_carry_out=Count("pk", filter=Q(status=DispatchStatus.ACCEPTED, assigned_staff_id=user.pk)),
    )
    return {key: value or 0 for key, value in counts.items()}


def consultation_follow_ups(user: Any) -> int:
    """An advisor's open consultation follow-ups due within two weeks (overdue ones included). One query."""
    from kyodo.accounts.roles import Role
    from kyodo.support.models import Consultation

    if getattr(user, "role", "") != Role.ADVISOR:
        return 0
    limit = timezone.localdate() + dt.timedelta(days=DUE_SOON_DAYS)
    return Consultation.objects.filter(advisor_id=user.pk, follow_up_on__isnull=False, follow_up_done_on__isnull=True,
                                       follow_up_on__lte=limit,
                                       follow_up_on__gte=timezone.localdate() - dt.timedelta(days=30)).count()
