from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "kyodo.support"
    verbose_name = _("地域への支援")
