"""Entry documents live on private storage under names with a random part, are handed out only by
the permission-checked download views, and the migration moves files stored before to private storage."""

import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from lomba import services
from lomba.models import DokumenPeserta
from posyantek.uploads import PrivateStorage, private_storage, safe_name
from tests.hostile_files import VALID_PDF

pytestmark = pytest.mark.django_db

migration = importlib.import_module("lomba.migrations.0003_dokumen_peserta_privat")


def test_dokumen_upload_stores_privately_under_a_random_name(penilaian, admin_provinsi, settings):
    lomba, (gambir, *_rest) = penilaian
    dokumen = services.dokumen_unggah(
        peserta=gambir, judul="SK", oleh=admin_provinsi, berkas=ContentFile(VALID_PDF, name="sk-pembentukan.pdf")
    )
    name = dokumen.berkas.name
    assert re.fullmatch(rf"lomba/{lomba.pk}/peserta-{gambir.pk}/sk-pembentukan-[0-9a-f]{{8}}\.pdf", name)
    assert isinstance(dokumen.berkas.storage, PrivateStorage)
    assert (settings.PRIVATE_MEDIA_ROOT / name).read_bytes() == VALID_PDF
    assert not (settings.MEDIA_ROOT / name).exists()
    again = services.dokumen_unggah(
        peserta=gambir, judul="SK", oleh=admin_provinsi, berkas=ContentFile(VALID_PDF, name="sk-pembentukan.pdf")
    )
    assert again.berkas.name != name


def test_safe_name_keeps_exactly_one_random_part():
    once = safe_name("Laporan Akhir.pdf", "pdf")
    twice = safe_name(once, "pdf")
    assert re.fullmatch(r"laporan-akhir-[0-9a-f]{8}\.pdf", once)
    assert re.fullmatch(r"laporan-akhir-[0-9a-f]{8}\.pdf", twice) and twice != once


def test_dokumen_download_only_for_admin_post_operators_and_assigned_juri(
    client_as, penilaian, admin_provinsi, operator_a, operator_b, pos_a, juri, juri3
):
    lomba, (gambir, *_rest) = penilaian
    dokumen = services.dokumen_unggah(
        peserta=gambir, judul="SK", oleh=admin_provinsi, berkas=ContentFile(VALID_PDF, name="sk.pdf")
    )
    kelola = reverse("lomba:dokumen-unduh", kwargs={"pk": lomba.pk, "peserta_pk": gambir.pk, "dokumen_pk": dokumen.pk})
    pos = reverse(
        "lomba:pos-dokumen-unduh", kwargs={"pos_slug": pos_a.slug, "peserta_pk": gambir.pk, "dokumen_pk": dokumen.pk}
    )
    served = {}
    for user, url in ((admin_provinsi, kelola), (juri, kelola), (operator_a, pos)):
        response = client_as(user).get(url)
        served[user.email] = (
            response.status_code,
            b"".join(response.streaming_content),
            response["Content-Disposition"].split(";")[0],
        )
    assert set(served.values()) == {(200, VALID_PDF, "attachment")}
    assert client_as(juri3).get(kelola).status_code == 404
    assert client_as(operator_b).get(pos).status_code == 404
    assert client_as(operator_b).get(kelola).status_code == 403  # not a juri nor an admin: the area is closed
    with pytest.raises(ValueError):  # private files have no public URL at all
        _ = dokumen.berkas.url


def _public_row(peserta, oleh, name: str, content: bytes | None) -> DokumenPeserta:
    """A document as stored before the migration: on public storage under its plain name."""
    dokumen = services.dokumen_unggah(
        peserta=peserta, judul=name, oleh=oleh, berkas=ContentFile(b"%PDF-x", name="x.pdf")
    )
    private_storage().delete(dokumen.berkas.name)
    if content is not None:
        default_storage.save(name, ContentFile(content))
    DokumenPeserta.objects.filter(pk=dokumen.pk).update(berkas=name)
    return dokumen


def test_migration_moves_public_documents_to_private_storage_idempotently(
    penilaian, admin_provinsi, settings, django_capture_on_commit_callbacks
):
    lomba, (gambir, tambora, _menteng) = penilaian
    pindah = _public_row(gambir, admin_provinsi, f"lomba/{lomba.pk}/peserta-{gambir.pk}/sk.pdf", VALID_PDF)
    hilang = _public_row(tambora, admin_provinsi, f"lomba/{lomba.pk}/peserta-{tambora.pk}/hilang.pdf", None)
    with django_capture_on_commit_callbacks(execute=True):
        moved = migration.move_documents(django_apps, source=default_storage, target=private_storage())
    pindah.refresh_from_db()
    hilang.refresh_from_db()
    assert moved == 1
    assert re.fullmatch(rf"lomba/{lomba.pk}/peserta-{gambir.pk}/sk-[0-9a-f]{{8}}\.pdf", pindah.berkas.name)
    assert (settings.PRIVATE_MEDIA_ROOT / pindah.berkas.name).read_bytes() == VALID_PDF
    assert not (settings.MEDIA_ROOT / f"lomba/{lomba.pk}/peserta-{gambir.pk}/sk.pdf").exists()
    assert hilang.berkas.name == f"lomba/{lomba.pk}/peserta-{tambora.pk}/hilang.pdf"
    # Running it again changes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert migration.move_documents(django_apps, source=default_storage, target=private_storage()) == 0
    assert DokumenPeserta.objects.get(pk=pindah.pk).berkas.name == pindah.berkas.name
    assert pindah.berkas.open("rb").read() == VALID_PDF
