"""Small things a new user tripped over in the training app's mails and calendars (issue 16):
the calendar part's Content-Type, the Relawan application subjects, and an event's LOCATION."""

import icalendar
import pytest

from pelatihan import services
from pelatihan.models import Pendaftaran
from tests.pelatihan.factories import JadwalFactory

pytestmark = pytest.mark.django_db


def calendar_part(mail):
    """The text/calendar part of a sent message, as the mail client receives it."""
    parts = [part for part in mail.message().walk() if part.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    return parts[0]


def test_promosi_email_calendar_part_names_charset_once(
    jadwal_a, peserta, mailoutbox, django_capture_on_commit_callbacks
):
    jadwal_a.kapasitas = 1
    jadwal_a.save()
    a, b = peserta(2)
    services.pendaftaran_buat(jadwal=jadwal_a, oleh=a)
    services.pendaftaran_buat(jadwal=jadwal_a, oleh=b)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.pendaftaran_batalkan(pendaftaran=Pendaftaran.objects.get(jadwal=jadwal_a, user=a), oleh=a)
    (mail,) = mailoutbox
    assert mail.subject.endswith(f"Kursi tersedia untuk Anda: {jadwal_a.nama}")
    part = calendar_part(mail)
    assert part["Content-Type"].lower().count("charset") == 1
    assert (part.get_content_charset(), part.get_param("method")) == ("utf-8", "PUBLISH")
    cal = icalendar.Calendar.from_ical(part.get_payload(decode=True))
    assert [str(e["summary"]) for e in cal.events] == [jadwal_a.nama]


def lamaran(email: str) -> dict:
    return {
        "nama": "Ani Pelamar",
        "email": email,
        "telepon": "0812-3456-7890",
        "domisili": "gambir",
        "pendidikan": "sarjana",
        "pekerjaan": "Mahasiswa",
        "ketersediaan": ["akhir_pekan"],
        "motivasi": "Saya ingin membantu UKM di kampung saya berjualan daring.",
        "setuju_kode_etik": "on",
        "keahlian_media_sosial": "mahir",
    }


def test_relawan_application_email_subject_says_received_not_accepted(
    client,
    client_as,
    pemilik_ukm,
    wilayah,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    from django.core.cache import cache

    cache.clear()  # the application rate limit lives in the shared cache
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/relawan/daftar/", lamaran("ani@contoh.test"))
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        client_as(pemilik_ukm).post("/relawan/daftar/", lamaran("ukm1@posyantek.test"))
    subjects = [m.subject.split("] ", 1)[-1] for m in mailoutbox]
    assert subjects == [
        "Lamaran Relawan TIK Anda sudah masuk — aktifkan akun Anda",
        "Lamaran Relawan TIK Anda sudah masuk dan menunggu tinjauan",
    ]
    assert not any("diterima" in s or "kami terima" in s for s in subjects)


def test_ical_location_is_venue_then_street_address_without_repeating_post(client, pos_a):
    pos_a.alamat = "Jl. Tanah Abang I No. 1, Gambir"
    pos_a.save()
    JadwalFactory(pos=pos_a, judul="Kelas Tatap Muka", tempat=f"Ruang pertemuan {pos_a.nama}")
    JadwalFactory(pos=pos_a, judul="Kelas Alamat Lengkap", tempat="Aula, Jl. Tanah Abang I No. 1, Gambir")
    JadwalFactory(pos=pos_a, judul="Kelas Daring", mode="daring", tempat="", tautan_daring="https://meet.example.id/x")
    cal = icalendar.Calendar.from_ical(client.get(f"/pos/{pos_a.slug}/kalender.ics").content)
    lokasi = {str(e["summary"]): str(e["location"]) for e in cal.events}
    assert lokasi == {
        "Kelas Tatap Muka": f"Ruang pertemuan {pos_a.nama}, Jl. Tanah Abang I No. 1, Gambir",
        "Kelas Alamat Lengkap": "Aula, Jl. Tanah Abang I No. 1, Gambir",
        "Kelas Daring": "Daring",
    }


def test_ical_location_names_post_once_when_it_has_no_address(client, pos_a):
    pos_a.alamat = ""
    pos_a.save()
    JadwalFactory(pos=pos_a, judul="Di Pos", tempat=f"Ruang pertemuan {pos_a.nama}")
    JadwalFactory(pos=pos_a, judul="Di Aula", tempat="Aula kecamatan")
    cal = icalendar.Calendar.from_ical(client.get(f"/pos/{pos_a.slug}/kalender.ics").content)
    lokasi = {str(e["summary"]): str(e["location"]) for e in cal.events}
    assert lokasi == {"Di Pos": f"Ruang pertemuan {pos_a.nama}", "Di Aula": f"Aula kecamatan, {pos_a.nama}"}
