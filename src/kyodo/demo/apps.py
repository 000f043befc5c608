from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "kyodo.demo"
    verbose_name = "Demo"
