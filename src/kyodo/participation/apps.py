from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "kyodo.participation"
    verbose_name = _("ボランティア募集")

    def ready(self) -> None:
        # The opportunity workflow's services, the work area's section, the menu entry and the demo step
        # register themselves on import.
        from kyodo.menus import add_to_main_menu
        from kyodo.participation import demo, panels, publishing, workarea  # noqa: F401

        add_to_main_menu(70, _("ボランティア募集"), "participation:list", namespace="participation")
