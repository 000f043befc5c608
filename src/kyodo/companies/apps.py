from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "kyodo.companies"
    verbose_name = _("企業")

    def ready(self) -> None:
        # The partnership workflow, the panels, the work area's sections and the demo step register themselves.
        from kyodo.companies import demo, panels, workarea, workflow  # noqa: F401
        from kyodo.menus import add_to_main_menu

        add_to_main_menu(75, _("企業の参画"), "companies:list", namespace="companies")
