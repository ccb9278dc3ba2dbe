"""The scheduled jobs of pelatihan: each is idempotent (run twice, one effect)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from pelatihan import services
from pelatihan.models import Pendaftaran, Relawan
from pelatihan.tasks import kirim_pengingat_pelatihan, relawan_kedaluwarsa
from posyantek.models import Surel
from tests.factories import UserFactory
from tests.pelatihan.factories import JadwalFactory, RelawanFactory

pytestmark = pytest.mark.django_db


def test_reminder_task_twice_reminds_once(pos_a, peserta, mailoutbox, django_capture_on_commit_callbacks):
    tomorrow = timezone.localdate() + timedelta(days=1)
    start = timezone.make_aware(timezone.datetime.combine(tomorrow, timezone.datetime.min.time())) + timedelta(hours=9)
    jadwal = JadwalFactory(pos=pos_a, mulai=start, selesai=start + timedelta(hours=2))
    a, b = peserta(2)
    services.pendaftaran_buat(jadwal=jadwal, oleh=a)
    services.pendaftaran_buat(jadwal=jadwal, oleh=b)
    with django_capture_on_commit_callbacks(execute=True):
        assert kirim_pengingat_pelatihan.delay().get() == 2
        assert kirim_pengingat_pelatihan.delay().get() == 0
    pengingat = [m for m in mailoutbox if m.subject.startswith("[Posyantek] Pengingat")]
    assert sorted(m.to[0] for m in pengingat) == [a.email, b.email]
    assert all(m.attachments[0][0] == "pelatihan.ics" for m in pengingat)
    assert Pendaftaran.objects.filter(pengingat_terkirim_at__isnull=False).count() == 2


def pemohon(email: str, *, hari_lalu: int, status=Relawan.Status.DIAJUKAN) -> Relawan:
    return RelawanFactory(
        user=UserFactory(email=email, nama=email.split("@")[0]),
        status=status,
        diajukan_at=timezone.now() - timedelta(days=hari_lalu),
        diputuskan_at=None,
    )


def test_relawan_lapse_task_twice_closes_once(mailoutbox, django_capture_on_commit_callbacks):
    lama = pemohon("lama@contoh.test", hari_lalu=190)
    ditinjau = pemohon("ditinjau@contoh.test", hari_lalu=200, status=Relawan.Status.DITINJAU)
    lima_bulan = pemohon("lima@contoh.test", hari_lalu=150)
    diterima = pemohon("diterima@contoh.test", hari_lalu=400, status=Relawan.Status.DITERIMA)
    with django_capture_on_commit_callbacks(execute=True):
        assert relawan_kedaluwarsa.delay().get() == 2
        assert relawan_kedaluwarsa.delay().get() == 0
    statuses = {r.user.email: r.status for r in Relawan.objects.select_related("user")}
    assert statuses == {
        lama.user.email: "habis",
        ditinjau.user.email: "habis",
        lima_bulan.user.email: "diajukan",
        diterima.user.email: "diterima",
    }
    assert sorted(m.to[0] for m in mailoutbox) == ["ditinjau@contoh.test", "lama@contoh.test"]
    assert "6 bulan sudah habis" in mailoutbox[0].body and "/relawan/daftar/" in mailoutbox[0].body
    assert Surel.objects.count() == 2
    lama.refresh_from_db()
    assert (lama.kedaluwarsa, lama.boleh_mengajukan_ulang, lama.diputuskan_oleh) == (True, True, None)


def test_relawan_lapse_applicant_may_apply_again(client_as, mailoutbox):
    lama = pemohon("lama@contoh.test", hari_lalu=190)
    services.relawan_kedaluwarsa_tutup()
    body = client_as(lama.user).get("/relawan/saya/").content.decode()
    assert "Masa pencalonan 6 bulan sudah habis tanpa keputusan." in body and "/relawan/daftar/" in body
