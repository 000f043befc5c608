from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "kyodo.grants"
    verbose_name = _("補助金")

    def ready(self) -> None:
        from kyodo.menus import add_to_main_menu

        # The public finds the subsidy programs, how to apply and whom to ask from the main menu.
        add_to_main_menu(40, _("補助金"), "grants:index", namespace="grants")
        # The application workflow's services, checks and notifier, and the work area's section,
        # register themselves on import.
        from kyodo.grants import workarea  # noqa: F401
        from kyodo.grants.applications import (  # noqa: F401
            actuals,
            changes,
            decisions,
            guards,
            notifications,
            payments,
            settlement,
        )
