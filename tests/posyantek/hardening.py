"""The foundation's entries for the hardening tests (format: tests/hardening/registry.py)."""

from django.urls import reverse

from posyantek.models import Pos
from posyantek.services import operator_tetapkan
from tests.hardening.registry import ListPage, WeightPage


def _assign_more_posts(world, n: int) -> None:
    """Gives operator A ``n`` more posts (the foundation's list that grows: a multi-post operator)."""
    mine = Pos.objects.filter(operatorpos__user=world.users["op_a"]).values("pk")
    for pos in Pos.objects.exclude(pk__in=mine).order_by("kecamatan__kode")[:n]:
        operator_tetapkan(pos=pos, pengguna=world.users["op_a"])


def _more_users(world, n: int) -> None:
    from tests.factories import UserFactory

    UserFactory.create_batch(n)


def _rows(factory_name: str, **extra):
    """Adds ``n`` rows of one of the foundation's post records to post A (``extra``: more fields)."""

    def grow(world, n: int) -> None:
        from tests.posyantek import factories

        getattr(factories, factory_name).create_batch(n, pos=world.pos_a, **extra)

    return grow


def _unsent_mail(world, n: int) -> None:
    from posyantek.models import Surel

    Surel.objects.bulk_create(
        [Surel(penerima=[f"warga{i}@contoh.test"], subjek=f"Pengingat {i}", isi="Isi surel.") for i in range(n)]
    )


def _kelola(name):
    return lambda w: reverse(name, kwargs={"pos_slug": w.pos_a.slug})


LIST_PAGES = [
    ListPage("akun saya: pos yang dikelola", lambda w: reverse("akun-saya"), _assign_more_posts, login="op_a"),
    ListPage("kelola: pilih pos", lambda w: reverse("kelola:index"), _assign_more_posts, login="op_a"),
    ListPage(
        "admin: daftar pengguna", lambda w: reverse("admin:posyantek_user_changelist"), _more_users, login="admin"
    ),
    ListPage("kelola: pengguna", lambda w: reverse("kelola:pengguna-list"), _more_users, login="admin"),
    ListPage("kelola: surel tertunda", lambda w: reverse("kelola:surel-list"), _unsent_mail, login="admin"),
    ListPage("kelola: arsip dokumen", _kelola("kelola:dokumen-list"), _rows("DokumenFactory"), login="op_a"),
    ListPage("kelola: inventaris", _kelola("kelola:inventaris-list"), _rows("InventarisFactory"), login="op_a"),
    ListPage("kelola: kabar", _kelola("kelola:kabar-list"), _rows("KabarFactory"), login="op_a"),
    ListPage("kelola: log layanan", _kelola("kelola:layanan-list"), _rows("LogLayananFactory"), login="op_a"),
    ListPage(
        "pos: kabar publik", lambda w: reverse("pos-kabar-list", kwargs={"slug": w.pos_a.slug}), _rows("KabarFactory")
    ),
]

WEIGHT_PAGES = [
    WeightPage("beranda", lambda w: reverse("beranda")),
    WeightPage("daftar pos", lambda w: reverse("pos-list")),
    WeightPage("daftar pos, cari", lambda w: reverse("pos-list") + "?q=palmerah"),
    WeightPage("cari dari beranda", lambda w: reverse("cari") + "?q=palmerah"),
    WeightPage("detail pos", lambda w: reverse("pos-detail", kwargs={"slug": w.pos_a.slug})),
]

FORM_DATA = {
    "kelola:dokumen-tambah": lambda w: {"judul": "SK Pengurus", "kategori": "sk", "tanggal": "2026-01-15"},
    "kelola:mitra-tambah": lambda w: {"nama": "Bank Uji", "jenis": "perbankan", "kerja_sama": "Kredit usaha"},
    "kelola:kabar-tambah": lambda w: {"judul": "Kabar uji", "isi": "Isi kabar uji."},
}
