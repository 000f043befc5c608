"""The REST API, /api/v1/: one router per app, documented by the generated OpenAPI spec."""

from __future__ import annotations

from ninja import NinjaAPI

from kyodo.api_errors import install_error_handlers

api = NinjaAPI(
    title="kyodo API",
    version="1",
    description=(
        "地域協働推進のためのAPIです。未サインインの利用者には公開情報のみを返します。"
        " / The kyodo API. Anonymous callers receive public data only."
        " Errors use one format: {\"detail\": message, \"errors\": [...]}."
    ),
    urls_namespace="api",
)
install_error_handlers(api)

from kyodo.communities.api import router as communities_router  # noqa: E402
from kyodo.grants.api import router as grants_router  # noqa: E402
from kyodo.plans.api import router as plans_router  # noqa: E402

api.add_router("/plans", plans_router)
api.add_router("/communities", communities_router)
api.add_router("/grants", grants_router)
