"""Reminder e-mails for tomorrow's sessions. Celery beat runs them daily at 07:00
(``pelatihan.tasks.kirim_pengingat_pelatihan``); this command stays for manual runs.

Idempotent: a participant is reminded once (``pengingat_terkirim_at``), so running it twice, or
again after a failure, sends nothing twice.
"""

from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from pelatihan import services


class Command(BaseCommand):
    help = "Mengirim e-mail pengingat kepada peserta sesi pelatihan yang berlangsung besok (waktu Jakarta)."

    def add_arguments(self, parser):
        parser.add_argument("--tanggal", help="Tanggal sesi (YYYY-MM-DD); bawaan: besok.")

    def handle(self, *args, **options):
        if options["tanggal"]:
            try:
                tanggal = date.fromisoformat(options["tanggal"])
            except ValueError:
                raise CommandError("Format tanggal harus YYYY-MM-DD.") from None
        else:
            tanggal = timezone.localdate() + timedelta(days=1)
        sent = services.pengingat_kirim(besok=tanggal)
        self.stdout.write(f"Pengingat terkirim: {sent} (sesi tanggal {tanggal:%Y-%m-%d}).")
