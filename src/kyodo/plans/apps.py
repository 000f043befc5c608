from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "kyodo.plans"
    verbose_name = _("推進計画")

    def ready(self) -> None:
        from kyodo.menus import add_to_main_menu
        from kyodo.plans import workarea  # noqa: F401

        add_to_main_menu(20, _("推進計画"), "plans:current", namespace="plans")
