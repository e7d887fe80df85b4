from django.apps import AppConfig


class AnkasamConfig(AppConfig):
    name = "ankasam"
    verbose_name = "ANKASAM"
