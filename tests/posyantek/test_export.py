"""Exports are formula-safe whatever separator the spreadsheet uses, CSV for Indonesian spreadsheets
(";" with a UTF-8 BOM) is the default, "?format=csv-koma" gives ",", XLSX stores text as text."""

import csv
import io

import pytest
from django.test import RequestFactory
from openpyxl import load_workbook

from posyantek.export import csv_response, ekspor_response, neutralise
from tests.posyantek.factories import MitraFactory

RUMUS = ("=", "+", "-", "@")
SEPARATORS = (",", ";", "\t", "|", "\n", "\r")
HOSTILE = [
    ";=1+1",
    "a;=1+1",
    "Mitra,+62 cmd",
    "x\t@SUM(A1)",
    'a|=HYPERLINK("http://jahat")',
    "baris\n-1+2",
    "a; =1+1",
    "a,;=1",
    "\t=1",
    '=HYPERLINK("x")',
    "@SUM(A1)",
    '"=1";"=2"',
]


def segments(value: str) -> list[str]:
    """Every piece a spreadsheet could see as a cell, whatever separator it splits at."""
    pieces = [value]
    for sep in SEPARATORS:
        pieces = [part for piece in pieces for part in piece.split(sep)]
    return pieces


@pytest.mark.parametrize("value", HOSTILE)
def test_neutralise_leaves_no_formula_start_after_any_separator(value):
    safe = neutralise(value)
    assert [s for s in segments(safe) if s.lstrip(" \u00a0").startswith(RUMUS)] == []
    assert safe.replace("'", "") == value.replace("'", "")  # only apostrophes were added


def test_neutralise_keeps_ordinary_text_and_numbers():
    for value in ("Warung Bu Siti", "2025-01-01", "Jl. Cideng, No. 3", "Ani - Budi", 12, None):
        assert neutralise(value) == value


def test_neutralise_marks_a_partner_named_semicolon_formula():
    assert neutralise(";=1+1") == ";'=1+1"
    assert neutralise("a, -b") == "a, '-b"


def _cells(text: str, delimiter: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


@pytest.mark.parametrize("pemisah", [";", ","])
def test_csv_response_quotes_every_cell_and_is_safe_under_either_separator(pemisah):
    body = csv_response("x.csv", ["Nama", "Jumlah"], [[v, 3] for v in HOSTILE], pemisah=pemisah).getvalue()
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert text.splitlines()[0] == f'"Nama"{pemisah}"Jumlah"'
    # Read with the separator it was written with: the values come back, neutralised.
    rows = list(csv.reader(io.StringIO(text), delimiter=pemisah))
    assert [r[0] for r in rows[1:]] == [neutralise(v) for v in HOSTILE]
    assert [r[1] for r in rows[1:]] == ["3"] * len(HOSTILE)
    # Read by a spreadsheet set to either locale (either separator): no cell starts a formula.
    for delimiter in (";", ","):
        bad = [c for c in _cells(text, delimiter) if c.strip(' "').startswith(RUMUS)]
        assert bad == [], (delimiter, bad)


def test_xlsx_stores_text_as_text_never_a_formula():
    request = RequestFactory().get("/x", {"format": "xlsx"})
    response = ekspor_response(request, "x", ["Nama"], [[v] for v in HOSTILE])
    assert response["Content-Disposition"] == 'attachment; filename="x.xlsx"'
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.data_type for c in cells] == ["s"] * len(HOSTILE)
    assert [c.value for c in cells] == [neutralise(v) for v in HOSTILE]


@pytest.mark.parametrize(
    "query,filename,delimiter",
    [
        ({}, "x.csv", ";"),
        ({"format": "csv"}, "x.csv", ";"),
        ({"format": "csv-koma"}, "x.csv", ","),
        ({"format": "bogus"}, "x.csv", ";"),
    ],
)
def test_ekspor_response_picks_the_format_from_the_query(query, filename, delimiter):
    response = ekspor_response(RequestFactory().get("/x", query), "x", ["A", "B"], [["1", "2"]])
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response.getvalue().decode("utf-8-sig").splitlines() == [f'"A"{delimiter}"B"', f'"1"{delimiter}"2"']


@pytest.mark.django_db
@pytest.mark.parametrize("fmt,delimiter", [("", ";"), ("csv-koma", ",")])
def test_mitra_export_of_a_semicolon_formula_name_is_safe_in_both_locales(client_as, operator_a, pos_a, fmt, delimiter):
    MitraFactory(pos=pos_a, nama=";=1+1", kerja_sama="Pelatihan, =cmd")
    url = "/kelola/gambir/kemitraan/ekspor.csv" + (f"?format={fmt}" if fmt else "")
    body = client_as(operator_a).get(url).getvalue()  # a streamed body is read once
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    assert (rows[1][0], rows[1][2]) == (";'=1+1", "Pelatihan, '=cmd")
    for other in (";", ","):
        assert [c for c in _cells(text, other) if c.strip(' "').startswith(RUMUS)] == []


@pytest.mark.django_db
def test_mitra_export_as_xlsx_keeps_the_name_as_text(client_as, operator_a, pos_a):
    MitraFactory(pos=pos_a, nama=";=1+1")
    response = client_as(operator_a).get("/kelola/gambir/kemitraan/ekspor.csv?format=xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="kemitraan-gambir.xlsx"'
    cell = load_workbook(io.BytesIO(response.getvalue())).active["A2"]
    assert (cell.value, cell.data_type) == (";'=1+1", "s")


@pytest.mark.django_db
def test_ukm_export_writes_readable_basis_labels_and_keeps_the_nik_mask(client_as, operator_a, pos_a):
    from tests.ukm.factories import UkmFactory, kelurahan

    UkmFactory(nama="Usaha Berjalan", pemilik_nik="3171015508900001", kelurahan=kelurahan("Cideng"))
    UkmFactory(
        nama="Usaha Baru",
        pemilik_nik="3171015508900002",
        kelurahan=kelurahan("Cideng"),
        dasar_kelas="modal",
        modal_usaha=50_000_000,
        hasil_penjualan_tahunan=None,
    )
    rows = list(
        csv.reader(
            io.StringIO(client_as(operator_a).get("/kelola/gambir/ukm/ekspor.csv").getvalue().decode("utf-8-sig")),
            delimiter=";",
        )
    )
    header = rows[0]
    got = {
        r[header.index("Nama Usaha")]: (r[header.index("Dasar Klasifikasi")], r[header.index("NIK")]) for r in rows[1:]
    }
    assert got == {
        "Usaha Berjalan": ("Hasil penjualan", "317101******0001"),
        "Usaha Baru": ("Modal usaha", "317101******0002"),
    }
