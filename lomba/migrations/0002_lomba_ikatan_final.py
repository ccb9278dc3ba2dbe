
from django.db import migrations, models


def bekukan_ikatan(apps, schema_editor):
    """Competitions finalised before the snapshot existed: freeze the ties as they stand now (the
    best record there is of the ties at finalising)."""
    Lomba = apps.get_model("lomba", "Lomba")
    JuriPos = apps.get_model("lomba", "JuriPos")
    OperatorPos = apps.get_model("posyantek", "OperatorPos")
    PenugasanJuri = apps.get_model("lomba", "PenugasanJuri")
    for lomba in Lomba.objects.filter(status__in=["final", "diumumkan"], ikatan_final__isnull=True):
        juri_ids = list(PenugasanJuri.objects.filter(lomba=lomba).values_list("juri_id", flat=True))
        pairs = set(JuriPos.objects.filter(juri_id__in=juri_ids).values_list("juri_id", "pos_id"))
        pairs |= set(OperatorPos.objects.filter(user_id__in=juri_ids).values_list("user_id", "pos_id"))
        lomba.ikatan_final = sorted([j, p] for j, p in pairs)
        lomba.save(update_fields=["ikatan_final"])



class Migration(migrations.Migration):

    dependencies = [
        ('lomba', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicallomba',
            name='ikatan_final',
            field=models.JSONField(blank=True, editable=False, null=True, verbose_name='keterkaitan juri saat difinalkan'),
        ),
        migrations.AddField(
            model_name='lomba',
            name='ikatan_final',
            field=models.JSONField(blank=True, editable=False, null=True, verbose_name='keterkaitan juri saat difinalkan'),
        ),
        migrations.RunPython(bekukan_ikatan, migrations.RunPython.noop),
    ]
