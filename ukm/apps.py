from django.apps import AppConfig


class UkmConfig(AppConfig):
    name = "ukm"
