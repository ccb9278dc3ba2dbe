"""The import page's help and the importer agree, and the importer's messages say what is wrong
and name their limits (issue 16)."""

import csv
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ukm import services
from ukm.impor import baca_berkas

pytestmark = pytest.mark.django_db

# One plausible value per field, keyed by the field the header must be read as.
CONTOH = {
    "nama": "Keripik Contoh",
    "pemilik_nama": "Siti",
    "kelurahan": "Cideng",
    "pemilik_nik": "3171016502780004",
    "pemilik_telepon": "0812-1111-2222",
    "pemilik_email": "siti@contoh.test",
    "alamat": "Jl. Contoh 1",
    "bidang": "Kuliner",
    "kbli": "10794",
    "nib": "9120003000001",
    "bentuk_usaha": "Perorangan",
    "tahun_berdiri": "2018",
    "jumlah_pekerja": "3",
    "modal_usaha": "Rp 50.000.000",
    "hasil_penjualan_tahunan": "Rp 150.000.000",
    "tahap_jakpreneur": "P2",
    "status": "Aktif",
    "tampil_publik": "Ya",
    "kecamatan": "Gambir",
}


def csv_file(lines) -> SimpleUploadedFile:
    return SimpleUploadedFile("data.csv", "\r\n".join(lines).encode(), content_type="text/csv")


def help_columns(html: str) -> dict[str, list[str]]:
    """The column names the import page lists, as an operator reads them: required and others."""
    section = html[html.index('id="h-format"') :]
    section = section[: section.index("</section>")]
    found = {}
    for kind in ("wajib", "lain"):
        match = re.search(rf'data-kolom="{kind}">(.*?)</span>', section, re.S)
        assert match, f"the help lists no {kind} columns"
        found[kind] = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<code>(.*?)</code>", match.group(1))]
    return found


def test_impor_help_lists_only_columns_the_importer_reads(client_as, operator_a, pos_a):
    html = client_as(operator_a).get(f"/kelola/{pos_a.slug}/ukm/impor/").content.decode()
    kolom = help_columns(html)
    assert kolom["wajib"] == ["Nama Usaha", "Nama Pemilik", "Kelurahan"]
    headers = kolom["wajib"] + kolom["lain"]
    assert "Hasil Penjualan Tahunan (Omzet)" in headers
    tabel = baca_berkas(csv_file([";".join(headers), ";".join("x" for _ in headers)]))
    assert tabel.kolom_asing == []
    read_as = [tabel.kolom[i] for i in range(len(headers))]
    assert len(set(read_as)) == len(headers)  # every listed name is its own column
    assert set(read_as) <= set(CONTOH)
    # and a file with exactly those headers imports every value
    row = [CONTOH[field] for field in read_as]
    batch = services.impor_pratinjau(upload=csv_file([";".join(headers), ";".join(row)]), oleh=operator_a, pos=pos_a)
    (hasil,) = batch.rows
    assert hasil["galat"] == []
    assert (hasil["data"]["hasil_penjualan_tahunan"], hasil["data"]["modal_usaha"]) == (150_000_000, 50_000_000)


def test_impor_reads_the_header_the_old_help_printed(operator_a, pos_a):
    lines = [
        "Nama Usaha;Nama Pemilik;Kelurahan;Omzet/Hasil Penjualan Tahunan",
        "Keripik Lama;Budi;Cideng;Rp 200.000.000",
    ]
    batch = services.impor_pratinjau(upload=csv_file(lines), oleh=operator_a, pos=pos_a)
    assert batch.rows[0]["galat"] == [] and batch.rows[0]["data"]["hasil_penjualan_tahunan"] == 200_000_000


def test_impor_phone_with_leading_dash_says_so(operator_a, pos_a):
    lines = [
        "Nama Usaha;Nama Pemilik;Kelurahan;No. HP",
        "Satu;Ani;Cideng;-0812-3456-7890",
        "Dua;Budi;Cideng;-081234567890",
        "Tiga;Cici;Cideng;0812-3456-7890",
    ]
    batch = services.impor_pratinjau(upload=csv_file(lines), oleh=operator_a, pos=pos_a)
    rows = {r["baris"]: r for r in batch.rows}
    assert rows[2]["galat"] == [
        "Telepon pemilik diawali tanda “-” (tertulis “-0812-3456-7890”): hapus tanda itu; nomor harus diawali angka "
        "atau +."
    ]
    assert rows[3]["galat"] == [
        "Telepon pemilik diawali tanda “-” (tertulis “-081234567890”): hapus tanda itu; nomor harus diawali angka "
        "atau +."
    ]
    assert rows[4]["galat"] == [] and rows[4]["data"]["pemilik_telepon"] == "0812-3456-7890"


def test_impor_broken_csv_message_names_the_cell_limit():
    limit = csv.field_size_limit()
    content = 'Nama Usaha;Nama Pemilik;Kelurahan\r\nA;"' + "x" * (limit + 10) + '";Cideng\r\n'
    with pytest.raises(Exception) as error:
        baca_berkas(SimpleUploadedFile("besar.csv", content.encode(), content_type="text/csv"))
    batas = f"{limit:,}".replace(",", ".")
    assert error.value.messages == [
        f"Berkas CSV rusak: tanda kutip tidak ditutup, atau satu sel lebih dari {batas} karakter."
    ]
