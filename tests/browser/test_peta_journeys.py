"""The kecamatan map in Chromium: a visitor taps a kecamatan on /pos/ and lands on its post; an admin
switches the province overview's map without JavaScript. Screenshots at 360 and 1280 px in
Indonesian and English when PETA_SHOTS names a folder."""

import os
import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import horizontal_overflow

SHOTS = os.environ.get("PETA_SHOTS")


@pytest.mark.parametrize("lebar", [360, 1280])
def test_visitor_taps_a_kecamatan_on_the_map_and_lands_on_its_post(page, site, lebar):
    page.set_viewport_size({"width": lebar, "height": 800})
    page.goto(f"{site}/pos/")
    peta = page.locator("svg.peta-svg")
    expect(peta.locator("path")).to_have_count(44)
    assert horizontal_overflow(page) <= 0
    if SHOTS:
        peta.scroll_into_view_if_needed()
        page.screenshot(path=f"{SHOTS}/pos-{lebar}-id.png", full_page=False)
    peta.locator('a[data-kode="31.71.01"] path').click()
    expect(page).to_have_url(re.compile(r"/pos/gambir/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gambir")


def test_admin_switches_the_province_map(page, site, login, admin_provinsi):
    page.set_viewport_size({"width": 1280, "height": 900})
    login(admin_provinsi.email)
    page.goto(f"{site}/kelola/ringkasan/")
    expect(page.locator("svg.peta-svg path")).to_have_count(44)
    page.get_by_role("link", name="Jam Relawan TIK yang dikonfirmasi tahun ini per kecamatan").click()
    expect(page).to_have_url(re.compile(r"\?peta=jam-relawan#peta$"))
    expect(page.locator(".peta-judul")).to_have_text("Jam Relawan TIK yang dikonfirmasi tahun ini per kecamatan")
    if SHOTS:
        for lebar in (360, 1280):
            for bahasa in ("id", "en"):
                page.context.add_cookies([{"name": "django_language", "value": bahasa, "url": site}])
                page.set_viewport_size({"width": lebar, "height": 900})
                page.goto(f"{site}/kelola/ringkasan/?peta=ukm#peta")
                page.locator("#peta").screenshot(path=f"{SHOTS}/ringkasan-{lebar}-{bahasa}.png")
                page.goto(f"{site}/pos/")
                page.screenshot(path=f"{SHOTS}/pos-{lebar}-{bahasa}.png")
        page.context.add_cookies([{"name": "django_language", "value": "id", "url": site}])
