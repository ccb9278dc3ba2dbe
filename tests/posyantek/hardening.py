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


LIST_PAGES = [
    ListPage("akun saya: pos yang dikelola", lambda w: reverse("akun-saya"), _assign_more_posts, login="op_a"),
    ListPage("kelola: pilih pos", lambda w: reverse("kelola:index"), _assign_more_posts, login="op_a"),
    ListPage(
        "admin: daftar pengguna", lambda w: reverse("admin:posyantek_user_changelist"), _more_users, login="admin"
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
    "kelola:kabar-tambah": lambda w: {"judul": "Kabar uji", "isi": "Isi kabar uji."},
}
