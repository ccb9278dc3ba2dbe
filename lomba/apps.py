from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LombaConfig(AppConfig):
    name = "lomba"
    label = "lomba"
    verbose_name = _("Lomba Posyantek")

    def ready(self) -> None:
        from lomba import providers
        from posyantek import extensions

        extensions.register(extensions.OVERVIEW, providers.overview)
        extensions.register(extensions.POS_DETAIL, providers.pos_detail)
        extensions.register(extensions.POS_DASBOR, providers.pos_dasbor)
        extensions.register(extensions.AKUN_SAYA, providers.akun_saya)
        extensions.register(extensions.KELOLA_INDEX, providers.kelola_index)
        extensions.register(extensions.BERANDA, providers.beranda)
