"""A UKM import above IMPOR_LATAR_MIN_BARIS: "Simpan" hands it to the background task, the batch page
follows it ("sedang diproses", then the result)."""

import os

from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from tests.browser.helpers import horizontal_overflow
from tests.browser.test_ukm_journeys import make_operator
from tests.ukm.test_impor import BARIS, JUDUL


def test_impor_latar_journey_queue_then_result(page, site, login, settings, tmp_path):
    from ukm.models import ImporBatch, Ukm
    from ukm.services import impor_pratinjau

    settings.IMPOR_LATAR_MIN_BARIS = 2
    operator = make_operator("gambir")
    login(operator.email)
    page.goto(f"{site}/kelola/gambir/ukm/impor/")
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "ukm.csv", "mimeType": "text/csv", "buffer": "\n".join([JUDUL, *BARIS]).encode()}],
    )
    page.get_by_role("button", name="Periksa berkas").click()
    page.get_by_role("button", name="Simpan 3 baris").click()
    batch = ImporBatch.objects.get()
    expect(page.get_by_text("Impor tersimpan: 3 UKM baru, 0 UKM diperbarui.")).to_be_visible()
    assert page.url == f"{site}/kelola/gambir/ukm/impor/{batch.pk}/" and Ukm.objects.count() == 3

    # A batch still processing and one that failed, for the screenshots (360/1280 px, id/en).
    pos = batch.pos
    diproses = impor_pratinjau(
        upload=SimpleUploadedFile("besar.csv", "\n".join([JUDUL, *BARIS]).encode()), oleh=operator, pos=pos
    )
    ImporBatch.objects.filter(pk=diproses.pk).update(status="diproses")
    gagal = impor_pratinjau(
        upload=SimpleUploadedFile("gagal.csv", "\n".join([JUDUL, *BARIS]).encode()), oleh=operator, pos=pos
    )
    ImporBatch.objects.filter(pk=gagal.pk).update(
        status="gagal", galat="Pratinjau ini sudah kedaluwarsa. Unggah ulang berkasnya."
    )
    folder = os.environ.get("SCREENSHOT_DIR", str(tmp_path))
    for bahasa in ("id", "en"):
        page.context.add_cookies([{"name": "django_language", "value": bahasa, "url": site}])
        for lebar in (360, 1280):
            page.set_viewport_size({"width": lebar, "height": 800})
            for nama, b in (("diproses", diproses), ("gagal", gagal), ("selesai", batch)):
                page.goto(f"{site}/kelola/gambir/ukm/impor/{b.pk}/")
                assert horizontal_overflow(page) == 0
                page.screenshot(path=f"{folder}/impor-{nama}-{bahasa}-{lebar}.png", full_page=True)
