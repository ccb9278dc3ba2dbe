"""Cached fragments of public pages (``{% fragmen %}``, ``posyantek.versi``): a hit runs no page
query, a saved change shows at once, what differs per visitor stays outside the cache, and one
post's dashboard is never served for another."""

import re

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from posyantek import versi
from teknologi.models import StatusTeknologi, Teknologi
from tests.pelatihan.factories import JadwalFactory
from tests.posyantek.factories import LogLayananFactory, MitraFactory
from tests.teknologi import factories as ttg
from tests.ukm.factories import UkmFactory

pytestmark = pytest.mark.django_db


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _tanpa_csrf(body: str) -> str:
    """The page without its per-request CSRF tokens (the language form's, outside every fragment)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)


def _queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        _get(client, url)
    return [q["sql"] for q in ctx.captured_queries]


# -- the version ---------------------------------------------------------------------------------


def test_a_save_and_a_delete_bump_the_version(pos_a):
    before = versi.baca()
    mitra = MitraFactory(pos=pos_a)
    after_save = versi.baca()
    mitra.delete()
    assert before < after_save < versi.baca()


def test_logging_in_does_not_bump_the_version(client, operator_a):
    before = versi.baca()
    client.force_login(operator_a)  # saves last_login and a session
    assert versi.baca() == before


def test_the_version_is_bumped_again_once_at_commit(pos_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            before = versi.baca()
            pos_a.save()
            MitraFactory(pos=pos_a)
            inside = versi.baca()
        assert inside > before  # visible inside the writing transaction at once
    assert callbacks.count(versi._bump) == 1  # one more bump after the commit, not one per write
    assert versi.baca() > inside


def test_a_rolled_back_savepoint_does_not_lose_the_commit_bump(pos_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    pos_a.save()
                    raise RuntimeError
            except RuntimeError:
                pass
            MitraFactory(pos=pos_a)
    assert callbacks.count(versi._bump) == 1


def test_the_key_changes_with_the_clock_window(monkeypatch):
    now = 1_800_000_000.0
    monkeypatch.setattr(versi.time, "time", lambda: now)
    first = versi.kunci()
    monkeypatch.setattr(versi.time, "time", lambda: now + versi.WINDOW)
    assert versi.kunci() != first


def test_a_fragment_without_the_version_is_never_cached():
    template = Template('{% load portal %}{% fragmen "uji" %}{{ n }}{% endfragmen %}')
    assert template.render(Context({"n": 1})) == "1"
    assert template.render(Context({"n": 2})) == "2"


# -- the pages -----------------------------------------------------------------------------------


def _panduan_url(pos):
    t = ttg.teknologi("Alat Pemeras Santan")
    ttg.panduan(t)
    return t.get_panduan_url()


PAGES = {
    # name: (url, how many queries a hit may run)
    "beranda": ("/", 1),
    "daftar pos": ("/pos/", 1),
    "detail pos": ("/pos/gambir/", 2),
    "katalog": ("/teknologi/", 1),
    "katalog ?q=": ("/teknologi/?q=ikan&bidang=pangan", 1),
    "direktori UKM": ("/ukm/", 1),
    "pelatihan": ("/pelatihan/", 1),
    "lomba": ("/lomba/", 1),
}


@pytest.mark.parametrize("name", PAGES)
def test_a_cache_hit_runs_only_the_version_query(client, pos_a, name):
    url, limit = PAGES[name]
    first = _get(client, url)
    queries = _queries(client, url)
    assert len(queries) <= limit, queries
    assert any("versi" in sql for sql in queries)
    assert _tanpa_csrf(_get(client, url)) == _tanpa_csrf(first)


def test_the_guide_hit_reads_the_guide_only(client, pos_a):
    url = _panduan_url(pos_a)
    _get(client, url)
    queries = _queries(client, url)
    assert len(queries) == 2, queries  # the guide (404 when unpublished) and the version


def test_the_catalogue_shows_a_new_technology_at_once(client, pos_a):
    assert "Pengasap Ikan" not in _get(client, "/teknologi/")
    assert "Pengasap Ikan" not in _get(client, "/")
    ttg.teknologi("Pengasap Ikan Cerobong Ganda")
    assert "Pengasap Ikan Cerobong Ganda" in _get(client, "/teknologi/")
    assert "Pengasap Ikan Cerobong Ganda" in _get(client, "/teknologi/?q=pengasap")


def test_the_catalogue_hides_an_unpublished_technology_at_once(client, pos_a):
    t = ttg.teknologi("Pengasap Ikan Cerobong Ganda")
    assert "Pengasap Ikan" in _get(client, "/teknologi/")
    t.status = StatusTeknologi.DRAFT
    t.save()
    assert "Pengasap Ikan" not in _get(client, "/teknologi/")


def test_the_guide_shows_an_edited_step_at_once(client, pos_a):
    url = _panduan_url(pos_a)
    assert "Langkah nomor 1." in _get(client, url)
    step = Teknologi.objects.get(nama="Alat Pemeras Santan").panduan.langkah_set.first()
    step.teks = "Bilas wadah dengan air hangat."
    step.save()
    assert "Bilas wadah dengan air hangat." in _get(client, url)


def test_the_directory_shows_a_verified_business_at_once(client, pos_a):
    assert "Keripik Tempe Bu Sri" not in _get(client, "/ukm/")
    UkmFactory(nama="Keripik Tempe Bu Sri", tampil_publik=True, verified_at=timezone.now())
    assert "Keripik Tempe Bu Sri" in _get(client, "/ukm/")


def test_the_schedule_and_home_show_a_new_session_at_once(client, pos_a):
    assert "Kelas Foto Produk Ponsel" not in _get(client, "/pelatihan/")
    _get(client, "/")
    JadwalFactory(pos=pos_a, judul="Kelas Foto Produk Ponsel")
    assert "Kelas Foto Produk Ponsel" in _get(client, "/pelatihan/")
    assert "Kelas Foto Produk Ponsel" in _get(client, "/")


def test_the_post_page_shows_a_new_partner_at_once(client, pos_a):
    assert "Universitas Mitra Baru" not in _get(client, "/pos/gambir/")
    MitraFactory(pos=pos_a, nama="Universitas Mitra Baru")
    assert "Universitas Mitra Baru" in _get(client, "/pos/gambir/")


def test_the_post_list_shows_a_saved_change_at_once(client, pos_a):
    assert "Percontohan" not in _get(client, "/pos/")
    pos_a.is_percontohan = True
    pos_a.save()
    assert "Percontohan" in _get(client, "/pos/")


def test_fragments_are_cached_per_language(client, pos_a):
    pos_a.is_percontohan = True
    pos_a.save()
    assert "Percontohan" in _get(client, "/pos/")
    client.cookies["django_language"] = "en"
    body = _get(client, "/pos/")
    assert "Model post" in body and "Percontohan" not in body


def test_what_differs_per_visitor_stays_outside_the_cache(client, pos_a, operator_a, pemilik_ukm):
    anonymous = _get(client, "/")
    assert "Daftar gratis" in anonymous
    client.force_login(pemilik_ukm)
    owner = _get(client, "/")
    assert "Daftar gratis" not in owner and "Akun saya" in owner
    client.force_login(operator_a)
    page = _get(client, "/pos/gambir/")
    assert "Kelola pos ini" in page
    client.logout()
    assert "Kelola pos ini" not in _get(client, "/pos/gambir/")


def test_a_dashboard_is_never_served_for_another_post(client, pos_a, pos_b, operator_a, operator_b, admin_provinsi):
    LogLayananFactory.create_batch(3, pos=pos_a)
    client.force_login(operator_a)
    mine = _get(client, "/kelola/gambir/")
    assert "3 layanan tercatat bulan ini" in mine
    client.force_login(operator_b)
    other = _get(client, "/kelola/tambora/")
    assert "0 layanan tercatat bulan ini" in other and "3 layanan" not in other
    assert client.get("/kelola/gambir/").status_code == 404  # the cached dashboard is behind the access check
    # The admin's cards (operators, model post) are cached apart from the operator's.
    client.force_login(admin_provinsi)
    assert "undang atau cabut akses" in _get(client, "/kelola/gambir/")
    client.force_login(operator_a)
    assert "undang atau cabut akses" not in _get(client, "/kelola/gambir/")


def test_a_dashboard_shows_a_new_record_at_once(client, pos_a, operator_a):
    client.force_login(operator_a)
    assert "0 layanan tercatat bulan ini" in _get(client, "/kelola/gambir/")
    LogLayananFactory(pos=pos_a)
    assert "1 layanan tercatat bulan ini" in _get(client, "/kelola/gambir/")


def test_fragments_live_in_the_fragments_cache_only(client, pos_a):
    caches["fragments"].clear()
    _get(client, "/teknologi/")
    assert caches["fragments"]._cache  # the per-process cache holds the rendering


def test_the_registry_list_is_cached_per_post_behind_the_access_check(
    client, pos_a, pos_b, operator_a, operator_b, admin_provinsi
):
    UkmFactory(nama="Kopi Rahasia Gambir")  # Cideng: a kelurahan of Gambir
    client.force_login(operator_a)
    assert "Kopi Rahasia Gambir" in _get(client, "/kelola/gambir/ukm/?q=kopi")
    client.force_login(operator_b)
    other = _get(client, "/kelola/tambora/ukm/?q=kopi")
    assert "Kopi Rahasia Gambir" not in other
    assert client.get("/kelola/gambir/ukm/?q=kopi").status_code == 404
    assert client.get("/kelola/provinsi/ukm/?q=kopi").status_code == 403
    client.force_login(admin_provinsi)
    assert "Kopi Rahasia Gambir" in _get(client, "/kelola/provinsi/ukm/?q=kopi")


def test_the_registry_list_shows_an_edit_at_once(client, pos_a, operator_a):
    ukm = UkmFactory(nama="Kopi Lama")
    client.force_login(operator_a)
    assert "Kopi Lama" in _get(client, "/kelola/gambir/ukm/")
    ukm.nama = "Kopi Baru"
    ukm.save()
    body = _get(client, "/kelola/gambir/ukm/")
    assert "Kopi Baru" in body and "Kopi Lama" not in body


def test_the_management_menu_is_cached_per_post_and_role(client, pos_a, pos_b, operator_a, admin_provinsi):
    client.force_login(admin_provinsi)
    admin_menu = _get(client, "/kelola/gambir/")
    assert 'href="/kelola/gambir/operator/"' in admin_menu
    client.force_login(operator_a)
    operator_menu = _get(client, "/kelola/gambir/")
    assert 'href="/kelola/gambir/operator/"' not in operator_menu and 'href="/kelola/gambir/ukm/"' in operator_menu
    client.force_login(admin_provinsi)
    assert 'href="/kelola/tambora/ukm/"' in _get(client, "/kelola/tambora/")
