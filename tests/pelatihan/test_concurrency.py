"""Capacity under load: 50 people press "Daftar" at the same moment for 10 seats (PostgreSQL)."""

import threading

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from pelatihan.models import Pendaftaran
from tests.factories import UserFactory
from tests.pelatihan.factories import JadwalFactory
from tests.serentak import run_parallel

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not settings.IS_POSTGRES, reason="row locks (SELECT … FOR UPDATE) need PostgreSQL"),
]

PEOPLE = 50
SEATS = 10


@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_registrations_for_ten_seats_confirm_exactly_ten(pos_a):
    jadwal = JadwalFactory(pos=pos_a, kapasitas=SEATS)
    users = [UserFactory(email=f"serbu{i}@contoh.test", is_pemilik_ukm=True) for i in range(PEOPLE)]
    url = f"/pelatihan/jadwal/{jadwal.pk}/daftar/"
    start = threading.Barrier(PEOPLE)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def register(user):
        try:
            client = Client()
            client.force_login(user)  # each thread has its own database connection
            start.wait(timeout=60)
            statuses.append(client.post(url).status_code)
        except BaseException as error:  # noqa: BLE001 — reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert statuses == [302] * PEOPLE
    counts = {s: Pendaftaran.objects.filter(jadwal=jadwal, status=s).count() for s in ("terkonfirmasi", "menunggu")}
    assert counts == {"terkonfirmasi": SEATS, "menunggu": PEOPLE - SEATS}
    assert Pendaftaran.objects.filter(jadwal=jadwal).values("user").distinct().count() == PEOPLE
    # Waiting-list order is total: 40 distinct positions.
    from pelatihan.selectors import pendaftaran_list_untuk_jadwal

    positions = [p.posisi for p in pendaftaran_list_untuk_jadwal(jadwal=jadwal) if p.status == "menunggu"]
    assert sorted(positions) == list(range(1, PEOPLE - SEATS + 1))


@pytest.mark.django_db(transaction=True)
def test_parallel_cancellations_promote_each_waiting_person_once(pos_a):
    from pelatihan import services

    jadwal = JadwalFactory(pos=pos_a, kapasitas=5)
    users = [UserFactory(email=f"batal{i}@contoh.test") for i in range(10)]
    regs = [services.pendaftaran_buat(jadwal=jadwal, oleh=u) for u in users]
    confirmed = [p for p in regs if p.status == "terkonfirmasi"]
    start = threading.Barrier(len(confirmed))
    errors = []

    def cancel(p):
        try:
            start.wait(timeout=60)
            services.pendaftaran_batalkan(pendaftaran=p, oleh=p.user)
        except BaseException as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(p,)) for p in confirmed]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []
    assert Pendaftaran.objects.filter(jadwal=jadwal, status="terkonfirmasi").count() == 5
    assert Pendaftaran.objects.filter(jadwal=jadwal, status="menunggu").count() == 0
    assert set(Pendaftaran.objects.filter(jadwal=jadwal, status="terkonfirmasi").values_list("user", flat=True)) == {
        u.pk for u in users[5:]
    }


GUESTS = 30


def _serbu(url: str, forms: list[dict]) -> list[int]:
    """Every form posted at the same moment from its own client (own address: the limit is per client)."""
    jobs = [
        (lambda i=i, data=data: Client(REMOTE_ADDR=f"10.1.0.{i + 1}").post(url, data).status_code)
        for i, data in enumerate(forms)
    ]
    results = run_parallel(jobs)
    assert [r for r in results if r[0] != "ok"] == []
    return [r[1] for r in results]


@pytest.mark.django_db(transaction=True)
def test_thirty_parallel_guest_bookings_for_ten_seats_confirm_exactly_ten(pos_a):
    jadwal = JadwalFactory(pos=pos_a, kapasitas=SEATS)
    url = f"/pelatihan/jadwal/{jadwal.pk}/pesan/"
    forms = [{"nama": f"Tamu {i}", "telepon": f"0812{i:08d}"} for i in range(GUESTS)]
    assert _serbu(url, forms) == [302] * GUESTS
    counts = {s: Pendaftaran.objects.filter(jadwal=jadwal, status=s).count() for s in ("terkonfirmasi", "menunggu")}
    assert counts == {"terkonfirmasi": SEATS, "menunggu": GUESTS - SEATS}
    assert Pendaftaran.objects.filter(jadwal=jadwal).values("kode").distinct().count() == GUESTS


@pytest.mark.django_db(transaction=True)
def test_one_phone_pressing_book_ten_times_at_once_books_once(pos_a):
    jadwal = JadwalFactory(pos=pos_a, kapasitas=SEATS)
    url = f"/pelatihan/jadwal/{jadwal.pk}/pesan/"
    statuses = _serbu(url, [{"nama": "Siti", "telepon": "+62 812-3456-7890"}] * 10)
    assert sorted(statuses) == [200] * 9 + [302]  # nine are told the number is already booked
    assert Pendaftaran.objects.filter(jadwal=jadwal).count() == 1
