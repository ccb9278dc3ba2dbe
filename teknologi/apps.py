from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeknologiConfig(AppConfig):
    name = "teknologi"
    verbose_name = _("Teknologi tepat guna")
    # Where its sections stand on the foundation's pages, and when its demo data is seeded
    # (posyantek.extensions.aplikasi).
    urutan = 30
