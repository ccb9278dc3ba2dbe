"""The juri's side at view level: isolation from other juri, conflicts of interest, scale bounds,
and the freeze after final — checked in the HTML and in the database."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from lomba import services
from lomba.models import Nilai
from tests.lomba.factories import kriteria_ids, lomba_dengan_templat, nilai_semua

pytestmark = pytest.mark.django_db

# Distinct values that cannot appear on the page by accident.
JURI1_NILAI = "61.37"
JURI2_NILAI = "93.41"


def nilai_url(lomba, peserta):
    return reverse("lomba:nilai", kwargs={"pk": lomba.pk, "peserta_pk": peserta.pk})


def detail_url(lomba, peserta):
    return reverse("lomba:peserta-detail", kwargs={"pk": lomba.pk, "peserta_pk": peserta.pk})


def form_data(lomba, value):
    return {f"kriteria_{k}": value for k in kriteria_ids(lomba)}


def html_text(response) -> str:
    return response.content.decode()


def shows(response, value: str) -> bool:
    """Whether a score appears in the page, in either decimal notation."""
    body = html_text(response)
    return value in body or value.replace(".", ",") in body


def test_juri_scores_an_entry_through_the_form(client_as, penilaian, juri):
    lomba, (gambir, *_rest) = penilaian
    client = client_as(juri)
    page = client.get(nilai_url(lomba, gambir))
    assert page.status_code == 200
    assert "Administrasi dan dokumen" in html_text(page) and "Skala 0–100" in html_text(page)
    response = client.post(nilai_url(lomba, gambir), form_data(lomba, "87,5"))  # Indonesian decimal comma
    assert response.status_code == 302
    assert set(Nilai.objects.filter(juri=juri).values_list("nilai", flat=True)) == {Decimal("87.5")}
    follow = client.get(response["Location"])
    assert "15/15 kriteria dinilai" in html_text(follow)


def test_juri_never_sees_another_juri_scores_before_final(client_as, penilaian, juri, juri2):
    lomba, (gambir, *_rest) = penilaian
    nilai_semua(juri=juri, peserta=gambir, nilai=JURI1_NILAI)
    nilai_semua(juri=juri2, peserta=gambir, nilai=JURI2_NILAI)
    client = client_as(juri)
    for url in (detail_url(lomba, gambir), nilai_url(lomba, gambir), lomba.get_kelola_url()):
        response = client.get(url)
        assert response.status_code == 200
        assert not shows(response, JURI2_NILAI), url
        assert "Juri Dua" not in html_text(response), url
    assert shows(client.get(detail_url(lomba, gambir)), JURI1_NILAI)
    # The pages that hold everyone's scores are closed to a juri before final.
    for name in ("hasil", "hasil-csv", "matriks", "berita-acara", "penugasan"):
        assert client.get(reverse(f"lomba:{name}", kwargs={"pk": lomba.pk})).status_code == 403, name


def test_admin_sees_who_scored_what(client_as, penilaian, admin_provinsi, juri, juri2):
    lomba, (gambir, tambora, menteng) = penilaian
    nilai_semua(juri=juri, peserta=gambir, nilai=JURI1_NILAI)
    nilai_semua(juri=juri2, peserta=gambir, nilai=JURI2_NILAI)
    ids = kriteria_ids(lomba)
    services.nilai_simpan(oleh=juri2, peserta=tambora, nilai={ids[0]: Decimal(50)})
    client = client_as(admin_provinsi)
    body = html_text(client.get(reverse("lomba:matriks", kwargs={"pk": lomba.pk})))
    rows = {name: row for name, row in re.findall(r'<th scope="row">(Juri \w+)</th>(.*?)</tr>', body, re.S)}
    # Columns in Kemendagri order: Gambir, Menteng, Tambora.
    assert re.findall(r'class="sel-(\w+)"', rows["Juri Satu"]) == ["selesai", "belum", "belum"]
    assert re.findall(r'class="sel-(\w+)"', rows["Juri Dua"]) == ["selesai", "belum", "sebagian"]
    assert "1/15" in rows["Juri Dua"]
    detail = client.get(detail_url(lomba, gambir))
    assert shows(detail, JURI1_NILAI) and shows(detail, JURI2_NILAI)
    assert "Riwayat perubahan nilai" in html_text(detail)


def test_after_final_the_juri_sees_every_score_and_the_ranking(client_as, penilaian, admin_provinsi, juri, juri2):
    lomba, peserta = penilaian
    for p in peserta:
        nilai_semua(juri=juri, peserta=p, nilai=JURI1_NILAI)
        nilai_semua(juri=juri2, peserta=p, nilai=JURI2_NILAI)
    services.lomba_finalkan(lomba=lomba, oleh=admin_provinsi)
    client = client_as(juri)
    assert shows(client.get(detail_url(lomba, peserta[0])), JURI2_NILAI)
    hasil = client.get(reverse("lomba:hasil", kwargs={"pk": lomba.pk}))
    assert hasil.status_code == 200 and "Peringkat yang ditetapkan" in html_text(hasil)
    assert client.get(reverse("lomba:berita-acara", kwargs={"pk": lomba.pk})).status_code == 200


def test_juri_cannot_open_a_competition_not_assigned(client_as, penilaian, juri3):
    lomba, (gambir, *_rest) = penilaian
    client = client_as(juri3)
    assert client.get(lomba.get_kelola_url()).status_code == 404
    assert client.get(nilai_url(lomba, gambir)).status_code == 404
    assert client.post(nilai_url(lomba, gambir), form_data(lomba, "90")).status_code == 404
    assert lomba.nama not in html_text(client.get(reverse("lomba:kelola-list")))
    assert not Nilai.objects.exists()


def test_juri_with_a_subset_cannot_open_other_entries(client_as, admin_provinsi, pos_a, pos_b, juri):
    lomba = lomba_dengan_templat(oleh=admin_provinsi)
    a = services.peserta_pos_buat(lomba=lomba, pos=pos_a, oleh=admin_provinsi)
    b = services.peserta_pos_buat(lomba=lomba, pos=pos_b, oleh=admin_provinsi)
    services.penugasan_buat(lomba=lomba, juri=juri, peserta=[a], oleh=admin_provinsi)
    services.lomba_penilaian_mulai(lomba=lomba, oleh=admin_provinsi)
    client = client_as(juri)
    assert client.get(nilai_url(lomba, a)).status_code == 200
    assert client.get(nilai_url(lomba, b)).status_code == 404
    assert client.get(detail_url(lomba, b)).status_code == 404
    assert client.post(nilai_url(lomba, b), form_data(lomba, "90")).status_code == 404
    assert "Posyantek Kecamatan Tambora" not in html_text(client.get(lomba.get_kelola_url()))
    assert not Nilai.objects.exists()


def test_tied_juri_cannot_open_nor_post_scores_for_that_post(client_as, penilaian, admin_provinsi, juri, pos_b):
    lomba, (_gambir, tambora, _menteng) = penilaian
    services.juri_pos_buat(juri=juri, pos=pos_b, keterangan="berdomisili di Tambora", oleh=admin_provinsi)
    services.dokumen_unggah(peserta=tambora, judul="SK", oleh=admin_provinsi, berkas=_pdf())
    client = client_as(juri)
    page = client.get(nilai_url(lomba, tambora))
    assert page.status_code == 403
    assert "Konflik kepentingan" in html_text(page)
    response = client.post(nilai_url(lomba, tambora), form_data(lomba, "100"))
    assert response.status_code == 403
    assert client.get(detail_url(lomba, tambora)).status_code == 403
    dokumen = tambora.dokumen_set.get()
    unduh = reverse("lomba:dokumen-unduh", kwargs={"pk": lomba.pk, "peserta_pk": tambora.pk, "dokumen_pk": dokumen.pk})
    assert client.get(unduh).status_code == 403
    assert not Nilai.objects.exists()
    listing = html_text(client.get(lomba.get_kelola_url()))
    assert "Konflik kepentingan: tidak dinilai" in listing
    assert nilai_url(lomba, tambora) not in listing


def _pdf():
    from django.core.files.base import ContentFile

    from tests.hostile_files import VALID_PDF

    return ContentFile(VALID_PDF, name="sk.pdf")


def test_admin_who_is_not_assigned_cannot_score(client_as, penilaian, admin_provinsi):
    lomba, (gambir, *_rest) = penilaian
    client = client_as(admin_provinsi)
    assert client.get(nilai_url(lomba, gambir)).status_code == 403
    assert client.post(nilai_url(lomba, gambir), form_data(lomba, "90")).status_code == 403
    assert not Nilai.objects.exists()


@pytest.mark.parametrize(
    "value,message",
    [
        ("101", "Nilai harus antara 0 dan 100."),
        ("-5", "Nilai harus antara 0 dan 100."),
        ("100,01", "Nilai harus antara 0 dan 100."),
        ("abc", "Masukkan angka, misalnya 87,5."),
        ("1e999", "“1e999” ditulis dalam notasi ilmiah"),
        ("50.555", "“50.555” tidak jelas: bisa berarti 50555"),
        ("<script>alert(1)</script>", "Masukkan angka, misalnya 87,5."),
        ("9" * 40, "Nilai harus antara 0 dan 100."),
    ],
)
def test_hostile_scores_are_refused_with_a_message_and_nothing_written(client_as, penilaian, juri, value, message):
    lomba, (gambir, *_rest) = penilaian
    ids = kriteria_ids(lomba)
    data = {f"kriteria_{k}": "80" for k in ids}
    data[f"kriteria_{ids[3]}"] = value
    response = client_as(juri).post(nilai_url(lomba, gambir), data)
    assert response.status_code == 200
    body = html_text(response)
    assert message in body, body[body.find("field-error") :][:300]
    assert "<script>alert(1)</script>" not in body
    assert not Nilai.objects.exists()


def test_finalised_score_cannot_be_changed_through_the_form(client_as, penilaian, admin_provinsi, juri, juri2):
    lomba, peserta = penilaian
    for p in peserta:
        nilai_semua(juri=juri, peserta=p, nilai=70)
        nilai_semua(juri=juri2, peserta=p, nilai=80)
    client_as(admin_provinsi).post(reverse("lomba:status", kwargs={"pk": lomba.pk}), {"ke": "final", "konfirmasi": "1"})
    before = sorted(Nilai.objects.values_list("pk", "nilai"))
    history = Nilai.history.count()
    client = client_as(juri)
    page = client.get(nilai_url(lomba, peserta[0]))
    assert page.status_code == 200
    assert "nilai dibekukan dan tidak dapat diubah" in html_text(page)
    assert "Simpan nilai" not in html_text(page)
    assert html_text(page).count("disabled") >= 15
    response = client.post(nilai_url(lomba, peserta[0]), form_data(lomba, "100"))
    assert response.status_code == 200
    assert "Lomba sudah final: semua nilai dibekukan dan tidak dapat diubah lagi." in html_text(response)
    assert sorted(Nilai.objects.values_list("pk", "nilai")) == before
    assert Nilai.history.count() == history
