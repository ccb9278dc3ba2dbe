"""Guests book without an account (#15): every booking gets a code for the door, a guest's booking a
secret token for its page, and one phone books a session once."""

import secrets

from django.db import migrations, models
from django.db.models import Q

KODE_HURUF = "ACDEFGHJKMNPQRTUVWXY3479"


def isi_kode(apps, schema_editor):
    Pendaftaran = apps.get_model("pelatihan", "Pendaftaran")
    dipakai = set()
    for pendaftaran in Pendaftaran.objects.filter(kode__isnull=True).only("pk").iterator():
        kode = "".join(secrets.choice(KODE_HURUF) for _ in range(8))
        while kode in dipakai:
            kode = "".join(secrets.choice(KODE_HURUF) for _ in range(8))
        dipakai.add(kode)
        Pendaftaran.objects.filter(pk=pendaftaran.pk).update(kode=kode)


class Migration(migrations.Migration):
    dependencies = [("pelatihan", "0003_program_penandatangan")]

    operations = [
        migrations.AddField(
            model_name="pendaftaran",
            name="kode",
            field=models.CharField(editable=False, max_length=8, null=True, verbose_name="kode pemesanan"),
        ),
        migrations.RunPython(isi_kode, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="pendaftaran",
            name="kode",
            field=models.CharField(editable=False, max_length=8, unique=True, verbose_name="kode pemesanan"),
        ),
        migrations.AddField(
            model_name="pendaftaran",
            name="token",
            field=models.CharField(blank=True, editable=False, max_length=43, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name="pendaftaran",
            name="sumber",
            field=models.CharField(
                choices=[("daring", "Mendaftar sendiri"), ("langsung", "Didaftarkan operator"), ("tamu", "Tamu (tanpa akun)")],
                default="daring",
                max_length=10,
                verbose_name="cara mendaftar",
            ),
        ),
        migrations.AddConstraint(
            model_name="pendaftaran",
            constraint=models.UniqueConstraint(
                condition=Q(sumber="tamu") & ~Q(status="dibatalkan"),
                fields=("jadwal", "telepon"),
                name="pendaftaran_tamu_satu_telepon",
                violation_error_message="Nomor telepon ini sudah terdaftar di sesi ini.",
            ),
        ),
    ]
