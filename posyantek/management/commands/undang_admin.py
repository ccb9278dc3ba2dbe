"""Invite an admin provinsi from the command line: the first admin of a fresh deployment.

The person receives the usual invitation e-mail with a one-time link and sets their own password;
the link is also printed, for when the e-mail server is not configured yet. No password is ever
typed on the server or shared.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from posyantek import services
from posyantek.models import Peran


class Command(BaseCommand):
    help = "Mengundang admin provinsi lewat e-mail berisi tautan sekali pakai (untuk admin pertama)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--nama", default="", help="Nama lengkap (wajib untuk akun baru).")

    def handle(self, *args, email: str, nama: str, **options):
        try:
            undangan = services.undangan_kirim(email=email, nama=nama, peran=Peran.ADMIN_PROVINSI, oleh=None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        user = undangan.user
        self.stdout.write(self.style.SUCCESS(f"Undangan admin provinsi dikirim ke {user.email}."))
        if not user.has_usable_password():
            self.stdout.write(f"Tautan sekali pakai: {services.undangan_tautan_buat(pengguna=user)}")
