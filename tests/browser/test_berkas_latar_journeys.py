"""A province-wide export above the threshold: button, background job, status page, download."""

import os

from playwright.sync_api import expect

from tests.browser.helpers import horizontal_overflow
from tests.factories import UserFactory
from tests.ukm.factories import UkmFactory


def test_berkas_latar_journey_prepare_then_download(page, site, login, settings, tmp_path):
    from posyantek.models import BerkasTugas

    settings.EKSPOR_LATAR_MIN_BARIS = 1
    admin = UserFactory(email="admin.berkas@posyantek.test", is_admin_provinsi=True)
    UkmFactory(nama="Keripik Uji"), UkmFactory(nama="Batik Uji")
    login(admin.email)
    page.goto(f"{site}/kelola/provinsi/ukm/ekspor.xlsx")
    page.get_by_role("button", name="Siapkan berkas").click()
    page.wait_for_load_state("networkidle")
    tugas = BerkasTugas.objects.get()
    assert page.url == f"{site}/kelola/berkas/{tugas.pk}/"
    expect(page.locator("progress.berkas-progress")).to_have_attribute("value", "100")
    expect(page.get_by_text("2 dari 2 baris")).to_be_visible()
    with page.expect_download() as unduhan:
        page.get_by_role("link", name=f"Unduh {tugas.nama_unduhan}").click()
    assert unduhan.value.suggested_filename == tugas.nama_unduhan

    # A job still running, for the screenshots (360/1280 px, id/en) and the overflow check.
    berjalan = BerkasTugas.objects.create(
        user=admin,
        jenis="ekspor-ukm-provinsi",
        nama_berkas="ukm-dki-jakarta-20261204",
        parameter={"format": "csv"},
        status="berjalan",
        baris_selesai=1200,
        baris_total=30000,
    )
    folder = os.environ.get("SCREENSHOT_DIR", str(tmp_path))
    for bahasa in ("id", "en"):
        page.context.add_cookies([{"name": "django_language", "value": bahasa, "url": site}])
        for lebar in (360, 1280):
            page.set_viewport_size({"width": lebar, "height": 800})
            page.goto(f"{site}/kelola/berkas/{berjalan.pk}/")
            assert horizontal_overflow(page) == 0
            page.screenshot(path=f"{folder}/berkas-berjalan-{bahasa}-{lebar}.png", full_page=True)
            expect(
                page.get_by_text("1.200 dari 30.000 baris" if bahasa == "id" else "1,200 of 30,000 rows")
            ).to_be_visible()
            page.goto(f"{site}/kelola/berkas/{tugas.pk}/")
            page.screenshot(path=f"{folder}/berkas-selesai-{bahasa}-{lebar}.png", full_page=True)
