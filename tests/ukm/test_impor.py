"""Import of the spreadsheets kecamatan offices keep: preview with every row's errors, then an
all-or-nothing commit; duplicates by NIB update; hostile files are refused with a clear message."""

import io
import zipfile
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from ukm import services
from ukm.impor import MAKS_BARIS, baca_berkas
from ukm.models import ImporBatch, Ukm

from .factories import UkmFactory, kelurahan

pytestmark = pytest.mark.django_db

JUDUL = "No;Nama Usaha;Nama Pemilik;NIK;No. HP;Kelurahan;Alamat;Jenis Usaha;NIB;Omzet per Tahun;Tahap"
BARIS = [
    "1;Keripik Tempe Bu Rahma;Rahmawati;3171016502780004;0812 1111 2222;Duripulo;Jl. Duri Pulo 5;Makanan "
    "ringan;9120003000001;Rp 150.000.000;P2",
    "2;Konveksi Seragam Jaya;Soedarmo;;081233334444;Petojo Utara;Gg. Mesjid 2;Konveksi;;2,5 M;3",
    "3;Bengkel Las Sinar;Agus;;;kebon kelapa;;bengkel;9120003000003;;",
]


def csv_file(lines, *, name="data_ukm.csv", encoding="utf-8", bom=False) -> SimpleUploadedFile:
    content = "\r\n".join(lines).encode(encoding)
    if bom:
        content = b"\xef\xbb\xbf" + content
    return SimpleUploadedFile(name, content, content_type="text/csv")


def xlsx_file(rows, *, name="data_ukm.xlsx") -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile(
        name, buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def preview(upload, operator, pos, **kw) -> ImporBatch:
    return services.impor_pratinjau(upload=upload, oleh=operator, pos=pos, **kw)


def by_row(batch) -> dict[int, dict]:
    return {r["baris"]: r for r in batch.rows}


# Reading what offices really have ------------------------------------------------------------


def test_impor_csv_semicolon_bom_title_rows_and_alias(operator_a, pos_a, django_capture_on_commit_callbacks):
    lines = ["DATA UKM BINAAN KECAMATAN GAMBIR TAHUN 2024", ";;;;", JUDUL, *BARIS]
    batch = preview(csv_file(lines, bom=True), operator_a, pos_a)
    assert (batch.jumlah_baru, batch.jumlah_perbarui, batch.jumlah_galat) == (3, 0, 0)
    rows = by_row(batch)
    assert rows[4]["ringkas"]["kelurahan"] == "Duri Pulo" and rows[4]["ringkas"]["kelas"] == "Mikro"
    assert rows[5]["ringkas"]["kelas"] == "Kecil"  # "2,5 M" is Rp2.500.000.000 of sales
    assert rows[6]["ringkas"]["kelurahan"] == "Kebon Kelapa"
    assert "No" in batch.kolom["asing"]
    services.impor_terapkan(batch=batch, oleh=operator_a)
    rahma = Ukm.objects.get(nib="9120003000001")
    assert (rahma.pos, rahma.pemilik_telepon, rahma.hasil_penjualan_tahunan, rahma.tahap_jakpreneur, rahma.bidang) == (
        pos_a,
        "0812 1111 2222",
        150_000_000,
        "P2",
        "kuliner",
    )
    record = rahma.history.get()
    assert (record.history_user, record.history_change_reason) == (operator_a, f"impor #{batch.pk}")
    assert Ukm.objects.get(nama="Bengkel Las Sinar").bidang == "otomotif"
    assert Ukm.objects.count() == 3
    batch.refresh_from_db()
    assert batch.status == "selesai" and batch.rows == []  # personal data of the file is not kept


def test_impor_csv_comma_windows_1252(operator_a, pos_a):
    lines = [
        "Nama Usaha,Nama Pemilik,Kelurahan,Bidang Usaha,Modal Usaha",
        '"Café Señora, Kue",José Ramírez,Cideng,Kuliner,"1.000.000.001"',
    ]
    batch = preview(csv_file(lines, encoding="cp1252"), operator_a, pos_a)
    row = batch.rows[0]
    assert (
        row["galat"] == []
        and row["data"]["nama"] == "Café Señora, Kue"
        and row["data"]["pemilik_nama"] == "José Ramírez"
    )
    assert (
        row["data"]["dasar_kelas"] == "modal" and row["ringkas"]["kelas"] == "Kecil"
    )  # one rupiah over Rp1 M of capital


def test_impor_csv_utf8_without_bom_and_tabs(operator_a, pos_a):
    lines = ["Nama Usaha\tNama Pemilik\tKelurahan", "Warung Ñam\tNur Aini\tCideng"]
    batch = preview(csv_file(lines), operator_a, pos_a)
    assert batch.jumlah_baru == 1 and batch.rows[0]["data"]["nama"] == "Warung Ñam"


def test_impor_xlsx_with_numeric_cells_excel_damage(operator_a, pos_a):
    rows = [
        ["Daftar UKM Kecamatan Gambir"],
        [],
        [
            "Nama Usaha",
            "Nama Pemilik",
            "NIK",
            "No HP",
            "Kelurahan",
            "KBLI",
            "Tahun Berdiri",
            "Omset Tahunan",
            "Jumlah Karyawan",
        ],
        ["Roti Bakar 88", "Hendra", 3171011203900005, 81298765432, "Cideng", 1071, date(2018, 3, 1), 240000000, 2],
    ]
    batch = preview(xlsx_file(rows), operator_a, pos_a)
    row = batch.rows[0]
    assert row["galat"] == []
    assert row["data"]["pemilik_nik"] == "3171011203900005"
    assert row["data"]["pemilik_telepon"] == "081298765432"  # the leading zero Excel dropped
    assert row["data"]["kbli"] == "01071" and row["data"]["tahun_berdiri"] == 2018
    assert any("15 digit" in w for w in row["peringatan"]) and any("nol di depan" in w for w in row["peringatan"])


def test_impor_header_synonyms_and_rank(operator_a, pos_a):
    lines = ["Nama;Nama UMKM;Pemilik;Kel.;Omset", "Bukan ini;Sablon Kaos Kita;Yudi;Cideng;50jt"]
    batch = preview(csv_file(lines), operator_a, pos_a)
    row = batch.rows[0]
    assert row["data"]["nama"] == "Sablon Kaos Kita" and row["data"]["hasil_penjualan_tahunan"] == 50_000_000
    assert batch.kolom["asing"] == ["Nama"]


# Duplicates by NIB --------------------------------------------------------------------------------


def test_impor_duplicate_nib_updates_instead_of_doubling(operator_a, pos_a):
    existing = UkmFactory(
        nama="Keripik Tempe Rahma",
        nib="9120003000001",
        pemilik_telepon="0811",
        alamat="Alamat lama",
        hasil_penjualan_tahunan=10_000_000,
        kelurahan=kelurahan("Duri Pulo"),
    )
    batch = preview(csv_file([JUDUL, BARIS[0]]), operator_a, pos_a)
    row = batch.rows[0]
    assert (batch.jumlah_baru, batch.jumlah_perbarui, row["ukm_id"]) == (0, 1, existing.pk)
    assert "Nama usaha" in row["ringkas"]["berubah"] and "Hasil penjualan tahunan (Rp)" in row["ringkas"]["berubah"]
    assert row["peringatan"] == [
        "Nama usaha di registri untuk NIB ini adalah “Keripik Tempe Rahma”: pastikan NIB di berkas benar."
    ]
    services.impor_terapkan(batch=batch, oleh=operator_a)
    existing.refresh_from_db()
    assert Ukm.objects.count() == 1
    assert (existing.nama, existing.hasil_penjualan_tahunan, existing.alamat) == (
        "Keripik Tempe Bu Rahma",
        150_000_000,
        "Jl. Duri Pulo 5",
    )
    assert existing.history.first().history_change_reason == f"impor #{batch.pk}"


def test_impor_empty_cells_do_not_wipe_existing_data(operator_a, pos_a):
    existing = UkmFactory(
        nib="9120003000003", pemilik_telepon="081100001111", alamat="Jl. Tetap 1", kelurahan=kelurahan("Kebon Kelapa")
    )
    batch = preview(csv_file([JUDUL, BARIS[2]]), operator_a, pos_a)
    services.impor_terapkan(batch=batch, oleh=operator_a)
    existing.refresh_from_db()
    assert (existing.pemilik_telepon, existing.alamat, existing.nama) == (
        "081100001111",
        "Jl. Tetap 1",
        "Bengkel Las Sinar",
    )


def test_impor_duplicate_nib_within_file_is_an_error(operator_a, pos_a):
    batch = preview(csv_file([JUDUL, BARIS[0], BARIS[0].replace("Bu Rahma", "Bu Rahma 2")]), operator_a, pos_a)
    assert batch.jumlah_galat == 1
    assert by_row(batch)[3]["galat"] == ["NIB 9120003000001 sudah muncul di baris 2 berkas ini."]


def test_impor_nib_of_another_post_is_refused_for_operator_but_admin_updates(operator_a, pos_a, admin_provinsi, ukm_b):
    line = f"Batik Baru;Budi;{ukm_b.nib};Cideng"
    batch = preview(csv_file(["Nama Usaha;Nama Pemilik;NIB;Kelurahan", line]), operator_a, pos_a)
    assert batch.rows[0]["galat"] == [f"NIB {ukm_b.nib} sudah terdaftar di pos lain. Hubungi admin provinsi."]
    assert "Budi Santoso" not in str(batch.rows)
    line = f"Batik Tambora Baru;Budi Santoso;{ukm_b.nib};Kali Anyar"
    batch = preview(csv_file(["Nama Usaha;Nama Pemilik;NIB;Kelurahan", line]), admin_provinsi, None)
    assert batch.jumlah_perbarui == 1
    services.impor_terapkan(batch=batch, oleh=admin_provinsi)
    ukm_b.refresh_from_db()
    assert ukm_b.nama == "Batik Tambora Baru"


# Row errors and the all-or-nothing commit ------------------------------------------------------


BAD = [
    "Nama Usaha;Nama Pemilik;NIK;Kelurahan;Omzet;Tahap;Status;Tahun Berdiri;Instagram",
    "Baik;Ani;;Cideng;100000;P1;aktif;2010;@warungani",
    "NIK Pendek;Budi;317101;Cideng;;;;;",
    "Kelurahan Asing;Cici;;Atlantis;;;;;",
    "Kelurahan Lain;Dedi;;Kali Anyar;;;;;",
    '=HYPERLINK("http://evil.example");Eko;;Cideng;;;;;',
    "Omzet Negatif;Fajar;;Cideng;-5000000;;;;",
    "NIK Ilmiah;Gita;3,17101E+15;Cideng;;;;;",
    "Tahap Salah;Hadi;;Cideng;;P9;;;",
    "Status Salah;Indah;;Cideng;;;dihapus;;",
    ";Joko;;Cideng;;;;;",
    "Tahun Depan;Kiki;;Cideng;;;;2999;",
    "Formula Plus;+cmd|' /C calc'!A0;;Cideng;;;;;",
]


def test_impor_preview_lists_every_rows_errors_and_commit_writes_nothing(operator_a, pos_a):
    batch = preview(csv_file(BAD), operator_a, pos_a)
    rows = by_row(batch)
    assert rows[2]["galat"] == [] and rows[2]["data"]["instagram"] == "https://www.instagram.com/warungani/"
    assert rows[3]["galat"] == ["NIK pemilik harus tepat 16 digit angka (tertulis “317101”)."]
    assert rows[4]["galat"] == ["Kelurahan “Atlantis” tidak dikenali."]
    assert rows[5]["galat"] == ["Kelurahan “Kali Anyar” berada di Kecamatan Tambora, di luar wilayah pos ini."]
    assert any("rumus spreadsheet" in g for g in rows[6]["galat"])
    assert any("tidak boleh negatif" in g for g in rows[7]["galat"])
    assert any("notasi ilmiah" in g for g in rows[8]["galat"])
    assert any("P1 sampai P7" in g for g in rows[9]["galat"])
    assert any("aktif” atau “nonaktif" in g for g in rows[10]["galat"])
    assert rows[6]["galat"] == ['Nama usaha berisi rumus spreadsheet (“=HYPERLINK("http://evil.exampl”), bukan data.']
    assert rows[11]["galat"] == ["Nama usaha wajib diisi."]
    assert rows[12]["galat"] == ["Tahun berdiri: Pastikan nilai ini lebih kecil dari atau sama dengan 2100."]
    assert rows[13]["galat"] == ["Nama pemilik berisi rumus spreadsheet (“+cmd|' /C calc'!A0”), bukan data."]
    assert batch.jumlah_galat == 11 and batch.jumlah_baru == 1
    with pytest.raises(ValidationError):
        services.impor_terapkan(batch=batch, oleh=operator_a)
    assert Ukm.objects.count() == 0


def test_impor_commit_rechecks_and_refuses_everything_when_registry_changed(operator_a, pos_a, operator_b, pos_b):
    batch = preview(csv_file([JUDUL, *BARIS]), operator_a, pos_a)
    assert batch.jumlah_galat == 0
    # Meanwhile another post registers one of the file's NIBs.
    services.ukm_buat(
        data={
            "nama": "Lebih Dulu",
            "pemilik_nama": "X",
            "kelurahan": kelurahan("Angke"),
            "bidang": "jasa",
            "nib": "9120003000003",
        },
        oleh=operator_b,
        pos=pos_b,
    )
    with pytest.raises(ValidationError) as info:
        services.impor_terapkan(batch=batch, oleh=operator_a)
    assert "1 baris kini bergalat" in str(info.value)
    assert Ukm.objects.count() == 1  # nothing of the file was written
    batch.refresh_from_db()
    assert batch.status == "pratinjau" and batch.jumlah_galat == 1
    assert by_row(batch)[4]["galat"] == ["NIB 9120003000003 sudah terdaftar di pos lain. Hubungi admin provinsi."]


def test_impor_commit_twice_refused(operator_a, pos_a):
    batch = preview(csv_file([JUDUL, BARIS[0]]), operator_a, pos_a)
    services.impor_terapkan(batch=batch, oleh=operator_a)
    with pytest.raises(ValidationError):
        services.impor_terapkan(batch=batch, oleh=operator_a)
    assert Ukm.objects.count() == 1


def test_impor_expired_preview_refused_and_purged(operator_a, pos_a):
    batch = preview(csv_file([JUDUL, BARIS[0]]), operator_a, pos_a)
    ImporBatch.objects.filter(pk=batch.pk).update(created_at=timezone.now() - timedelta(hours=25))
    with pytest.raises(ValidationError):
        services.impor_terapkan(batch=batch, oleh=operator_a)
    assert Ukm.objects.count() == 0
    assert services.impor_kedaluwarsa_hapus() == 1 and not ImporBatch.objects.filter(pk=batch.pk).exists()


def test_impor_can_mark_verified(operator_a, pos_a):
    batch = preview(csv_file([JUDUL, BARIS[0]]), operator_a, pos_a, tandai_terverifikasi=True)
    services.impor_terapkan(batch=batch, oleh=operator_a)
    assert Ukm.objects.get().verified_by == operator_a


def test_impor_kecamatan_column_disambiguates_for_admin(admin_provinsi, wilayah):
    # Two kelurahan answering to the same name (as "Tengah" once did) need the Kecamatan column.
    gambir = kelurahan("Gambir")
    gambir.kunci = [*gambir.kunci, "cideng"]
    gambir.save()
    lines = [
        "Nama Usaha;Nama Pemilik;Kelurahan;Kecamatan",
        "A;Ani;Cideng;",
        "B;Budi;Cideng;Gambir",
        "C;Cici;Cideng;Tambora",
    ]
    batch = preview(csv_file(lines), admin_provinsi, None)
    rows = by_row(batch)
    assert "ada di beberapa kecamatan" in rows[2]["galat"][0]
    assert rows[3]["galat"] == [] or "beberapa" in rows[3]["galat"][0]
    assert rows[4]["galat"] == ["Kelurahan “Cideng” tidak berada di Kecamatan “Tambora”."]


def test_impor_admin_places_rows_in_the_post_of_their_kelurahan(admin_provinsi, wilayah):
    lines = [
        "Nama Usaha;Nama Pemilik;Kelurahan",
        "Di Gambir;Ani;Cideng",
        "Di Tambora;Budi;Kalianyar",
        "Di Kemayoran;Cici;Harapan Mulya",
    ]
    batch = preview(csv_file(lines), admin_provinsi, None)
    services.impor_terapkan(batch=batch, oleh=admin_provinsi)
    assert dict(Ukm.objects.values_list("nama", "pos__slug")) == {
        "Di Gambir": "gambir",
        "Di Tambora": "tambora",
        "Di Kemayoran": "kemayoran",
    }


# Hostile and oversized files --------------------------------------------------------------------


def _zip_bomb_xlsx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<a>" + "0" * (90 * 1024 * 1024) + "</a>")
    return buf.getvalue()


def _plain_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("isi.txt", "bukan spreadsheet")
    return buf.getvalue()


def _truncated_xlsx() -> bytes:
    data = xlsx_file([["Nama Usaha", "Nama Pemilik", "Kelurahan"], ["A", "B", "Cideng"]]).read()
    return data[: len(data) // 2]


def _fake_xlsx_parts() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook><sheets><sheet name='x' r:id='rId1'/></sheets></workbook>")
    return buf.getvalue()


HOSTILE = [
    ("kosong.csv", b"", "Berkas yang dikirimkan kosong."),
    ("spasi.csv", b"   \r\n  \r\n", "Berkas kosong."),
    ("biner.csv", bytes(range(256)) * 40, "bukan CSV atau XLSX"),
    ("foto.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "bukan CSV atau XLSX"),
    ("lama.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "Format Excel lama (.xls)"),
    ("arsip.xlsx", _plain_zip(), "bukan XLSX"),
    ("bom.xlsx", _zip_bomb_xlsx(), "zip bomb"),
    ("terpotong.xlsx", _truncated_xlsx(), "rusak"),
    ("palsu.xlsx", _fake_xlsx_parts(), "rusak"),
    ("judul-salah.csv", b"kolom1;kolom2\nA;B\n", "Baris judul kolom tidak ditemukan"),
    ("tanpa-pemilik.csv", b"Nama Usaha;Kelurahan\nA;Cideng\n", "Baris judul kolom tidak ditemukan"),
    ("halaman.csv", b"<html><body><script>alert(1)</script></body></html>", "Baris judul kolom tidak ditemukan"),
    ("hanya-judul.csv", b"Nama Usaha;Nama Pemilik;Kelurahan\n", "tidak berisi baris data"),
    ("kutip.csv", b'Nama Usaha;Nama Pemilik;Kelurahan\n"' + b"x" * 200_000 + b";B;Cideng\n", "CSV rusak"),
    ("besar.csv", b"Nama Usaha;Nama Pemilik;Kelurahan\n" + b"A;B;Cideng\n" * 500_000, "Berkas terlalu besar"),
    ("../../etc/passwd", b"root:x:0:0:root:/root:/bin/bash\n", "Baris judul kolom tidak ditemukan"),
]


@pytest.mark.parametrize("name,content,message", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_impor_hostile_file_refused_with_message_and_nothing_written(client_as, operator_a, name, content, message):
    response = client_as(operator_a).post("/kelola/gambir/ukm/impor/", {"berkas": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ImporBatch.objects.count() == 0 and Ukm.objects.count() == 0


def test_impor_row_cap(operator_a, pos_a):
    lines = ["Nama Usaha;Nama Pemilik;Kelurahan"] + [f"U{i};P;Cideng" for i in range(MAKS_BARIS + 1)]
    with pytest.raises(ValidationError) as info:
        baca_berkas(csv_file(lines))
    assert "lebih dari 5.000 baris" in info.value.messages[0]
    rows = [["Nama Usaha", "Nama Pemilik", "Kelurahan"]] + [[f"U{i}", "P", "Cideng"] for i in range(MAKS_BARIS + 1)]
    with pytest.raises(ValidationError):
        baca_berkas(xlsx_file(rows))


def test_impor_xlsx_with_lying_dimensions_is_read_row_by_row(operator_a, pos_a):
    upload = xlsx_file([["Nama Usaha", "Nama Pemilik", "Kelurahan"], ["Kopi", "Ani", "Cideng"]])
    data = upload.read()
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b'<dimension ref="A1:C2"/>', b'<dimension ref="A1:XFD1048576"/>')
            dst.writestr(item, body)
    batch = preview(SimpleUploadedFile("dim.xlsx", out.getvalue()), operator_a, pos_a)
    assert batch.jumlah_baru == 1


def test_impor_5000_rows_preview_and_commit(operator_a, pos_a):
    lines = ["Nama Usaha;Nama Pemilik;Kelurahan;NIB;Omzet"] + [
        f"Usaha Massal {i};Pemilik {i};{['Cideng', 'Gambir', 'Duripulo'][i % 3]};{9120100000000 + i};{i * 1000000}"
        for i in range(MAKS_BARIS)
    ]
    batch = preview(csv_file(lines), operator_a, pos_a)
    assert (batch.jumlah_baru, batch.jumlah_galat) == (MAKS_BARIS, 0)
    services.impor_terapkan(batch=batch, oleh=operator_a)
    assert Ukm.objects.count() == MAKS_BARIS
    assert Ukm.history.count() == MAKS_BARIS
    assert Ukm.objects.get(nib="9120100004999").kelas == "kecil"  # Rp4.999.000.000 of sales


def test_impor_id_registri_matches_only_own_post(operator_a, pos_a, ukm_a, ukm_b):
    lines = [
        "ID Registri;Nama Usaha;Nama Pemilik;Kelurahan",
        f"{ukm_a.pk};Keripik Baru;Siti Aminah;",
        f"{ukm_b.pk};Batik Diambil;Budi;Cideng",
        f"{ukm_a.pk};Lagi;Siti;Cideng",
        "abc;X;Y;Cideng",
    ]
    rows = by_row(preview(csv_file(lines), operator_a, pos_a))
    assert (rows[2]["aksi"], rows[2]["ukm_id"], rows[2]["galat"]) == ("perbarui", ukm_a.pk, [])
    assert rows[3]["galat"] == [f"ID Registri {ukm_b.pk} tidak ada di registri pos ini."]
    assert rows[4]["galat"] == [f"ID Registri {ukm_a.pk} sudah muncul di baris 2 berkas ini."]
    assert rows[5]["galat"] == ["ID Registri harus angka (tertulis “abc”)."]


def test_impor_id_registri_and_nib_of_different_businesses_conflict(operator_a, pos_a, ukm_a):
    other = UkmFactory(nib="9120005550009")
    lines = ["ID Registri;Nama Usaha;Nama Pemilik;NIB;Kelurahan", f"{ukm_a.pk};Keripik;Siti;{other.nib};"]
    row = preview(csv_file(lines), operator_a, pos_a).rows[0]
    assert row["galat"] == [f"NIB {other.nib} milik usaha lain di registri, bukan ID Registri {ukm_a.pk}."]


def test_impor_commit_race_on_nib_writes_nothing(operator_a, pos_a, monkeypatch):
    """A NIB of the file registered between the commit's re-check and its insert: the database's
    unique rule refuses it and the whole file is rolled back, with a message, not an error page."""
    from ukm.impor import Konteks

    batch = preview(csv_file([JUDUL, *BARIS]), operator_a, pos_a)
    stale = Konteks.muat(pos_a)  # the snapshot the re-check sees…
    UkmFactory(nib="9120003000003", kelurahan=kelurahan("Angke"))  # …and what lands right after it
    monkeypatch.setattr(Konteks, "muat", classmethod(lambda cls, pos, **kwargs: stale))
    with pytest.raises(ValidationError) as info:
        services.impor_terapkan(batch=batch, oleh=operator_a)
    assert "Tidak ada data yang disimpan" in info.value.messages[0]
    assert Ukm.objects.count() == 1
    batch.refresh_from_db()
    assert batch.status == "pratinjau"
