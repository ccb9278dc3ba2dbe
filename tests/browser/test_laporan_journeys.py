"""The yearly report in Chromium: an operator opens the post's reports from its menu, downloads the
year's DOCX, and attaches the year's report to the post's Lomba entry in one click. Screenshots at 360
and 1280 px in Indonesian and English when LAPORAN_SHOTS names a folder."""

import io
import os
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import horizontal_overflow
from tests.posyantek.factories import LogLayananFactory

SHOTS = os.environ.get("LAPORAN_SHOTS")


@pytest.fixture
def entri(pos_a):
    from lomba.models import Peserta, Status
    from tests.lomba.factories import LombaFactory

    tahun = date.today().year
    LogLayananFactory(pos=pos_a, kelurahan=pos_a.kecamatan.kelurahan_set.first(), tanggal=date(tahun, 1, 15))
    lomba = LombaFactory(tahun=tahun, status=Status.DRAFT, nama="Lomba Posyantek Uji")
    return Peserta.objects.create(lomba=lomba, pos=pos_a)


def test_operator_downloads_and_attaches_the_yearly_report(page, site, login, operator_a, entri):
    from docx import Document

    from lomba.models import DokumenPeserta

    tahun = date.today().year
    page.set_viewport_size({"width": 1280, "height": 900})
    login(operator_a.email)
    page.goto(f"{site}/kelola/gambir/")
    page.get_by_role("link", name="Laporan tahunan", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Laporan tahunan Posyantek Kecamatan Gambir")
    with page.expect_download() as info:
        page.get_by_role("link", name=f"DOCX {tahun}").click()
    doc = Document(io.BytesIO(open(info.value.path(), "rb").read()))
    ringkasan = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows[1:]}
    assert ringkasan["Layanan dicatat"] == "1"
    page.get_by_role("button", name="Lampirkan ke Lomba Posyantek Uji").click()
    expect(page.get_by_role("status").or_(page.locator(".messages"))).to_contain_text("dilampirkan")
    expect(page.get_by_role("button", name="Perbarui lampiran di Lomba Posyantek Uji")).to_be_visible()
    assert DokumenPeserta.objects.filter(peserta=entri, judul=f"Laporan tahunan {tahun}").count() == 1
    for lebar in (360, 1280):
        page.set_viewport_size({"width": lebar, "height": 900})
        for bahasa in ("id", "en"):
            page.context.add_cookies([{"name": "django_language", "value": bahasa, "url": site}])
            page.goto(f"{site}/kelola/gambir/laporan/")
            assert horizontal_overflow(page) <= 0, (lebar, bahasa)
            if SHOTS:
                page.screenshot(path=f"{SHOTS}/laporan-{lebar}-{bahasa}.png", full_page=True)
    page.context.add_cookies([{"name": "django_language", "value": "id", "url": site}])
