"""Without an account, on a phone (#15 items 1 and 3), in Chromium at 360 px: a guest books, gets the
booking page, cancels and books again; a full session puts a guest on the waiting list; an operator
checks a participant in by booking code and by the signed link of their QR code. Nothing overflows."""

import os
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.helpers import horizontal_overflow
from tests.factories import UserFactory

PONSEL = {"width": 360, "height": 740}


@pytest.fixture(autouse=True)
def _fresh_cache(site):
    cache.clear()  # the booking rate limit lives in the shared cache


@pytest.fixture
def gambir(site):
    from posyantek.models import Pos

    return Pos.objects.get(slug="gambir")


def _pesan(page, nama: str, telepon: str) -> None:
    page.get_by_label("Nama Anda").fill(nama)
    page.get_by_label("Nomor HP/WhatsApp").fill(telepon)
    page.locator("form[action$='/pesan/'] button[type=submit]").click()
    page.wait_for_load_state("load")


def _shot(page, tmp_path, name: str) -> None:
    folder = os.environ.get("SCREENSHOT_DIR", str(tmp_path))
    page.screenshot(path=os.path.join(folder, name), full_page=True)


def test_a_guest_books_cancels_and_books_again_at_360px(page, site, gambir, tmp_path):
    from pelatihan.models import Pendaftaran
    from tests.pelatihan.factories import JadwalFactory

    jadwal = JadwalFactory(pos=gambir)
    page.set_viewport_size(PONSEL)
    page.goto(f"{site}{jadwal.get_absolute_url()}")
    assert horizontal_overflow(page) == 0
    _pesan(page, "Siti Aminah", "0812 3456 7890")
    pesanan = Pendaftaran.objects.get(jadwal=jadwal)
    assert page.url == f"{site}{pesanan.get_tamu_url()}"
    expect(page.get_by_text("Kursi Anda terkonfirmasi.").first).to_be_visible()
    expect(page.get_by_text(f"{pesanan.kode[:4]}-{pesanan.kode[4:]}")).to_be_visible()
    expect(page.get_by_role("img", name="Kode QR check-in Anda")).to_be_visible()
    assert horizontal_overflow(page) == 0
    _shot(page, tmp_path, "tamu-pesanan-360-id.png")
    page.once("dialog", lambda dialog: dialog.accept())  # "Batalkan pemesanan ini?"
    page.get_by_role("button", name="Batalkan pemesanan").click()
    page.wait_for_load_state("load")
    expect(page.get_by_text("Pemesanan ini dibatalkan.")).to_be_visible()
    pesanan.refresh_from_db()
    assert pesanan.status == Pendaftaran.Status.DIBATALKAN
    _pesan(page, "Siti Aminah", "0812 3456 7890")  # "Pesan lagi" on the same page
    pesanan.refresh_from_db()
    assert pesanan.status == Pendaftaran.Status.TERKONFIRMASI
    assert page.url == f"{site}{pesanan.get_tamu_url()}"
    expect(page.get_by_text("Kursi Anda terkonfirmasi.").first).to_be_visible()
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": site}])
    page.reload()
    assert horizontal_overflow(page) == 0
    _shot(page, tmp_path, "tamu-pesanan-360-en.png")


def test_a_full_session_puts_a_guest_on_the_waiting_list_at_360px(page, site, gambir):
    from pelatihan.models import Pendaftaran
    from tests.pelatihan.factories import JadwalFactory

    jadwal = JadwalFactory(pos=gambir, kapasitas=1)
    page.set_viewport_size(PONSEL)
    page.goto(f"{site}{jadwal.get_absolute_url()}")
    _pesan(page, "Budi Santoso", "081211112222")
    page.goto(f"{site}{jadwal.get_absolute_url()}")
    expect(page.get_by_role("button", name="Pesan tempat di daftar tunggu")).to_be_visible()
    _pesan(page, "Ani Lestari", "081233334444")
    expect(page.get_by_text("Anda di daftar tunggu, urutan ke-1.", exact=False)).to_be_visible()
    assert Pendaftaran.objects.get(telepon="081233334444").status == Pendaftaran.Status.MENUNGGU
    assert page.get_by_role("img", name="Kode QR check-in Anda").count() == 0
    assert horizontal_overflow(page) == 0


def test_an_operator_checks_in_by_code_and_by_the_signed_qr_link_at_360px(page, site, login, gambir, tmp_path):
    from pelatihan import hadir
    from pelatihan.models import Pendaftaran
    from posyantek.services import operator_tetapkan
    from tests.pelatihan.factories import JadwalFactory, PendaftaranFactory

    operator = UserFactory(email="operator.gambir@posyantek.test", nama="Operator Gambir")
    operator_tetapkan(pos=gambir, pengguna=operator)
    mulai = timezone.now() - timedelta(minutes=20)
    jadwal = JadwalFactory(pos=gambir, mulai=mulai, selesai=mulai + timedelta(hours=3))
    siti = PendaftaranFactory(jadwal=jadwal, user=None, nama="Siti Aminah", telepon="081234567890", sumber="tamu")
    budi = PendaftaranFactory(jadwal=jadwal, user=None, nama="Budi Santoso", telepon="081299990000", sumber="tamu")
    siti, budi = Pendaftaran.objects.get(pk=siti.pk), Pendaftaran.objects.get(pk=budi.pk)
    page.set_viewport_size(PONSEL)
    login("operator.gambir@posyantek.test")
    page.goto(f"{site}/kelola/gambir/pelatihan/jadwal/{jadwal.pk}/")
    page.get_by_role("link", name="Check-in di pintu").click()
    page.wait_for_load_state("load")
    expect(page.get_by_role("img", name="Kode QR halaman check-in sesi ini")).to_be_visible()
    assert horizontal_overflow(page) == 0
    _shot(page, tmp_path, "tamu-checkin-360-id.png")
    page.get_by_label("Kode pemesanan").fill(f"{siti.kode[:4].lower()}-{siti.kode[4:]}")
    page.get_by_role("button", name="Tandai hadir").click()
    page.wait_for_load_state("load")
    expect(page.get_by_text("Siti Aminah hadir. Selamat datang!")).to_be_visible()
    siti.refresh_from_db()
    assert siti.hadir
    # The phone's camera app opens the link in Budi's QR code.
    page.goto(hadir.tautan_hadir(budi).replace("http://127.0.0.1:8000", site))
    expect(page.get_by_text("Budi Santoso").first).to_be_visible()
    assert horizontal_overflow(page) == 0
    budi.refresh_from_db()
    assert not budi.hadir  # opening it changed nothing
    page.get_by_role("button", name="Tandai hadir").click()
    page.wait_for_load_state("load")
    expect(page.get_by_text("Budi Santoso hadir. Selamat datang!")).to_be_visible()
    budi.refresh_from_db()
    assert budi.hadir
    expect(page.get_by_text("2 / 2", exact=False)).to_be_visible()
