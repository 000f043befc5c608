from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    name = "kyodo.staff"
    verbose_name = _("職員の作業画面")
