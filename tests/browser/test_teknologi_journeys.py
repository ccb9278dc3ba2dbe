"""Journeys of the TTG catalogue and urun beli, walked in Chromium as a person would."""

import re

from playwright.sync_api import expect

from tests.browser.helpers import horizontal_overflow
from tests.factories import UserFactory


def katalog():
    from teknologi import services
    from tests.teknologi import factories as f

    santan = f.teknologi(
        "Alat Pemeras Santan",
        ringkasan="Memeras parutan kelapa menjadi santan kental.",
        alias="pres santan",
        kapasitas="5–8 kg parutan per jam",
        harga_min=1_750_000,
        harga_max=4_500_000,
    )
    f.panduan(santan, langkah=5)
    f.teknologi("Mesin Parut Kelapa", ringkasan="Memarut kelapa.")
    f.teknologi("Pengering Ikan Tenaga Surya", bidang="perikanan", ringkasan="Mengeringkan ikan asin.")
    from posyantek.models import Pos

    services.peraga_simpan(pos=Pos.objects.get(slug="gambir"), teknologi=santan, ada_unit_demo=True)
    return santan


def test_visitor_on_a_phone_finds_a_tool_by_a_misspelt_name_and_prints_its_guide(page, site):
    santan = katalog()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{site}/")
    page.get_by_label("Cari pos, kelurahan, kode pos, atau teknologi").fill("pemeras santen")
    page.get_by_role("button", name="Cari", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/cari/\?q=pemeras\+santen"))  # the home search: posts and TTG
    first = page.locator(".ttg-kartu h3 a").first
    expect(first).to_have_text("Alat Pemeras Santan")
    assert horizontal_overflow(page) <= 0
    first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Alat Pemeras Santan")
    expect(page.get_by_text("5–8 kg parutan per jam")).to_be_visible()
    assert horizontal_overflow(page) <= 0
    page.get_by_role("link", name="Baca panduan pemakaian").click()
    expect(page).to_have_url(f"{site}/teknologi/{santan.slug}/panduan/")
    expect(page.get_by_role("heading", name="Langkah pemakaian")).to_be_visible()
    expect(page.locator(".ttg-langkah > li")).to_have_count(5)
    qr = page.get_by_alt_text("Kode QR menuju panduan ini")
    expect(qr).to_be_visible()
    page.wait_for_load_state("load")  # the QR image may still be on its way when the heading shows
    assert page.evaluate("img => img.complete && img.naturalWidth > 0", qr.element_handle())
    assert horizontal_overflow(page) <= 0

    # Printing: the header, navigation and buttons disappear; the QR code and steps stay; A4.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.get_by_role("button", name="Cetak panduan (A4)")).to_be_hidden()
    expect(qr).to_be_visible()
    expect(page.locator(".ttg-langkah > li").first).to_be_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    boxes = set(re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf))
    assert boxes and all(abs(float(w) - 595.92) < 2 and abs(float(h) - 842.88) < 2 for w, h in boxes), boxes


def test_owner_pledges_to_a_campaign_and_sees_the_bar_move(page, site, login):
    from posyantek.models import Pos
    from teknologi import services
    from tests.teknologi import factories as f

    t = f.teknologi("Mesin Pencacah Plastik")
    kampanye = f.kampanye(
        t,
        Pos.objects.get(slug="pademangan"),
        target=10,
        maksimum=12,
        judul="Urun beli pencacah plastik untuk bank sampah",
    )
    for i in range(7):
        services.janji_simpan(kampanye=kampanye, oleh=f.pemilik(i + 10), jumlah=1)
    UserFactory(email="ukm1@posyantek.test", is_pemilik_ukm=True, nama="Siti Pemilik")
    page.set_viewport_size({"width": 360, "height": 740})
    login("ukm1@posyantek.test")
    page.goto(f"{site}/urun-beli/")
    page.get_by_role("link", name="Urun beli pencacah plastik untuk bank sampah").click()
    bar = page.locator("#kemajuan progress")
    expect(bar).to_have_attribute("value", "7")
    expect(page.locator("#kemajuan")).to_contain_text("7 dari 10 unit")
    page.get_by_label("Jumlah unit").fill("2")
    page.get_by_label("Nama usaha (opsional)").fill("Bank Sampah Melati")
    page.get_by_role("button", name="Ikut urun beli").click()
    expect(page.get_by_text("Janji Anda tercatat. Terima kasih!")).to_be_visible()
    expect(bar).to_have_attribute("value", "9")
    expect(page.locator("#kemajuan")).to_contain_text("9 dari 10 unit")
    expect(page.locator("#kemajuan")).to_contain_text("Anda berjanji membeli 2 unit")
    # One more unit reaches the target.
    page.get_by_label("Jumlah unit").fill("3")
    page.get_by_role("button", name="Ubah janji").click()
    expect(bar).to_have_attribute("value", "10")
    expect(page.locator("main")).to_contain_text("Target tercapai")
    assert horizontal_overflow(page) <= 0


def test_operator_proposes_and_admin_publishes(page, site, login):
    from posyantek.models import Pos
    from posyantek.services import operator_tetapkan

    operator = UserFactory(email="operator.gambir@posyantek.test", nama="Operator Gambir")
    operator_tetapkan(pos=Pos.objects.get(slug="gambir"), pengguna=operator)
    UserFactory(email="admin@posyantek.test", nama="Admin Provinsi", is_admin_provinsi=True)

    login("operator.gambir@posyantek.test")
    page.locator(".kelola-nav").get_by_role("link", name="Teknologi", exact=True).click()
    page.get_by_role("link", name="Usulkan teknologi").click()
    page.locator("#id_nama").fill("Alat Pengering Kerupuk")
    page.get_by_label("Bidang").select_option("pangan")
    page.locator("#id_ringkasan").fill("Mengeringkan kerupuk di musim hujan.")
    page.get_by_label("Deskripsi", exact=True).fill("Pengering tipe rak dengan udara panas dari kompor gas.")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Teknologi disimpan.")).to_be_visible()
    page.locator("#id_langkah-0-teks").fill("Susun kerupuk di rak satu lapis.")
    page.locator("#id_langkah-1-teks").fill("Nyalakan kipas lalu pemanas.")
    page.get_by_label("Catatan keselamatan", exact=True).fill("Periksa kebocoran gas sebelum menyalakan.")
    page.get_by_role("button", name="Simpan panduan").click()
    expect(page.get_by_text("Panduan disimpan.")).to_be_visible()
    page.get_by_role("button", name="Ajukan untuk terbit").click()
    expect(page.get_by_text("Usulan dikirim ke admin provinsi")).to_be_visible()
    response = page.goto(f"{site}/teknologi/alat-pengering-kerupuk/")
    assert response.status == 404
    page.goto(f"{site}/")
    page.get_by_role("button", name="Keluar").click()

    login("admin@posyantek.test")
    page.goto(f"{site}/kelola/")
    page.get_by_role("link", name="Kurasi katalog TTG").click()
    expect(page.get_by_text("1 usulan menunggu diterbitkan.")).to_be_visible()
    page.get_by_role("link", name="Alat Pengering Kerupuk").click()
    page.get_by_role("button", name="Terbitkan").click()
    expect(page.get_by_text("Teknologi diterbitkan dan tampil di katalog.")).to_be_visible()
    page.get_by_role("button", name="Keluar").click()

    page.goto(f"{site}/teknologi/?q=pengering+kerupuk")
    page.get_by_role("link", name="Alat Pengering Kerupuk").click()
    page.get_by_role("link", name="Baca panduan pemakaian").click()
    expect(page.locator(".ttg-langkah")).to_contain_text("Susun kerupuk di rak satu lapis.")
