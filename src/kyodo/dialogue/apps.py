from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "kyodo.dialogue"
    verbose_name = _("意見交換・意見と回答")

    def ready(self) -> None:
        # The services, the work area's section, the community panel and the demo step register on import.
        from kyodo.dialogue import demo, meetings, opinions, panels, workarea  # noqa: F401
        from kyodo.menus import add_to_main_menu

        add_to_main_menu(50, _("意見と回答"), "dialogue:opinion-list", namespace="dialogue")
        add_to_main_menu(55, _("意見交換会"), "meetings:list", namespace="meetings")
