"""What the public home page shows."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from kyodo.communities.models import Community
from kyodo.plans.models import PromotionPlan


def home_summary() -> dict[str, Any]:
    """The current plan and the community counts, in two queries."""
    counts = Community.objects.aggregate(
        total=Count("pk"),
        established=Count("pk", filter=Q(status=Community.Status.ESTABLISHED)),
        forming=Count("pk", filter=Q(status=Community.Status.FORMING)),
    )
    plan = PromotionPlan.objects.filter(is_current=True).first()
    return {"plan": plan, "community_counts": counts}
