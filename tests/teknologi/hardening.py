"""The catalogue's entries for the hardening tests (format: tests/hardening/registry.py).

Every list page of the catalogue and of the group purchases grows from N to 10·N rows with the
same number of queries; the catalogue, a technology, its guide and the group purchases are held to
the page-weight budget.
"""

from itertools import count

from django.urls import reverse

from tests.hardening.registry import ListPage, WeightPage

_seq = count(1)


def _published(world, n: int) -> list:
    from . import factories as f

    return [f.teknologi(f"Alat Uji Beban {next(_seq)}", oleh=world.users["admin"]) for _ in range(n)]


def _drafts(world, n: int) -> None:
    from teknologi.models import StatusTeknologi

    from . import factories as f

    for _ in range(n):
        f.teknologi(
            f"Usulan Uji Beban {next(_seq)}", status=StatusTeknologi.DRAFT, pos=world.pos_a, oleh=world.users["op_a"]
        )


def _campaigns(world, n: int) -> None:
    from . import factories as f

    for t in _published(world, n):
        f.kampanye(t, world.pos_a, oleh=world.users["admin"])


def _demos(world, n: int) -> None:
    from teknologi import services

    for t in _published(world, n):
        services.peraga_simpan(pos=world.pos_a, teknologi=t, ada_unit_demo=True)


def _adoptions(world, n: int) -> None:
    from teknologi import services
    from tests.factories import UserFactory

    for t in _published(world, n):
        owner = UserFactory(is_pemilik_ukm=True)
        services.adopsi_catat(teknologi=t, pos=world.pos_a, nama_usaha=f"Usaha {t.pk}", oleh=owner, pemilik=owner)


def _pos(w):
    return {"pos_slug": w.pos_a.slug}


LIST_PAGES = [
    ListPage("teknologi: katalog", lambda w: reverse("teknologi:teknologi-list"), _published),
    ListPage(
        "teknologi: katalog, cari", lambda w: reverse("teknologi:teknologi-list") + "?q=alat+uji&urut=harga", _published
    ),
    ListPage(
        "teknologi: katalog, cari dengan salah ketik",
        lambda w: reverse("teknologi:teknologi-list") + "?q=alat+ujj+bebn",
        _published,
    ),
    ListPage("beranda: cari (pos, teknologi, UKM)", lambda w: reverse("cari") + "?q=alat+uji", _published),
    ListPage("teknologi: urun beli", lambda w: reverse("teknologi:kampanye-list"), _campaigns),
    ListPage("teknologi: kurasi", lambda w: reverse("teknologi:kurasi-list"), _drafts, login="admin"),
    ListPage(
        "teknologi: kelola usulan",
        lambda w: reverse("teknologi:kelola-teknologi-list", kwargs=_pos(w)),
        _drafts,
        login="op_a",
    ),
    ListPage(
        "teknologi: kelola peraga", lambda w: reverse("teknologi:kelola-peraga", kwargs=_pos(w)), _demos, login="op_a"
    ),
    ListPage(
        "teknologi: kelola pemakaian",
        lambda w: reverse("teknologi:kelola-adopsi", kwargs=_pos(w)),
        _adoptions,
        login="op_a",
    ),
    ListPage(
        "teknologi: kelola urun beli",
        lambda w: reverse("teknologi:kelola-kampanye-list", kwargs=_pos(w)),
        _campaigns,
        login="op_a",
    ),
]


def _slug(w):
    return {"slug": w.obj["terbit"].slug}


WEIGHT_PAGES = [
    WeightPage("teknologi: katalog", lambda w: reverse("teknologi:teknologi-list"), build=lambda w: _published(w, 20)),
    WeightPage("teknologi: detail", lambda w: reverse("teknologi:teknologi-detail", kwargs=_slug(w))),
    WeightPage("teknologi: panduan", lambda w: reverse("teknologi:panduan-detail", kwargs=_slug(w))),
    WeightPage("teknologi: urun beli", lambda w: reverse("teknologi:kampanye-list"), build=lambda w: _campaigns(w, 10)),
    WeightPage(
        "teknologi: urun beli detail",
        lambda w: reverse("teknologi:kampanye-detail", kwargs={"pk": w.obj["kampanye"].pk}),
    ),
]

_TEKNOLOGI = {
    "nama": "Alat Uji Unggah",
    "bidang": "pangan",
    "ringkasan": "Ringkasan alat uji.",
    "deskripsi": "Deskripsi alat uji.",
}
# The guide's two empty extra steps get text, so that a photo on any step is valid.
_PANDUAN = {"langkah-3-teks": "Langkah keempat.", "langkah-4-teks": "Langkah kelima."}

FORM_DATA = {
    "teknologi:kurasi-tambah": lambda w: dict(_TEKNOLOGI),
    "teknologi:kelola-teknologi-tambah": lambda w: dict(_TEKNOLOGI),
    "teknologi:kurasi-panduan-ubah": lambda w: dict(_PANDUAN),
    "teknologi:kelola-panduan-ubah": lambda w: dict(_PANDUAN),
}
