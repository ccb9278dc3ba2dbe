"""A final competition is frozen: juri–post ties recorded or removed afterwards change nothing that
its pages show, and the recomputation check stays quiet."""

import pytest
from django.urls import reverse

from lomba import selectors, services
from lomba.models import JuriPos, Lomba
from tests.lomba.factories import nilai_semua

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return response.content.decode()


def finalkan(lomba, peserta, admin, juri, juri2, sebelum_final=None):
    for p, a, b in zip(peserta, (70, 90, 80), (90, 70, 60), strict=True):
        nilai_semua(juri=juri, peserta=p, nilai=a)
        nilai_semua(juri=juri2, peserta=p, nilai=b)
    if sebelum_final:
        sebelum_final()
    services.lomba_finalkan(lomba=lomba, oleh=admin)
    return Lomba.objects.get(pk=lomba.pk)


def breakdown(lomba):
    return [
        (b.peserta.pk, b.peringkat, b.total, b.per_kriteria, b.jumlah_juri)
        for b in selectors.baris_tampil(lomba=lomba, hasil=selectors.hasil_lomba(lomba=lomba))
    ]


def test_hasil_of_final_lomba_ignores_a_tie_recorded_after_final(
    client_as, penilaian, admin_provinsi, juri, juri2, pos_a
):
    lomba, peserta = penilaian
    lomba = finalkan(lomba, peserta, admin_provinsi, juri, juri2)
    before = breakdown(lomba)
    client = client_as(admin_provinsi)
    url = reverse("lomba:hasil", kwargs={"pk": lomba.pk})
    response = client.post(
        reverse("lomba:juripos"), {"juri": juri.pk, "pos": pos_a.pk, "keterangan": "tinggal di Gambir"}
    )
    assert response.status_code == 302 and JuriPos.objects.filter(juri=juri, pos=pos_a).exists()
    assert breakdown(Lomba.objects.get(pk=lomba.pk)) == before
    page = body(client.get(url))
    assert "perhitungan ulang dari nilai yang tersimpan berbeda" not in page
    matriks = selectors.matriks_penilaian(lomba=lomba)
    assert [s.status for s in matriks.baris[0].sel].count(selectors.SEL_KONFLIK) == 0


def test_hasil_of_final_lomba_ignores_a_tie_removed_after_final(penilaian, admin_provinsi, juri, juri2, pos_a):
    lomba, peserta = penilaian
    ties = []
    lomba = finalkan(
        lomba,
        peserta,
        admin_provinsi,
        juri,
        juri2,
        sebelum_final=lambda: ties.append(services.juri_pos_buat(juri=juri, pos=pos_a, oleh=admin_provinsi)),
    )
    tie = ties[0]
    hasil = selectors.hasil_lomba(lomba=lomba)
    assert hasil.sama_dengan_tersimpan()
    gambir = hasil.by_peserta[peserta[0].pk]
    assert gambir.jumlah_juri[0] == 1  # juri's score of Gambir does not count
    before = breakdown(lomba)
    services.juri_pos_hapus(juri_pos=tie, oleh=admin_provinsi)
    assert breakdown(lomba) == before
    assert selectors.hasil_lomba(lomba=lomba).sama_dengan_tersimpan()


def test_tie_recorded_while_scoring_still_voids_scores(penilaian, admin_provinsi, juri, juri2, pos_a):
    lomba, peserta = penilaian
    for p in peserta:
        nilai_semua(juri=juri, peserta=p, nilai=70)
        nilai_semua(juri=juri2, peserta=p, nilai=90)
    assert selectors.hasil_lomba(lomba=lomba).by_peserta[peserta[0].pk].per_kriteria[0] == 80
    services.juri_pos_buat(juri=juri, pos=pos_a, oleh=admin_provinsi)
    assert selectors.hasil_lomba(lomba=lomba).by_peserta[peserta[0].pk].per_kriteria[0] == 90
