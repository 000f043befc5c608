from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "kyodo.events"
    verbose_name = _("研修会・交流会")

    def ready(self) -> None:
        # The event workflow's services, the work area's section, the menu entry and the demo step
        # register themselves on import.
        from kyodo.events import demo, panels, publishing, workarea  # noqa: F401
        from kyodo.menus import add_to_main_menu

        add_to_main_menu(60, _("研修会・交流会"), "events:list", namespace="events")
