"""The REST API, /api/v1/: one router per app, documented by the generated OpenAPI spec."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.operation import Operation

from kyodo.api_errors import install_error_handlers


class KyodoAPI(NinjaAPI):
    """A NinjaAPI whose operation ids name the app's ``api`` module, also once it is a package."""

    def get_openapi_operation_id(self, operation: Operation) -> str:
        """``kyodo_grants_api_report`` for ``kyodo.grants.api.lifecycle.report``: clients keep their names."""
        module, is_package, _ = operation.view_func.__module__.partition(".api.")
        module = f"{module}.api" if is_package else module
        return f"{module}_{operation.view_func.__name__}".replace(".", "_")


api = KyodoAPI(
    title="kyodo API",
    version="1",
    description=(
        "地域協働推進のためのAPIです。未サインインの利用者には公開情報のみを返します。"
        " / The kyodo API. Anonymous callers receive public data only."
        " Errors use one format: {\"detail\": message, \"errors\": [...]}."
        " Lists use one envelope: {\"count\", \"limit\", \"offset\", \"items\"}."
    ),
    urls_namespace="api",
)
install_error_handlers(api)

from kyodo.communities.api import router as communities_router  # noqa: E402
from kyodo.companies.api import router as companies_router  # noqa: E402
from kyodo.dialogue.api import public_router as dialogue_router  # noqa: E402
from kyodo.dialogue.api import staff_router as dialogue_staff_router  # noqa: E402
from kyodo.events.api import router as events_router  # noqa: E402
from kyodo.grants.api import router as grants_router  # noqa: E402
from kyodo.participation.api import router as participation_router  # noqa: E402
from kyodo.plans.api import router as plans_router  # noqa: E402
from kyodo.practice.api import router as practice_router  # noqa: E402
from kyodo.support.api import router as support_router  # noqa: E402

api.add_router("/plans", plans_router)
api.add_router("/communities", communities_router)
api.add_router("/grants", grants_router)
api.add_router("/dialogue", dialogue_router)
api.add_router("/dialogue", dialogue_staff_router)
api.add_router("/events", events_router)
api.add_router("/participation", participation_router)
api.add_router("/practice", practice_router)
api.add_router("/support", support_router)
api.add_router("/companies", companies_router)
