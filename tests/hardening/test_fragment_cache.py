"""Cached fragments of public pages (``{% fragmen %}``, ``posyantek.versi``): a hit runs no page
query, a saved change shows at once, what differs per visitor stays outside the cache, and one
post's dashboard is never served for another."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from posyantek import versi
from posyantek.templatetags.portal import FRAGMEN, Lingkup
from teknologi.models import StatusTeknologi, Teknologi
from tests.hardening.registry import build_world
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


def test_the_version_is_bumped_again_at_commit(pos_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            before = versi.baca()
            pos_a.save()
            MitraFactory(pos=pos_a)
            inside = versi.baca()
        assert inside > before  # visible inside the writing transaction at once
        assert versi.baca() == inside  # nothing ran yet: the commit's bumps are queued
    # one queued bump per write (counting them would mean reading Django's private on-commit list)
    assert callbacks.count(versi._bump) == 2
    assert versi.baca() == inside + 2


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
    assert callbacks.count(versi._bump) == 1  # the savepoint's write went, and its queued bump with it


def test_the_key_changes_with_the_clock_window(monkeypatch):
    now = 1_800_000_000.0
    monkeypatch.setattr(versi.time, "time", lambda: now)
    first = versi.kunci()
    monkeypatch.setattr(versi.time, "time", lambda: now + versi.WINDOW)
    assert versi.kunci() != first


def test_a_fragment_without_the_version_is_never_cached():
    template = Template('{% load portal %}{% fragmen "pos_grid" %}{{ n }}{% endfragmen %}')
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


# -- the registry: every fragment, two posts, two roles ---------------------------------------------

# For each registered fragment: the pages that render it, as (persona, url) for two posts and two
# roles. A public fragment is shown to anonymous visitors and to an operator (and, where the page is
# one post's, for both posts); a private one to post A's and B's operators and the admin provinsi on
# both posts.


def _dua_pos(url):
    return lambda w: [url(w, w.pos_a), url(w, w.pos_b)]


def _sama(url):
    return lambda w: [url(w, None)]


_PUBLIK = ("anon", "op_a")
_PRIBADI = {"op_a": "pos_a", "op_b": "pos_b", "admin": "both"}

FRAGMEN_HALAMAN = {
    "beranda_data": _sama(lambda w, p: reverse("beranda")),
    "beranda_kota": _sama(lambda w, p: reverse("beranda")),
    "cari": _dua_pos(lambda w, p: reverse("cari") + f"?q={p.kecamatan.nama}"),
    "jadwal_list": _dua_pos(lambda w, p: reverse("pelatihan:jadwal-list") + f"?pos={p.slug}"),
    "lomba_list": _sama(lambda w, p: reverse("lomba:publik-list")),
    "panduan": _sama(lambda w, p: reverse("teknologi:panduan-detail", args=[w.obj["terbit"].slug])),
    "pos_cari": _dua_pos(lambda w, p: reverse("pos-list") + f"?q={p.kecamatan.nama}"),
    "pos_detail": _dua_pos(lambda w, p: reverse("pos-detail", args=[p.slug])),
    "pos_grid": _sama(lambda w, p: reverse("pos-list")),
    "ttg_katalog": _dua_pos(lambda w, p: reverse("teknologi:teknologi-list") + f"?kecamatan={p.kecamatan.slug}"),
    "ukm_direktori": _dua_pos(lambda w, p: reverse("ukm:direktori") + f"?kecamatan={p.kecamatan.slug}"),
    "dasbor_pos": _dua_pos(lambda w, p: reverse("kelola:pos-dasbor", args=[p.slug])),
    "kelola_nav": _dua_pos(lambda w, p: reverse("kelola:pos-ringkasan", args=[p.slug])),
    "ukm_kelola": _dua_pos(lambda w, p: reverse("ukm:kelola-list", args=[p.slug])),
}


def _kasus(world, name):
    urls = FRAGMEN_HALAMAN[name](world)
    if FRAGMEN[name] is Lingkup.PUBLIK:
        return [(persona, url) for persona in _PUBLIK for url in urls]
    a, b = urls
    return [("op_a", a), ("op_b", b), ("admin", a), ("admin", b)]


def _bersih(body: str) -> str:
    """The page without what differs per request: CSRF tokens and CSP nonces."""
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    return re.sub(r'nonce="[^"]+"', "", body)


def _kunci_fragmen(name) -> set:
    return {key for key in caches["fragments"]._cache if f"template.cache.{name}." in key}


def test_every_registered_fragment_has_its_pages():
    assert set(FRAGMEN_HALAMAN) == set(FRAGMEN)
    for template_dir in [Path(settings.BASE_DIR) / "templates"]:
        used = {
            m.group(1)
            for path in template_dir.rglob("*.html")
            for m in re.finditer(r'{% fragmen "(\w+)"', path.read_text())
        }
    assert used == set(FRAGMEN), "a fragment is registered but never used, or used but not registered"


def test_an_unregistered_fragment_is_refused():
    with pytest.raises(TemplateSyntaxError):
        Template('{% load portal %}{% fragmen "geheim" %}x{% endfragmen %}')


@pytest.mark.parametrize("name", sorted(FRAGMEN))
def test_no_fragment_is_served_across_posts_or_roles(world, name, settings):
    """Each page is rendered twice with the cache on, after the other posts' and roles' renderings
    filled it, and must equal its rendering with the cache off. A fragment keyed too coarsely would
    hand one post's or one role's HTML to the other (remove the post from a private fragment's key
    and this fails for dasbor_pos, kelola_nav and ukm_kelola)."""
    build_world(world)
    cases = _kasus(world, name)
    clients = {}
    for persona, _url in cases:
        if persona not in clients:
            clients[persona] = Client()
            if persona != "anon":
                clients[persona].force_login(world.users[persona])
    caches["fragments"].clear()
    panas = {}
    for _putaran in range(2):  # the second round is served from the cache the first filled
        for persona, url in cases:
            panas[persona, url] = _get(clients[persona], url)
    assert _kunci_fragmen(name), f"{name}: no page of {cases} rendered it"
    if FRAGMEN[name] is Lingkup.POS_PERAN:
        assert len(_kunci_fragmen(name)) == len(cases), "one cached copy per post and role"
    settings.CACHES = {**settings.CACHES, "fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    for persona, url in cases:
        dingin = _get(clients[persona], url)
        assert _bersih(panas[persona, url]) == _bersih(dingin), f"{name}: {persona} on {url} got another's fragment"
    if FRAGMEN[name] is Lingkup.POS_PERAN:
        halaman = {_bersih(panas[case]) for case in cases}
        assert len(halaman) == len(cases), "the posts and roles must see different pages, or this proves nothing"


# -- bulk writes ---------------------------------------------------------------------------------


def test_every_model_of_the_project_bumps_on_bulk_writes():
    """Every model of the project's own apps (found from the app configs, as the signals are) has a
    default manager on ``VersiQuerySet``, so ``update()``/``bulk_create()``/``bulk_update()`` bump."""
    from django.apps import apps

    assert versi.aplikasi_proyek() >= {"posyantek", "ukm", "teknologi", "pelatihan", "lomba"}
    assert not versi.aplikasi_proyek() & {"auth", "account", "sessions", "admin", "simple_history"}
    tanpa = [
        model._meta.label
        for model in apps.get_models()
        if not versi._abaikan(model, {}) and not isinstance(model._default_manager.all(), versi.VersiQuerySet)
    ]
    assert tanpa == []


def test_update_bulk_create_and_bulk_update_bump_the_version(pos_a):
    mitra = MitraFactory(pos=pos_a)
    before = versi.baca()
    assert type(mitra).objects.filter(pk=mitra.pk).update(nama="Mitra Baru") == 1
    after_update = versi.baca()
    assert after_update > before
    assert type(mitra).objects.filter(pk=-1).update(nama="x") == 0
    assert versi.baca() == after_update  # nothing written, nothing to show afresh
    mitra.nama = "Mitra Lagi"
    type(mitra).objects.bulk_update([mitra], ["nama"])
    after_bulk_update = versi.baca()
    assert after_bulk_update > after_update
    from posyantek.models import Kota

    kota = Kota.objects.first()
    Kota.objects.filter(pk=kota.pk).update(nama_pendek=kota.nama_pendek)
    assert versi.baca() > after_bulk_update
