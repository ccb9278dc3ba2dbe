"""The schedule's calendar links follow its kecamatan filter, and an empty month says one thing:
no session this month, and when the next one is (issue 16)."""

import re
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from tests.pelatihan.factories import JadwalFactory

pytestmark = pytest.mark.django_db


def body(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def bulan_depan(n: int) -> date:
    """The first day of the month ``n`` months after this one."""
    day = timezone.localdate().replace(day=1)
    for _ in range(n):
        day = (day + timedelta(days=32)).replace(day=1)
    return day


def sesi_pada(pos, day: date, judul: str):
    mulai = timezone.make_aware(datetime(day.year, day.month, day.day, 9), timezone.get_current_timezone())
    return JadwalFactory(pos=pos, judul=judul, mulai=mulai, selesai=mulai + timedelta(hours=2))


def test_jadwal_list_filtered_by_kecamatan_links_the_posts_feed(client, pos_a, pos_b):
    JadwalFactory(pos=pos_a, judul="Kelas Gambir")
    html = body(client.get("/pelatihan/?kecamatan=gambir"))
    hrefs = re.findall(r'href="([^"]*kalender\.ics)"', html)
    assert sorted(set(hrefs)) == ["/pos/gambir/kalender.ics", "webcal://testserver/pos/gambir/kalender.ics"]
    assert "http://testserver/pos/gambir/kalender.ics" in html  # the address to paste into Google Calendar
    assert "/pelatihan/kalender.ics" not in html
    assert f"Berlangganan kalender pelatihan {pos_a.nama}" in html


def test_jadwal_list_without_kecamatan_links_the_province_feed(client, pos_a):
    html = body(client.get("/pelatihan/?topik=marketplace"))
    assert sorted(set(re.findall(r'href="([^"]*kalender\.ics)"', html))) == [
        "/pelatihan/kalender.ics",
        "webcal://testserver/pelatihan/kalender.ics",
    ]


def test_jadwal_list_with_unknown_kecamatan_links_the_province_feed(client, pos_a):
    html = body(client.get("/pelatihan/?kecamatan=bukan-kecamatan"))
    assert "/pos/" not in "".join(re.findall(r'href="([^"]*kalender\.ics)"', html))


def test_kalender_bulan_filtered_by_kecamatan_links_the_posts_feed(client, pos_a):
    html = body(client.get("/pelatihan/kalender/?kecamatan=gambir"))
    assert re.findall(r'href="([^"]*\.ics)"', html) == ["/pos/gambir/kalender.ics"]
    assert f"Kalender pelatihan {pos_a.nama} (.ics)" in html


def test_kalender_bulan_empty_month_says_one_thing_and_links_the_next_session(client, pos_a, pos_b):
    kosong = bulan_depan(2)
    pertama_bulan_depan = bulan_depan(3)
    berikut = sesi_pada(pos_a, pertama_bulan_depan, "Kelas Bulan Depan")
    sesi_pada(pos_b, kosong + timedelta(days=10), "Kelas di Tambora")  # another kecamatan: not this one's
    html = body(client.get(f"/pelatihan/kalender/?kecamatan=gambir&bulan={kosong:%Y-%m}"))
    assert "sesi bulan ini" not in html
    assert "Kelas di Tambora" not in html
    assert html.count("Kelas Bulan Depan") == 1  # once, in the sentence; not also in the grid's spill-over days
    tanggal = date_format(pertama_bulan_depan, "l, j F Y")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    assert f"Tidak ada sesi pada bulan ini. Sesi berikutnya pada {tanggal}: Kelas Bulan Depan." in text
    assert f'href="{berikut.get_absolute_url()}"' in html
    assert f"bulan={pertama_bulan_depan:%Y-%m}" in html
    assert 'class="kalender-bulan"' not in html


def test_kalender_bulan_empty_month_without_any_later_session_says_so(client, pos_a):
    html = body(client.get(f"/pelatihan/kalender/?kecamatan=gambir&bulan={bulan_depan(2):%Y-%m}"))
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    assert "Tidak ada sesi pada bulan ini. Belum ada sesi berikutnya." in text
    assert "sesi bulan ini" not in html.replace("sesi pada bulan ini", "")


def test_kalender_bulan_with_sessions_counts_only_this_months(client, pos_a):
    bulan = bulan_depan(2)
    sesi_pada(pos_a, bulan + timedelta(days=4), "Kelas Bulan Ini")
    html = body(client.get(f"/pelatihan/kalender/?bulan={bulan:%Y-%m}"))
    assert "1 sesi bulan ini" in html and "Tidak ada sesi" not in html
