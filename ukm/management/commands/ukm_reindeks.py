"""Recompute what the services derive for every business: post, class and search keys.

Needed after the wilayah reference data changes (a new kelurahan alias must become searchable) or
after rows were loaded without the services. Writes in batches, without history entries: nothing a
person typed changes.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from posyantek.models import Pos
from ukm import ringkasan
from ukm.models import Ukm
from ukm.services import ukm_lengkapi

FIELDS = ["pos", "kelas", "search_text", "search_publik"]


class Command(BaseCommand):
    help = "Menghitung ulang pos, kelas, dan kunci pencarian semua UKM (mis. setelah nama lain kelurahan berubah)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=2000, help="Jumlah baris per tulis.")

    def handle(self, *args, **options):
        pos_by_kecamatan = dict(Pos.objects.values_list("kecamatan_id", "pk"))
        size = options["batch"]
        changed = total = 0
        last = 0
        # The summary rows are recounted once, at the end, not after every batch.
        with ringkasan.tunda():
            while True:
                batch = list(Ukm.objects.select_related("kelurahan").filter(pk__gt=last).order_by("pk")[:size])
                if not batch:
                    break
                last = batch[-1].pk
                dirty = []
                for ukm in batch:
                    before = [getattr(ukm, f if f != "pos" else "pos_id") for f in FIELDS]
                    ukm_lengkapi(ukm=ukm, pos_id=pos_by_kecamatan[ukm.kelurahan.kecamatan_id])
                    if [getattr(ukm, f if f != "pos" else "pos_id") for f in FIELDS] != before:
                        dirty.append(ukm)
                with transaction.atomic():
                    Ukm.objects.bulk_update(dirty, FIELDS)
                changed += len(dirty)
                total += len(batch)
        self.stdout.write(self.style.SUCCESS(f"{total} UKM diperiksa, {changed} diperbarui."))
