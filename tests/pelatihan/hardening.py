"""Training and Relawan TIK entries for the hardening tests (format: tests/hardening/registry.py).

Every list page (public schedule, the calendar month, an operator's sessions, programmes,
participants, volunteers and their activities, the admin's applications) grows from N to 10·N rows
with the same number of queries; the schedule and a session are held to the page-weight budget.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tests.hardening.registry import ListPage, WeightPage


def _sessions(world, n: int) -> None:
    from .factories import JadwalFactory, ProgramFactory

    program = ProgramFactory(pos=world.pos_a)
    for _ in range(n):
        JadwalFactory(pos=world.pos_a, program=program)


def _programs(pos_attr):
    def grow(world, n: int) -> None:
        from .factories import ProgramFactory

        ProgramFactory.create_batch(n, pos=getattr(world, pos_attr) if pos_attr else None)

    return grow


def _participants(world, n: int) -> None:
    from .factories import PendaftaranFactory

    jadwal = world.obj["jadwal"]
    jadwal.kapasitas = 1000
    jadwal.save(update_fields=["kapasitas"])
    PendaftaranFactory.create_batch(n, jadwal=jadwal)


def _my_registrations(world, n: int) -> None:
    from .factories import JadwalFactory, PendaftaranFactory

    for _ in range(n):
        PendaftaranFactory(jadwal=JadwalFactory(pos=world.pos_a), user=world.users["owner"])


def _volunteers(world, n: int) -> None:
    from .factories import RelawanFactory

    RelawanFactory.create_batch(n, pos=[world.pos_a])


def _applicants(world, n: int) -> None:
    """Half new applications, half accepted volunteers with a post: the first page always shows both."""
    from .factories import RelawanFactory

    RelawanFactory.create_batch(n - n // 2, status="diajukan", diputuskan_at=None)
    RelawanFactory.create_batch(n // 2, pos=[world.pos_a])


def _activities(world, n: int) -> None:
    from .factories import AktivitasFactory

    AktivitasFactory.create_batch(n, relawan=world.obj["relawan"], pos=world.pos_a)


def _pos(w):
    return {"pos_slug": w.pos_a.slug}


def _bulan() -> str:
    return (timezone.localdate() + timedelta(days=3)).strftime("%Y-%m")


def _the_volunteer(world):
    return world.obj["relawan"].user


LIST_PAGES = [
    ListPage("pelatihan: jadwal", lambda w: reverse("pelatihan:jadwal-list"), _sessions),
    ListPage(
        "pelatihan: jadwal, saring",
        lambda w: reverse("pelatihan:jadwal-list") + "?kecamatan=gambir&topik=internet_dasar",
        _sessions,
    ),
    ListPage(
        "pelatihan: kalender bulan", lambda w: reverse("pelatihan:kalender-bulan") + f"?bulan={_bulan()}", _sessions
    ),
    ListPage(
        "pelatihan: aktivitas relawan saya",
        lambda w: reverse("pelatihan:relawan-saya"),
        _activities,
        login=_the_volunteer,
    ),
    ListPage("pelatihan: pendaftaran saya", lambda w: reverse("pelatihan:saya"), _my_registrations, login="owner"),
    ListPage(
        "pelatihan: kelola jadwal",
        lambda w: reverse("pelatihan:kelola-jadwal-list", kwargs=_pos(w)),
        _sessions,
        login="op_a",
    ),
    ListPage(
        "pelatihan: kelola peserta",
        lambda w: reverse("pelatihan:kelola-jadwal-detail", kwargs={**_pos(w), "pk": w.obj["jadwal"].pk}),
        _participants,
        login="op_a",
    ),
    ListPage(
        "pelatihan: kelola program",
        lambda w: reverse("pelatihan:kelola-program-list", kwargs=_pos(w)),
        _programs("pos_a"),
        login="op_a",
    ),
    ListPage(
        "pelatihan: kelola relawan",
        lambda w: reverse("pelatihan:kelola-relawan-list", kwargs=_pos(w)),
        _volunteers,
        login="op_a",
    ),
    ListPage(
        "pelatihan: kelola aktivitas relawan",
        lambda w: reverse("pelatihan:kelola-aktivitas-list", kwargs=_pos(w)),
        _activities,
        login="op_a",
    ),
    ListPage("pelatihan: admin relawan", lambda w: reverse("pelatihan:admin-relawan-list"), _applicants, login="admin"),
    ListPage(
        "pelatihan: admin program", lambda w: reverse("pelatihan:admin-program-list"), _programs(None), login="admin"
    ),
]

WEIGHT_PAGES = [
    WeightPage("pelatihan: jadwal", lambda w: reverse("pelatihan:jadwal-list"), build=lambda w: _sessions(w, 20)),
    WeightPage(
        "pelatihan: detail sesi", lambda w: reverse("pelatihan:jadwal-detail", kwargs={"pk": w.obj["jadwal"].pk})
    ),
    WeightPage("pelatihan: relawan", lambda w: reverse("pelatihan:relawan-info")),
]
