"""iCalendar (RFC 5545) for training sessions: one session, a feed of many, or a person's own.

Every calendar carries a VTIMEZONE for Asia/Jakarta and events with DTSTART/DTEND in that zone, a
UID that stays the same for the life of the session (so calendar apps update instead of duplicating),
DTSTAMP/LAST-MODIFIED from the session's last change and SEQUENCE from its revision counter. The
online link is written only into calendars of people registered for the session.
"""

from collections.abc import Iterable
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from pelatihan.models import Jadwal

PRODID = "-//Posyantek DKI Jakarta//Jadwal Pelatihan//ID"
UID_DOMAIN = "posyantek-dki"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def uid_for(jadwal: Jadwal) -> str:
    return f"jadwal-{jadwal.uid}@{UID_DOMAIN}"


def lokasi(jadwal: Jadwal) -> str:
    """Where a session happens, as a calendar app or a map wants it: the venue, then the post's
    street address. The post's name stands in for an address not on record; nothing the venue
    already spells out is written twice. An online session says so."""
    parts = []
    if jadwal.ada_tatap_muka:
        tempat = jadwal.tempat.strip()
        if tempat:
            parts.append(tempat)
        tambahan = jadwal.pos.alamat.strip() or jadwal.pos.nama
        if tambahan.casefold() not in tempat.casefold():
            parts.append(tambahan)
    if jadwal.mode == Jadwal.Mode.DARING:
        parts.insert(0, _("Daring"))
    return ", ".join(parts)


def event_for(jadwal: Jadwal, *, base_url: str, tautan: bool = False, status: str | None = None) -> icalendar.Event:
    """One VEVENT. ``tautan``: include the online link (registered people only). ``status``:
    override the event status (TENTATIVE for a place on the waiting list)."""
    tz = ZoneInfo(settings.TIME_ZONE)
    url = base_url.rstrip("/") + jadwal.get_absolute_url()
    event = icalendar.Event()
    event.add("uid", uid_for(jadwal))
    stamp = (jadwal.updated_at or timezone.now()).astimezone(UTC)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    if jadwal.created_at:
        event.add("created", jadwal.created_at.astimezone(UTC))
    event.add("sequence", jadwal.revisi)
    event.add("dtstart", jadwal.mulai.astimezone(tz))
    event.add("dtend", jadwal.selesai.astimezone(tz))
    cancelled = jadwal.status == Jadwal.Status.DIBATALKAN
    summary = jadwal.nama
    if cancelled:
        summary = _("DIBATALKAN: %(nama)s") % {"nama": summary}
    event.add("summary", summary)
    event.add("location", lokasi(jadwal))
    lines = [
        f"{jadwal.program.get_jenis_display()} · {jadwal.program.get_pilar_display()}",
        _("Pos: %(pos)s") % {"pos": jadwal.pos.nama},
        _("Mode: %(mode)s") % {"mode": jadwal.get_mode_display()},
    ]
    if jadwal.program.topik_labels:
        lines.append(_("Topik: %(topik)s") % {"topik": ", ".join(jadwal.program.topik_labels)})
    if jadwal.deskripsi:
        lines += ["", jadwal.deskripsi]
    if cancelled and jadwal.alasan_batal:
        lines += ["", _("Dibatalkan: %(alasan)s") % {"alasan": jadwal.alasan_batal}]
    if tautan and jadwal.ada_daring and jadwal.tautan_daring and not cancelled:
        lines += ["", _("Tautan daring: %(url)s") % {"url": jadwal.tautan_daring}]
    lines += ["", url]
    event.add("description", "\n".join(lines))
    event.add("url", url)
    event.add("categories", [jadwal.program.get_jenis_display()])
    event.add("status", "CANCELLED" if cancelled else (status or "CONFIRMED"))
    event.add("transp", "OPAQUE")
    return event


def kalender(
    *,
    nama: str,
    jadwal_list: Iterable[Jadwal],
    base_url: str,
    tautan_untuk: set[int] = frozenset(),
    status_untuk: dict[int, str] | None = None,
    method: str | None = None,
) -> bytes:
    """A VCALENDAR of ``jadwal_list``; sessions whose pk is in ``tautan_untuk`` carry the online link."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    cal.add("x-wr-calname", nama)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    status_untuk = status_untuk or {}
    for jadwal in jadwal_list:
        cal.add_component(
            event_for(jadwal, base_url=base_url, tautan=jadwal.pk in tautan_untuk, status=status_untuk.get(jadwal.pk))
        )
    if not cal.events:
        # A calendar with no event still declares its zone, so apps subscribe without complaint.
        cal.add_component(icalendar.Timezone.from_tzid(settings.TIME_ZONE))
    cal.add_missing_timezones()
    return cal.to_ical()
