"""For cron (e.g. every 15 minutes): cancel urun beli campaigns whose deadline passed below target."""

from django.core.management.base import BaseCommand

from teknologi.services import kampanye_tutup_yang_lewat


class Command(BaseCommand):
    help = "Menutup kampanye urun beli yang lewat batas waktu tanpa mencapai target (status batal) dan mengabari penjanji."

    def handle(self, *args, **options):
        closed = kampanye_tutup_yang_lewat()
        self.stdout.write(f"{closed} kampanye ditutup (batal).")
