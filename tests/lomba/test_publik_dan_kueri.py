"""Public results, and the number of queries of every list and ranking page at 1 and 3 items."""

import pytest
from django.urls import reverse

from lomba import services
from posyantek.models import Pos
from tests.lomba.factories import JuriFactory, lomba_dengan_templat, nilai_semua

pytestmark = pytest.mark.django_db

SLUGS = ["gambir", "tambora", "menteng"]


def buat(admin, juri_list, *, n: int, tahun: int = 2025, status: str = "diumumkan"):
    """A competition with n entries, scored by every juri, moved to ``status``."""
    lomba = lomba_dengan_templat(oleh=admin, tahun=tahun)
    peserta = [services.peserta_pos_buat(lomba=lomba, pos=Pos.objects.get(slug=s), oleh=admin) for s in SLUGS[:n]]
    for j in juri_list:
        services.penugasan_buat(lomba=lomba, juri=j, oleh=admin)
    if status == "draft":
        return lomba, peserta
    services.lomba_penilaian_mulai(lomba=lomba, oleh=admin)
    for j in juri_list:
        for i, p in enumerate(peserta):
            nilai_semua(juri=j, peserta=p, nilai=90 - 5 * i)
    if status == "penilaian":
        return lomba, peserta
    services.lomba_finalkan(lomba=lomba, oleh=admin)
    if status == "diumumkan":
        services.lomba_umumkan(lomba=lomba, oleh=admin)
    lomba.refresh_from_db()
    return lomba, peserta


def test_public_results_show_announced_competitions_only(client, admin_provinsi, juri, wilayah):
    umum, _ = buat(admin_provinsi, [juri], n=2, tahun=2024)
    final, _ = buat(admin_provinsi, [juri], n=2, tahun=2025, status="final")
    dinilai, _ = buat(admin_provinsi, [juri], n=2, tahun=2026, status="penilaian")
    page = client.get(reverse("lomba:publik-list")).content.decode()
    assert umum.nama in page and final.nama not in page and dinilai.nama not in page
    assert client.get(final.get_absolute_url()).status_code == 404
    assert client.get(dinilai.get_absolute_url()).status_code == 404
    detail = client.get(umum.get_absolute_url()).content.decode()
    assert "Juara I" in detail and "Juara II" in detail and "90,00" in detail and "85,00" in detail
    assert "Cara menghitung peringkat" in detail and "templat bawaan portal" in detail
    assert "Juri Satu" not in detail  # juri names and their scores stay off the public page


def test_public_results_empty_state(client, db):
    assert "Belum ada hasil lomba yang diumumkan." in client.get(reverse("lomba:publik-list")).content.decode()


def test_public_detail_of_an_imported_national_result(client, admin_provinsi, wilayah):
    nasional = lomba_dengan_templat(oleh=admin_provinsi, tingkat="nasional", sumber_hasil="impor")
    impor = services.impor_nasional_pratinjau(
        lomba=nasional,
        nama_berkas="h.csv",
        oleh=admin_provinsi,
        data=b"peserta,provinsi,total,peringkat\nPosyantek Singosari,Jawa Timur,90,1\nPosyantek Gambir,DKI "
        b"Jakarta,80,2\n",
    )
    services.impor_nasional_terapkan(impor=impor, oleh=admin_provinsi)
    services.lomba_umumkan(lomba=nasional, oleh=admin_provinsi)
    page = client.get(nasional.get_absolute_url()).content.decode()
    assert "Hasil dari panitia nasional" in page and "ditetapkan panitia nasional dan diimpor apa adanya" in page
    assert page.index("Posyantek Singosari") < page.index("Posyantek Kecamatan Gambir")
    assert "Jawa Timur" in page


# --- Query counts: the same at 1 and 3 items --------------------------------------------------------


@pytest.fixture
def juri_pair(db):
    return [
        JuriFactory(email="kueri1@posyantek.test", nama="Kueri Satu"),
        JuriFactory(email="kueri2@posyantek.test", nama="Kueri Dua"),
    ]


@pytest.mark.parametrize("n", [1, 3])
def test_query_count_public_list(client, admin_provinsi, juri_pair, wilayah, django_assert_num_queries, n):
    for tahun in range(2020, 2020 + n):
        buat(admin_provinsi, juri_pair, n=n, tahun=tahun)
    with django_assert_num_queries(3):  # the list, its winners, the data version of the cached list
        response = client.get(reverse("lomba:publik-list"))
    assert response.content.decode().count("Peringkat lengkap") == n


@pytest.mark.parametrize("n", [1, 3])
def test_query_count_public_detail(client, admin_provinsi, juri_pair, wilayah, django_assert_num_queries, n):
    lomba, _ = buat(admin_provinsi, juri_pair, n=n)
    with django_assert_num_queries(4):
        response = client.get(lomba.get_absolute_url())
    assert response.content.decode().count('class="rank"') == n


@pytest.mark.parametrize("n", [1, 3])
def test_query_count_kelola_list(client_as, admin_provinsi, juri_pair, wilayah, django_assert_num_queries, n):
    for tahun in range(2020, 2020 + n):
        buat(admin_provinsi, juri_pair, n=1, tahun=tahun)
    for user, expected in ((admin_provinsi, 6), (juri_pair[0], 6)):
        client = client_as(user)
        with django_assert_num_queries(expected):
            response = client.get(reverse("lomba:kelola-list"))
        assert response.content.decode().count("Lomba Posyantek Berprestasi Tingkat Provinsi") == n


@pytest.mark.parametrize("n", [1, 3])
def test_query_count_kelola_detail(client_as, admin_provinsi, juri_pair, wilayah, django_assert_num_queries, n):
    lomba, _ = buat(admin_provinsi, juri_pair, n=n, status="penilaian")
    client = client_as(admin_provinsi)
    with django_assert_num_queries(17):
        client.get(lomba.get_kelola_url())
    client = client_as(juri_pair[0])
    with django_assert_num_queries(14):
        response = client.get(lomba.get_kelola_url())
    assert response.content.decode().count("Ubah nilai") == n


def count_queries(client, url, data=None) -> tuple[int, object]:
    """(queries, response) of one GET; the layout's sections from other apps count on both sides."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, data)  # warm: the session, the language, cached navigation
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, data)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_query_count_hasil(client_as, admin_provinsi, juri_pair, wilayah):
    """The results page, its CSV and the minutes run as many queries with 1 entry as with 3."""
    client = client_as(admin_provinsi)
    counts = {}
    for n, tahun in ((1, 2024), (3, 2025)):
        lomba, _ = buat(admin_provinsi, juri_pair, n=n, status="final", tahun=tahun)
        pages = {}
        for name in ("lomba:hasil", "lomba:hasil-csv", "lomba:berita-acara"):
            pages[name], response = count_queries(client, reverse(name, kwargs={"pk": lomba.pk}))
            if name == "lomba:hasil":
                assert response.content.decode().count('class="rank"') == n
        counts[n] = pages
    assert counts[1] == counts[3]


@pytest.mark.parametrize("n", [1, 3])
def test_query_count_matriks(client_as, admin_provinsi, juri_pair, wilayah, django_assert_num_queries, n):
    lomba, _ = buat(admin_provinsi, juri_pair, n=n, status="penilaian")
    client = client_as(admin_provinsi)
    with django_assert_num_queries(13):
        response = client.get(reverse("lomba:matriks", kwargs={"pk": lomba.pk}))
    assert response.content.decode().count('<td class="sel-selesai">') == 2 * n


def test_query_count_peringkat(client_as, admin_provinsi, juri_pair, wilayah):
    """The year's ranking and its CSV run as many queries with 1 entry as with 3."""
    client = client_as(admin_provinsi)
    counts = {}
    for n, tahun in ((1, 2024), (3, 2025)):
        buat(admin_provinsi, juri_pair, n=n, tahun=tahun)
        page, response = count_queries(client, reverse("lomba:peringkat"), {"tahun": tahun})
        assert response.content.decode().count('class="rank"') == n
        csv, _ = count_queries(client, reverse("lomba:peringkat-csv", kwargs={"tahun": tahun}))
        counts[n] = (page, csv)
    assert counts[1] == counts[3]


@pytest.mark.parametrize("n", [1, 3])
def test_query_count_pos_entries(client_as, admin_provinsi, operator_a, pos_a, juri_pair, django_assert_num_queries, n):
    for tahun in range(2020, 2020 + n):
        buat(admin_provinsi, juri_pair, n=1, tahun=tahun)
    client = client_as(operator_a)
    with django_assert_num_queries(9):  # + the data version (the post's menu is a cached fragment)
        response = client.get(reverse("lomba:pos-peserta-list", kwargs={"pos_slug": pos_a.slug}))
    assert response.content.decode().count("Harapan") + response.content.decode().count("Juara I") == n


def test_results_and_weights_pages_in_english(client, client_as, admin_provinsi, juri, wilayah, settings):
    lomba, _ = buat(admin_provinsi, [juri], n=2)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(lomba.get_absolute_url()).content.decode()
    assert "How the ranking is computed" in page and "1st place" in page and "90.00" in page
    assert "the higher Paparan stage score ranks higher;" in page
    draf = lomba_dengan_templat(oleh=admin_provinsi, tahun=2030)
    admin = client_as(admin_provinsi)
    admin.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    bobot = admin.get(reverse("lomba:bobot", kwargs={"pk": draf.pk})).content.decode()
    assert "must add up to 100%, and the criterion weights within each stage to 100% too." in bobot
    assert "%%" not in bobot
