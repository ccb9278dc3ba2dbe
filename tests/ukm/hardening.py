"""The UKM registry's entries for the hardening tests (format: tests/hardening/registry.py).

Every list page of the registry grows from N to 10·N rows with the same number of queries; the
public directory and a business page are held to the page-weight budget.
"""

from django.urls import reverse
from django.utils import timezone

from tests.hardening.registry import ListPage, WeightPage


def _published(world, n: int) -> None:
    from .factories import UkmFactory, kelurahan

    cideng = kelurahan("Cideng")
    for _ in range(n):
        UkmFactory(kelurahan=cideng, tampil_publik=True, verified_at=timezone.now())


def _owned(world, n: int) -> None:
    from .factories import UkmFactory, kelurahan

    cideng = kelurahan("Cideng")
    for _ in range(n):
        UkmFactory(kelurahan=cideng, pemilik=world.users["owner"])


def _claims(world, n: int) -> None:
    from .factories import KlaimFactory, UkmFactory, kelurahan

    gambir = kelurahan("Gambir")
    for _ in range(n):
        KlaimFactory(ukm=UkmFactory(kelurahan=gambir))


def _products(world, n: int) -> None:
    from .factories import FotoProdukFactory, ProdukFactory

    for _ in range(n):
        FotoProdukFactory(produk=ProdukFactory(ukm=world.obj["ukm"]))


def _guidance(world, n: int) -> None:
    from .factories import PendampinganFactory

    PendampinganFactory.create_batch(n, ukm=world.obj["ukm"])


def _pos(w):
    return {"pos_slug": w.pos_a.slug}


def _ukm(w):
    return {"pos_slug": w.pos_a.slug, "pk": w.obj["ukm"].pk}


def _edits(world, n: int) -> None:
    """``n`` more versions in the UKM's history (its history page lists them)."""
    ukm = world.obj["ukm"]
    for i in range(n):
        ukm.alamat = f"Jl. Riwayat No. {i}"
        ukm.save()


LIST_PAGES = [
    ListPage(
        "ukm: riwayat perubahan",
        lambda w: reverse("ukm:kelola-riwayat", kwargs={**_pos(w), "pk": w.obj["ukm"].pk}),
        _edits,
        login="op_a",
    ),
    ListPage("ukm: direktori", lambda w: reverse("ukm:direktori"), _published),
    ListPage("ukm: direktori, cari", lambda w: reverse("ukm:direktori") + "?q=usaha&bidang=kuliner", _published),
    ListPage("ukm: direktori, cari kecamatan", lambda w: reverse("ukm:direktori") + "?q=gambir", _published),
    ListPage("beranda: cari, UKM", lambda w: reverse("cari") + "?q=gambir", _published),
    ListPage(
        "ukm: kelola daftar, salah ketik",
        lambda w: reverse("ukm:kelola-list", kwargs=_pos(w)) + "?q=usahaa+ujj",
        _published,
        login="op_a",
    ),
    ListPage(
        "ukm: direktori, produk", lambda w: reverse("ukm:direktori-detail", kwargs={"pk": w.obj["ukm"].pk}), _products
    ),
    ListPage("ukm: usaha saya", lambda w: reverse("ukm:saya"), _owned, login="owner"),
    ListPage(
        "ukm: usaha saya, produk",
        lambda w: reverse("ukm:saya-detail", kwargs={"pk": w.obj["ukm"].pk}),
        _products,
        login="owner",
    ),
    ListPage("ukm: kelola daftar", lambda w: reverse("ukm:kelola-list", kwargs=_pos(w)), _published, login="op_a"),
    ListPage(
        "ukm: kelola daftar, cari",
        lambda w: reverse("ukm:kelola-list", kwargs=_pos(w)) + "?q=usaha&urut=terbaru",
        _published,
        login="op_a",
    ),
    ListPage(
        "ukm: kelola detail, produk", lambda w: reverse("ukm:kelola-detail", kwargs=_ukm(w)), _products, login="op_a"
    ),
    ListPage(
        "ukm: kelola detail, pendampingan",
        lambda w: reverse("ukm:kelola-detail", kwargs=_ukm(w)),
        _guidance,
        login="op_a",
    ),
    ListPage("ukm: kelola klaim", lambda w: reverse("ukm:kelola-klaim-list", kwargs=_pos(w)), _claims, login="op_a"),
    ListPage("ukm: provinsi daftar", lambda w: reverse("ukm:provinsi-list"), _published, login="admin"),
]


def _directory(world) -> None:
    _published(world, 20)


WEIGHT_PAGES = [
    WeightPage("ukm: direktori", lambda w: reverse("ukm:direktori"), build=_directory),
    WeightPage(
        "ukm: detail usaha",
        lambda w: reverse("ukm:direktori-detail", kwargs={"pk": w.obj["ukm"].pk}),
        build=lambda w: _products(w, 6),
    ),
]

FORM_DATA = {
    "ukm:saya-produk-tambah": lambda w: {"nama": "Keripik Uji", "harga": "15000"},
    "ukm:kelola-produk-tambah": lambda w: {"nama": "Keripik Uji", "harga": "15000"},
}

DATA_IMPORTS = {
    "ukm:kelola-impor": "tests/ukm/test_impor.py, tests/ukm/test_impor_views.py",
    "ukm:provinsi-impor": "tests/ukm/test_impor.py, tests/ukm/test_impor_views.py",
}
