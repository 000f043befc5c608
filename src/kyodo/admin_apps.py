from django.contrib.admin.apps import AdminConfig


class KyodoAdminConfig(AdminConfig):
    default_site = "kyodo.admin_site.KyodoAdminSite"
