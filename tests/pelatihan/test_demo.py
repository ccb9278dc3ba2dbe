"""The demo seed: programmes, past and upcoming sessions across the posts, registrations,
attendance, volunteers at every stage, and their activity — built through the services, twice."""

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from pelatihan.models import AktivitasRelawan, Jadwal, Pendaftaran, Program, Relawan, Sertifikat, UmpanBalik
from pelatihan.selectors import pelatih_tersertifikasi
from posyantek.models import Pos

pytestmark = pytest.mark.django_db


def counts():
    return {
        m.__name__: m.objects.count()
        for m in (Program, Jadwal, Pendaftaran, Sertifikat, UmpanBalik, Relawan, AktivitasRelawan)
    }


def test_seed_demo_builds_training_and_volunteers_and_is_repeatable(wilayah, mailoutbox):
    call_command("seed_demo", password="demo-password-panjang-1")
    first = counts()
    call_command("seed_demo", password="demo-password-panjang-1")
    assert counts() == first
    assert mailoutbox == []  # the seed sends no mail

    now = timezone.now()
    upcoming = Jadwal.objects.published().upcoming()
    assert set(upcoming.values_list("pos", flat=True)) == set(Pos.objects.values_list("pk", flat=True))
    assert Jadwal.objects.filter(selesai__lt=now).count() >= 10
    assert Program.objects.provinsi().count() >= 6 and all(
        p.deskripsi.startswith("[DEMO]") for p in Program.objects.all()
    )
    assert Pendaftaran.objects.filter(hadir=True).count() == Sertifikat.objects.count() > 0
    assert UmpanBalik.objects.exists()
    assert Pendaftaran.objects.filter(status="menunggu", jadwal__mulai__gt=now).exists()

    relawan1 = Relawan.objects.get(user__email="relawan1@posyantek.test")
    assert relawan1.status == "diterima" and relawan1.user.check_password("demo-password-panjang-1")
    assert set(relawan1.pos.values_list("slug", flat=True)) == {"gambir", "sawah-besar"}
    assert relawan1.aktivitas.dikonfirmasi().aggregate(t=Sum("jam"))["t"] > 0
    assert relawan1.aktivitas.menunggu().exists()
    assert relawan1.user.jadwal_mengajar.filter(mulai__gt=now).exists()
    assert relawan1.user in pelatih_tersertifikasi()

    statuses = set(Relawan.objects.values_list("status", flat=True))
    assert statuses == {"diajukan", "ditinjau", "diterima", "ditolak"}
    assert any(r.perlu_banding and not r.kedaluwarsa for r in Relawan.objects.all())
    assert any(r.kedaluwarsa for r in Relawan.objects.all())


def test_seeded_relawan1_can_use_their_page(client, wilayah):
    call_command("seed_demo", password="demo-password-panjang-1")
    assert client.login(email="relawan1@posyantek.test", password="demo-password-panjang-1")
    html = client.get("/relawan/saya/").content.decode()
    assert "Posyantek Kecamatan Gambir" in html and "Catat aktivitas" in html
