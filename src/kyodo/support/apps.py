from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "kyodo.support"
    verbose_name = _("地域への支援")

    def ready(self) -> None:
        # The rules, the panels on a community's pages, the work area's section and the demo step register on import.
        from kyodo.support import demo, panels, workarea  # noqa: F401
