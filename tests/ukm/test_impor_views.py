"""Import and export through the pages: preview, commit, cancel, scope of previews, safe exports."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from ukm.models import ImporBatch, Ukm

from .factories import UkmFactory, kelurahan
from .test_impor import BARIS, JUDUL

pytestmark = pytest.mark.django_db

IMPOR = "/kelola/gambir/ukm/impor/"


def upload_and_follow(client, content, url=IMPOR, name="ukm.csv"):
    return client.post(url, {"berkas": SimpleUploadedFile(name, content)}, follow=True)


def test_impor_preview_then_commit_through_pages(client_as, operator_a):
    client = client_as(operator_a)
    response = upload_and_follow(client, "\n".join([JUDUL, *BARIS]).encode())
    batch = ImporBatch.objects.get()
    assert response.redirect_chain[-1][0] == f"{IMPOR}{batch.pk}/"
    body = response.getvalue().decode()
    assert "Pratinjau impor: ukm.csv" in body and "Simpan 3 baris" in body
    assert "Keripik Tempe Bu Rahma" in body and "3171016502780004" not in body  # no NIK in the preview
    response = client.post(f"{IMPOR}{batch.pk}/simpan/", follow=True)
    assert "Impor tersimpan: 3 UKM baru, 0 UKM diperbarui." in response.getvalue().decode()
    assert Ukm.objects.filter(pos__slug="gambir").count() == 3


def test_impor_preview_with_errors_has_no_commit_button(client_as, operator_a):
    client = client_as(operator_a)
    body = (
        upload_and_follow(client, b"Nama Usaha;Nama Pemilik;Kelurahan;NIK\nA;B;Atlantis;12\nC;D;Cideng;\n")
        .getvalue()
        .decode()
    )
    assert (
        "Baris bergalat" in body
        and "Kelurahan “Atlantis” tidak dikenali." in body
        and "NIK pemilik harus tepat 16 digit" in body
    )
    assert "/simpan/" not in body
    batch = ImporBatch.objects.get()
    response = client.post(f"{IMPOR}{batch.pk}/simpan/", follow=True)
    assert "Masih ada baris bergalat" in response.getvalue().decode()
    assert Ukm.objects.count() == 0


def test_impor_cancel_empties_the_rows(client_as, operator_a):
    client = client_as(operator_a)
    upload_and_follow(client, "\n".join([JUDUL, *BARIS]).encode())
    batch = ImporBatch.objects.get()
    response = client.post(f"{IMPOR}{batch.pk}/batal/", follow=True)
    assert "Impor dibatalkan" in response.getvalue().decode()
    batch.refresh_from_db()
    assert (batch.status, batch.rows) == ("dibatalkan", [])
    assert client.post(f"{IMPOR}{batch.pk}/simpan/").status_code == 302
    assert Ukm.objects.count() == 0


def test_impor_preview_belongs_to_uploader_and_post(client_as, operator_a, operator_b, admin_provinsi):
    upload_and_follow(client_as(operator_a), "\n".join([JUDUL, *BARIS]).encode())
    batch = ImporBatch.objects.get()
    other = client_as(operator_b)
    for url in (f"{IMPOR}{batch.pk}/", f"/kelola/tambora/ukm/impor/{batch.pk}/"):
        assert other.get(url).status_code == 404
    assert other.post(f"/kelola/tambora/ukm/impor/{batch.pk}/simpan/").status_code == 404
    admin = client_as(admin_provinsi)
    assert admin.get(f"/kelola/provinsi/ukm/impor/{batch.pk}/").status_code == 404
    assert admin.post(f"/kelola/provinsi/ukm/impor/{batch.pk}/simpan/").status_code == 404
    assert Ukm.objects.count() == 0


def test_impor_operator_cannot_write_into_another_kecamatan(client_as, operator_a):
    body = (
        upload_and_follow(client_as(operator_a), b"Nama Usaha;Nama Pemilik;Kelurahan\nA;B;Angke\n").getvalue().decode()
    )
    assert "di luar wilayah pos ini" in body
    assert "/simpan/" not in body


def test_provinsi_impor_for_admin(client_as, admin_provinsi):
    client = client_as(admin_provinsi)
    response = upload_and_follow(
        client, b"Nama Usaha;Nama Pemilik;Kelurahan\nA;B;Angke\nC;D;Cideng\n", url="/kelola/provinsi/ukm/impor/"
    )
    batch = ImporBatch.objects.get()
    assert batch.pos is None and "Simpan 2 baris" in response.getvalue().decode()
    client.post(f"/kelola/provinsi/ukm/impor/{batch.pk}/simpan/")
    assert sorted(Ukm.objects.values_list("pos__slug", flat=True)) == ["gambir", "tambora"]


# Export -------------------------------------------------------------------------------------------


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig")), delimiter=";"))


def test_export_csv_masks_nik_and_leaves_out_contact_and_address(client_as, operator_a, ukm_a, ukm_b):
    response = client_as(operator_a).get("/kelola/gambir/ukm/ekspor.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="ukm-gambir-' in response["Content-Disposition"]
    rows = read_csv(response)
    header, data = rows[0], rows[1:]
    assert len(data) == 1 and data[0][header.index("Nama Usaha")] == "Keripik Singkong Bu Siti"
    assert data[0][header.index("NIK")] == "317101******0001"
    text = response.getvalue().decode("utf-8-sig")
    for secret in ("3171015508900001", "081234567001", "siti@contoh.test", "Jl. Cideng Barat", "Batik Tambora"):
        assert secret not in text


def test_export_neutralises_formula_cells(client_as, operator_a, pos_a):
    for i, name in enumerate(['=HYPERLINK("http://evil.example","x")', "+62 cmd", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]):
        UkmFactory(nama=name, pemilik_nama=f"Pemilik {i}")
    rows = read_csv(client_as(operator_a).get("/kelola/gambir/ukm/ekspor.csv"))
    names = sorted(row[1] for row in rows[1:])
    assert all(name.startswith("'") for name in names), names
    wb = load_workbook(
        io.BytesIO(client_as(operator_a).get("/kelola/gambir/ukm/ekspor.xlsx").getvalue()), read_only=True
    )
    cells = [row[1] for row in wb.active.iter_rows(min_row=2, values_only=True)]
    assert all(cell.startswith("'") for cell in cells), cells


def test_export_xlsx_and_filters(client_as, operator_a, ukm_a):
    UkmFactory(nama="Bengkel Fesyen", bidang="fesyen")
    response = client_as(operator_a).get("/kelola/gambir/ukm/ekspor.xlsx", {"bidang": "fesyen"})
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    wb = load_workbook(io.BytesIO(response.getvalue()), read_only=True)
    rows = list(wb.active.iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == ["Bengkel Fesyen"]


def test_export_unknown_format_is_404(client_as, operator_a):
    assert client_as(operator_a).get("/kelola/gambir/ukm/ekspor.pdf").status_code == 404


def test_provinsi_export_covers_all_posts(client_as, admin_provinsi, ukm_a, ukm_b):
    rows = read_csv(client_as(admin_provinsi).get("/kelola/provinsi/ukm/ekspor.csv"))
    assert sorted(r[1] for r in rows[1:]) == ["Batik Tambora Rahasia", "Keripik Singkong Bu Siti"]
    assert {r[5] for r in rows[1:]} == {"Gambir", "Tambora"}


def test_export_then_import_round_trip_changes_nothing(client_as, operator_a, ukm_a, pos_a):
    from ukm import services

    UkmFactory(nama="Tanpa NIB", kelurahan=kelurahan("Gambir"), tahap_jakpreneur="P4", bentuk_usaha="cv")
    exported = client_as(operator_a).get("/kelola/gambir/ukm/ekspor.xlsx").getvalue()
    before = list(Ukm.objects.order_by("pk").values())
    batch = services.impor_pratinjau(upload=SimpleUploadedFile("ekspor.xlsx", exported), oleh=operator_a, pos=pos_a)
    assert (batch.jumlah_galat, batch.jumlah_baru, batch.jumlah_perbarui) == (0, 0, 2), batch.rows
    assert all(row["ringkas"]["berubah"] == [] for row in batch.rows), [r["ringkas"]["berubah"] for r in batch.rows]
    services.impor_terapkan(batch=batch, oleh=operator_a)
    after = list(Ukm.objects.order_by("pk").values())
    for row in before + after:
        row.pop("updated_at")
    assert after == before
