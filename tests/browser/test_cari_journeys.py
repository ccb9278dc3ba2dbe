"""A visitor finds a post as they would spell it, at 360 px: from /pos/ and from the home page's search."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import horizontal_overflow

EJAAN = ["palmerah", "pal merah", "PALMERAH", "slipi", "kemanggisan", "11410"]


@pytest.mark.parametrize("ejaan", EJAAN)
def test_visitor_finds_pal_merah_from_pos_list_at_360px(page, site, ejaan):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{site}/pos/")
    page.get_by_label("Cari pos menurut kecamatan, kelurahan, atau kode pos").fill(ejaan)
    page.get_by_role("button", name="Cari", exact=True).click()
    hasil = page.locator(".hasil-pos")
    expect(hasil.get_by_role("link")).to_have_count(1)
    assert horizontal_overflow(page) <= 0
    hasil.get_by_role("link", name="Posyantek Kecamatan Pal Merah").click()
    expect(page).to_have_url(re.compile(r"/pos/pal-merah/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pal Merah")


@pytest.mark.parametrize("ejaan", EJAAN)
def test_visitor_finds_pal_merah_from_home_search_at_360px(page, site, ejaan):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{site}/")
    page.get_by_label("Cari pos, kelurahan, kode pos, atau teknologi").fill(ejaan)
    page.get_by_label("Cari pos, kelurahan, kode pos, atau teknologi").press("Enter")
    expect(page).to_have_url(re.compile(r"/cari/\?q="))
    hasil = page.locator(".hasil-pos")
    expect(hasil.get_by_role("link")).to_have_count(1)
    assert horizontal_overflow(page) <= 0
    hasil.get_by_role("link", name="Posyantek Kecamatan Pal Merah").click()
    expect(page).to_have_url(re.compile(r"/pos/pal-merah/$"))


def test_visitor_follows_maksud_anda_at_360px(page, site):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{site}/pos/?q=pasar+mingu+raya")
    expect(page.get_by_text("Tidak ada pos untuk “pasar mingu raya”.")).to_be_visible()
    assert horizontal_overflow(page) <= 0
    page.locator(".maksud-anda").get_by_role("link", name="Pasar Minggu").click()
    expect(page.locator(".hasil-pos").get_by_role("link", name="Posyantek Kecamatan Pasar Minggu")).to_be_visible()
