"""Journeys of the foundation, walked in Chromium as a person would."""

import re

from playwright.sync_api import expect

from tests.factories import UserFactory


def make_operator(slug: str):
    from posyantek.models import Pos
    from posyantek.services import operator_assign

    user = UserFactory(email=f"operator.{slug}@posyantek.test")
    operator_assign(pos=Pos.objects.get(slug=slug), user=user)
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
    page.get_by_label("Bahasa").select_option("en")
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
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    expect(page.get_by_role("heading", level=1)).to_be_visible()
