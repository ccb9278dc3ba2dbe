import re

import pytest
from django.db import connection
from django.urls import reverse

from posyantek.models import Pos

pytestmark = pytest.mark.django_db


def strip_csrf(content: bytes) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", content.decode())


def test_beranda_explains_posyantek_and_links_kota(client, wilayah):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Teknologi tepat guna untuk UKM Jakarta" in body
    assert "Jakarta Pusat" in body and "Kepulauan Seribu" in body


def test_pos_list_groups_all_44_posts_by_kota(client, wilayah, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get("/pos/")
    body = response.content.decode()
    assert len(set(re.findall(r'href="/pos/([a-z0-9-]+)/"', body))) == 44
    grid = body[body.index("</figure>") :]  # after the map
    assert grid.index("Kota Administrasi Jakarta Pusat") < grid.index("Posyantek Kecamatan Gambir")


def test_pos_detail_shows_profile_and_kelurahan(client, pos_a):
    pos_a.alamat = "Jl. Medan Merdeka Barat 1"
    pos_a.is_percontohan = True
    pos_a.save()
    response = client.get("/pos/gambir/")
    body = response.content.decode()
    assert "Jl. Medan Merdeka Barat 1" in body
    assert "Pos percontohan" in body
    assert "Cideng" in body and "10150" in body


def test_pos_detail_unknown_slug_is_404_in_indonesian(client, wilayah):
    response = client.get("/pos/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_for_user_scopes_posts(operator_a, admin_provinsi, pemilik_ukm, pos_a):
    assert list(Pos.objects.for_user(operator_a)) == [pos_a]
    assert Pos.objects.for_user(admin_provinsi).count() == 44
    assert Pos.objects.for_user(pemilik_ukm).count() == 0


def test_kelola_anonymous_redirects_to_login(client, wilayah):
    response = client.get("/kelola/gambir/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/login/")


def test_kelola_other_post_is_404_like_missing_post(client_as, operator_a, pos_b):
    client = client_as(operator_a)
    other = client.get("/kelola/tambora/profil/ubah/")
    missing = client.get("/kelola/tidak-ada/profil/ubah/")
    assert other.status_code == missing.status_code == 404
    assert strip_csrf(other.content).replace("tambora", "X") == strip_csrf(missing.content).replace("tidak-ada", "X")
    assert "Tambora" not in other.content.decode()


def test_kelola_post_to_other_post_changes_nothing(client_as, operator_a, pos_b):
    client = client_as(operator_a)
    response = client.post("/kelola/tambora/profil/ubah/", {"alamat": "Diretas"})
    assert response.status_code == 404
    pos_b.refresh_from_db()
    assert pos_b.alamat == ""


def test_kelola_index_single_post_operator_goes_to_post(client_as, operator_a):
    response = client_as(operator_a).get("/kelola/")
    assert response.status_code == 302
    assert response["Location"] == "/kelola/gambir/"


def test_kelola_index_forbidden_for_ukm_owner(client_as, pemilik_ukm):
    assert client_as(pemilik_ukm).get("/kelola/").status_code == 403


def test_operator_updates_profile_and_public_page_shows_it(client_as, operator_a, pos_a):
    client = client_as(operator_a)
    response = client.post(
        "/kelola/gambir/profil/ubah/",
        {
            "alamat": "Jl. Tanah Abang II No. 5",
            "telepon": "021-3456789",
            "layanan": "Demo alat\nKonsultasi",
            "latitude": "-6.175",
            "longitude": "106.82",
        },
    )
    assert response.status_code == 302
    pos_a.refresh_from_db()
    assert (pos_a.alamat, pos_a.telepon, pos_a.layanan_list) == (
        "Jl. Tanah Abang II No. 5",
        "021-3456789",
        ["Demo alat", "Konsultasi"],
    )
    assert "openstreetmap.org/?mlat=-6.175" in client.get("/pos/gambir/").content.decode()


@pytest.mark.parametrize(
    "data,message",
    [
        ({"email": "bukan-email"}, "alamat email yang valid"),
        ({"latitude": "100", "longitude": "106"}, "Nilai harus antara -90 dan 90."),
        ({"latitude": "-6.1"}, "Isi lintang dan bujur bersama-sama"),
        ({"situs": "javascript:alert(1)"}, "URL yang valid"),
        ({"alamat": "x" * 300}, "paling banyak 255"),
        ({"tanggal_sk": "2024-13-45"}, "Pilih tanggal dari kalender"),
    ],
)
def test_profile_hostile_input_is_refused_and_changes_nothing(client_as, operator_a, pos_a, data, message):
    response = client_as(operator_a).post("/kelola/gambir/profil/ubah/", {"alamat": "Alamat baru", **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    pos_a.refresh_from_db()
    assert pos_a.alamat == ""


def test_healthz_ok(client, db):
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (
        200,
        {"status": "ok", "database": "ok", "cache": "ok", "broker": "eager"},
    )


def test_healthz_503_when_the_cache_table_is_missing(client, db):
    from django.conf import settings

    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {settings.CACHES['default']['LOCATION']}")
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (
        503,
        {"status": "error", "database": "ok", "cache": "unavailable", "broker": "eager", "failed": ["cache"]},
    )


def test_migrate_creates_the_cache_table_it_needs(db):
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command

    table = settings.CACHES["default"]["LOCATION"]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {table}")
    assert table not in connection.introspection.table_names()
    call_command("migrate", verbosity=0)
    assert table in connection.introspection.table_names()
    cache.set("posyantek:uji", "ada", 60)
    assert cache.get("posyantek:uji") == "ada"


def test_healthz_503_when_database_fails(client, db, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("database is down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    # The default cache is the database's table here, so it is named too.
    assert (response.json()["database"], response.json()["failed"]) == ("unavailable", ["database", "cache"])
