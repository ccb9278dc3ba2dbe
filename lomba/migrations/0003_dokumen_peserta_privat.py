"""Entry documents move from public storage (served by the proxy at /media/lomba/...) to private storage.

The field now points at ``private_storage``; the data step moves every existing file there under a
name with a random part, points the row at it and deletes the public copy once the migration has
committed. Safe to run again: a row whose file is already in private storage is left alone. A row
whose file is missing on both sides is left as it is and logged (the download answers 404 for it).
"""

import logging
import os

import lomba.models
import posyantek.uploads
from django.core.files import File
from django.core.files.storage import storages
from django.db import migrations, models, transaction

logger = logging.getLogger("posyantek.migrations")


def _name_in(dokumen, old_name: str) -> str:
    extension = os.path.splitext(old_name)[1].lstrip(".").lower() or "bin"
    return (
        f"lomba/{dokumen.peserta.lomba_id}/peserta-{dokumen.peserta_id}/"
        f"{posyantek.uploads.safe_name(old_name, extension)}"
    )


def move_documents(apps, *, source, target) -> int:
    """Move each document's file from ``source`` to ``target`` storage; returns how many moved."""
    DokumenPeserta = apps.get_model("lomba", "DokumenPeserta")
    moved = 0
    for dokumen in DokumenPeserta.objects.select_related("peserta").order_by("pk").iterator():
        old_name = dokumen.berkas.name
        if not old_name or target.exists(old_name):
            continue  # nothing stored, or already moved by an earlier run
        if not source.exists(old_name):
            logger.warning("DokumenPeserta %s: file %r is missing; row left as it is", dokumen.pk, old_name)
            continue
        with source.open(old_name, "rb") as handle:
            new_name = target.save(_name_in(dokumen, old_name), File(handle))
        DokumenPeserta.objects.filter(pk=dokumen.pk).update(berkas=new_name)
        # The old copy goes only once the row points at the new one for good: a rolled-back
        # migration keeps both, and runs again from the untouched rows.
        transaction.on_commit(lambda name=old_name: source.delete(name))
        moved += 1
    return moved


def to_private(apps, schema_editor):
    move_documents(apps, source=storages["default"], target=posyantek.uploads.private_storage())


def to_public(apps, schema_editor):
    move_documents(apps, source=posyantek.uploads.private_storage(), target=storages["default"])


class Migration(migrations.Migration):

    dependencies = [
        ('lomba', '0002_lomba_ikatan_final'),
    ]

    operations = [
        migrations.AlterField(
            model_name='dokumenpeserta',
            name='berkas',
            field=models.FileField(max_length=255, storage=posyantek.uploads.private_storage, upload_to=lomba.models.dokumen_path, verbose_name='berkas'),
        ),
        migrations.RunPython(to_private, to_public),
    ]
