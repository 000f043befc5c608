from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeConfig(AppConfig):
    name = "kyodo.practice"
    verbose_name = _("活動事例")

    def ready(self) -> None:
        # The report workflow, the panels, the work area's section and the demo step register themselves.
        from kyodo.menus import add_to_main_menu
        from kyodo.practice import demo, panels, workarea, workflow  # noqa: F401

        add_to_main_menu(65, _("活動事例"), "practice:list", namespace="practice")
