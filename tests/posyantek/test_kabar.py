"""A post's news: photos checked by content, public page, detail page, Atom feed, drafts hidden."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from posyantek.models import FOTO_MAKS_PER_KABAR, Kabar, KabarFoto
from tests.hostile_files import CLEANED, GPS_JPEG, HOSTILE_IMAGES, VALID_JPEG, VALID_PNG, upload
from tests.posyantek.factories import KabarFactory, KabarFotoFactory

pytestmark = pytest.mark.django_db

HARI_INI = datetime.date.today()
ATOM = "{http://www.w3.org/2005/Atom}"


def data(**extra) -> dict:
    return {
        "judul": "Pelatihan kemasan produk",
        "tanggal": HARI_INI.isoformat(),
        "isi": "Dua puluh UKM ikut.\n\nSesi kedua bulan depan.",
        "is_terbit": "on",
        "keterangan_foto": "Peserta berlatih",
        **extra,
    }


def test_operator_writes_news_with_photos_and_it_is_public(client, client_as, operator_a, pos_a):
    foto = [upload("a.jpg", VALID_JPEG, "image/jpeg"), upload("b.png", VALID_PNG, "image/png")]
    response = client_as(operator_a).post("/kelola/gambir/kabar/tambah/", data(foto=foto))
    assert response["Location"] == "/kelola/gambir/kabar/"
    kabar = Kabar.objects.get()
    assert (kabar.pos, kabar.penulis, kabar.foto_set.count()) == (pos_a, operator_a, 2)
    assert [f.keterangan for f in kabar.foto_set.all()] == ["Peserta berlatih"] * 2
    assert all(f.lebar > 0 and f.tinggi > 0 for f in kabar.foto_set.all())
    client.logout()
    pos_page = client.get("/pos/gambir/").content.decode()
    assert "Pelatihan kemasan produk" in pos_page and kabar.get_absolute_url() in pos_page
    detail = client.get(kabar.get_absolute_url())
    body = detail.content.decode()
    assert detail.status_code == 200 and "<p>Dua puluh UKM ikut.</p>" in body and 'alt="Peserta berlatih"' in body


def test_photo_exif_is_stripped(client_as, operator_a):
    client_as(operator_a).post("/kelola/gambir/kabar/tambah/", data(foto=[upload("gps.jpg", GPS_JPEG, "image/jpeg")]))
    from PIL import Image

    with Image.open(KabarFoto.objects.get().foto.open("rb")) as image:
        assert not image.getexif()


@pytest.mark.parametrize("name,content,ctype", HOSTILE_IMAGES, ids=[h[0] for h in HOSTILE_IMAGES])
def test_hostile_photos_are_refused_or_cleaned(client_as, operator_a, settings, name, content, ctype):
    response = client_as(operator_a).post("/kelola/gambir/kabar/tambah/", data(foto=[upload(name, content, ctype)]))
    if name in CLEANED:
        assert response.status_code == 302
        stored = KabarFoto.objects.get().foto.name
        assert ".." not in stored and stored.startswith("kabar/gambir/")
    else:
        assert response.status_code == 200
        assert "field-error" in response.content.decode()
        assert not Kabar.objects.exists() and not KabarFoto.objects.exists()
        assert not (settings.MEDIA_ROOT / "kabar").exists()


def test_one_bad_photo_among_good_ones_saves_nothing(client_as, operator_a):
    foto = [
        upload("ok.jpg", VALID_JPEG, "image/jpeg"),
        upload("script.svg", b"<svg><script>1</script></svg>", "image/svg+xml"),
    ]
    response = client_as(operator_a).post("/kelola/gambir/kabar/tambah/", data(foto=foto))
    assert "script.svg" in response.content.decode()
    assert not Kabar.objects.exists() and not KabarFoto.objects.exists()


def test_at_most_six_photos_per_news_item(client_as, operator_a, pos_a):
    kabar = KabarFactory(pos=pos_a)
    KabarFotoFactory.create_batch(FOTO_MAKS_PER_KABAR - 1, kabar=kabar)
    foto = [upload(f"{i}.jpg", VALID_JPEG, "image/jpeg") for i in range(2)]
    response = client_as(operator_a).post(f"/kelola/gambir/kabar/{kabar.pk}/ubah/", data(foto=foto, judul="Judul baru"))
    assert "Paling banyak 6 foto per kabar (sudah ada 5)." in response.content.decode()
    kabar.refresh_from_db()
    assert kabar.foto_set.count() == 5 and kabar.judul != "Judul baru"


@pytest.mark.parametrize(
    "extra,message",
    [
        ({"judul": ""}, "di sini."),
        ({"judul": "x" * 161}, "paling banyak 160"),
        ({"tanggal": "kemarin"}, "Pilih tanggal dari kalender"),
        ({"isi": ""}, "di sini."),
        ({"keterangan_foto": "x" * 201}, "paling banyak 200"),
    ],
)
def test_hostile_input_is_refused_and_writes_nothing(client_as, operator_a, extra, message):
    response = client_as(operator_a).post("/kelola/gambir/kabar/tambah/", data(**extra))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Kabar.objects.exists()


def test_html_in_news_is_escaped(client, pos_a):
    kabar = KabarFactory(pos=pos_a, judul="<img src=x onerror=alert(1)>", isi="<script>alert(1)</script>")
    body = client.get(kabar.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in body and "<img src=x" not in body
    assert "&lt;script&gt;" in body


def test_drafts_and_future_items_stay_hidden(client, pos_a):
    draf = KabarFactory(pos=pos_a, judul="Draf rahasia", is_terbit=False)
    nanti = KabarFactory(pos=pos_a, judul="Kabar masa depan", tanggal=HARI_INI + datetime.timedelta(days=3))
    for url in ["/pos/gambir/", "/pos/gambir/kabar/", "/pos/gambir/kabar.atom", "/"]:
        body = client.get(url).content.decode()
        assert "Draf rahasia" not in body and "Kabar masa depan" not in body
    assert client.get(draf.get_absolute_url()).status_code == 404
    assert client.get(nanti.get_absolute_url()).status_code == 404


def test_news_of_one_post_is_not_found_under_another(client, pos_a, pos_b):
    kabar = KabarFactory(pos=pos_b)
    assert client.get(f"/pos/gambir/kabar/{kabar.pk}/").status_code == 404


def test_atom_feed_lists_published_news(client, pos_a, pos_b):
    lama = KabarFactory(pos=pos_a, judul="Kabar lama", tanggal=HARI_INI - datetime.timedelta(days=10))
    baru = KabarFactory(pos=pos_a, judul="Kabar baru & segar")
    KabarFactory(pos=pos_b, judul="Kabar Tambora")
    response = client.get("/pos/gambir/kabar.atom")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.find(f"{ATOM}title").text == "Kabar kegiatan Posyantek Kecamatan Gambir"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Kabar baru & segar", "Kabar lama"]
    assert entries[0].find(f"{ATOM}link").get("href").endswith(baru.get_absolute_url())
    assert entries[1].find(f"{ATOM}summary").text == lama.ringkasan


def test_pos_page_links_its_feed_in_the_head(client, pos_a):
    body = client.get("/pos/gambir/").content.decode()
    head = body.split("</head>")[0]
    assert '<link rel="alternate" type="application/atom+xml" href="/pos/gambir/kabar.atom"' in head


def test_unknown_post_feed_is_404(client, wilayah):
    assert client.get("/pos/tidak-ada/kabar.atom").status_code == 404


def test_photo_delete_and_news_delete(client_as, operator_a, pos_a, django_capture_on_commit_callbacks, settings):
    kabar = KabarFactory(pos=pos_a)
    foto = KabarFotoFactory(kabar=kabar)
    path = settings.MEDIA_ROOT / foto.foto.name
    assert path.exists()
    client = client_as(operator_a)
    assert client.get(f"/kelola/gambir/kabar/{kabar.pk}/foto/{foto.pk}/hapus/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/kelola/gambir/kabar/{kabar.pk}/foto/{foto.pk}/hapus/")
    assert response["Location"] == f"/kelola/gambir/kabar/{kabar.pk}/ubah/"
    assert not KabarFoto.objects.exists() and not path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/kelola/gambir/kabar/{kabar.pk}/hapus/")
    assert not Kabar.objects.exists()


def test_other_posts_news_cannot_be_touched(client_as, operator_a, pos_b):
    kabar = KabarFactory(pos=pos_b, judul="Kabar Tambora")
    foto = KabarFotoFactory(kabar=kabar)
    client = client_as(operator_a)
    assert "Kabar Tambora" not in client.get("/kelola/gambir/kabar/").content.decode()
    assert client.post(f"/kelola/gambir/kabar/{kabar.pk}/ubah/", data()).status_code == 404
    assert client.post(f"/kelola/gambir/kabar/{kabar.pk}/foto/{foto.pk}/hapus/").status_code == 404
    assert client.post(f"/kelola/gambir/kabar/{kabar.pk}/hapus/").status_code == 404
    kabar.refresh_from_db()
    assert kabar.judul == "Kabar Tambora" and kabar.foto_set.count() == 1


def test_home_page_shows_latest_news_across_posts(client, pos_a, pos_b):
    KabarFactory(pos=pos_a, judul="Kabar dari Gambir")
    KabarFactory(pos=pos_b, judul="Kabar dari Tambora")
    body = client.get("/").content.decode()
    assert "Kabar dari Gambir" in body and "Kabar dari Tambora" in body


def test_public_pages_query_count_is_constant(client, pos_a):
    """The same number of queries with 1 and with 3 news items (other apps' sections included)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    urls = ["/pos/gambir/", "/pos/gambir/kabar/", "/pos/gambir/kabar.atom", "/"]

    def counts() -> dict[str, int]:
        result = {}
        for url in urls:
            client.get(url)  # warm caches (content types, sessions) so only the page's own reads count
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            result[url] = len(captured)
        return result

    for kabar in KabarFactory.create_batch(1, pos=pos_a):
        KabarFotoFactory(kabar=kabar)
    one = counts()
    for kabar in KabarFactory.create_batch(2, pos=pos_a):
        KabarFotoFactory(kabar=kabar)
    assert counts() == one


@pytest.mark.parametrize("n", [1, 3])
def test_kelola_list_query_count_is_constant(client_as, operator_a, pos_a, django_assert_num_queries, n):
    for kabar in KabarFactory.create_batch(n, pos=pos_a):
        KabarFotoFactory(kabar=kabar)
    client = client_as(operator_a)
    client.get("/kelola/gambir/kabar/")
    with django_assert_num_queries(6):  # + the data version (the post's menu is a cached fragment)
        response = client.get("/kelola/gambir/kabar/")
    assert len(response.context["kabar_list"]) == n
