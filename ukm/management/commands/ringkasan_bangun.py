"""Rebuild the registry's summary rows (``ukm/ringkasan.py``) of every post from the registry.

They are kept up to date by every write through Django; this is for rows written around it (a
restore, raw SQL) and is safe to run at any time: it recounts, one transaction, posts locked.
"""

import time

from django.core.management.base import BaseCommand

from ukm import ringkasan


class Command(BaseCommand):
    help = "Menghitung ulang ringkasan registri UKM (jumlah per pos, kelurahan, kelas, bidang, tahap, bulan)."

    def handle(self, *args, **options):
        mulai = time.perf_counter()
        jumlah = ringkasan.bangun_semua()
        self.stdout.write(
            self.style.SUCCESS(f"Ringkasan {jumlah} pos dihitung ulang dalam {time.perf_counter() - mulai:.1f} s.")
        )
