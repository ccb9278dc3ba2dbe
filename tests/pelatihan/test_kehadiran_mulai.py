"""Attendance (and so certificates and the ToT "certified trainer" mark) only from the session's start."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from pelatihan import services
from pelatihan.models import Pendaftaran, Sertifikat
from pelatihan.selectors import pelatih_tersertifikasi
from tests.pelatihan.factories import JadwalFactory, PendaftaranFactory, ProgramFactory

pytestmark = pytest.mark.django_db


def test_kehadiran_set_refuses_on_the_day_before_the_start(pos_a, operator_a, relawan_a):
    mulai = datetime(2030, 3, 5, 13, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    tot = JadwalFactory(pos=pos_a, program=ProgramFactory(jenis="tot"), mulai=mulai, selesai=mulai + timedelta(hours=3))
    p = services.pendaftaran_buat(jadwal=tot, oleh=relawan_a.user)
    with pytest.raises(ValidationError) as error:
        services.kehadiran_tetapkan(jadwal=tot, oleh=operator_a, hadir_ids={p.pk}, waktu=mulai - timedelta(hours=4))
    assert error.value.messages == ["Kehadiran baru bisa dicatat setelah sesi dimulai (5 Maret 2030, 13.00 WIB)."]
    assert not Pendaftaran.objects.filter(hadir=True).exists()
    assert Sertifikat.objects.count() == 0
    assert list(pelatih_tersertifikasi()) == []
    services.kehadiran_tetapkan(jadwal=tot, oleh=operator_a, hadir_ids={p.pk}, waktu=mulai)
    assert list(pelatih_tersertifikasi()) == [relawan_a.user]


def test_checkin_form_is_not_offered_before_the_start_of_a_session_today(client_as, operator_a, pos_a, peserta):
    # The last second of today in WIB: the same day as now, but not started yet.
    mulai = timezone.localtime().replace(hour=23, minute=59, second=59, microsecond=0)
    jadwal = JadwalFactory(pos=pos_a, mulai=mulai, selesai=mulai + timedelta(hours=2))
    p = PendaftaranFactory(jadwal=jadwal, user=peserta(1)[0])
    client = client_as(operator_a)
    html = client.get(f"/kelola/gambir/pelatihan/jadwal/{jadwal.pk}/").content.decode()
    form = html.split('id="form-hadir"')[1].split("</form>")[0]
    assert f'value="{p.pk}" id="hadir-{p.pk}" disabled' in form
    assert "Simpan kehadiran" not in form
    assert "Kehadiran bisa dicatat setelah sesi dimulai" in html
    response = client.post(f"/kelola/gambir/pelatihan/jadwal/{jadwal.pk}/hadir/", {"hadir": [p.pk]}, follow=True)
    assert "Kehadiran baru bisa dicatat setelah sesi dimulai" in response.content.decode()
    p.refresh_from_db()
    assert not p.hadir and Sertifikat.objects.count() == 0
