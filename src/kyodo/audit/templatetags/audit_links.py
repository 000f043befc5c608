"""``{% object_history_links obj %}``: links to an object's change history and audit log, for those who may see them."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.urls import reverse

from kyodo.audit.history import may_view_history
from kyodo.audit.queries import ACCOUNT_OBJECT_TYPE

register = template.Library()


def history_links(user: Any, obj: Any) -> dict[str, str]:
    """The URLs of ``obj``'s change history and audit log that ``user`` may open (no query)."""
    if obj is None or getattr(obj, "pk", None) is None or user is None or not user.is_authenticated:
        return {}
    label = obj._meta.label_lower
    links = {}
    if may_view_history(user, label):
        links["history_url"] = reverse("history_staff:object", args=[label, obj.pk])
    if user.is_city_admin or (user.is_account_admin and label == ACCOUNT_OBJECT_TYPE):
        links["audit_url"] = reverse("audit_staff:index") + "?" + urlencode({"object_type": label, "object_id": obj.pk})
    return links


@register.inclusion_tag("audit/object_history_links.html", takes_context=True)
def object_history_links(context: template.Context, obj: Any) -> dict[str, Any]:
    request = context.get("request")
    return history_links(getattr(request, "user", None), obj)
