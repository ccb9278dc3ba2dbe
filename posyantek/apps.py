from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PosyantekConfig(AppConfig):
    name = "posyantek"
    verbose_name = _("Posyantek")
    urutan = 0  # the foundation first: its sections, its demo data (posyantek.extensions.aplikasi)

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import post_migrate

        from posyantek import checks, versi  # noqa: F401 (checks registers the deploy checks)
        from posyantek.celery import melapor_mode

        versi.hubungkan()
        post_migrate.connect(buat_tabel_cache, sender=self)
        if not settings.TESTING:
            melapor_mode()  # one line: tasks go to a broker, or run in-process


def buat_tabel_cache(*, using: str, verbosity: int = 1, **kwargs) -> None:
    """``migrate`` leaves a working cache: it creates the database cache table(s) that CACHES
    needs (allauth's login rate limits answer 500 without them). Idempotent: existing tables are
    kept, and nothing happens when the cache is Redis."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=max(verbosity - 1, 0))
