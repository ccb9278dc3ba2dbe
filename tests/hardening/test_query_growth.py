"""Queries do not grow with data: every list page runs as many queries at 10·N rows as at N.

The pages come from each app's ``tests/<app>/hardening.py`` ``LIST_PAGES`` (tests/hardening/registry.py).
"""

import inspect
import re
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLResolver, get_resolver, resolve

from posyantek import versi
from tests.hardening.registry import ListPage, build_world, collect

pytestmark = pytest.mark.django_db

LIST_PAGES: list[ListPage] = collect("LIST_PAGES")


def queries_for(client, url: str) -> tuple[int, list[str]]:
    client.get(url)  # warm: sessions, caches, the language; only the second request is counted
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


def _paginated_views() -> dict[str, type]:
    """URL name -> view class of every view that cuts a list into pages: it calls the one pagination
    helper (``posyantek.paginasi``) or is a Django list view with ``paginate_by``."""
    found = {}

    def walk(resolver, namespace):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern, ":".join(n for n in (namespace, pattern.namespace) if n))
                continue
            view = getattr(pattern.callback, "view_class", None)
            if view is None or view.__module__.split(".")[0] not in versi.aplikasi_proyek():
                continue
            source = inspect.getsource(view)
            if getattr(view, "paginate_by", None) or re.search(r"\b(halaman|halaman_kunci|nomor_halaman)\(", source):
                found[f"{namespace}:{pattern.name}" if namespace else pattern.name] = view

    walk(get_resolver(), "")
    return found


def test_every_paginated_page_of_every_app_is_registered(world):
    """Every app contributes its list pages, and every view that paginates is measured by a spec (a
    new list page without one fails here)."""
    build_world(world)
    registered = {resolve(urlsplit(spec.url(world)).path).view_name for spec in LIST_PAGES}
    paginated = _paginated_views()
    assert len(paginated) >= 15, paginated  # the walk finds the lists (a broken walk would pass anything)
    missing = sorted(set(paginated) - registered)
    assert missing == [], "list pages without a LIST_PAGES spec: " + ", ".join(missing)
    by_app = {spec_app for spec_app in (spec.url(world) and spec.name.split(":")[0] for spec in LIST_PAGES)}
    assert by_app, "no list page registered"


@pytest.mark.parametrize("spec", LIST_PAGES, ids=lambda spec: spec.name)
def test_list_page_queries_do_not_grow_with_rows(client, world, spec: ListPage, tanpa_fragmen):
    """Measured with the fragment cache off: a cache hit costs one query at any size, so counting hits
    could never fail (and a miss crossing the cache's one-minute clock window made it flaky)."""
    build_world(world)
    if spec.login:
        client.force_login(spec.login(world) if callable(spec.login) else world.users[spec.login])
    url = spec.url(world)
    spec.grow(world, spec.n)
    small, small_sql = queries_for(client, url)
    spec.grow(world, 9 * spec.n)
    large, large_sql = queries_for(client, url)
    extra = [sql for sql in large_sql if sql not in small_sql][:5]
    assert large == small, f"{spec.name}: {small} queries at {spec.n} rows, {large} at {10 * spec.n}; new: {extra}"
