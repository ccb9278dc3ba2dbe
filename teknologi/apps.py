from django.apps import AppConfig


class TeknologiConfig(AppConfig):
    name = "teknologi"
