from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kyodo.accounts"
    verbose_name = _("アカウント")

    def ready(self) -> None:
        from kyodo.accounts import audit_trail, demo, rules, signals, workarea  # noqa: F401
