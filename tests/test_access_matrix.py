"""Walks every URL pattern of the project for every persona (see tests/access.py)."""

import re
from importlib import import_module, util

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from posyantek.extensions import aplikasi
from tests.access import Route, World

# every project app, in its order (posyantek.extensions.aplikasi): a new app needs no edit here
APPS = [config.label for config in aplikasi()]
# Third-party views with their own tests: allauth's account pages and the Django admin.
EXEMPT_MODULE_PREFIXES = ("allauth.", "django.views.i18n", "django.views.static")
EXEMPT_NAMESPACES = ("admin",)


def access_modules():
    for app in APPS:
        if util.find_spec(f"tests.{app}.access") is not None:
            yield import_module(f"tests.{app}.access")


def all_routes() -> list[tuple[object, Route]]:
    return [(module, route) for module in access_modules() for route in module.ROUTES]


def walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            if ns in EXEMPT_NAMESPACES:
                continue
            yield from walk(entry.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            module = getattr(entry.callback, "__module__", "")
            if not module.startswith(EXEMPT_MODULE_PREFIXES):
                yield f"{namespace}{entry.name}"


def test_every_url_pattern_is_in_the_matrix():
    in_matrix = {route.name for _module, route in all_routes()}
    project = set(walk(get_resolver().url_patterns))
    assert project - in_matrix == set(), "URL patterns without an access-matrix entry"
    assert in_matrix - project == set(), "access-matrix entries for URLs that no longer exist"


@pytest.fixture
def world(pos_a, pos_b, operator_a, operator_b, pemilik_ukm, admin_provinsi, juri):
    return World(
        pos_a=pos_a,
        pos_b=pos_b,
        users={"op_a": operator_a, "op_b": operator_b, "owner": pemilik_ukm, "admin": admin_provinsi, "juri": juri},
    )


@pytest.mark.django_db
@pytest.mark.parametrize("module,route", all_routes(), ids=lambda value: getattr(value, "name", ""))
def test_access_matrix(client, world, module, route):
    if hasattr(module, "build"):
        module.build(world)
    url = reverse(route.name, kwargs=route.kwargs(world)) + route.query
    got = {}
    for persona in route.expect:  # PERSONAS, plus "juri" where a route lists it
        client.logout()
        if persona != "anon":
            client.force_login(world.users[persona])
        response = getattr(client, route.method)(url, route.data(world))
        got[persona] = response.status_code
        if persona != "anon" or url.startswith(PRIVATE_PREFIXES):
            assert_not_stored(response, url, persona)
    assert got == route.expect, url


# Private responses are never kept in a browser's cache (a shared office PC): everything under
# /kelola/ and /akun/, and everything a logged-in person is shown, except what the view declared the
# same for everyone (Cache-Control: public — a guide's QR code, the public calendar feeds).
PRIVATE_PREFIXES = ("/kelola/", "/akun/")


def assert_not_stored(response, url, persona):
    directives = {part.strip().lower() for part in response.get("Cache-Control", "").split(",")}
    if "public" in directives and not url.startswith(PRIVATE_PREFIXES):
        return
    assert {"private", "no-store"} <= directives, f"{persona} {url}: Cache-Control {response.get('Cache-Control')!r}"


# SQL that writes a row (or bumps the data version, which only a write does). The session row and
# the database cache table are the framework's request state, not the portal's data.
WRITE_SQL = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b|\bnextval\(", re.IGNORECASE)
NOT_DATA = ("django_session", "posyantek_cache")


def _writes(queries) -> list[str]:
    return [q["sql"] for q in queries if WRITE_SQL.search(q["sql"]) and not any(t in q["sql"] for t in NOT_DATA)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "module,route", [(m, r) for m, r in all_routes() if r.method == "get"], ids=lambda value: getattr(value, "name", "")
)
def test_get_of_the_access_matrix_writes_nothing(client, world, module, route):
    """Reads only read: no GET of any URL, for any persona, inserts, updates or deletes a row."""
    if hasattr(module, "build"):
        module.build(world)
    url = reverse(route.name, kwargs=route.kwargs(world)) + route.query
    got = {}
    for persona in route.expect:
        client.logout()
        if persona != "anon":
            client.force_login(world.users[persona])
        with CaptureQueriesContext(connection) as ctx:
            client.get(url, route.data(world))
        got[persona] = _writes(ctx.captured_queries)
    assert got == {persona: [] for persona in route.expect}, url
