from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "kyodo.audit"
    verbose_name = _("監査ログ")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from kyodo.audit.triggers import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="kyodo.audit.sqlite")
