from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UkmConfig(AppConfig):
    name = "ukm"
    verbose_name = _("Registri UKM")
    # Where its sections stand on the foundation's pages, and when its demo data is seeded
    # (posyantek.extensions.aplikasi).
    urutan = 20

    def ready(self):
        from . import signals

        signals.hubungkan()
