"""Streamed exports (#11) write exactly what the exports wrote before, for the demo data.

The reference is the writer and the registry's rows as they were (``tests/posyantek/ekspor_lama.py``,
a frozen copy): every CSV must be the same bytes, every XLSX the same cells (values and types; the
zip's timestamps differ). Exports whose rows did not change are compared through a spy that keeps
the rows a view hands to the writer."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils.functional import Promise
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from posyantek.export import format_diminta, neutralise, neutralise_baris
from posyantek.models import Pos, User
from ukm import selectors as ukm_selectors

from . import ekspor_lama


@pytest.fixture
def demo(wilayah):
    call_command("seed_demo", password="demo-password-panjang-1", force=True)


def isi(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def sel(data: bytes) -> list[list]:
    """Every sheet's cells as (value, type) — what a spreadsheet shows, not how the zip was packed.
    An empty cell is None whatever its type: openpyxl wrote an empty text as a typed cell without a
    value, XlsxWriter leaves it out; both open as the same empty cell."""

    def baris(row):
        cells = [(c.value, c.data_type) if c.value is not None else None for c in row]
        while cells and cells[-1] is None:
            cells.pop()
        return cells

    workbook = load_workbook(io.BytesIO(data))
    return [[ws.title] + [baris(row) for row in ws.iter_rows()] for ws in workbook.worksheets]


def sama(response, fmt, header, rows, sheet="Data"):
    if fmt == "xlsx":
        # One change on purpose: a lazy translation in a cell (the lomba's "Juara I") made openpyxl
        # raise, so those workbooks were a 500; now it is written as its text, like CSV always did.
        rows = [[str(v) if isinstance(v, Promise) else v for v in row] for row in rows]
        assert sel(isi(response)) == sel(ekspor_lama.xlsx_bytes(header, rows, sheet=sheet))
    else:
        assert isi(response) == ekspor_lama.csv_bytes(header, rows, pemisah={"csv": ";", "csv-koma": ","}[fmt])


FORMATS = ("csv", "csv-koma", "xlsx")


@pytest.mark.django_db
def test_ekspor_sama_persis_dengan_sebelumnya(demo, client, spion):
    """The demo is seeded once (~10 s) for every export in every format."""
    for fmt in FORMATS:
        _ekspor_ukm(client, fmt)
        _ekspor_lain(client, spion, fmt)


def _ekspor_ukm(client, fmt):
    from ukm.ekspor import KOLOM_EKSPOR

    ext = "xlsx" if fmt == "xlsx" else "csv"
    admin = User.objects.get(email="admin@posyantek.test")
    operator = User.objects.get(email="operator.gambir@posyantek.test")
    gambir = Pos.objects.get(slug="gambir")
    for user, pos, url in (
        (operator, gambir, reverse("ukm:kelola-ekspor", kwargs={"pos_slug": "gambir", "fmt": ext})),
        (admin, None, reverse("ukm:provinsi-ekspor", kwargs={"fmt": ext})),
    ):
        client.force_login(user)
        response = client.get(url, {"format": fmt})
        assert response.status_code == 200 and response.streaming
        qs = ukm_selectors.ukm_list_ekspor(pos=pos, params={})
        assert qs.count() > (5 if pos else 250)
        sama(response, fmt, KOLOM_EKSPOR, list(ekspor_lama.baris_ekspor(qs)), sheet="UKM")
        # The NIK leaves masked, never whole.
        if fmt != "xlsx":
            nik = qs.values_list("pemilik_nik", flat=True).first()
            assert nik.encode() not in isi(client.get(url, {"format": fmt}))


@pytest.fixture
def spion(monkeypatch):
    """Wraps ``ekspor_response`` in every view module that exports: records (format, header, rows,
    sheet) and answers with the real, streamed response."""
    import importlib

    from posyantek import export

    dicatat = []

    def ekspor_response(request, nama, header, rows, *, sheet="Data", dari_url=None):
        rows = [list(r) for r in rows]
        dicatat.append((format_diminta(request, dari_url=dari_url), header, rows, sheet))
        return export.ekspor_response(request, nama, header, rows, sheet=sheet, dari_url=dari_url)

    for name in (
        "posyantek.views.pos_modul",
        "pelatihan.views.kelola",
        "pelatihan.views.reports",
        "lomba.views.nasional",
        "lomba.views.penilaian",
        "teknologi.views.urunbeli",
    ):
        monkeypatch.setattr(importlib.import_module(name), "ekspor_response", ekspor_response)
    return dicatat


def _ekspor_lain(client, spion, fmt):
    from lomba.models import Lomba
    from pelatihan.models import Jadwal
    from teknologi.models import KampanyeUrunBeli

    admin = User.objects.get(email="admin@posyantek.test")
    jadwal = (
        Jadwal.objects.annotate(n=Count("pendaftaran")).filter(n__gt=0).select_related("pos").order_by("pk").first()
    )
    kampanye = next(
        (
            k
            for k in KampanyeUrunBeli.objects.select_related("pos").order_by("pk")
            if KampanyeUrunBeli.objects.for_pos(k.pos).filter(pk=k.pk).exists()
        ),
        None,
    )
    lomba = Lomba.objects.order_by("pk").first()
    urls = [
        reverse("kelola:inventaris-ekspor", kwargs={"pos_slug": "gambir"}),
        reverse("kelola:layanan-ekspor", kwargs={"pos_slug": "gambir"}),
        reverse("kelola:mitra-ekspor", kwargs={"pos_slug": "gambir"}),
        reverse("pelatihan:kelola-peserta-csv", kwargs={"pos_slug": jadwal.pos.slug, "pk": jadwal.pk}),
        *[reverse("pelatihan:admin-laporan-csv") + f"?per={per}" for per in ("relawan", "aktivitas", "pos", "bulan")],
        reverse("lomba:peringkat-csv", kwargs={"tahun": lomba.tahun}),
        reverse("lomba:riwayat-csv"),
        reverse("lomba:hasil-csv", kwargs={"pk": lomba.pk}),
    ]
    if kampanye and fmt != "csv-koma":  # janji.csv or janji.xlsx
        urls.append(
            reverse(
                "teknologi:kelola-kampanye-ekspor",
                kwargs={"pos_slug": kampanye.pos.slug, "pk": kampanye.pk, "fmt": fmt},
            )
        )
    client.force_login(admin)
    baris = 0
    del spion[:]
    for url in urls:
        response = client.get(url + ("&" if "?" in url else "?") + f"format={fmt}")
        assert response.status_code == 200, (url, response.content[:3000])
        dipakai, header, rows, sheet = spion[-1]
        assert dipakai == fmt
        sama(response, fmt, header, rows, sheet=sheet)
        baris += len(rows)
    assert len(spion) == len(urls) and baris > 50  # the demo data fills these exports


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet=st.sampled_from(list("ab =+-@\t\r\n,;|\"\u00a0'\x00")), max_size=8),
            st.integers(),
            st.none(),
        ),
        max_size=6,
    )
)
def test_neutralise_baris_sama_dengan_per_sel(row):
    """The one-pass-a-row neutralising of the streamed writer gives every cell what ``neutralise`` gives."""
    assert neutralise_baris(row) == [neutralise(v) for v in row]
