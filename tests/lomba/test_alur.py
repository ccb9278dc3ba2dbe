"""The whole competition, through the pages, as the admin and two juri would run it."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from lomba.models import Lomba, Nilai, Peserta, Status
from tests.lomba.factories import kriteria_ids

pytestmark = pytest.mark.django_db


def post_nilai(client, lomba, peserta, values):
    ids = kriteria_ids(lomba)
    data = {f"kriteria_{k}": str(v) for k, v in zip(ids, values, strict=True)}
    return client.post(reverse("lomba:nilai", kwargs={"pk": lomba.pk, "peserta_pk": peserta.pk}), data)


def test_competition_from_creation_to_public_results(client, admin_provinsi, juri, juri2, pos_a, pos_b):
    client.force_login(admin_provinsi)
    response = client.post(
        reverse("lomba:lomba-create"),
        {"tahun": 2025, "kategori": "posyantek_berprestasi", "tingkat": "provinsi", "sumber_hasil": "penilaian"},
    )
    lomba = Lomba.objects.get()
    assert response["Location"] == lomba.get_kelola_url()
    assert lomba.nama == "Lomba Posyantek Berprestasi Tingkat Provinsi DKI Jakarta 2025"
    assert lomba.pakai_templat_bawaan and lomba.tahap_set.count() == 3
    assert "templat bawaan portal" in client.get(lomba.get_kelola_url()).content.decode()

    for pos in (pos_a, pos_b):
        client.post(reverse("lomba:peserta-create", kwargs={"pk": lomba.pk}), {"pos": pos.pk})
    for j in (juri, juri2):
        client.post(reverse("lomba:penugasan", kwargs={"pk": lomba.pk}), {"juri": j.pk})
    client.post(reverse("lomba:status", kwargs={"pk": lomba.pk}), {"ke": "penilaian"})
    lomba.refresh_from_db()
    assert lomba.status == Status.PENILAIAN
    gambir, tambora = Peserta.objects.get(pos=pos_a), Peserta.objects.get(pos=pos_b)

    # Juri 1 and 2 score both entries: Gambir 80 everywhere, Tambora 70 (juri 1) and 90 (juri 2) → 80 too,
    # a tie on every number: the alphabet decides (Gambir < Tambora).
    for j, g, t in ((juri, 80, 70), (juri2, 80, 90)):
        client.force_login(j)
        assert post_nilai(client, lomba, gambir, [g] * 15).status_code == 302
        assert post_nilai(client, lomba, tambora, [t] * 15).status_code == 302
    assert Nilai.objects.count() == 60

    client.force_login(admin_provinsi)
    matriks = client.get(reverse("lomba:matriks", kwargs={"pk": lomba.pk})).content.decode()
    assert "Semua penilaian lengkap" in matriks
    # Finalising without the confirmation box is refused.
    client.post(reverse("lomba:status", kwargs={"pk": lomba.pk}), {"ke": "final"})
    lomba.refresh_from_db()
    assert lomba.status == Status.PENILAIAN
    client.post(reverse("lomba:status", kwargs={"pk": lomba.pk}), {"ke": "final", "konfirmasi": "1"})
    lomba.refresh_from_db()
    assert lomba.status == Status.FINAL
    gambir.refresh_from_db()
    tambora.refresh_from_db()
    assert (gambir.peringkat, gambir.nilai_akhir, tambora.peringkat, tambora.nilai_akhir) == (
        1,
        Decimal("80.00"),
        2,
        Decimal("80.00"),
    )
    assert tambora.alasan_seri == "nama"

    # Not public until announced.
    assert client.get(lomba.get_absolute_url()).status_code == 404
    client.post(reverse("lomba:status", kwargs={"pk": lomba.pk}), {"ke": "diumumkan", "konfirmasi": "1"})
    client.logout()
    body = client.get(reverse("lomba:publik-list")).content.decode()
    assert lomba.nama in body and "Juara I" in body
    detail = client.get(lomba.get_absolute_url()).content.decode()
    assert detail.index("Posyantek Kecamatan Gambir") < detail.index("Posyantek Kecamatan Tambora")
    assert "diputus oleh urutan abjad nama peserta" in detail
    assert "80,00" in detail
    # No juri's individual score on the public page: Tambora's 70 and 90 never appear.
    text = re.sub(r"<[^>]+>", " ", detail)
    assert not re.search(r"\b(70|90)[,.]00\b", text)
