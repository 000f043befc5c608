from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "kyodo.demo"
    verbose_name = "Demo"

    def ready(self) -> None:
        # Each app's demo step registers itself on import (kyodo.demo.steps).
        from kyodo.communities import demo as communities_demo  # noqa: F401
        from kyodo.demo import accounts  # noqa: F401
        from kyodo.grants import demo as grants_demo  # noqa: F401
        from kyodo.grants import demo_windows  # noqa: F401
