"""The production configuration meets the Mozilla Observatory criteria for grade A.

The security settings are read from ``posyantek/settings.py`` imported in a separate process with a
production environment (no DEBUG, no TESTING, a secret key), then applied to this process, so the
test holds what production really runs — not values typed into the test.
"""

import json
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

SECURITY_SETTINGS = [
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SAMESITE",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_REDIRECT_EXEMPT",
]
SIX_MONTHS = 15_768_000


@pytest.fixture(scope="module")
def production_values():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "POSYANTEK_"))}
    env.update(DJANGO_SECRET_KEY="x" * 50, DJANGO_ALLOWED_HOSTS="posyantek.example.id")
    code = (
        f"import json, posyantek.settings as s; print(json.dumps({{k: getattr(s, k) for k in {SECURITY_SETTINGS!r}}}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=django_settings.BASE_DIR
    )
    values = json.loads(out.stdout.strip().splitlines()[-1])
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def production(settings, production_values):
    for key, value in production_values.items():
        setattr(settings, key, value)
    settings.ALLOWED_HOSTS = ["testserver"]
    assert settings.DEBUG is False
    return settings


def csp(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    directives = {}
    for part in header.split(";"):
        tokens = part.split()
        if tokens:
            directives[tokens[0]] = tokens[1:]
    return directives


def test_production_redirects_http_to_https(client, production, wilayah):
    response = client.get("/pos/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/pos/"


def test_production_health_check_answers_over_http(client, production, wilayah):
    # Load balancers probe plain http inside the network.
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("path", ["/", "/pos/", "/akun/login/", "/tidak-ada/"])
def test_production_headers_meet_observatory_grade_a(client, production, wilayah, path):
    response = client.get(path, secure=True)
    assert response.status_code in (200, 404)
    policy = csp(response)
    assert policy, "Content-Security-Policy missing"
    assert policy["default-src"] in (["'self'"], ["'none'"])
    for directive in ("script-src", "style-src"):
        sources = policy.get(directive, policy["default-src"])
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, directive
        assert not any(s in ("*", "http:", "https:", "data:") for s in sources), directive
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] in (["'self'"], ["'none'"])
    assert policy["form-action"] == ["'self'"]
    hsts = response["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= SIX_MONTHS
    assert "includeSubDomains" in hsts
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] in (
        "no-referrer",
        "same-origin",
        "strict-origin",
        "strict-origin-when-cross-origin",
    )
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "X-Request-ID" in response


def test_production_cookies_are_secure_httponly_samesite(client, production, operator_a):
    login_page = client.get(reverse("account_login"), secure=True)
    csrf_cookie = login_page.cookies["csrftoken"]
    assert csrf_cookie["secure"] and csrf_cookie["httponly"] and csrf_cookie["samesite"] in ("Lax", "Strict")
    response = client.post(
        reverse("account_login"),
        {"login": operator_a.email, "password": PASSWORD},
        secure=True,
        headers={"referer": "https://testserver/akun/login/"},
    )
    assert response.status_code == 302
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["secure"] and session_cookie["httponly"]
    assert session_cookie["samesite"] in ("Lax", "Strict")
    language = client.post(
        reverse("set_language"),
        {"language": "en", "next": "/"},
        secure=True,
        headers={"referer": "https://testserver/"},
    )
    language_cookie = language.cookies[django_settings.LANGUAGE_COOKIE_NAME]
    assert language_cookie["secure"] and language_cookie["httponly"] and language_cookie["samesite"] == "Lax"


def test_production_admin_login_has_the_same_headers(client, production, wilayah):
    response = client.get("/admin/login/", secure=True, follow=True)
    assert response.status_code == 200
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


# Browser caches (tests/test_access_matrix.py checks every private URL of the project) --------------


def test_private_responses_are_never_stored_but_public_pages_stay_cacheable(client, production, pemilik_ukm):
    assert client.get("/akun/login/", secure=True)["Cache-Control"] == "private, no-store"
    assert client.get("/akun/password/reset/", secure=True)["Cache-Control"] == "private, no-store"
    assert client.get("/kelola/", secure=True)["Cache-Control"] == "private, no-store"  # even the redirect to login
    assert "Cache-Control" not in client.get("/pos/", secure=True)
    client.force_login(pemilik_ukm)
    # The header of every page carries the person's name; their own pages carry their data.
    assert client.get("/pos/", secure=True)["Cache-Control"] == "private, no-store"
    assert client.get("/ukm/saya/", secure=True)["Cache-Control"] == "private, no-store"
