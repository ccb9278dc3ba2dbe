from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PelatihanConfig(AppConfig):
    name = "pelatihan"
    verbose_name = _("Pelatihan dan Relawan TIK")
    # Where its sections stand on the foundation's pages, and when its demo data is seeded
    # (posyantek.extensions.aplikasi).
    urutan = 40
