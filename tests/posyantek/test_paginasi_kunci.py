"""Keyset pages (``posyantek.paginasi.halaman_kunci``, #11.4): walking the links forward or back visits
every row once in order, ties included; links keep the filters; an old ``?page=N`` still opens page
N; a hostile token shows the first page and never a 500."""

import base64
import json
import re
from html import unescape

import pytest
from django.utils import timezone

from tests.ukm.factories import UkmFactory, kelurahan
from ukm.models import Ukm

pytestmark = pytest.mark.django_db

DIREKTORI = "/ukm/"


@pytest.fixture
def direktori(wilayah, tanpa_fragmen):
    """53 published businesses, several with the same name (the primary key breaks the tie)."""
    now = timezone.now()
    nama = [f"Usaha {i % 20:02d}" for i in range(53)]
    for i, n in enumerate(nama):
        UkmFactory(
            nama=n,
            kelurahan=kelurahan(("Cideng", "Angke")[i % 2]),
            bidang=("kuliner", "fesyen")[i % 3 == 0],
            tampil_publik=True,
            verified_at=now,
        )
    return list(Ukm.objects.published().order_by("nama", "pk").values_list("pk", flat=True))


def _ids(html: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'href="/ukm/(\d+)/"', html)]


def _link(html: str, rel: str) -> str | None:
    m = re.search(rf'<a href="([^"]+)" rel="{rel}"', html)
    return unescape(m.group(1)) if m else None


def _walk(client, url: str, rel: str) -> list[int]:
    seen, pages = [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        ids = _ids(html)
        assert ids, url
        seen = seen + ids if rel == "next" else ids + seen
        url = _link(html, rel)
        if url and url.startswith("?"):
            url = DIREKTORI + url
        pages += 1
        assert pages < 10
    return seen


def test_walking_forward_and_back_visits_every_row_once_in_order(client, direktori):
    assert _walk(client, DIREKTORI, "next") == direktori
    assert _walk(client, DIREKTORI + "?akhir=1", "prev") == direktori
    last = client.get(DIREKTORI + "?akhir=1").content.decode()
    assert _ids(last) == direktori[-24:] and _link(last, "next") is None
    assert "53 usaha" in client.get(DIREKTORI).content.decode()


def test_links_keep_the_filters(client, direktori):
    semua = list(Ukm.objects.published().filter(bidang="fesyen").order_by("nama", "pk").values_list("pk", flat=True))
    html = client.get(DIREKTORI, {"bidang": "fesyen"}).content.decode()
    assert "bidang=fesyen" in _link(html, "next") if len(semua) > 24 else True
    assert _walk(client, DIREKTORI + "?bidang=fesyen", "next") == semua
    assert f"{len(semua)} usaha" in html


def test_an_old_page_link_still_opens_that_page(client, direktori):
    html = client.get(DIREKTORI, {"page": 2}).content.decode()
    assert _ids(html) == direktori[24:48]
    # and continues by key from there
    nxt = _link(html, "next")
    assert "setelah=" in nxt and "page=" not in nxt
    assert _ids(client.get(DIREKTORI + nxt).content.decode()) == direktori[48:]


def test_a_deleted_boundary_row_does_not_break_the_link(client, direktori):
    html = client.get(DIREKTORI).content.decode()
    nxt = _link(html, "next")
    Ukm.objects.filter(pk=direktori[23]).delete()  # the row the link starts after
    assert _ids(client.get(DIREKTORI + nxt).content.decode()) == direktori[24:48]


def _b64(value) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "token",
    [
        "junk!!",
        "%%%",
        _b64({"a": 1}),
        _b64(["Usaha 01"]),
        _b64(["Usaha 01", "satu"]),
        _b64(["Usaha 01", True]),
        _b64(["Usaha 01", -5]),
        _b64(["Usaha 01", 10**30]),
        _b64([["x"], 3]),
        _b64([None, 3]),
        "A" * 5000,
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
    ],
)
@pytest.mark.parametrize("param", ["setelah", "sebelum"])
def test_a_hostile_token_shows_the_first_page(client, direktori, token, param):
    response = client.get(DIREKTORI, {param: token})
    assert response.status_code == 200
    assert _ids(response.content.decode()) == direktori[:24]


@pytest.mark.parametrize("page", ["0", "-3", "abc", "1e9", "99999999999"])
def test_a_junk_old_page_number_shows_a_page(client, direktori, page):
    response = client.get(DIREKTORI, {"page": page})
    assert response.status_code == 200
    assert _ids(response.content.decode()) in (direktori[:24], direktori[-24:])


def test_the_operator_list_walks_newest_first_by_key(client_as, operator_a, wilayah, tanpa_fragmen):
    """A descending datetime key (``?urut=terbaru``), ties on the time broken by the primary key."""
    for i in range(30):
        UkmFactory(nama=f"Usaha Kelola {i:02d}")
    Ukm.objects.filter(nama__in=["Usaha Kelola 03", "Usaha Kelola 04"]).update(updated_at=timezone.now())
    semua = list(Ukm.objects.filter(pos__slug="gambir").order_by("-updated_at", "-pk").values_list("nama", flat=True))
    client = client_as(operator_a)
    url, seen = "/kelola/gambir/ukm/?urut=terbaru", []
    while url:
        html = client.get(url).content.decode()
        seen += re.findall(r">(Usaha Kelola \d\d)<", html)
        nxt = _link(html, "next")
        url = "/kelola/gambir/ukm/" + nxt if nxt else None
    assert seen == semua
