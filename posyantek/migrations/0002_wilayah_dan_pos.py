"""Reference data: the wilayah of DKI Jakarta (Kemendagri codes) and one post per kecamatan."""

from django.db import migrations


def forwards(apps, schema_editor):
    from posyantek.wilayah_data import muat_wilayah

    muat_wilayah(
        apps.get_model("posyantek", "Provinsi"),
        apps.get_model("posyantek", "Kota"),
        apps.get_model("posyantek", "Kecamatan"),
        apps.get_model("posyantek", "Kelurahan"),
        apps.get_model("posyantek", "Pos"),
    )


class Migration(migrations.Migration):
    dependencies = [("posyantek", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
