"""Cancel urun beli campaigns whose deadline passed below target. Celery beat runs this every 5 minutes
(``teknologi.tasks.tutup_urun_beli``); the command stays for manual runs."""

from django.core.management.base import BaseCommand

from teknologi.services import kampanye_lewat_tutup


class Command(BaseCommand):
    help = (
        "Menutup kampanye urun beli yang lewat batas waktu tanpa mencapai target (status batal) dan mengabari penjanji."
    )

    def handle(self, *args, **options):
        closed = kampanye_lewat_tutup()
        self.stdout.write(f"{closed} kampanye ditutup (batal).")
