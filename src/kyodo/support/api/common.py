"""What the support API's modules share: loading a community in the caller's view, identifiers, dates."""

from __future__ import annotations

from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Path

from kyodo.communities.models import Community

MAX_ID = 2_147_483_647
Id = Annotated[int, Path(..., ge=1, le=MAX_ID)]
Slug = Annotated[str, Path(..., min_length=1, max_length=100, pattern=r"^[-a-zA-Z0-9_]+$")]


def load_community(request: Any, slug: Slug) -> Community:
    """The community named in the path (404 when unknown); the permission decides the rest."""
    return get_object_or_404(Community.objects.select_related("district__branch_office"), slug=slug)


def community_by_slug(slug: str, *, field: str = "community") -> Community:
    """The community named in a request body: unknown is a field error (422), not a 404."""
    community = Community.objects.select_related("district__branch_office").filter(slug=slug).first()
    if community is None:
        raise ValidationError({field: _("地域協働体が見つかりません。一覧にある地域協働体を指定してください。")})
    return community
