"""National results from the committee's CSV: hostile files are refused with line-precise messages,
a preview changes nothing, applying is all-or-nothing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from lomba import services
from lomba.impor import baca_csv
from lomba.models import ImporNasional, ImporStatus, Lomba, Peserta, Status
from posyantek.models import Pos
from tests.hostile_files import upload
from tests.lomba.factories import lomba_dengan_templat, nilai_semua

pytestmark = pytest.mark.django_db

HEADER = "peserta,provinsi,total,peringkat\n"
GOOD = (
    HEADER + "Posyantek Kecamatan Singosari,Jawa Timur,91.25,1\n"
    "Posyantek Kecamatan Gambir,DKI Jakarta,88.5,2\nPosyantek Kecamatan Ngaglik,DI Yogyakarta,80,3\n"
)


def parse(text: str | bytes, cocok=None):
    return baca_csv(text.encode() if isinstance(text, str) else text, cocokkan_pos=cocok)


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "Berkas kosong."),
        (b"\n\n \n", "Berkas kosong."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "Berkas bukan CSV teks"),
        (b"peserta,provinsi,total,peringkat\n" + b"x" * (1024 * 1024), "Berkas terlalu besar"),
        (b"nama;asal;skor\nA;B;1\n", "tidak ditemukan: provinsi, peringkat"),
        (HEADER.encode(), "Berkas tidak memuat baris hasil."),
        ((HEADER + "A,Bali,80,1\n" * 1001).encode(), "Terlalu banyak baris"),
        ((HEADER + 'A,"Bali,80,1\n').encode(), "Berkas CSV rusak"),
    ],
)
def test_csv_unusable_files_are_refused(data, message):
    hasil = parse(data)
    assert hasil.baris == [] and any(message in k for k in hasil.kesalahan), hasil.kesalahan


@pytest.mark.parametrize(
    "row,message",
    [
        (",Bali,80,1", "Baris 2: nama peserta kosong."),
        ("A,,80,1", "Baris 2: provinsi kosong."),
        ("A,Bali,,1", "Baris 2: total “” bukan angka."),
        ("A,Bali,NaN,1", "Baris 2: total “NaN” bukan angka."),
        ("A,Bali,Infinity,1", "Baris 2: total “Infinity” bukan angka."),
        ("A,Bali,100.5,1", "Baris 2: total harus antara 0 dan 100."),
        ("A,Bali,-3,1", "Baris 2: total harus antara 0 dan 100."),
        ("A,Bali,80.125,1", "Baris 2: total paling banyak 2 angka desimal."),
        ("A,Bali,=1+1,1", "Baris 2: total “=1+1” bukan angka."),
        ("A,Bali,80,0", "Baris 2: peringkat harus antara 1 dan 1000."),
        ("A,Bali,80,-1", "bukan bilangan bulat positif"),
        ("A,Bali,80,1.5", "bukan bilangan bulat positif"),
        ("A,Bali,80,\u0663", "bukan bilangan bulat positif"),  # an Arabic-Indic digit
        ("A,Bali,80", "Baris 2: jumlah kolom kurang."),
        ("x" * 151 + ",Bali,80,1", "nama peserta lebih dari 150 karakter"),
    ],
)
def test_csv_bad_rows_are_reported_by_line(row, message):
    hasil = parse(HEADER + row + "\n")
    assert any(message in k for k in hasil.kesalahan), hasil.kesalahan


def test_csv_contradictions_are_reported():
    hasil = parse(HEADER + "A,Bali,80,1\nB,Bali,90,2\nA,bali,70,3\nC,Aceh,60,2\n")
    assert hasil.kesalahan == [
        "Baris 4: peserta yang sama sudah ada di baris 2.",
        "Baris 5: peringkat 2 sudah dipakai di baris 3.",
        "Peringkat 2 (baris 3) bernilai lebih tinggi daripada peringkat 1 (baris 2).",
    ]


def test_csv_accepts_semicolons_bom_decimal_commas_and_windows_encoding():
    text = (
        "\ufeffPeserta;Provinsi;Nilai Akhir;Rank\r\nPosyantek Cibinong;Jawa Barat;87,25;1\r\nPosyantek "
        "Kuta;Bali;80;2\r\n"
    )
    hasil = parse(text)
    assert hasil.kesalahan == []
    assert [(b.nama, b.provinsi, b.total, b.peringkat) for b in hasil.baris] == [
        ("Posyantek Cibinong", "Jawa Barat", Decimal("87.25"), 1),
        ("Posyantek Kuta", "Bali", Decimal("80.00"), 2),
    ]
    latin = (HEADER + "Posyantek Ciléungsi,Jawa Barat,80,1\n").encode("cp1252")
    assert parse(latin).baris[0].nama == "Posyantek Ciléungsi"


def test_csv_cleans_whitespace_and_control_characters_but_keeps_text():
    hasil = parse(HEADER + '"  Posyantek\n  <b>Maju</b>\x07 ",Bali,80,1\n')
    assert hasil.kesalahan == []
    assert hasil.baris[0].nama == "Posyantek <b>Maju</b>"


def test_csv_dki_rows_are_matched_to_posts(wilayah):
    from lomba.selectors import pos_cocokkan_nama

    cocok = pos_cocokkan_nama()
    gambir, palmerah, kramatjati = (Pos.objects.get(slug=s).pk for s in ("gambir", "pal-merah", "kramatjati"))
    assert cocok("Posyantek Kecamatan Gambir") == gambir
    assert cocok("POSYANTEK KEC. GAMBIR") == gambir
    assert cocok("Kecamatan Palmerah") == palmerah
    assert cocok("Posyantek Kramat Jati, Jakarta Timur") == kramatjati
    assert cocok("Posyantek Kecamatan Singosari") is None
    hasil = parse(HEADER + "Posyantek Gambir,DKI Jakarta,90,1\nPos Antah,Daerah Khusus Jakarta,80,2\n", cocok)
    assert [(b.dki, b.pos_id) for b in hasil.baris] == [(True, gambir), (True, None)]
    assert hasil.peringatan == [
        "Baris 3: peserta DKI “Pos Antah” tidak cocok dengan pos mana pun; dicatat sebagai peserta tanpa pos."
    ]


# --- Through the pages --------------------------------------------------------------------------


@pytest.fixture
def nasional(admin_provinsi, wilayah):
    return lomba_dengan_templat(oleh=admin_provinsi, tingkat="nasional", sumber_hasil="impor")


def unggah(client, lomba, content: bytes, name="hasil.csv"):
    return client.post(reverse("lomba:impor", kwargs={"pk": lomba.pk}), {"berkas": upload(name, content, "text/csv")})


def test_hostile_csv_preview_shows_errors_and_cannot_be_applied(client_as, admin_provinsi, nasional):
    client = client_as(admin_provinsi)
    response = unggah(client, nasional, (HEADER + "<script>alert(1)</script>,Bali,80,1\nB,Bali,abc,2\n").encode())
    impor = ImporNasional.objects.get()
    assert response["Location"] == reverse("lomba:impor-pratinjau", kwargs={"pk": nasional.pk, "impor_pk": impor.pk})
    page = client.get(response["Location"]).content.decode()
    assert "Baris 3: total “abc” bukan angka." in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "Terapkan hasil" not in page
    client.post(response["Location"])  # applying anyway is refused
    assert not Peserta.objects.exists()
    assert Lomba.objects.get(pk=nasional.pk).status == Status.DRAFT
    assert ImporNasional.objects.get().status == ImporStatus.PRATINJAU


def test_binary_upload_is_refused_without_error_page(client_as, admin_provinsi, nasional):
    client = client_as(admin_provinsi)
    response = unggah(client, nasional, b"%PDF-1.4\x00\x01\x02", name="hasil.pdf")
    page = client.get(response["Location"]).content.decode()
    assert "Berkas bukan CSV teks" in page
    assert not Peserta.objects.exists()


def test_oversized_upload_is_refused_by_the_form(client_as, admin_provinsi, nasional):
    response = unggah(client_as(admin_provinsi), nasional, b"a" * (1024 * 1024 + 1))
    assert response.status_code == 200 and "maksimal 1 MB" in response.content.decode()
    assert not ImporNasional.objects.exists()


def test_good_csv_is_applied_all_at_once_and_updates_the_carried_dki_entry(client_as, admin_provinsi, nasional, pos_a):
    carried = services.peserta_pos_buat(lomba=nasional, pos=pos_a, judul="Pojok TTG", oleh=admin_provinsi)
    client = client_as(admin_provinsi)
    response = unggah(client, nasional, GOOD.encode())
    preview = client.get(response["Location"]).content.decode()
    assert "Posyantek Kecamatan Singosari" in preview and "Terapkan hasil" in preview
    assert not Peserta.objects.filter(peringkat__isnull=False).exists()  # a preview changes nothing
    client.post(response["Location"])
    nasional.refresh_from_db()
    assert nasional.status == Status.FINAL
    rows = list(
        Peserta.objects.filter(lomba=nasional)
        .order_by("peringkat")
        .values_list("pk", "nama_luar", "pos_id", "peringkat", "nilai_akhir")
    )
    assert rows[1] == (carried.pk, "", pos_a.pk, 2, Decimal("88.50"))
    assert [r[1] for r in rows] == ["Posyantek Kecamatan Singosari", "", "Posyantek Kecamatan Ngaglik"]
    assert ImporNasional.objects.get().status == ImporStatus.DITERAPKAN
    # Frozen: a second file is refused, nothing changes.
    again = unggah(client, nasional, GOOD.replace("91.25", "99").encode())
    assert again.status_code == 200 and "Hasil lomba ini sudah diterapkan dan final." in again.content.decode()
    assert ImporNasional.objects.count() == 1
    assert Peserta.objects.get(lomba=nasional, peringkat=1).nilai_akhir == Decimal("91.25")


def test_applying_twice_is_refused(admin_provinsi, nasional):
    impor = services.impor_nasional_pratinjau(
        lomba=nasional, nama_berkas="a.csv", data=GOOD.encode(), oleh=admin_provinsi
    )
    services.impor_nasional_terapkan(impor=impor, oleh=admin_provinsi)
    with pytest.raises(Exception, match="sudah diterapkan"):
        services.impor_nasional_terapkan(impor=impor, oleh=admin_provinsi)
    assert Peserta.objects.filter(lomba=nasional).count() == 3


def test_import_is_refused_for_a_competition_scored_by_juri(admin_provinsi, pos_a, juri):
    provinsi = lomba_dengan_templat(oleh=admin_provinsi)
    with pytest.raises(Exception, match="hanya untuk lomba tingkat nasional"):
        services.impor_nasional_pratinjau(lomba=provinsi, nama_berkas="a.csv", data=GOOD.encode(), oleh=admin_provinsi)
    assert not ImporNasional.objects.exists()


def test_cancelled_preview_changes_nothing(client_as, admin_provinsi, nasional):
    client = client_as(admin_provinsi)
    unggah(client, nasional, GOOD.encode())
    impor = ImporNasional.objects.get()
    client.post(reverse("lomba:impor-batal", kwargs={"pk": nasional.pk, "impor_pk": impor.pk}))
    assert ImporNasional.objects.get().status == ImporStatus.DIBATALKAN
    client.post(reverse("lomba:impor-pratinjau", kwargs={"pk": nasional.pk, "impor_pk": impor.pk}))
    assert not Peserta.objects.exists() and Lomba.objects.get(pk=nasional.pk).status == Status.DRAFT


def test_import_pages_are_404_for_juri_scored_competitions(client_as, admin_provinsi, penilaian):
    lomba, _peserta = penilaian
    assert client_as(admin_provinsi).get(reverse("lomba:impor", kwargs={"pk": lomba.pk})).status_code == 404


def test_national_juri_account_scores_a_national_competition(client_as, admin_provinsi, pos_a, juri):
    nasional = lomba_dengan_templat(oleh=admin_provinsi, tingkat="nasional")
    dki = services.peserta_pos_buat(lomba=nasional, pos=pos_a, oleh=admin_provinsi)
    luar = services.peserta_luar_buat(
        lomba=nasional, nama="Posyantek Singosari", provinsi="Jawa Timur", oleh=admin_provinsi
    )
    client = client_as(admin_provinsi)
    form = client.get(reverse("lomba:penugasan", kwargs={"pk": nasional.pk})).content.decode()
    assert "Akun juri nasional" in form
    client.post(reverse("lomba:penugasan", kwargs={"pk": nasional.pk}), {"juri": juri.pk, "is_nasional": "on"})
    services.lomba_penilaian_mulai(lomba=nasional, oleh=admin_provinsi)
    nilai_semua(juri=juri, peserta=dki, nilai=85)
    nilai_semua(juri=juri, peserta=luar, nilai=90)
    services.lomba_finalkan(lomba=nasional, oleh=admin_provinsi)
    assert list(nasional.peserta_set.order_by("peringkat").values_list("nama_luar", "peringkat")) == [
        ("Posyantek Singosari", 1),
        ("", 2),
    ]
