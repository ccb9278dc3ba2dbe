"""Journeys of training and Relawan TIK, walked in Chromium as people would."""

import re
from datetime import timedelta
from pathlib import Path

import icalendar
import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.helpers import horizontal_overflow
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _clean_state(site):
    cache.clear()  # the enrolment rate limit lives in the shared cache
    mail.outbox = []


def logout(page):
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_load_state("networkidle")


def make_session(slug="gambir", **kw):
    from posyantek.models import Pos
    from tests.pelatihan.factories import JadwalFactory, ProgramFactory

    defaults = {"judul": "Jualan di Marketplace", "program": ProgramFactory(pos=None, topik=["marketplace"])}
    defaults.update(kw)
    return JadwalFactory(pos=Pos.objects.get(slug=slug), **defaults)


def test_visitor_finds_a_session_near_them_and_adds_it_to_calendar_at_360px(page, site, tmp_path):
    make_session("gambir", judul="Foto Produk dengan Ponsel")
    make_session("tambora", judul="Kelas di Tambora")
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{site}/")
    page.get_by_text("Menu", exact=True).click()  # on a phone the header's links sit behind its menu button
    page.get_by_role("link", name="Pelatihan", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jadwal pelatihan")
    assert horizontal_overflow(page) <= 0
    page.get_by_label("Kecamatan").select_option(label="Gambir")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page.get_by_role("link", name="Foto Produk dengan Ponsel")).to_be_visible()
    expect(page.get_by_role("link", name="Kelas di Tambora")).to_have_count(0)
    page.get_by_role("link", name="Kalender bulan").click()
    assert horizontal_overflow(page) <= 0
    page.get_by_role("link", name="Daftar sesi").click()
    page.get_by_role("link", name="Foto Produk dengan Ponsel").click()
    expect(page.get_by_text("10 dari 10 kursi tersisa")).to_be_visible()
    expect(page.get_by_role("link", name="Bagikan lewat WhatsApp")).to_have_attribute(
        "href", re.compile(r"^https://wa\.me/\?text=.*pelatihan%2Fjadwal%2F\d+%2F")
    )
    assert horizontal_overflow(page) <= 0
    with page.expect_download() as info:
        page.get_by_role("link", name="Tambahkan ke kalender (.ics)").click()
    path = tmp_path / "sesi.ics"
    info.value.save_as(path)
    cal = icalendar.Calendar.from_ical(Path(path).read_bytes())
    assert [str(e["summary"]) for e in cal.events] == ["Foto Produk dengan Ponsel"]
    assert cal.walk("VTIMEZONE")[0]["tzid"] == "Asia/Jakarta"


def test_owner_registers_cancels_and_the_next_person_is_promoted(page, site, login):
    from pelatihan.models import Pendaftaran

    jadwal = make_session("gambir", kapasitas=1)
    UserFactory(email="pemilik.a@contoh.test", nama="Pemilik A", is_pemilik_ukm=True)
    UserFactory(email="pemilik.b@contoh.test", nama="Pemilik B", is_pemilik_ukm=True)
    url = f"{site}/pelatihan/jadwal/{jadwal.pk}/"

    login("pemilik.a@contoh.test")
    page.goto(url)
    page.get_by_role("button", name="Daftar sekarang").click()
    expect(page.get_by_text("Anda terdaftar. Konfirmasi")).to_be_visible()
    logout(page)

    login("pemilik.b@contoh.test")
    page.goto(url)
    expect(page.get_by_text("Penuh", exact=True)).to_be_visible()
    page.get_by_role("button", name="Masuk daftar tunggu").click()
    expect(page.get_by_text("urutan ke-1")).to_be_visible()
    logout(page)

    login("pemilik.a@contoh.test")
    page.goto(f"{site}/pelatihan/saya/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Batalkan").click()
    expect(page.get_by_text("Pendaftaran Anda dibatalkan.")).to_be_visible()
    logout(page)

    assert Pendaftaran.objects.get(jadwal=jadwal, user__email="pemilik.b@contoh.test").status == "terkonfirmasi"
    promoted = [m for m in mail.outbox if m.to == ["pemilik.b@contoh.test"] and "Kursi tersedia" in m.subject]
    assert len(promoted) == 1 and promoted[0].attachments[0][0].endswith(".ics")
    login("pemilik.b@contoh.test")
    page.goto(url)
    expect(page.get_by_text("Anda terdaftar. Kursi Anda terkonfirmasi.")).to_be_visible()


def test_applicant_enrols_as_volunteer_and_admin_accepts(page, site, login):
    UserFactory(email="admin.prov@contoh.test", nama="Admin Provinsi", is_admin_provinsi=True)
    page.goto(f"{site}/relawan/")
    page.get_by_role("link", name="Daftar menjadi Relawan TIK").first.click()
    page.get_by_label("Nama lengkap").fill("Dina Calon Relawan")
    page.get_by_label("E-mail").fill("dina@contoh.test")
    page.get_by_label("Telepon/WhatsApp").fill("0812 3456 7890")
    page.get_by_label("Kecamatan domisili").select_option(label="Gambir")
    page.get_by_label("Pendidikan terakhir").select_option(label="Sarjana/D4")
    page.get_by_label("Pekerjaan").fill("Mahasiswa")
    page.get_by_label("Media sosial").select_option(label="Mahir")
    page.get_by_label("Akhir pekan").check()
    page.get_by_label("Motivasi").fill("Saya ingin membantu pelaku UKM di Gambir berjualan daring.")
    page.get_by_label("Saya sudah membaca dan menyetujui kode etik Relawan TIK.").check()
    page.get_by_role("button", name="Kirim lamaran").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa e-mail Anda")

    link = re.search(r"http://\S+(/relawan/aktivasi/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(site + link)
    page.locator("#id_new_password1").fill("Relawan-Gambir-2026!")
    page.locator("#id_new_password2").fill("Relawan-Gambir-2026!")
    page.get_by_role("button", name="Simpan kata sandi").click()
    expect(page.get_by_role("heading", name="Status lamaran")).to_be_visible()
    logout(page)

    login("admin.prov@contoh.test")
    page.goto(f"{site}/kelola/relawan/")
    page.get_by_role("link", name="Dina Calon Relawan").click()
    page.get_by_role("button", name="Tandai sedang ditinjau").click()
    expect(page.get_by_text("Lamaran ditandai sedang ditinjau.")).to_be_visible()
    page.get_by_label("Jenis keanggotaan").select_option("biasa")
    page.locator("#terima").locator("..").get_by_label("Gambir").check()
    page.get_by_role("button", name="Terima sebagai Relawan TIK").click()
    expect(page.get_by_text("Dina Calon Relawan diterima sebagai Relawan TIK.")).to_be_visible()
    logout(page)

    login("dina@contoh.test", "Relawan-Gambir-2026!")
    page.goto(f"{site}/relawan/saya/")
    expect(page.get_by_role("link", name="Posyantek Kecamatan Gambir")).to_be_visible()
    assert any("Selamat" in m.subject for m in mail.outbox if m.to == ["dina@contoh.test"])


def test_volunteer_logs_hours_and_operator_confirms(page, site, login):
    from posyantek.models import Pos
    from posyantek.services import operator_tetapkan
    from tests.pelatihan.factories import RelawanFactory

    gambir = Pos.objects.get(slug="gambir")
    RelawanFactory(user=UserFactory(email="rudi@contoh.test", nama="Rudi Relawan"), pos=[gambir])
    operator_tetapkan(pos=gambir, pengguna=UserFactory(email="operator.gambir@posyantek.test", nama="Operator Gambir"))

    login("rudi@contoh.test")
    page.goto(f"{site}/relawan/saya/")
    page.get_by_role("link", name="Catat aktivitas").click()
    page.get_by_label("Tanggal").fill((timezone.localdate() - timedelta(days=1)).isoformat())
    page.get_by_label("Jumlah jam").fill("2.5")
    page.get_by_label("Jenis kegiatan").select_option(label="Pendampingan UKM")
    page.get_by_label("UKM yang didampingi").fill("Warung Kopi Bu Tini")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Aktivitas dicatat.")).to_be_visible()
    expect(page.locator("td.num").filter(has_text="2,5")).to_be_visible()
    logout(page)

    login("operator.gambir@posyantek.test")
    page.get_by_role("link", name="Aktivitas relawan").first.click()
    expect(page.get_by_text("Warung Kopi Bu Tini")).to_be_visible()
    page.get_by_role("button", name="Konfirmasi").click()
    expect(page.get_by_text("2,5 jam Rudi Relawan dikonfirmasi.")).to_be_visible()
    page.get_by_role("link", name="Relawan TIK").last.click()
    expect(page.get_by_role("cell", name="2,5").first).to_be_visible()
    logout(page)

    login("rudi@contoh.test")
    page.goto(f"{site}/relawan/saya/")
    expect(page.locator(".card", has_text="Jam tahun ini").locator(".angka")).to_have_text("2,5")
