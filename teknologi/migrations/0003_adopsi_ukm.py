"""Adoption records point at the UKM registry; rows written before are linked by (post, name).

The link (``teknologi.tautan_ukm.hubungkan_adopsi_ukm``) is made only when exactly one business of
the row's post has that name, ignoring case; other rows keep their free-text name, unlinked.
"""

import django.db.models.deletion
from django.db import migrations, models


def hubungkan(apps, schema_editor):
    from teknologi.tautan_ukm import hubungkan_adopsi_ukm

    hubungkan_adopsi_ukm(apps.get_model("teknologi", "Adopsi"), apps.get_model("ukm", "Ukm"))


class Migration(migrations.Migration):

    dependencies = [
        ('teknologi', '0002_pencarian'),
        ('ukm', '0002_pencarian_trigram'),
    ]

    operations = [
        migrations.AddField(
            model_name='adopsi',
            name='ukm',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='adopsi_teknologi', to='ukm.ukm', verbose_name='UKM terdaftar'),
        ),
        migrations.RunPython(hubungkan, migrations.RunPython.noop),
    ]
