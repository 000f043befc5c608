from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "kyodo.companies"
    verbose_name = _("企業")

    def ready(self) -> None:
        from kyodo.companies import workarea  # noqa: F401
