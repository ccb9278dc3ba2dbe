"""Operators on a phone (#15.4): at 360 px the post's menu is one button, the content comes first,
nothing overflows, and the most frequent tasks are two taps from the dashboard."""

import os
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.helpers import horizontal_overflow
from tests.factories import UserFactory

TUGAS_CEPAT = ["Catat layanan", "Tambah UKM", "Catat kehadiran", "Tulis kabar"]


@pytest.fixture(autouse=True)
def _fresh_cache(site):
    cache.clear()


@pytest.fixture
def operator_gambir(site):
    from posyantek.models import Pos
    from posyantek.services import operator_tetapkan

    user = UserFactory(email="operator.gambir@posyantek.test", nama="Operator Gambir")
    operator_tetapkan(pos=Pos.objects.get(slug="gambir"), pengguna=user)
    return user


def _lebar_halaman(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_operator_logs_a_service_in_two_taps_at_360px(page, site, login, operator_gambir):
    """Tap 1: "Catat layanan" on the dashboard opens the form, already filled with today's date and the
    operator's name. Typing is not a tap; tap 2 is "Simpan". Counted honestly: clicks and nothing else."""
    from posyantek.models import LogLayanan

    page.set_viewport_size({"width": 360, "height": 740})
    login("operator.gambir@posyantek.test")
    page.goto(f"{site}/kelola/gambir/")
    taps = 0
    page.locator(".tugas-cepat").get_by_role("link", name="Catat layanan").click()
    taps += 1
    page.wait_for_load_state("load")
    assert page.url == f"{site}/kelola/gambir/layanan/tambah/"
    assert _lebar_halaman(page) <= 360
    page.get_by_label("Informasi").check()  # a radio: choosing is part of filling the form
    page.get_by_label("Topik atau kebutuhan").fill("Cara menjual di lokapasar")
    page.get_by_label("Penerima layanan").fill("Warung Bu Siti")
    page.get_by_role("button", name="Simpan").click()
    taps += 1
    page.wait_for_load_state("load")
    assert taps == 2
    log = LogLayanan.objects.get()
    assert (log.pos.slug, log.penerima, log.tanggal, log.petugas) == (
        "gambir",
        "Warung Bu Siti",
        timezone.localdate(),
        "Operator Gambir",
    )
    expect(page.get_by_text("Catatan layanan disimpan.")).to_be_visible()


def test_menu_collapses_and_forms_fit_at_360px(page, site, login, operator_gambir, tmp_path):
    from pelatihan.models import Pendaftaran
    from posyantek.models import Pos
    from tests.pelatihan.factories import JadwalFactory, PendaftaranFactory

    mulai = timezone.now() - timedelta(minutes=30)
    jadwal = JadwalFactory(pos=Pos.objects.get(slug="gambir"), mulai=mulai, selesai=mulai + timedelta(hours=3))
    PendaftaranFactory(jadwal=jadwal, user=None, nama="Bu Siti Rahmawati", telepon="081298765432")
    login("operator.gambir@posyantek.test")
    folder = os.environ.get("SCREENSHOT_DIR", str(tmp_path))
    for bahasa in ("id", "en"):
        page.context.add_cookies([{"name": "django_language", "value": bahasa, "url": site}])
        for lebar in (360, 1280):
            page.set_viewport_size({"width": lebar, "height": 740})
            page.goto(f"{site}/kelola/gambir/")
            tombol = page.locator("summary.kelola-menu-tombol")
            menu_link = page.locator(".kelola-nav").get_by_role(
                "link", name="Inventaris" if bahasa == "id" else "Inventory"
            )
            if lebar == 360:
                # Closed: the content (the quick tasks) is in the first screen, the menu's links hidden.
                expect(tombol).to_be_visible()
                expect(menu_link).to_be_hidden()
                tugas = page.locator(".tugas-cepat a").first.bounding_box()
                assert tugas["y"] + tugas["height"] <= 740
                assert horizontal_overflow(page) == 0 and _lebar_halaman(page) <= 360
                page.screenshot(path=f"{folder}/dasbor-menu-tutup-{bahasa}-{lebar}.png")
                tombol.click()
                expect(menu_link).to_be_visible()
                assert _lebar_halaman(page) <= 360
                page.screenshot(path=f"{folder}/dasbor-menu-buka-{bahasa}-{lebar}.png")
            else:
                expect(tombol).to_be_hidden()
                expect(menu_link).to_be_visible()
                assert horizontal_overflow(page) == 0
                page.screenshot(path=f"{folder}/dasbor-{bahasa}-{lebar}.png", full_page=True)
            if bahasa == "id":
                expect(page.locator(".tugas-cepat a")).to_have_text(TUGAS_CEPAT)
            for nama, path in [
                ("form-layanan", "/kelola/gambir/layanan/tambah/"),
                ("form-ukm", "/kelola/gambir/ukm/tambah/"),
                ("form-kabar", "/kelola/gambir/kabar/tambah/"),
                ("kehadiran", f"/kelola/gambir/pelatihan/jadwal/{jadwal.pk}/"),
            ]:
                page.goto(site + path)
                assert horizontal_overflow(page) == 0, path
                assert _lebar_halaman(page) <= lebar, path
                if nama == "form-layanan":
                    page.get_by_role("button", name="Simpan" if bahasa == "id" else "Save").click()
                    page.wait_for_load_state("load")
                    assert _lebar_halaman(page) <= lebar
                    page.screenshot(path=f"{folder}/{nama}-galat-{bahasa}-{lebar}.png", full_page=True)
    assert Pendaftaran.objects.count() == 1


def test_duplicate_warning_then_save_anyway_at_360px(page, site, login, operator_gambir, tmp_path):
    from tests.ukm.factories import UkmFactory, kelurahan
    from ukm.models import Ukm

    lama = UkmFactory(
        nama="Sambal Roa Mak Ijah",
        pemilik_nama="Ijah Suhaemi",
        pemilik_telepon="0811 000 999",
        kelurahan=kelurahan("Cideng"),
    )
    login("operator.gambir@posyantek.test")
    folder = os.environ.get("SCREENSHOT_DIR", str(tmp_path))
    for bahasa in ("id", "en"):
        page.context.add_cookies([{"name": "django_language", "value": bahasa, "url": site}])
        for lebar in (360, 1280):
            page.set_viewport_size({"width": lebar, "height": 740})
            page.goto(f"{site}/kelola/gambir/ukm/tambah/")
            page.locator("#id_nama").fill("Sambal Roa Mak Ijah")
            page.locator("#id_pemilik_nama").fill("Ijah Suhaemi")
            page.locator("#id_kelurahan").select_option(label="Cideng")
            page.locator("#id_bidang").select_option("kuliner")
            page.locator("form.ukm-form button[type=submit].btn").click()
            page.wait_for_load_state("load")
            peringatan = page.locator(".ukm-ganda")
            expect(peringatan).to_be_visible()
            expect(peringatan.get_by_role("link", name="Sambal Roa Mak Ijah")).to_have_attribute(
                "href", f"/kelola/gambir/ukm/{lama.pk}/"
            )
            assert horizontal_overflow(page) == 0 and _lebar_halaman(page) <= lebar
            peringatan.screenshot(path=f"{folder}/ukm-ganda-{bahasa}-{lebar}.png")
            assert Ukm.objects.count() == 1
    page.locator("button[name=tetap_simpan]").click()
    page.wait_for_load_state("load")
    assert Ukm.objects.count() == 2


def test_operator_verifies_two_pending_businesses_at_once_at_360px(page, site, login, operator_gambir, tmp_path):
    from tests.ukm.factories import UkmFactory
    from ukm.models import Ukm

    a, b, c = (UkmFactory(nama=f"Usaha Menunggu {n}") for n in "ABC")
    login("operator.gambir@posyantek.test")
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{site}/kelola/gambir/ukm/")
    assert horizontal_overflow(page) == 0
    page.locator(f'input[name=ukm][value="{a.pk}"]').check()
    page.locator(f'input[name=ukm][value="{c.pk}"]').check()
    folder = os.environ.get("SCREENSHOT_DIR", str(tmp_path))
    page.screenshot(path=f"{folder}/ukm-verifikasi-banyak-id-360.png", full_page=True)
    page.get_by_role("button", name="Verifikasi UKM yang dicentang").click()
    page.wait_for_load_state("load")
    expect(page.get_by_text("2 UKM ditandai terverifikasi.")).to_be_visible()
    assert set(Ukm.objects.filter(verified_at__isnull=False).values_list("pk", flat=True)) == {a.pk, c.pk}
    assert not Ukm.objects.get(pk=b.pk).verified_at
