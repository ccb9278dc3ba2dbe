"""Numbers typed the Indonesian way in Chromium at 360 px (issue 16): the browser neither blocks
them with a bubble in its own language nor misreads them, and the page shows them back formatted."""

from decimal import Decimal

from playwright.sync_api import expect

from lomba.models import Nilai
from tests.browser.helpers import horizontal_overflow
from tests.browser.test_lomba_journeys import siapkan
from tests.browser.test_ukm_journeys import make_operator

VALIDITY_JS = "el => [el.type, el.inputMode, el.checkValidity(), el.validationMessage]"


def test_operator_types_one_billion_with_points_at_360px(page, site, login):
    from ukm.models import Ukm

    make_operator("gambir")
    page.set_viewport_size({"width": 360, "height": 740})
    login("operator.gambir@posyantek.test")
    page.goto(f"{site}/kelola/gambir/ukm/tambah/")
    page.get_by_label("Nama usaha").fill("Konveksi Rapi Jaya")
    page.get_by_label("Nama pemilik").fill("Rapi Suganda")
    page.get_by_label("Kelurahan").select_option(label="Petojo Utara")
    page.get_by_label("Bidang usaha").select_option(label="Kuliner (makanan dan minuman)")
    page.get_by_label(
        "Usaha baru didirikan atau didaftarkan — kriteria modal usaha"
    ).check()  # the class goes by capital
    modal = page.get_by_role("textbox", name="Modal usaha (Rp)")
    modal.fill("1.000.000.000")
    # A plain text input with a numeric keypad: valid in the browser's eyes, no bubble to show.
    assert modal.evaluate(VALIDITY_JS) == ["text", "numeric", True, ""]
    assert page.evaluate("() => document.querySelectorAll('input[type=number]').length") == 0
    assert horizontal_overflow(page) <= 0
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("UKM “Konveksi Rapi Jaya” didaftarkan.")).to_be_visible()
    ukm = Ukm.objects.get(nama="Konveksi Rapi Jaya")
    assert (ukm.modal_usaha, ukm.kelas) == (1_000_000_000, "mikro")
    expect(page.locator("dd.uang").filter(has_text="Rp1.000.000.000")).to_be_visible()

    page.get_by_role("link", name="Ubah data").click()
    modal = page.get_by_role("textbox", name="Modal usaha (Rp)")
    expect(modal).to_have_value("1.000.000.000")
    expect(page.locator(".input-rupiah").filter(has=modal)).to_contain_text("Rp")
    assert horizontal_overflow(page) <= 0

    # A doubtful figure is refused beside the field, in Indonesian, and nothing changes.
    modal.fill("1,000")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("“1,000” tidak jelas")).to_be_visible()
    ukm.refresh_from_db()
    assert ukm.modal_usaha == 1_000_000_000


def test_juri_types_a_score_with_a_decimal_comma_at_360px(page, site, login):
    lomba, gambir, _tambora = siapkan(semua_dinilai=False)
    page.set_viewport_size({"width": 360, "height": 740})
    login("juri1@posyantek.test")
    page.goto(f"{site}/kelola/lomba/{lomba.pk}/peserta/{gambir.pk}/nilai/")
    inputs = page.locator("form.nilai-form input[inputmode=decimal]")
    assert inputs.count() == 15
    for i in range(15):
        inputs.nth(i).fill("87,5")
    assert inputs.nth(0).evaluate(VALIDITY_JS) == ["text", "decimal", True, ""]
    page.get_by_role("button", name="Simpan nilai").click()
    expect(page.get_by_text("Nilai untuk Posyantek Kecamatan Gambir disimpan (15 perubahan).")).to_be_visible()
    assert set(
        Nilai.objects.filter(juri__email="juri1@posyantek.test", peserta=gambir).values_list("nilai", flat=True)
    ) == {Decimal("87.5")}
    page.goto(f"{site}/kelola/lomba/{lomba.pk}/peserta/{gambir.pk}/nilai/")
    expect(page.locator("form.nilai-form input[inputmode=decimal]").first).to_have_value("87,5")
