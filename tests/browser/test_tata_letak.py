"""Layout a new user tripped over at 360 px and 1280 px (issue 16): the header, an empty month of
the calendar, the guide's QR caption and the certificate page."""

from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.helpers import horizontal_overflow
from tests.factories import UserFactory

MENU_UTAMA = {
    "id": ["Pos", "Direktori UKM", "Teknologi", "Urun beli", "Pelatihan", "Relawan TIK", "Lomba"],
    "en": [
        "Posts",
        "Business directory",
        "Technology",
        "Collective purchase",
        "Training",
        "ICT volunteers (Relawan TIK)",
        "Competitions",
    ],
}


@pytest.fixture(autouse=True)
def _fresh_cache(site):
    cache.clear()


def set_language(page, site, lang: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": site}])


def menu_links(page):
    return page.get_by_role(
        "navigation",
        name={"id": "Navigasi utama", "en": "Main navigation"}[page.evaluate("document.documentElement.lang")],
    )


# The characters after which a line of the element's text ends (one per line break).
BREAKS_JS = """el => {
  const out = []; let last = null, prev = "";
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
      const top = Math.round(range.getBoundingClientRect().top);
      if (last !== null && top > last + 2) out.push(prev);
      last = top; prev = node.data[i];
    }
  }
  return out;
}"""


def line_tops(page, selector: str) -> set[int]:
    return set(page.eval_on_selector_all(selector, "els => els.map(e => Math.round(e.getBoundingClientRect().top))"))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_header_menu_is_one_line_at_1280px(page, site, login, lang):
    UserFactory(email="admin@posyantek.test", is_admin_provinsi=True, nama="Admin Provinsi")
    page.set_viewport_size({"width": 1280, "height": 800})
    for logged_in in (False, True):
        if logged_in:
            set_language(page, site, "id")
            login("admin@posyantek.test")
        set_language(page, site, lang)
        page.goto(f"{site}/")
        nav = menu_links(page)
        for name in MENU_UTAMA[lang]:
            expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()
        expect(page.locator("summary.menu-tombol")).to_be_hidden()
        assert len(line_tops(page, ".site-nav > ul:first-child > li")) == 1  # one line, logged in or not
        assert len(line_tops(page, ".site-nav .nav-account > li")) == 1
        assert page.locator(".site-header").bounding_box()["height"] <= 100
        assert horizontal_overflow(page) <= 0


@pytest.mark.parametrize("lang", ["id", "en"])
def test_header_is_compact_at_360px_and_its_menu_button_opens_the_links(page, site, lang):
    page.set_viewport_size({"width": 360, "height": 740})
    set_language(page, site, lang)
    page.goto(f"{site}/")
    assert page.locator(".site-header").bounding_box()["height"] <= 64  # was 273 of 740 px
    nav = menu_links(page)
    training = nav.get_by_role("link", name=MENU_UTAMA[lang][4], exact=True)
    expect(training).to_be_hidden()
    page.locator("summary.menu-tombol").click()
    for name in MENU_UTAMA[lang]:
        expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()
    assert horizontal_overflow(page) <= 0
    training.click()
    expect(page).to_have_url(f"{site}/pelatihan/")


@pytest.mark.parametrize("width", [360, 1280])
def test_header_menu_works_without_javascript(browser, site, width):
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 740})
    page = context.new_page()
    page.goto(f"{site}/")
    nav = page.get_by_role("navigation", name="Navigasi utama")
    if width == 360:
        page.locator("summary.menu-tombol").click()
    nav.get_by_role("link", name="Lomba", exact=True).click()
    expect(page).to_have_url(f"{site}/lomba/")
    if width == 360:
        page.locator("summary.menu-tombol").click()
    page.get_by_role("button", name="English").click()  # the language switch sits in the menu too
    expect(page.locator("html")).to_have_attribute("lang", "en")
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_empty_month_calendar_says_one_thing_and_links_the_next_session(page, site, width):
    from posyantek.models import Pos
    from tests.pelatihan.factories import JadwalFactory

    bulan = timezone.localdate().replace(day=1)
    for _ in range(2):
        bulan = (bulan + timedelta(days=32)).replace(day=1)
    berikut = (bulan + timedelta(days=32)).replace(day=1)  # the first day of the month after: in the grid's last row
    mulai = timezone.make_aware(datetime(berikut.year, berikut.month, 1, 9), timezone.get_current_timezone())
    jadwal = JadwalFactory(
        pos=Pos.objects.get(slug="gambir"), judul="Kelas Awal Bulan", mulai=mulai, selesai=mulai + timedelta(hours=2)
    )
    page.set_viewport_size({"width": width, "height": 740})
    page.goto(f"{site}/pelatihan/kalender/?kecamatan=gambir&bulan={bulan:%Y-%m}")
    main = page.locator("main")
    expect(main).not_to_contain_text("sesi bulan ini")
    expect(main.get_by_text("Tidak ada sesi pada bulan ini.")).to_have_count(1)
    expect(main.get_by_role("link", name="Kelas Awal Bulan")).to_have_count(1)  # in the sentence only
    main.get_by_role("link", name="Kelas Awal Bulan").click()
    expect(page).to_have_url(f"{site}{jadwal.get_absolute_url()}")
    page.go_back()
    expect(page.get_by_role("link", name="Kalender pelatihan Posyantek Kecamatan Gambir (.ics)")).to_have_attribute(
        "href", "/pos/gambir/kalender.ics"
    )
    assert horizontal_overflow(page) <= 0


def test_month_calendar_at_360px_lists_only_this_months_days(page, site):
    from posyantek.models import Pos
    from tests.pelatihan.factories import JadwalFactory

    bulan = timezone.localdate().replace(day=1)
    for _ in range(2):
        bulan = (bulan + timedelta(days=32)).replace(day=1)
    berikut = (bulan + timedelta(days=32)).replace(day=1)
    tz = timezone.get_current_timezone()
    gambir = Pos.objects.get(slug="gambir")
    for day, judul in ((bulan.replace(day=10), "Kelas Bulan Ini"), (berikut, "Kelas Bulan Depan")):
        mulai = timezone.make_aware(datetime(day.year, day.month, day.day, 9), tz)
        JadwalFactory(pos=gambir, judul=judul, mulai=mulai, selesai=mulai + timedelta(hours=2))
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{site}/pelatihan/kalender/?bulan={bulan:%Y-%m}")
    expect(page.get_by_role("link", name="09.00 Kelas Bulan Ini")).to_be_visible()
    expect(page.get_by_text("Kelas Bulan Depan")).to_be_hidden()
    assert horizontal_overflow(page) <= 0


@pytest.mark.parametrize("width", [360, 1280])
def test_guide_qr_caption_wraps_between_path_segments(page, site, settings, width):
    from tests.teknologi import factories as f

    settings.PORTAL_BASE_URL = "https://posyantek.jakarta.go.id"
    t = f.teknologi("Alat Pasteurisasi Sari Buah Kemasan Botol")
    f.panduan(t)
    page.set_viewport_size({"width": width, "height": 740})
    page.goto(f"{site}/teknologi/{t.slug}/panduan/")
    caption = page.locator(".ttg-qr .ttg-url")
    expect(caption).to_have_text(f"posyantek.jakarta.go.id/teknologi/{t.slug}/panduan/")
    expect(caption).to_have_attribute("href", f"https://posyantek.jakarta.go.id/teknologi/{t.slug}/panduan/")
    # The caption breaks only after a "/" (or a slug's "-"), never inside a word, in at most 3 lines.
    breaks = caption.evaluate(BREAKS_JS)
    assert {ch for ch in breaks} <= {"/", "-"}, breaks
    assert len(breaks) <= 2  # was a URL broken across four lines
    assert horizontal_overflow(page) <= 0


@pytest.mark.parametrize("width", [360, 1280])
def test_certificate_page_has_no_horizontal_scroll(page, site, width):
    from pelatihan.services.pendaftaran import sertifikat_terbitkan
    from posyantek.models import Pos
    from tests.pelatihan.factories import JadwalFactory, PendaftaranFactory

    mulai = timezone.now() - timedelta(days=3)
    jadwal = JadwalFactory(
        pos=Pos.objects.get(slug="gambir"),
        judul="Foto Produk dengan Ponsel",
        mulai=mulai,
        selesai=mulai + timedelta(hours=2),
    )
    pendaftaran = PendaftaranFactory(jadwal=jadwal, user=UserFactory(nama="Siti Aminah Kusumawardhani"), hadir=True)
    sertifikat = sertifikat_terbitkan(pendaftaran=pendaftaran, now=timezone.now())
    page.set_viewport_size({"width": width, "height": 740})
    page.goto(f"{site}/sertifikat/{sertifikat.kode}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sertifikat Kehadiran")
    assert horizontal_overflow(page) <= 0  # was 32 px wider than a 360 px phone
    kaki = page.locator(".sertifikat-kaki").bounding_box()
    artikel = page.locator(".sertifikat").bounding_box()
    assert kaki["x"] >= artikel["x"] and kaki["x"] + kaki["width"] <= artikel["x"] + artikel["width"]
