"""Shared fixtures: the real database with its reference data, users of every role, and mail."""

import os

import pytest

os.environ.setdefault("DJANGO_TESTING", "1")
# Playwright's sync API runs an event loop in the test thread; Django's ORM is still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.factories import UserFactory  # noqa: E402

PASSWORD = "kata-sandi-uji-yang-panjang"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads of a test go to its own folders (public media and private files)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _fragments():
    """Each test starts with no cached fragments. The data version (a PostgreSQL sequence) is not
    rolled back with a test's rows, so a fragment cached by one test could otherwise match the next."""
    from django.core.cache import caches

    caches["fragments"].clear()


@pytest.fixture(autouse=True)
def _bahasa_awal():
    """Each test starts and ends in Indonesian: a request in English leaves its language active in the
    test's thread, and the next test's e-mails and messages would be rendered in English."""
    from django.utils import translation

    translation.activate("id")
    yield
    translation.activate("id")


@pytest.fixture
def tanpa_fragmen(settings):
    """No fragment caching: for tests that count the queries of a page's full rendering (a warm-up
    request would otherwise turn the measured one into a cache hit)."""
    settings.CACHES = {**settings.CACHES, "fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """With --reuse-db the test database may come from a run whose transactional tests flushed the
    reference data; put it back once per session so no test depends on run order."""
    from posyantek.wilayah_data import pastikan_wilayah

    with django_db_blocker.unblock():
        pastikan_wilayah()


@pytest.fixture
def wilayah(db):
    """The 6 kota, 44 kecamatan, 267 kelurahan and 44 posts, even after a transactional flush."""
    from posyantek.wilayah_data import pastikan_wilayah

    pastikan_wilayah()


@pytest.fixture
def pos_a(wilayah):
    from posyantek.models import Pos

    return Pos.objects.get(slug="gambir")


@pytest.fixture
def pos_b(wilayah):
    from posyantek.models import Pos

    return Pos.objects.get(slug="tambora")


@pytest.fixture
def admin_provinsi(db):
    return UserFactory(email="admin@posyantek.test", is_admin_provinsi=True, nama="Admin Provinsi")


@pytest.fixture
def operator_a(pos_a):
    from posyantek.services import operator_tetapkan

    user = UserFactory(email="operator.gambir@posyantek.test", nama="Operator Gambir")
    operator_tetapkan(pos=pos_a, pengguna=user)
    return user


@pytest.fixture
def operator_b(pos_b):
    from posyantek.services import operator_tetapkan

    user = UserFactory(email="operator.tambora@posyantek.test", nama="Operator Tambora")
    operator_tetapkan(pos=pos_b, pengguna=user)
    return user


@pytest.fixture
def pemilik_ukm(db):
    return UserFactory(email="ukm1@posyantek.test", is_pemilik_ukm=True, nama="Siti Pemilik")


@pytest.fixture
def juri(db):
    return UserFactory(email="juri1@posyantek.test", is_juri=True, nama="Juri Satu")


@pytest.fixture
def client_as(client):
    """``client_as(user)`` logs the test client in as ``user`` and returns it."""

    def login(user):
        client.force_login(user)
        return client

    return login


def pytest_collection_modifyitems(config, items):
    # Browser journeys last: they are the slowest and need the live server.
    items.sort(key=lambda item: 1 if item.get_closest_marker("browser") else 0)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI=true a skipped test is a failure: CI must prove everything, browser tests included.
    An expected failure (xfail) is a skip by another name and fails too."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI", "").lower() == "true" and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, which counts as a failure: {report.longrepr}"
