"""The iCalendar feeds parse with a real parser and carry what RFC 5545 requires."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import resolve, reverse

from pelatihan import services
from pelatihan.models import Jadwal
from pelatihan.views import feeds
from tests.pelatihan.factories import JadwalFactory

pytestmark = pytest.mark.django_db
JAKARTA = ZoneInfo("Asia/Jakarta")


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def assert_rfc5545(cal: icalendar.Calendar) -> None:
    """VCALENDAR: PRODID and VERSION:2.0; VTIMEZONE for every TZID used; each VEVENT has UID,
    DTSTAMP (UTC), DTSTART and DTEND with TZID, and a SUMMARY."""
    assert str(cal["version"]) == "2.0" and cal["prodid"]
    zones = {str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")}
    assert zones == {"Asia/Jakarta"}
    tz = cal.walk("VTIMEZONE")[0]
    assert [s.decoded("tzoffsetto") for s in tz.walk("STANDARD")] == [timedelta(hours=7)]
    for event in cal.events:
        for prop in ("uid", "dtstamp", "dtstart", "dtend", "summary", "url"):
            assert prop in event, prop
        assert event["dtstart"].params["TZID"] == "Asia/Jakarta"
        assert event.decoded("dtstamp").utcoffset() == timedelta(0)
    for line in cal.to_ical().split(b"\r\n"):
        assert len(line) <= 75, line  # folded lines (RFC 5545 3.1)


def test_feed_semua_lists_published_sessions_with_timezone(client, pos_a, pos_b):
    a = JadwalFactory(pos=pos_a, judul="Kelas Marketplace")
    b = JadwalFactory(
        pos=pos_b, judul="Kelas Foto Produk", mode="daring", tempat="", tautan_daring="https://meet.example.id/rahasia"
    )
    JadwalFactory(pos=pos_a, judul="Masih Draf", status=Jadwal.Status.DRAF)
    cal = parse(client.get("/pelatihan/kalender.ics"))
    assert_rfc5545(cal)
    by_summary = {str(e["summary"]): e for e in cal.events}
    assert set(by_summary) == {"Kelas Marketplace", "Kelas Foto Produk"}
    event = by_summary["Kelas Marketplace"]
    assert str(event["uid"]) == f"jadwal-{a.uid}@posyantek-dki"
    assert event.start == a.mulai and event.start.tzinfo.key == "Asia/Jakarta"
    assert event.start.astimezone(JAKARTA).hour == 9
    assert "Aula kecamatan" in str(event["location"]) and "Gambir" in str(event["location"])
    assert str(event["url"]).endswith(f"/pelatihan/jadwal/{a.pk}/")
    assert "rahasia" not in cal.to_ical().decode()  # online links only in registered people's calendars
    assert str(by_summary["Kelas Foto Produk"]["uid"]) == f"jadwal-{b.uid}@posyantek-dki"


def test_uid_is_stable_and_sequence_grows_on_change(client, jadwal_a, operator_a):
    first = parse(client.get("/pelatihan/kalender.ics")).events[0]
    services.jadwal_ubah(jadwal=jadwal_a, oleh=operator_a, data={"tempat": "Ruang B"}, pelatih=[])
    second = parse(client.get("/pelatihan/kalender.ics")).events[0]
    assert first["uid"] == second["uid"]
    assert (first["sequence"], second["sequence"]) == (0, 1)
    assert "Ruang B" in str(second["location"])


def test_cancelled_session_stays_in_feed_as_cancelled(client, jadwal_a, operator_a):
    services.jadwal_batalkan(jadwal=jadwal_a, oleh=operator_a, alasan="Hujan deras dan banjir")
    event = parse(client.get("/pelatihan/kalender.ics")).events[0]
    assert str(event["status"]) == "CANCELLED"


def test_feed_pos_route_resolves_to_pelatihan_and_lists_only_that_post(client, pos_a, pos_b):
    assert resolve("/pos/gambir/kalender.ics").func == feeds.feed_pos
    assert resolve("/pos/gambir/").url_name == "pos-detail"
    assert reverse("pelatihan:feed-pos", kwargs={"slug": "gambir"}) == "/pos/gambir/kalender.ics"
    JadwalFactory(pos=pos_a, judul="Sesi Gambir")
    JadwalFactory(pos=pos_b, judul="Sesi Tambora")
    cal = parse(client.get("/pos/gambir/kalender.ics"))
    assert_rfc5545(cal)
    assert [str(e["summary"]) for e in cal.events] == ["Sesi Gambir"]
    assert "Gambir" in str(cal["x-wr-calname"])
    assert client.get("/pos/tidak-ada/kalender.ics").status_code == 404


def test_empty_feed_still_parses_with_timezone(client, wilayah):
    cal = parse(client.get("/pos/tambora/kalender.ics"))
    assert cal.events == [] and cal.walk("VTIMEZONE")


def test_private_feed_has_my_sessions_with_link_and_404_for_wrong_token(client, pos_a, peserta, relawan_a):
    daring = JadwalFactory(
        pos=pos_a,
        judul="Kelas Daring",
        mode="daring",
        tempat="",
        tautan_daring="https://meet.example.id/kelas-1",
        kapasitas=1,
    )
    JadwalFactory(pos=pos_a, judul="Bukan Milik Saya")
    ajar = JadwalFactory(pos=pos_a, judul="Saya Mengajar")
    ajar.pelatih.add(relawan_a.user)
    a, b = peserta(2)
    services.pendaftaran_buat(jadwal=daring, oleh=a)
    services.pendaftaran_buat(jadwal=daring, oleh=b)  # waiting list
    token_a = services.kalender_pribadi_ambil(oleh=a).token
    token_b = services.kalender_pribadi_ambil(oleh=b).token
    token_r = services.kalender_pribadi_ambil(oleh=relawan_a.user).token

    cal_a = parse(client.get(f"/pelatihan/kalender/{token_a}.ics"))
    assert_rfc5545(cal_a)
    assert [str(e["summary"]) for e in cal_a.events] == ["Kelas Daring"]
    assert "https://meet.example.id/kelas-1" in str(cal_a.events[0]["description"])
    assert str(cal_a.events[0]["status"]) == "CONFIRMED"

    cal_b = parse(client.get(f"/pelatihan/kalender/{token_b}.ics"))
    assert str(cal_b.events[0]["status"]) == "TENTATIVE"
    assert "kelas-1" not in cal_b.to_ical().decode()

    cal_r = parse(client.get(f"/pelatihan/kalender/{token_r}.ics"))
    assert [str(e["summary"]) for e in cal_r.events] == ["Saya Mengajar"]
    assert "Bukan Milik Saya" not in cal_a.to_ical().decode() + cal_r.to_ical().decode()

    assert client.get("/pelatihan/kalender/salah-token.ics").status_code == 404
    new = services.kalender_pribadi_buat_ulang(oleh=a).token
    assert new != token_a
    assert client.get(f"/pelatihan/kalender/{token_a}.ics").status_code == 404
    assert client.get(f"/pelatihan/kalender/{new}.ics").status_code == 200


def test_single_session_ics_has_link_only_for_confirmed_participant(client, pos_a, peserta):
    jadwal = JadwalFactory(pos=pos_a, mode="hybrid", tautan_daring="https://meet.example.id/hybrid-9")
    (a,) = peserta(1)
    anon = parse(client.get(f"/pelatihan/jadwal/{jadwal.pk}/kalender.ics"))
    assert_rfc5545(anon)
    assert "hybrid-9" not in anon.to_ical().decode()
    services.pendaftaran_buat(jadwal=jadwal, oleh=a)
    client.force_login(a)
    response = client.get(f"/pelatihan/jadwal/{jadwal.pk}/kalender.ics")
    assert "attachment" in response["Content-Disposition"]
    assert "hybrid-9" in parse(response).to_ical().decode()


def test_draft_session_ics_is_404(client, pos_a):
    draf = JadwalFactory(pos=pos_a, status=Jadwal.Status.DRAF)
    assert client.get(f"/pelatihan/jadwal/{draf.pk}/kalender.ics").status_code == 404


def test_feed_description_escapes_and_survives_hostile_text(client, pos_a):
    JadwalFactory(pos=pos_a, judul="Kelas; koma, dan\\garis\nbaru", deskripsi="BEGIN:VEVENT\nEND:VCALENDAR <script>")
    cal = parse(client.get("/pelatihan/kalender.ics"))
    assert len(cal.events) == 1
    assert str(cal.events[0]["summary"]) == "Kelas; koma, dan\\garis\nbaru"
    assert "END:VCALENDAR <script>" in str(cal.events[0]["description"])
