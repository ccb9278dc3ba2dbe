"""The admin provinsi's pages: forms refuse hostile input and write nothing; results, CSV, berita
acara and model posts."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from lomba import services
from lomba.models import Kriteria, Lomba, PenugasanJuri, Peserta, Status, Tahap
from posyantek.models import Pos
from tests.lomba.factories import kriteria_ids, lomba_dengan_templat, nilai_semua

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return response.getvalue().decode()


def selesai(lomba, peserta, juri_list, values, admin):
    for j in juri_list:
        for p, v in zip(peserta, values, strict=True):
            nilai_semua(juri=j, peserta=p, nilai=v)
    services.lomba_finalkan(lomba=lomba, oleh=admin)
    lomba.refresh_from_db()
    return lomba


@pytest.mark.parametrize(
    "data,message",
    [
        ({"tahun": "1999"}, "Nilai harus antara 2000 dan 2100."),
        ({"tahun": "abc"}, "Masukkan angka, misalnya 12."),
        ({"tingkat": "kota"}, "Pilih kota/kabupaten untuk lomba tingkat kota."),
        ({"sumber_hasil": "impor"}, "Impor hasil dari CSV hanya untuk lomba tingkat nasional."),
        ({"kategori": "juara_umum"}, "Masukkan pilihan yang valid"),
        ({"nama": "x" * 201}, "paling banyak 200 karakter"),
    ],
)
def test_lomba_create_form_refuses_hostile_input(client_as, admin_provinsi, wilayah, data, message):
    form = {
        "tahun": "2025",
        "kategori": "posyantek_berprestasi",
        "tingkat": "provinsi",
        "sumber_hasil": "penilaian",
        **data,
    }
    response = client_as(admin_provinsi).post(reverse("lomba:lomba-create"), form)
    assert response.status_code == 200
    assert message in body(response)
    assert not Lomba.objects.exists()


def test_lomba_create_escapes_html_in_the_name(client_as, admin_provinsi, wilayah):
    client = client_as(admin_provinsi)
    client.post(
        reverse("lomba:lomba-create"),
        {
            "tahun": "2025",
            "kategori": "posyantek_berprestasi",
            "tingkat": "provinsi",
            "sumber_hasil": "penilaian",
            "nama": "<script>alert(1)</script>",
        },
    )
    lomba = Lomba.objects.get()
    page = body(client.get(lomba.get_kelola_url()))
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_bobot_form_refuses_sums_other_than_100_and_writes_nothing(client_as, admin_provinsi):
    lomba = lomba_dengan_templat(oleh=admin_provinsi)
    tahap = list(lomba.tahap_set.prefetch_related("kriteria_set"))
    data = {f"tahap_{t.pk}": str(t.bobot) for t in tahap}
    data.update({f"kriteria_{k.pk}": str(k.bobot) for t in tahap for k in t.kriteria_set.all()})
    data[f"tahap_{tahap[0].pk}"] = "35"
    client = client_as(admin_provinsi)
    response = client.post(reverse("lomba:bobot", kwargs={"pk": lomba.pk}), data)
    assert "Jumlah bobot tahap harus 100% (sekarang 105%)." in body(response)
    data[f"tahap_{tahap[0].pk}"] = "30"
    first = tahap[1].kriteria_set.all()[0]
    data[f"kriteria_{first.pk}"] = "-5"
    assert "Nilai harus antara 0 dan 100." in body(client.post(reverse("lomba:bobot", kwargs={"pk": lomba.pk}), data))
    data[f"kriteria_{first.pk}"] = "10"
    assert "harus 100% (sekarang 90%)" in body(client.post(reverse("lomba:bobot", kwargs={"pk": lomba.pk}), data))
    assert list(Tahap.objects.filter(lomba=lomba).values_list("bobot", flat=True)) == [30, 30, 40]
    assert Kriteria.objects.get(pk=first.pk).bobot == 20
    data[f"kriteria_{first.pk}"] = "15"
    data[f"kriteria_{tahap[1].kriteria_set.all()[1].pk}"] = "30"
    assert client.post(reverse("lomba:bobot", kwargs={"pk": lomba.pk}), data).status_code == 302
    assert Kriteria.objects.get(pk=first.pk).bobot == 15


def test_kriteria_form_refuses_a_falling_scale(client_as, admin_provinsi):
    lomba = lomba_dengan_templat(oleh=admin_provinsi)
    tahap = lomba.tahap_set.first()
    response = client_as(admin_provinsi).post(
        reverse("lomba:kriteria-create", kwargs={"pk": lomba.pk, "tahap_pk": tahap.pk}),
        {"nama": "Baru", "urutan": "6", "bobot": "0", "skala_min": "10", "skala_maks": "5"},
    )
    assert "Nilai tertinggi harus lebih besar daripada nilai terendah." in body(response)
    assert tahap.kriteria_set.count() == 5


def test_structure_of_another_competition_is_404(client_as, admin_provinsi):
    a = lomba_dengan_templat(oleh=admin_provinsi)
    b = lomba_dengan_templat(oleh=admin_provinsi, tahun=2024)
    client = client_as(admin_provinsi)
    tahap_b = b.tahap_set.first()
    assert client.get(reverse("lomba:tahap-update", kwargs={"pk": a.pk, "tahap_pk": tahap_b.pk})).status_code == 404
    assert client.post(reverse("lomba:tahap-delete", kwargs={"pk": a.pk, "tahap_pk": tahap_b.pk})).status_code == 404
    assert b.tahap_set.count() == 3


def test_peserta_form_refuses_unknown_and_already_entered_posts(client_as, admin_provinsi, pos_a):
    lomba = lomba_dengan_templat(oleh=admin_provinsi)
    client = client_as(admin_provinsi)
    url = reverse("lomba:peserta-create", kwargs={"pk": lomba.pk})
    assert "Masukkan pilihan yang valid" in body(client.post(url, {"pos": "999999"}))
    assert client.post(url, {"pos": pos_a.pk}).status_code == 302
    assert "Masukkan pilihan yang valid" in body(client.post(url, {"pos": pos_a.pk}))
    assert lomba.peserta_set.count() == 1


def test_kota_competition_offers_only_posts_of_its_kota(client_as, admin_provinsi, pos_a, pos_b):
    lomba = lomba_dengan_templat(oleh=admin_provinsi, tingkat="kota", kota=pos_a.kecamatan.kota)
    client = client_as(admin_provinsi)
    url = reverse("lomba:peserta-create", kwargs={"pk": lomba.pk})
    page = body(client.get(url))
    assert "Posyantek Kecamatan Gambir" in page and "Posyantek Kecamatan Tambora" not in page
    assert "Masukkan pilihan yang valid" in body(client.post(url, {"pos": pos_b.pk}))
    assert not lomba.peserta_set.exists()


def test_penugasan_form_refuses_non_juri_and_foreign_entries(client_as, admin_provinsi, operator_a, juri, pos_a):
    lomba = lomba_dengan_templat(oleh=admin_provinsi)
    other = lomba_dengan_templat(oleh=admin_provinsi, tahun=2024)
    foreign = services.peserta_pos_buat(lomba=other, pos=pos_a, oleh=admin_provinsi)
    client = client_as(admin_provinsi)
    url = reverse("lomba:penugasan", kwargs={"pk": lomba.pk})
    assert "Masukkan pilihan yang valid" in body(client.post(url, {"juri": operator_a.pk}))
    assert "bukan salah satu dari pilihan yang tersedia" in body(
        client.post(url, {"juri": juri.pk, "peserta": [foreign.pk]})
    )
    assert not PenugasanJuri.objects.exists()
    assert client.post(url, {"juri": juri.pk}).status_code == 302
    assert lomba.penugasan_set.get().juri == juri


def test_finalising_needs_the_confirmation_box(client_as, penilaian, admin_provinsi, juri, juri2):
    lomba, peserta = penilaian
    for j in (juri, juri2):
        for p in peserta:
            nilai_semua(juri=j, peserta=p, nilai=80)
    client = client_as(admin_provinsi)
    response = client.post(reverse("lomba:status", kwargs={"pk": lomba.pk}), {"ke": "final"}, follow=True)
    assert "Centang kotak konfirmasi terlebih dahulu." in body(response)
    assert Lomba.objects.get(pk=lomba.pk).status == Status.PENILAIAN
    response = client.post(
        reverse("lomba:status", kwargs={"pk": lomba.pk}), {"ke": "final", "konfirmasi": "1"}, follow=True
    )
    assert "Lomba difinalkan" in body(response)
    assert Lomba.objects.get(pk=lomba.pk).status == Status.FINAL


def test_finalising_with_missing_scores_tells_who_is_missing(client_as, penilaian, admin_provinsi, juri):
    lomba, peserta = penilaian
    for p in peserta:
        nilai_semua(juri=juri, peserta=p, nilai=80)
    response = client_as(admin_provinsi).post(
        reverse("lomba:status", kwargs={"pk": lomba.pk}), {"ke": "final", "konfirmasi": "1"}, follow=True
    )
    assert "Juri Dua belum lengkap menilai 3 peserta." in body(response)
    assert Lomba.objects.get(pk=lomba.pk).status == Status.PENILAIAN
    assert not Peserta.objects.filter(lomba=lomba, peringkat__isnull=False).exists()


def test_provisional_ranking_is_labelled_and_final_one_is_checked(client_as, penilaian, admin_provinsi, juri, juri2):
    lomba, peserta = penilaian
    for p, v in zip(peserta, (70, 90, 80), strict=True):
        nilai_semua(juri=juri, peserta=p, nilai=v)
    client = client_as(admin_provinsi)
    page = body(client.get(reverse("lomba:hasil", kwargs={"pk": lomba.pk})))
    assert "Peringkat sementara" in page and "Nilai belum lengkap" not in page
    for p, v in zip(peserta, (70, 90, 80), strict=True):
        nilai_semua(juri=juri2, peserta=p, nilai=v)
    services.lomba_finalkan(lomba=lomba, oleh=admin_provinsi)
    page = body(client.get(reverse("lomba:hasil", kwargs={"pk": lomba.pk})))
    assert "Diperiksa ulang: 90 nilai juri yang tersimpan" in page
    assert (
        page.index("Posyantek Kecamatan Tambora")
        < page.index("Posyantek Kecamatan Menteng")
        < page.index("Posyantek Kecamatan Gambir")
    )
    # Tampering with the frozen result is visible on the page.
    Peserta.objects.filter(pk=peserta[0].pk).update(nilai_akhir=Decimal("99.00"))
    page = body(client.get(reverse("lomba:hasil", kwargs={"pk": lomba.pk})))
    assert "perhitungan ulang dari nilai yang tersimpan berbeda" in page


def test_hasil_compares_two_entries_per_criterion(client_as, penilaian, admin_provinsi, juri, juri2):
    lomba, peserta = penilaian
    lomba = selesai(lomba, peserta, [juri, juri2], [70, 90, 80], admin_provinsi)
    client = client_as(admin_provinsi)
    url = reverse("lomba:hasil", kwargs={"pk": lomba.pk})
    page = body(client.get(url, {"a": peserta[0].pk, "b": peserta[2].pk}))
    assert "Gambir dibandingkan Menteng: rata-rata per kriteria" in page
    assert page.count("<svg") == 2
    # Nonsense in the query falls back to the top two.
    page = body(client.get(url, {"a": "x", "b": "<script>"}))
    assert "Tambora dibandingkan Menteng" in page and "<script>" not in page


def test_hasil_csv_lists_the_ranking_with_breakdown(client_as, penilaian, admin_provinsi, juri, juri2):
    lomba, peserta = penilaian
    lomba = selesai(lomba, peserta, [juri, juri2], [70, 90, 80], admin_provinsi)
    response = client_as(admin_provinsi).get(reverse("lomba:hasil-csv", kwargs={"pk": lomba.pk}))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:7] == [
        "Peringkat",
        "Penghargaan",
        "Favorit",
        "Peserta",
        "Kota/Provinsi",
        "Judul",
        "Tahap: Administrasi dan dokumen",
    ]
    assert len(rows[0]) == 6 + 3 + 1 + 15 + 1
    assert [r[:4] for r in rows[1:]] == [
        ["1", "Juara I", "", "Posyantek Kecamatan Tambora"],
        ["2", "Juara II", "", "Posyantek Kecamatan Menteng"],
        ["3", "Juara III", "", "Posyantek Kecamatan Gambir"],
    ]
    assert rows[1][9] == "90.00" and rows[1][-1] == "Final"


def test_csv_export_neutralises_formulas_in_names(client_as, admin_provinsi, wilayah):
    lomba = lomba_dengan_templat(oleh=admin_provinsi, tingkat="nasional", sumber_hasil="impor")
    impor = services.impor_nasional_pratinjau(
        lomba=lomba,
        nama_berkas="h.csv",
        oleh=admin_provinsi,
        data=b'peserta,provinsi,total,peringkat\n"=HYPERLINK(""http://x"")",Bali,90,1\n',
    )
    services.impor_nasional_terapkan(impor=impor, oleh=admin_provinsi)
    client = client_as(admin_provinsi)
    for url in (
        reverse("lomba:hasil-csv", kwargs={"pk": lomba.pk}),
        reverse("lomba:peringkat-csv", kwargs={"tahun": 2025}),
        reverse("lomba:riwayat-csv"),
    ):
        text = client.get(url).getvalue().decode("utf-8-sig")
        assert "'=HYPERLINK" in text or "=HYPERLINK" not in text, url


def test_berita_acara_has_ranking_formula_and_signatures(client_as, penilaian, admin_provinsi, juri, juri2):
    lomba, peserta = penilaian
    services.lomba_ubah(lomba=lomba, oleh=admin_provinsi, data={"tempat": "Balai Kota"})
    lomba = selesai(lomba, peserta, [juri, juri2], [70, 90, 80], admin_provinsi)
    page = body(client_as(admin_provinsi).get(reverse("lomba:berita-acara", kwargs={"pk": lomba.pk})))
    assert "Berita Acara Penetapan Hasil" in page and "bertempat di Balai Kota" in page
    assert "Nilai akhir: jumlah (bobot tahap ÷ 100 × nilai tahap), dibulatkan 2 desimal." in page
    assert "nilai tahap Paparan yang lebih tinggi berada di atas" in page
    assert "urutan abjad nama peserta" in page
    assert "Juri Satu" in page and "Juri Dua" in page and "Admin Provinsi" in page
    assert "data-print" in page
    assert (
        client_as(admin_provinsi)
        .get(reverse("lomba:berita-acara", kwargs={"pk": lomba_dengan_templat(oleh=admin_provinsi, tahun=2020).pk}))
        .status_code
        == 403
    )


def test_percontohan_page_suggests_the_best_post_of_each_kota_and_marks_them(
    client_as, penilaian, admin_provinsi, juri, juri2, pos_b
):
    lomba, peserta = penilaian  # Gambir and Menteng (Jakarta Pusat), Tambora (Jakarta Barat)
    lomba = selesai(lomba, peserta, [juri, juri2], [70, 90, 80], admin_provinsi)
    client = client_as(admin_provinsi)
    url = reverse("lomba:percontohan", kwargs={"pk": lomba.pk})
    page = body(client.get(url))
    checked = [
        p
        for p in peserta
        if f'value="{p.pk}" id="id_peserta_' in page and page.split(f'value="{p.pk}"')[1].split(">")[0].count("checked")
    ]
    assert {p.pos.slug for p in checked} == {"tambora", "menteng"}
    response = client.post(url, {"peserta": [p.pk for p in checked]})
    assert response.status_code == 302
    assert set(Pos.objects.filter(is_percontohan=True).values_list("slug", flat=True)) == {"tambora", "menteng"}
    assert "Pos percontohan 2025" in body(client.get(f"/pos/{pos_b.slug}/"))


def test_percontohan_form_refuses_entries_of_another_competition(
    client_as, penilaian, admin_provinsi, juri, juri2, pos_a
):
    lomba, peserta = penilaian
    lomba = selesai(lomba, peserta, [juri, juri2], [70, 90, 80], admin_provinsi)
    other = lomba_dengan_templat(oleh=admin_provinsi, tahun=2024)
    foreign = services.peserta_pos_buat(lomba=other, pos=pos_a, oleh=admin_provinsi)
    response = client_as(admin_provinsi).post(
        reverse("lomba:percontohan", kwargs={"pk": lomba.pk}), {"peserta": [foreign.pk]}
    )
    assert response.status_code == 200 and "bukan salah satu dari pilihan" in body(response)
    assert not Pos.objects.filter(is_percontohan=True).exists()


def test_juripos_page_records_a_tie(client_as, admin_provinsi, juri, pos_b):
    client = client_as(admin_provinsi)
    response = client.post(
        reverse("lomba:juripos"), {"juri": juri.pk, "pos": pos_b.pk, "keterangan": "tinggal di sana"}
    )
    assert response.status_code == 302
    again = client.post(reverse("lomba:juripos"), {"juri": juri.pk, "pos": pos_b.pk})
    assert "Keterkaitan ini sudah tercatat." in body(again)
    assert juri.juri_pos_set.count() == 1


def test_ids_in_score_forms_of_another_lomba_are_ignored(client_as, penilaian, admin_provinsi, juri):
    lomba, (gambir, *_rest) = penilaian
    other = lomba_dengan_templat(oleh=admin_provinsi, tahun=2024)
    data = {f"kriteria_{k}": "80" for k in kriteria_ids(other)}
    response = client_as(juri).post(reverse("lomba:nilai", kwargs={"pk": lomba.pk, "peserta_pk": gambir.pk}), data)
    assert response.status_code == 302  # nothing of this lomba was filled in: nothing saved
    assert not gambir.nilai_set.exists()


def test_lomba_create_form_refuses_a_duplicate_with_a_clear_message(client_as, admin_provinsi, wilayah):
    client = client_as(admin_provinsi)
    data = {"tahun": "2025", "kategori": "posyantek_berprestasi", "tingkat": "provinsi", "sumber_hasil": "penilaian"}
    assert client.post(reverse("lomba:lomba-create"), data).status_code == 302
    response = client.post(reverse("lomba:lomba-create"), data)
    assert "Lomba dengan tahun, kategori, dan tingkat yang sama sudah ada." in body(response)
    assert Lomba.objects.count() == 1
