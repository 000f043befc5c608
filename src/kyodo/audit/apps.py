from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "kyodo.audit"
    verbose_name = _("監査ログ")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from kyodo.audit import rules, workarea  # noqa: F401  (permissions and the work area's section)
        from kyodo.audit.history import register_default_histories
        from kyodo.audit.triggers import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="kyodo.audit.sqlite")
        register_default_histories()
