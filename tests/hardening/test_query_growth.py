"""Queries do not grow with data: every list page runs as many queries at 10·N rows as at N.

The pages come from each app's ``tests/<app>/hardening.py`` ``LIST_PAGES`` (tests/hardening/registry.py).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.hardening.registry import ListPage, build_world, collect

pytestmark = pytest.mark.django_db

LIST_PAGES: list[ListPage] = collect("LIST_PAGES")


def queries_for(client, url: str) -> tuple[int, list[str]]:
    client.get(url)  # warm: sessions, caches, the language; only the second request is counted
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


def test_every_app_with_list_pages_is_registered():
    assert {p.name for p in LIST_PAGES} >= {"akun saya: pos yang dikelola", "kelola: pilih pos"}


@pytest.mark.parametrize("spec", LIST_PAGES, ids=lambda spec: spec.name)
def test_list_page_queries_do_not_grow_with_rows(client, world, spec: ListPage, tanpa_fragmen):
    """Measured with the fragment cache off: a cache hit costs one query at any size, so counting hits
    could never fail (and a miss crossing the cache's one-minute clock window made it flaky)."""
    build_world(world)
    if spec.login:
        client.force_login(world.users[spec.login])
    url = spec.url(world)
    spec.grow(world, spec.n)
    small, small_sql = queries_for(client, url)
    spec.grow(world, 9 * spec.n)
    large, large_sql = queries_for(client, url)
    extra = [sql for sql in large_sql if sql not in small_sql][:5]
    assert large == small, f"{spec.name}: {small} queries at {spec.n} rows, {large} at {10 * spec.n}; new: {extra}"
