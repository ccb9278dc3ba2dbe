"""Structured request logging: one JSON line per request, with a request id shared with the response."""

import json
import logging
import re

import pytest

from posyantek.logging import JsonFormatter

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_lines(caplog):
    caplog.set_level(logging.INFO, logger="posyantek.request")

    def lines():
        formatter = JsonFormatter()
        return [json.loads(formatter.format(r)) for r in caplog.records if r.name == "posyantek.request"]

    return lines


def test_request_log_line_carries_generated_request_id(client, wilayah, request_lines):
    response = client.get("/pos/")
    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id), request_id
    assert client.get("/pos/")["X-Request-ID"] != request_id  # a new id for every request
    line = request_lines()[0]
    assert line["request_id"] == request_id
    assert (line["method"], line["path"], line["status"], line["user_id"]) == ("GET", "/pos/", 200, None)
    assert line["level"] == "INFO" and 0 <= line["duration_ms"] < 60_000


def test_request_id_from_the_proxy_is_kept(client, wilayah, request_lines):
    incoming = "6f1c2a9e0b7d4c3f8a5e1d2c3b4a5f6e"
    response = client.get("/pos/", headers={"x-request-id": incoming})
    assert response["X-Request-ID"] == incoming
    assert request_lines()[0]["request_id"] == incoming


@pytest.mark.parametrize(
    "hostile",
    [
        "short",
        "x" * 129,
        "abc def ghi jkl",
        "abcdefgh\r\nSet-Cookie: a=b",
        '"><script>alert(1)</script>',
        "../../../../etc/passwd",
        "",
        "ＡＢＣＤＥＦＧＨＩ",
    ],
)
def test_insane_request_id_is_replaced(client, wilayah, request_lines, hostile):
    response = client.get("/pos/", headers={"x-request-id": hostile})
    assert response["X-Request-ID"] != hostile
    assert len(response["X-Request-ID"]) == 32
    assert request_lines()[0]["request_id"] == response["X-Request-ID"]


def test_logged_in_request_logs_user_id(client, operator_a, request_lines):
    client.force_login(operator_a)
    client.get("/kelola/gambir/")
    assert request_lines()[-1]["user_id"] == operator_a.pk


@pytest.mark.parametrize("path,status", [("/tidak-ada-halaman/", 404), ("/boom/", 500)])
@pytest.mark.urls("tests.hardening.selftest_urls")
def test_django_error_lines_carry_the_request_id(wilayah, caplog, path, status):
    """A 404 or a crash logged by Django is tied to its request (and its response) by the same id."""
    from django.test import Client

    caplog.set_level(logging.WARNING, logger="django.request")
    response = Client(raise_request_exception=False).get(path, headers={"x-request-id": "req-1234567890"})
    assert response.status_code == status
    formatter = JsonFormatter()
    warned = [json.loads(formatter.format(r)) for r in caplog.records if r.name == "django.request"]
    assert warned and {line["request_id"] for line in warned} == {"req-1234567890"}
    if status == 500:
        assert "RuntimeError: boom" in warned[0]["exc"]


def test_no_request_id_outside_requests():
    record = logging.makeLogRecord({"name": "x", "msg": "boot", "levelname": "INFO"})
    assert "request_id" not in json.loads(JsonFormatter().format(record))
