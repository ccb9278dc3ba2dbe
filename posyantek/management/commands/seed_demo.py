"""Deterministic demo data, built through the services. Refuses a production configuration."""

import secrets
from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from posyantek.extensions import aplikasi


def demo_modules():
    """Every project app's ``demo`` module, in the apps' order (``AppConfig.urutan``): the foundation
    first, the Lomba last (it ranks and summarises what the other apps created)."""
    for config in aplikasi():
        if module_has_submodule(config.module, "demo"):
            yield import_module(f"{config.name}.demo")


class Command(BaseCommand):
    help = "Mengisi portal dengan data demo (akun, pos, UKM, teknologi, pelatihan, lomba)."

    def add_arguments(self, parser):
        parser.add_argument("--password", help="Kata sandi semua akun demo (atau DEMO_PASSWORD).")
        parser.add_argument("--force", action="store_true", help="Jalankan walau konfigurasi produksi.")

    def handle(self, *args, **options):
        import os

        from posyantek.demo import DemoContext

        if not (settings.DEBUG or settings.TESTING) and not options["force"]:
            raise CommandError(
                "Konfigurasi produksi terdeteksi (DJANGO_DEBUG mati): data demo tidak dibuat. "
                "Gunakan --force bila memang disengaja."
            )
        password = options["password"] or os.environ.get("DEMO_PASSWORD")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        ctx = DemoContext(password=password, stdout=self.stdout)
        with transaction.atomic():
            for module in demo_modules():
                module.seed(ctx)
        self.stdout.write(self.style.SUCCESS("Data demo siap."))
        self.stdout.write(
            "Akun demo: admin@posyantek.test, operator.<slug-pos>@posyantek.test (mis. "
            "operator.gambir@posyantek.test), juri1@posyantek.test, ukm1@posyantek.test, relawan1@posyantek.test"
        )
        if generated:
            self.stdout.write(f"Kata sandi (dibuat otomatis, dicetak sekali): {password}")
        else:
            self.stdout.write("Kata sandi: dari --password atau DEMO_PASSWORD.")
