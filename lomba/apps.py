from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LombaConfig(AppConfig):
    name = "lomba"
    label = "lomba"
    verbose_name = _("Lomba Posyantek")
    # Where its sections stand on the foundation's pages, and when its demo data is seeded
    # (posyantek.extensions.aplikasi).
    urutan = 90
