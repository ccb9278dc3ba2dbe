import pytest

from tests.factories import UserFactory
from tests.pelatihan.factories import JadwalFactory, RelawanFactory


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Every database test here has the kecamatan and posts, even when a transactional test run
    before it (browser journeys, concurrency) flushed the rows the data migration made."""
    if request.node.get_closest_marker("django_db") or "db" in request.fixturenames:
        request.getfixturevalue("wilayah")


@pytest.fixture
def jadwal_a(pos_a):
    """An upcoming published session at post A with 10 seats."""
    return JadwalFactory(pos=pos_a)


@pytest.fixture
def jadwal_b(pos_b):
    return JadwalFactory(pos=pos_b)


@pytest.fixture
def peserta(db):
    """``peserta(n)`` makes n UKM owners."""

    def make(n: int, prefix: str = "peserta"):
        return [
            UserFactory(email=f"{prefix}{i}@contoh.test", nama=f"Peserta {i}", is_pemilik_ukm=True) for i in range(n)
        ]

    return make


@pytest.fixture
def relawan_a(pos_a):
    """An accepted Relawan TIK assigned to post A."""
    return RelawanFactory(user=UserFactory(email="relawan.a@contoh.test", nama="Rina Relawan"), pos=[pos_a])


@pytest.fixture
def relawan_b(pos_b):
    return RelawanFactory(
        user=UserFactory(email="relawan.b@contoh.test", nama="Budi Relawan"), telepon="089999000111", pos=[pos_b]
    )


@pytest.fixture
def assert_constant_queries(django_assert_num_queries, tanpa_fragmen):
    """``assert_constant_queries(client, url, add)``: the page runs the same number of queries with
    1 and with 3 items (``add(n)`` creates n more items)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def check(client, url, add):
        add(1)
        assert client.get(url).status_code == 200  # warm-up: session, caches
        with CaptureQueriesContext(connection) as one:
            response = client.get(url)
        assert response.status_code == 200
        add(2)
        with django_assert_num_queries(len(one)):
            response = client.get(url)
        return response

    return check
