"""Production-like volume for benchmarks: bulk inserts, no services. Refuses a production configuration.

Each app adds its rows in ``<app>/scale.py`` (``seed(ctx: posyantek.scale.ScaleContext)``); see the
docstring of ``posyantek/scale.py`` for how. Meant for an empty (migrated) database: it refuses to
run twice on the same one, because a second run would double the volume.
"""

import os
import secrets
import time
from importlib import import_module, util

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from posyantek import versi
from posyantek.scale import BASE_SIZES, BENCH_ADMIN_EMAIL, ScaleContext, Sizes

# Same order as seed_demo: foundation first, the Lomba last.
SCALE_MODULES = ["posyantek", "ukm", "teknologi", "pelatihan", "lomba"]


def scale_modules():
    for name in SCALE_MODULES:
        if util.find_spec(f"{name}.scale") is not None:
            yield import_module(f"{name}.scale")


def positive(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = "Mengisi basis data dengan volume setara produksi (30.000 UKM ...; --ukm 1000000 skala nasional)."

    def add_arguments(self, parser):
        for name, default in BASE_SIZES.as_dict().items():
            parser.add_argument(f"--{name}", type=positive, default=default, help=f"jumlah {name} (bawaan {default:,})")
        parser.add_argument("--batch-size", type=positive, default=5_000)
        parser.add_argument("--seed", type=int, default=20261128, help="benih acak (data sama untuk benih sama)")
        parser.add_argument(
            "--password", help="Kata sandi semua akun skala (atau SCALE_PASSWORD); dibuat acak bila kosong."
        )
        parser.add_argument("--force", action="store_true", help="Jalankan walau konfigurasi produksi.")

    def handle(self, *args, **options):
        import random

        if not (settings.DEBUG or settings.TESTING) and not options["force"]:
            raise CommandError(
                "Konfigurasi produksi terdeteksi (DJANGO_DEBUG mati): data skala tidak dibuat. "
                "Gunakan --force bila memang disengaja (basis data benchmark)."
            )
        from posyantek.models import User

        if User.objects.filter(email=BENCH_ADMIN_EMAIL).exists():
            raise CommandError(
                "Basis data ini sudah berisi data skala; gunakan basis data kosong (yang sudah dimigrasi)."
            )
        password = options["password"] or os.environ.get("SCALE_PASSWORD") or secrets.token_urlsafe(16)
        sizes = Sizes(**{name: options[name] for name in BASE_SIZES.as_dict()})
        ctx = ScaleContext(
            sizes=sizes,
            stdout=self.stdout,
            password_hash=make_password(password),
            batch_size=max(1, options["batch_size"]),
            rng=random.Random(options["seed"]),
        )
        started = time.perf_counter()
        self.stdout.write("Ukuran: " + ", ".join(f"{k}={v:,}" for k, v in sizes.as_dict().items()))
        with transaction.atomic():
            for module in scale_modules():
                self.stdout.write(f"{module.__name__}:")
                module.seed(ctx)
            # COPY sends no signal: the summaries each app keeps are recounted, and running servers
            # must render afresh.
            for module in scale_modules():
                if hasattr(module, "setelah_salin"):
                    module.setelah_salin(ctx)
            versi.naikkan()
        if connection.vendor == "postgresql":
            # Fresh statistics, so the planner sees a million rows as a million rows, and the
            # visibility map a running server's autovacuum would have set long ago (without it
            # PostgreSQL cannot answer a COUNT from an index alone, and a fresh bulk load is not
            # what production looks like).
            # VACUUM cannot run inside a transaction (a caller's atomic block, or a test): ANALYZE then.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"Data skala siap dalam {time.perf_counter() - started:.1f} s."))
