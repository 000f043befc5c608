from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "kyodo.communities"
    verbose_name = _("地域協働体")

    def ready(self) -> None:
        # The community's standing workflow registers itself on import.
        from kyodo.communities import standing  # noqa: F401
