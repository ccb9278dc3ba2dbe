from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LombaConfig(AppConfig):
    name = "posyantek.lomba"
    label = "lomba"
    verbose_name = _("Lomba Posyantek")
