"""The operators' idle timeout slides without writing the session on every request."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from posyantek.middleware import OperatorIdleTimeoutMiddleware

pytestmark = pytest.mark.django_db


def session_writes(client, path) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return sum(
        1
        for q in ctx.captured_queries
        if q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT")) and "django_session" in q["sql"]
    )


def test_operator_session_gets_the_idle_expiry_then_is_not_rewritten_every_request(client, operator_a, settings):
    settings.OPERATOR_IDLE_SECONDS = 1800
    client.force_login(operator_a)
    assert session_writes(client, "/kelola/gambir/") == 1
    session = Session.objects.get().get_decoded()
    assert session["_session_expiry"] == 1800
    assert session_writes(client, "/kelola/gambir/") == 0
    assert session_writes(client, "/pos/") == 0


def test_operator_session_slides_after_the_refresh_interval(client, operator_a, monkeypatch):
    client.force_login(operator_a)
    client.get("/kelola/gambir/")
    expire_before = Session.objects.get().expire_date
    import time as real_time

    later = real_time.time() + OperatorIdleTimeoutMiddleware.IDLE_REFRESH_SECONDS + 5
    monkeypatch.setattr("posyantek.middleware.time.time", lambda: later)
    assert session_writes(client, "/kelola/gambir/") == 1
    assert Session.objects.get().expire_date >= expire_before


def test_owner_keeps_the_long_session(client, pemilik_ukm, settings):
    client.force_login(pemilik_ukm)
    client.get("/akun/saya/")
    assert "_session_expiry" not in Session.objects.get().get_decoded()
