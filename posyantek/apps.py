from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PosyantekConfig(AppConfig):
    name = "posyantek"
    verbose_name = _("Posyantek")

    def ready(self):
        from posyantek import versi

        versi.hubungkan()
