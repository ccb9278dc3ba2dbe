"""Security baseline with production settings, error pages, and the deploy checks."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client, RequestFactory

from posyantek.views.public import error_500

ROOT = Path(__file__).resolve().parents[2]


def production_env(tmp_path) -> dict:
    """The environment of a production deployment: no DEBUG, no TESTING, a real secret key."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "CI"))}
    env.update(
        DJANGO_SECRET_KEY="prod-" + "k3y-" * 16,
        DJANGO_ALLOWED_HOSTS="posyantek.example.id",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://posyantek.example.id",
        PORTAL_BASE_URL="https://posyantek.example.id",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DJANGO_PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
        DJANGO_LOG_LEVEL="WARNING",
    )
    return env


def test_check_deploy_passes_with_zero_warnings_in_production(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    "base_url", [None, "http://127.0.0.1:8000", "http://posyantek.example.id", "https://localhost:8000"]
)
def test_check_deploy_fails_on_a_local_or_plain_http_portal_base_url(tmp_path, base_url):
    env = production_env(tmp_path)
    if base_url is None:
        del env["PORTAL_BASE_URL"]
    else:
        env["PORTAL_BASE_URL"] = base_url
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "(posyantek.E001) PORTAL_BASE_URL=" in result.stderr
    assert "must be https and not a local address" in result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["DJANGO_SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "DJANGO_SECRET_KEY wajib diisi" in result.stderr


PROBE = r"""
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)  # and no createcachetable: migrate leaves a working cache
from django.test import Client
from posyantek.models import User
from allauth.account.models import EmailAddress
user = User.objects.create_user("op@contoh.test", "kata-sandi-produksi-panjang", is_juri=True)
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
host = {"HTTP_HOST": "posyantek.example.id"}
client = Client()
out = {}
plain = client.get("/pos/?kota=jakarta-pusat", **host)
out["http"] = [plain.status_code, plain.headers.get("Location")]
out["http_healthz"] = client.get("/healthz", **host).status_code
health = client.get("/healthz", secure=True, **host)
out["headers"] = dict(health.headers)
out["status"] = health.status_code
login = client.post(
    "/akun/login/", {"login": user.email, "password": "kata-sandi-produksi-panjang"}, secure=True, **host
)
out["login"] = login.status_code
lang = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, secure=True, **host)
def morsel(m):
    return {"secure": bool(m["secure"]), "httponly": bool(m["httponly"]), "samesite": m["samesite"]}
out["cookies"] = {name: morsel(m) for name, m in {**login.cookies, **lang.cookies}.items()}
from django.conf import settings
out["session_age"] = client.session.get_expiry_age()
print("PROBE" + json.dumps(out))
"""


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    """Runs requests through the whole middleware stack in a separate process with production
    settings (the in-process test settings relax cookies and redirects)."""
    tmp_path = tmp_path_factory.mktemp("prod")
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={**production_env(tmp_path), "DJANGO_SETTINGS_MODULE": "posyantek.settings"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    line = [row for row in result.stdout.splitlines() if row.startswith("PROBE")]
    assert line, result.stdout + result.stderr
    return json.loads(line[0][len("PROBE") :])


def test_production_redirects_http_to_https(probe):
    assert probe["http"] == [301, "https://posyantek.example.id/pos/?kota=jakarta-pusat"]
    assert probe["http_healthz"] == 200  # load balancers check health over plain http


def test_production_security_headers(probe):
    headers = {k.lower(): v for k, v in probe["headers"].items()}
    assert probe["status"] == 200
    assert headers["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert headers["x-frame-options"] == "DENY"
    assert headers["cross-origin-opener-policy"] == "same-origin"
    csp = dict(part.strip().split(" ", 1) for part in headers["content-security-policy"].split(";") if part.strip())
    assert csp["script-src"] == "'self'"
    assert csp["default-src"] == "'self'" and csp["frame-ancestors"] == "'none'" and csp["object-src"] == "'none'"
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert "unsafe-eval" not in headers["content-security-policy"]


def test_production_cookies_are_secure_httponly_samesite(probe):
    assert probe["login"] == 302
    for name in ["sessionid", "csrftoken", "django_language"]:
        assert probe["cookies"][name] == {"secure": True, "httponly": True, "samesite": "Lax"}, name


def test_production_managing_users_get_the_idle_timeout(probe):
    assert probe["session_age"] == 1800


# Error pages ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_403_page_is_indonesian(client_as, pemilik_ukm):
    response = client_as(pemilik_ukm).get("/kelola/")
    assert response.status_code == 403
    assert "Akses ditolak" in response.content.decode()


@pytest.mark.django_db
def test_csrf_failure_is_explained_in_indonesian(wilayah):
    response = Client(enforce_csrf_checks=True).post("/akun/login/", {"login": "a@contoh.test", "password": "x"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Formulir tidak dapat dikirim" in body and "CSRF" not in body


@pytest.mark.django_db
def test_500_page_is_indonesian_through_the_whole_stack(client, settings, wilayah):
    settings.ROOT_URLCONF = "tests.posyantek.urls_500"
    client.raise_request_exception = False
    response = client.get("/rusak/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Terjadi kesalahan di server" in body and '<html lang="id">' in body


def test_500_page_renders_without_a_database(monkeypatch):
    def broken(*args, **kwargs):
        raise connection.Database.OperationalError("database is down")

    monkeypatch.setattr(connection, "cursor", broken)
    request = RequestFactory().get("/")
    response = error_500(request)
    assert response.status_code == 500
    assert "Terjadi kesalahan di server" in response.content.decode()


def test_500_page_falls_back_when_its_template_fails(monkeypatch):
    from django.template import loader

    def broken(name, *args, **kwargs):
        raise OSError("disk gone")

    monkeypatch.setattr(loader, "get_template", broken)
    response = error_500(RequestFactory().get("/"))
    assert response.status_code == 500 and "Terjadi kesalahan di server" in response.content.decode()


@pytest.mark.django_db
def test_pages_have_no_inline_script_or_style(client, pos_a):
    import re

    for url in ["/", "/pos/", "/pos/gambir/", "/akun/login/", "/akun/signup/", "/tidak-ada/"]:
        body = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", body), url
        assert " style=" not in body and "<style" not in body, url
        assert not re.search(r"<[^>]+\son[a-z]+=", body), url  # no onclick= and friends


@pytest.mark.django_db
def test_operator_and_admin_pages_have_no_inline_script_or_style(client_as, operator_a, admin_provinsi):
    import re

    urls = [
        "/kelola/gambir/",
        "/kelola/gambir/pengurus/",
        "/kelola/gambir/layanan/",
        "/kelola/gambir/layanan/tambah/",
        "/kelola/gambir/kabar/tambah/",
        "/kelola/gambir/arsip/",
        "/kelola/",
        "/kelola/pengguna/",
        "/kelola/pengguna/undang/",
        "/kelola/gambir/operator/",
        "/kelola/gambir/percontohan/",
    ]
    client = client_as(admin_provinsi)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", body), url
        assert " style=" not in body and "<style" not in body, url
        assert not re.search(r"<[^>]+\son[a-z]+=", body), url
        assert "//cdn" not in body and "https://fonts." not in body, url
