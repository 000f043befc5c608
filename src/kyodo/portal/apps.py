from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "kyodo.portal"
    verbose_name = _("公開サイト")

    def ready(self) -> None:
        from kyodo.menus import add_to_main_menu

        add_to_main_menu(0, _("ホーム"), "portal:home", namespace="portal")
