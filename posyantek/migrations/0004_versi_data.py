"""The data version of ``posyantek.versi``: a sequence on PostgreSQL, one row of VersiData elsewhere."""

from django.db import migrations, models


def buat(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE SEQUENCE IF NOT EXISTS posyantek_versi_data")
    apps.get_model("posyantek", "VersiData").objects.using(schema_editor.connection.alias).get_or_create(id=1)


def hapus(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP SEQUENCE IF EXISTS posyantek_versi_data")


class Migration(migrations.Migration):

    dependencies = [
        ("posyantek", "0003_pos_modul"),
    ]

    operations = [
        migrations.CreateModel(
            name="VersiData",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("nilai", models.BigIntegerField(default=0)),
            ],
            options={
                "verbose_name": "versi data",
                "verbose_name_plural": "versi data",
                "db_table": "posyantek_versidata",
            },
        ),
        migrations.RunPython(buat, hapus),
    ]
