from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "kyodo.communities"
    verbose_name = _("地域協働体")

    def ready(self) -> None:
        # The standing workflow and the work area's section register themselves on import.
        from kyodo.communities import standing, workarea  # noqa: F401
        from kyodo.menus import add_to_main_menu

        add_to_main_menu(30, _("地域協働体"), "communities:list", namespace="communities")
