from django.db import migrations, models
from django.db.models import Q


def tandai_yang_sudah_dikabari(apps, schema_editor):
    """Pledges of campaigns that already reached or missed their target were e-mailed the outcome
    before this field existed (those pledged when the status changed): mark them, so nobody is
    told twice."""
    KampanyeUrunBeli = apps.get_model("teknologi", "KampanyeUrunBeli")
    JanjiUrunBeli = apps.get_model("teknologi", "JanjiUrunBeli")
    selesai = KampanyeUrunBeli.objects.filter(
        status__in=["tercapai", "dipesan", "diterima", "batal"], status_changed_at__isnull=False
    ).values_list("pk", "status_changed_at")
    for pk, waktu in selesai:
        JanjiUrunBeli.objects.filter(kampanye_id=pk).filter(Q(ditarik_at__isnull=True) | Q(ditarik_at__gte=waktu)).update(
            kabar_hasil_at=waktu
        )


class Migration(migrations.Migration):

    dependencies = [
        ('teknologi', '0003_adopsi_ukm'),
    ]

    operations = [
        migrations.AddField(
            model_name='janjiurunbeli',
            name='kabar_hasil_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(tandai_yang_sudah_dikabari, migrations.RunPython.noop),
    ]
