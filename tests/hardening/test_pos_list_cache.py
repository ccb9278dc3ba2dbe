"""The post list's cached grid: one query on a hit, and a saved change shows at once."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_fragments():
    caches["fragments"].clear()
    yield
    caches["fragments"].clear()


def test_pos_list_hit_costs_one_query(client, wilayah):
    first = client.get("/pos/").content.decode()
    with CaptureQueriesContext(connection) as ctx:
        second = client.get("/pos/").content.decode()
    assert len(ctx.captured_queries) == 1
    assert first.count('href="/pos/') == second.count('href="/pos/') >= 44


def test_pos_list_shows_a_saved_change_at_once(client, pos_a):
    assert "Percontohan" not in client.get("/pos/").content.decode()
    pos_a.is_percontohan = True
    pos_a.save()
    assert "Percontohan" in client.get("/pos/").content.decode()


def test_pos_list_is_cached_per_language(client, pos_a):
    pos_a.is_percontohan = True
    pos_a.save()
    assert "Percontohan" in client.get("/pos/").content.decode()
    client.cookies["django_language"] = "en"
    body = client.get("/pos/").content.decode()
    assert "Model post" in body and "Percontohan" not in body
