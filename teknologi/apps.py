from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeknologiConfig(AppConfig):
    name = "teknologi"
    verbose_name = _("Teknologi tepat guna")

    def ready(self):
        from posyantek import extensions
        from teknologi import providers

        extensions.register(extensions.BERANDA, providers.beranda)
        extensions.register(extensions.CARI, providers.cari)
        extensions.register(extensions.POS_DETAIL, providers.pos_detail)
        extensions.register(extensions.POS_DASBOR, providers.pos_dasbor)
        extensions.register(extensions.AKUN_SAYA, providers.akun_saya)
        extensions.register(extensions.KELOLA_INDEX, providers.kelola_index)
        extensions.register(extensions.OVERVIEW, providers.overview)
