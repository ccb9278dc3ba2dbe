"""Journeys of the UKM registry, walked in Chromium as an operator, an owner and a visitor would."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.helpers import horizontal_overflow
from tests.factories import UserFactory
from tests.hostile_files import GPS_JPEG


def make_operator(slug: str):
    from posyantek.models import Pos
    from posyantek.services import operator_tetapkan

    user = UserFactory(email=f"operator.{slug}@posyantek.test", nama=f"Operator {slug.title()}")
    operator_tetapkan(pos=Pos.objects.get(slug=slug), pengguna=user)
    return user


def ukm(**kwargs):
    from tests.ukm.factories import UkmFactory, kelurahan

    kel = kwargs.pop("kel", "Cideng")
    return UkmFactory(kelurahan=kelurahan(kel), **kwargs)


def test_operator_searches_creates_edits_deactivates_and_assists(page, site, login):
    make_operator("gambir")
    ukm(nama="Bengkel Las Duri", kel="Duri Pulo", pemilik_nama="Agus")
    ukm(nama="Laundry Cideng Bersih", kel="Cideng")
    login("operator.gambir@posyantek.test")
    page.get_by_role("navigation", name="Menu pengelolaan pos").get_by_role("link", name="UKM").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registri UKM")

    # A kelurahan written the way people write it still finds its businesses.
    page.get_by_role("searchbox", name="Cari").fill("duripulo")
    page.get_by_role("button", name="Terapkan").click()
    expect(page.get_by_role("rowheader").get_by_role("link")).to_have_text(["Bengkel Las Duri"])
    expect(page.get_by_text("1 UKM ditemukan.")).to_be_visible()

    # Register a business.
    page.get_by_role("link", name="Daftarkan UKM").first.click()
    page.get_by_label("Nama usaha").fill("Kerupuk Kulit Mang Ujang")
    page.get_by_label("Nama pemilik").fill("Ujang Suryana")
    page.get_by_label("NIK pemilik").fill("3171011010700001")
    page.get_by_label("Kelurahan").select_option(label="Petojo Utara")
    page.get_by_label("Bidang usaha").select_option(label="Kuliner (makanan dan minuman)")
    page.get_by_label("Hasil penjualan tahunan (Rp)").fill("2000000001")
    page.get_by_label("Tahap Jakpreneur").select_option("P2")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("UKM “Kerupuk Kulit Mang Ujang” didaftarkan.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kerupuk Kulit Mang Ujang")
    expect(page.locator(".ukm-badges .kelas")).to_have_text("Kecil")  # one rupiah over Rp2 M of sales
    expect(page.get_by_role("definition").filter(has_text="317101******0001")).to_be_visible()

    # Edit it: sales fall, the class follows.
    page.get_by_role("link", name="Ubah data").click()
    expect(page.get_by_label("NIK pemilik")).to_have_value("3171011010700001")
    page.get_by_label("Hasil penjualan tahunan (Rp)").fill("900000000")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Perubahan disimpan.")).to_be_visible()
    expect(page.locator(".ukm-badges .kelas")).to_have_text("Mikro")

    # Record an assistance.
    page.get_by_label(re.compile(r"^Tanggal\W*$")).fill(timezone.localdate().isoformat())
    page.get_by_label("Jenis pendampingan").select_option(label="Fasilitasi TTG")
    page.get_by_label("Catatan").fill("Demo mesin pemotong kerupuk di pos")
    page.get_by_role("button", name="Simpan pendampingan").click()
    expect(page.get_by_text("Pendampingan dicatat.")).to_be_visible()
    expect(page.get_by_role("cell", name="Demo mesin pemotong kerupuk di pos")).to_be_visible()

    # Deactivate it (after confirming); it stays, with its history.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Nonaktifkan").click()
    expect(page.get_by_text("UKM dinonaktifkan. Data dan riwayatnya tetap tersimpan.")).to_be_visible()
    expect(page.get_by_role("button", name="Aktifkan kembali")).to_be_visible()
    page.get_by_role("link", name="Lihat semua riwayat").click()
    expect(page.get_by_text("Data usaha diubah").first).to_be_visible()
    expect(page.get_by_text("Operator Gambir").first).to_be_visible()

    # Another post's registry is not there for this operator.
    response = page.goto(f"{site}/kelola/tambora/ukm/")
    assert response.status == 404


def test_owner_signs_up_registers_business_and_adds_product_with_photo(page, site, tmp_path):
    from django.core import mail

    make_operator("tambora")
    page.goto(f"{site}/akun/signup/")
    page.get_by_label("Nama lengkap").fill("Dewi Lestari")
    page.locator("#id_email").fill("dewi@contoh.test")
    page.locator("#id_password1").fill("kopi-susu-gang-kelinci-2024")
    page.locator("#id_password2").fill("kopi-susu-gang-kelinci-2024")
    page.get_by_label("Pemilik UKM").check()
    page.get_by_role("button", name=re.compile("Daftar|Sign Up")).last.click()
    link = re.search(r"http://[^\s]+/akun/confirm-email/[^\s]+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name=re.compile("Konfirmasi|Confirm")).click()
    page.goto(f"{site}/akun/saya/")
    expect(page.get_by_role("heading", name="Usaha saya")).to_be_visible()
    page.get_by_role("link", name="Daftarkan usaha").click()

    page.get_by_label("Nama usaha").fill("Es Kopi Susu Gang Kelinci")
    page.get_by_label("Nama pemilik").fill("Dewi Lestari")
    page.get_by_label("Kelurahan").select_option(label="Kali Anyar")
    page.get_by_label("Bidang usaha").select_option(label="Kuliner (makanan dan minuman)")
    page.get_by_label("Usaha baru didirikan atau didaftarkan — kriteria modal usaha").check()
    page.get_by_label("Modal usaha (Rp)").fill("15000000")
    page.get_by_label("Setuju tampil di direktori publik").check()
    page.get_by_role("button", name="Daftarkan").click()
    expect(page.get_by_text("Posyantek Kecamatan Tambora akan memverifikasinya.")).to_be_visible()
    expect(page.get_by_text("Menunggu verifikasi Posyantek Kecamatan Tambora")).to_be_visible()

    photo = tmp_path / "kopi.jpg"
    photo.write_bytes(GPS_JPEG)
    page.get_by_role("link", name="Tambah produk").click()
    page.get_by_label("Nama produk").fill("Es kopi susu 250 ml")
    page.get_by_label("Harga (Rp)").fill("15000")
    page.get_by_label("Foto produk").set_input_files(str(photo))
    page.get_by_label("Keterangan foto").fill("Gelas es kopi susu")
    page.get_by_role("button", name="Simpan produk").click()
    expect(page.get_by_text("Produk “Es kopi susu 250 ml” ditambahkan.")).to_be_visible()
    expect(page.get_by_role("img", name="Gelas es kopi susu")).to_be_attached()
    expect(page.get_by_text("Rp15.000", exact=True)).to_be_visible()

    # A hostile "photo" is refused with a message, and nothing is added.
    page.get_by_role("link", name="Tambah produk").click()
    bad = tmp_path / "shell.php.jpg"
    bad.write_bytes(b"<?php system($_GET['c']); ?>")
    page.get_by_label("Nama produk").fill("Produk palsu")
    page.get_by_label("Foto produk").set_input_files(str(bad))
    page.get_by_role("button", name="Simpan produk").click()
    expect(page.get_by_text("Berkas bukan foto yang valid atau rusak. Gunakan JPEG, PNG, atau WebP.")).to_be_visible()


def test_visitor_browses_directory_at_360px(page, site):
    from tests.ukm.factories import FotoProdukFactory, ProdukFactory

    published = ukm(
        nama="Dodol Betawi Mpok Nori",
        kel="Cideng",
        tampil_publik=True,
        verified_at=timezone.now(),
        pemilik_telepon="081299998888",
        alamat="Gang Rahasia 1",
        deskripsi="Dodol ketan aduk 8 jam.",
    )
    FotoProdukFactory(
        produk=ProdukFactory(ukm=published, nama="Dodol 500 g", harga=40000), keterangan="Dodol dalam besek"
    )
    ukm(nama="Batik Tambora Sari", kel="Angke", tampil_publik=True, verified_at=timezone.now(), bidang="fesyen")
    ukm(nama="Belum Setuju Tampil", kel="Cideng", verified_at=timezone.now())
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{site}/")
    page.get_by_role("link", name="Direktori UKM").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Direktori UKM")
    expect(page.locator(".direktori-kartu h2")).to_have_text(["Batik Tambora Sari", "Dodol Betawi Mpok Nori"])
    assert horizontal_overflow(page) <= 0

    page.get_by_label("Kecamatan").select_option(label="Gambir")
    page.get_by_role("button", name="Cari").click()
    expect(page.locator(".direktori-kartu h2")).to_have_text(["Dodol Betawi Mpok Nori"])
    page.get_by_role("link", name="Dodol Betawi Mpok Nori").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dodol Betawi Mpok Nori")
    expect(page.get_by_text("Dodol ketan aduk 8 jam.")).to_be_visible()
    expect(page.get_by_text("Rp40.000", exact=True)).to_be_visible()
    body = page.content()
    assert "081299998888" not in body and "Gang Rahasia" not in body and "Belum Setuju" not in body
    assert horizontal_overflow(page) <= 0


def test_operator_imports_a_file_preview_then_commit(page, site, login, tmp_path):
    make_operator("gambir")
    ukm(nama="Keripik Tempe Rahma", nib="9120003000001", kel="Duri Pulo")
    data = tmp_path / "data-ukm-gambir.csv"
    data.write_bytes(
        "DATA UKM KECAMATAN GAMBIR 2024\n"
        "No;Nama Usaha;Nama Pemilik;Kelurahan;NIB;Omzet per Tahun;Jenis Usaha\n"
        "1;Keripik Tempe Bu Rahma;Rahmawati;Duripulo;9120003000001;Rp 150.000.000;Makanan\n"
        "2;Konveksi Seragam Jaya;Soedarmo;Petojo Utara;;2,5 M;Konveksi\n"
        "3;Bengkel Atlantis;Agus;Atlantis;;;Bengkel\n".encode("cp1252")
    )
    login("operator.gambir@posyantek.test")
    page.goto(f"{site}/kelola/gambir/ukm/")
    page.get_by_role("link", name="Impor", exact=True).click()
    page.get_by_label("Berkas CSV atau XLSX").set_input_files(str(data))
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pratinjau impor: data-ukm-gambir.csv")
    expect(page.get_by_text("Kelurahan “Atlantis” tidak dikenali.")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Simpan"))).to_have_count(0)

    # Fix the file, upload again: one update (by NIB), one new business.
    data.write_bytes(data.read_bytes().replace(b"Atlantis;", b"Kebon Kelapa;"))
    page.get_by_role("link", name="Unggah berkas yang sudah diperbaiki").click()
    page.get_by_label("Berkas CSV atau XLSX").set_input_files(str(data))
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.get_by_role("heading", name="Akan diperbarui (NIB sudah terdaftar)")).to_be_visible()
    expect(page.get_by_role("cell", name="Keripik Tempe Bu Rahma")).to_be_visible()
    page.get_by_role("button", name="Simpan 3 baris").click()
    expect(page.get_by_text("Impor tersimpan: 2 UKM baru, 1 UKM diperbarui.")).to_be_visible()
    expect(page.get_by_text("3 UKM ditemukan.")).to_be_visible()
    expect(page.get_by_role("link", name="Keripik Tempe Bu Rahma")).to_be_visible()


def test_operator_approves_an_owners_claim(page, site, login):
    make_operator("gambir")
    UserFactory(email="pemilik@contoh.test", nama="Rina Pemilik", is_pemilik_ukm=True)
    target = ukm(nama="Warung Sate Pak Kumis", nib="9120002223334", pemilik_nama="Kumis")
    login("pemilik@contoh.test")
    page.goto(f"{site}/ukm/saya/klaim/")
    page.get_by_label("NIB usaha Anda").fill("9120002223334")
    page.get_by_label("Pesan untuk operator pos").fill("Saya menantu Pak Kumis")
    page.get_by_role("button", name="Kirim klaim").click()
    expect(page.get_by_text("Klaim dikirim ke Posyantek Kecamatan Gambir.", exact=False)).to_be_visible()
    page.get_by_role("button", name="Keluar").click()

    login("operator.gambir@posyantek.test")
    page.goto(f"{site}/kelola/gambir/ukm/")
    page.get_by_role("link", name=re.compile("klaim kepemilikan menunggu")).click()
    expect(page.get_by_text("Saya menantu Pak Kumis")).to_be_visible()
    page.get_by_role("button", name="Setujui klaim").click()
    expect(page.get_by_text("Klaim disetujui: usaha kini tertaut ke akun pemiliknya.")).to_be_visible()
    target.refresh_from_db()
    assert target.pemilik.email == "pemilik@contoh.test"
