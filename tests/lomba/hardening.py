"""The Lomba's entries for the hardening tests (format: tests/hardening/registry.py).

The public list of announced competitions, the admin's list, the national ranking and a
competition's entrants grow from N to 10·N rows with the same number of queries; the public list and
an announced competition are held to the page-weight budget.
"""

from itertools import count

from django.urls import reverse

from lomba.models import Status
from tests.hardening.registry import ListPage, WeightPage

_tahun = count(2100)  # clear of the years the access-matrix world uses (one competition per year and category)


def _competitions(status):
    def grow(world, n: int) -> None:
        from .factories import LombaFactory

        for _ in range(n):
            LombaFactory(status=status, tahun=next(_tahun))

    return grow


def _outside_entrants(world, n: int) -> None:
    from lomba import services

    for _ in range(n):
        services.peserta_luar_buat(
            lomba=world.obj["nasional"],
            nama=f"Posyantek Luar {_}-{n}",
            provinsi="Jawa Barat",
            oleh=world.users["admin"],
        )


LIST_PAGES = [
    ListPage("lomba: publik", lambda w: reverse("lomba:publik-list"), _competitions(Status.DIUMUMKAN)),
    ListPage(
        "lomba: kelola daftar", lambda w: reverse("lomba:kelola-list"), _competitions(Status.DRAFT), login="admin"
    ),
    ListPage(
        "lomba: kelola peserta",
        lambda w: reverse("lomba:kelola-detail", kwargs={"pk": w.obj["nasional"].pk}),
        _outside_entrants,
        login="admin",
    ),
]

WEIGHT_PAGES = [
    WeightPage("lomba: publik", lambda w: reverse("lomba:publik-list")),
    WeightPage("lomba: detail diumumkan", lambda w: reverse("lomba:publik-detail", kwargs={"pk": w.obj["umum"].pk})),
]

FORM_DATA = {
    "lomba:pos-peserta-detail": lambda w: {"aksi": "dokumen", "dokumen-judul": "Laporan kegiatan"},
}

DATA_IMPORTS = {
    "lomba:impor": "tests/lomba/test_impor.py",
}
