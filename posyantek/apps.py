from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PosyantekConfig(AppConfig):
    name = "posyantek"
    verbose_name = _("Posyantek")

    def ready(self):
        from django.conf import settings

        from posyantek import versi
        from posyantek.celery import melapor_mode

        versi.hubungkan()
        if not settings.TESTING:
            melapor_mode()  # one line: tasks go to a broker, or run in-process
