"""Journeys of the foundation, walked in Chromium as a person would."""

import re

from playwright.sync_api import expect

from tests.browser.helpers import horizontal_overflow
from tests.factories import UserFactory


def make_operator(slug: str):
    from posyantek.models import Pos
    from posyantek.services import operator_tetapkan

    user = UserFactory(email=f"operator.{slug}@posyantek.test")
    operator_tetapkan(pos=Pos.objects.get(slug=slug), pengguna=user)
    return user


def test_operator_edits_profile_and_sees_it_on_public_page(page, site, login):
    make_operator("gambir")
    login("operator.gambir@posyantek.test")
    expect(page).to_have_url(re.compile(r"/kelola/gambir/$"))
    page.get_by_role("link", name="Profil pos").first.click()
    page.get_by_label("Alamat sekretariat").fill("Jl. Tanah Abang I No. 1, Gambir")
    page.get_by_label("Telepon").fill("021-3500001")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Profil pos disimpan.")).to_be_visible()
    page.get_by_role("link", name="Lihat halaman publik").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Posyantek Kecamatan Gambir")
    expect(page.get_by_text("Jl. Tanah Abang I No. 1, Gambir")).to_be_visible()


def test_visitor_switches_to_english(page, site):
    page.goto(f"{site}/pos/")
    expect(page.get_by_role("heading", level=1)).to_have_text("44 Posyantek kecamatan")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", level=1)).to_have_text("44 district Posyantek")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_operator_of_another_post_is_refused(page, site, login):
    make_operator("gambir")
    login("operator.gambir@posyantek.test")
    response = page.goto(f"{site}/kelola/tambora/profil/ubah/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Halaman tidak ditemukan")


def test_home_at_360px_has_no_horizontal_scroll(page, site):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{site}/")
    overflow = horizontal_overflow(page)
    assert overflow <= 0
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_admin_invites_an_operator_who_sets_a_password_and_lands_in_the_post(page, site, login, mailoutbox):
    UserFactory(email="admin@posyantek.test", is_admin_provinsi=True, nama="Admin Provinsi")
    login("admin@posyantek.test")
    page.get_by_role("link", name="Undang pengguna").first.click()
    page.get_by_label("E-mail").fill("operator.baru@contoh.test")
    page.get_by_label("Nama lengkap").fill("Rina Operator")
    page.get_by_label("Operator pos").check()
    page.get_by_label("Gambir (Jakarta Pusat)").check()
    page.get_by_role("button", name="Kirim undangan").click()
    expect(page.get_by_text("Undangan dikirim ke operator.baru@contoh.test.")).to_be_visible()
    expect(page.get_by_text("belum mengatur kata sandi", exact=True)).to_be_visible()
    page.get_by_role("button", name="Keluar").click()

    assert len(mailoutbox) == 1
    path = re.search(r"https?://[^/\s]+(/akun/undangan/\S+)", mailoutbox[0].body).group(1)
    page.goto(site + path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Buat kata sandi Anda")
    expect(page).to_have_url(re.compile(r"/atur-sandi/$"))  # the token left the address bar
    page.locator("#id_new_password1").fill("sandi-rina-yang-panjang-1")
    page.locator("#id_new_password2").fill("sandi-rina-yang-panjang-1")
    page.get_by_role("button", name="Simpan kata sandi dan masuk").click()
    expect(page).to_have_url(re.compile(r"/kelola/gambir/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Posyantek Kecamatan Gambir")
    expect(page.get_by_text("Selamat datang, Rina.")).to_be_visible()

    # The link works once only.
    page.get_by_role("button", name="Keluar").click()
    page.goto(site + path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tautan undangan tidak berlaku")


def test_operator_adds_board_member_and_news_seen_on_public_page_and_feed(page, site, login):
    from tests.hostile_files import VALID_JPEG

    make_operator("gambir")
    login("operator.gambir@posyantek.test")
    nav = page.get_by_role("navigation", name="Menu pengelolaan pos")

    nav.get_by_role("link", name="Pengurus").click()
    expect(page.get_by_text("Belum ada kepengurusan yang berjalan saat ini.").first).to_be_visible()
    page.get_by_role("link", name="Masa bakti baru").click()
    page.get_by_label("Nomor SK pengurus").fill("SK 7/2026")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Masa bakti pengurus disimpan.")).to_be_visible()
    page.get_by_role("link", name="Tambah anggota").click()
    page.get_by_role("combobox", name="Jabatan", exact=True).select_option("ketua")
    page.get_by_role("textbox", name="Nama", exact=True).fill("Hj. Siti Aminah")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("cell", name="Hj. Siti Aminah", exact=True)).to_be_visible()
    expect(page.get_by_text("Kepengurusan belum lengkap: Sekretaris, Bendahara")).to_be_visible()

    nav.get_by_role("link", name="Kabar kegiatan").click()
    page.get_by_role("link", name="Tulis kabar").click()
    page.get_by_role("textbox", name="Judul", exact=True).fill("Pelatihan kemasan untuk UKM Gambir")
    page.get_by_label("Isi").fill("Dua puluh UKM belajar membuat kemasan yang menarik.")
    page.get_by_label("Foto (boleh lebih dari satu)").set_input_files(
        [{"name": "pelatihan.jpg", "mimeType": "image/jpeg", "buffer": VALID_JPEG}]
    )
    page.get_by_label("Keterangan foto").fill("Peserta memegang contoh kemasan")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Kabar kegiatan disimpan.")).to_be_visible()

    nav.get_by_role("link", name="Lihat halaman publik").click()
    expect(page.get_by_text("Hj. Siti Aminah")).to_be_visible()
    page.get_by_role("link", name="Pelatihan kemasan untuk UKM Gambir").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pelatihan kemasan untuk UKM Gambir")
    expect(page.get_by_role("img", name="Peserta memegang contoh kemasan")).to_be_visible()

    feed_href = page.locator('head link[rel="alternate"][type="application/atom+xml"]').get_attribute("href")
    feed = page.request.get(site + feed_href)
    assert feed.ok and "Pelatihan kemasan untuk UKM Gambir" in feed.text()


def test_operator_logs_a_service_on_a_phone(page, site, login):
    page.set_viewport_size({"width": 360, "height": 740})
    make_operator("gambir")
    login("operator.gambir@posyantek.test")
    page.get_by_role("link", name="Catat layanan").first.click()
    page.get_by_label("Orientasi TTG").check()
    page.get_by_label("Topik atau kebutuhan").fill("Kelas berjualan daring")
    page.get_by_label("Penerima layanan").fill("Kelompok UKM Cideng")
    page.get_by_label("Jumlah orang").fill("12")
    page.get_by_label("Kelurahan").select_option(label="Cideng")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Catatan layanan disimpan.")).to_be_visible()
    expect(page.get_by_role("rowheader", name=re.compile("Kelas berjualan daring"))).to_be_visible()
    overflow = horizontal_overflow(page)
    assert overflow <= 0
