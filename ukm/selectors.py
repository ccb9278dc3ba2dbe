"""Reads of the UKM registry for pages.

Who sees what: the operator's list and pages read businesses of their own post only (the views pass
``self.pos``); an owner reads their own businesses (``Ukm.objects.for_pemilik``); the public
directory reads ``Ukm.objects.published()`` and only public fields. Every list runs a fixed number
of queries whatever its length: related rows are joined or prefetched here, never in templates.
"""

from dataclasses import dataclass

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.db import connection
from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Replace
from django.utils.translation import gettext as _

from posyantek import pencarian
from posyantek.models import Kecamatan, Kelurahan, Kota, Pos
from posyantek.selectors import kecamatan_cari

from . import ringkasan
from .klasifikasi import Kelas
from .models import (
    BIDANG_SINGKAT,
    Bidang,
    FotoProduk,
    KlaimUkm,
    Pendampingan,
    Produk,
    StatusKlaim,
    TahapJakpreneur,
    Ukm,
)
from .pencarian import token_cari

URUTAN = {
    "nama": ("nama", "pk"),
    "-nama": ("-nama", "-pk"),
    "terbaru": ("-updated_at", "-pk"),
    "kelas": ("kelas", "nama", "pk"),
    "kelurahan": ("kelurahan__nama", "nama", "pk"),
    "dibuat": ("-created_at", "-pk"),
}
TANPA_KELAS = "belum"


# On SQLite the operator's search forgives typos in memory (``posyantek.pencarian``): it reads the
# search keys of at most this many businesses of the list's scope, newest first, in one query. A
# post's registry holds hundreds to a few thousand businesses (the bench: 30,000 over 44 posts);
# 5,000 keys of ~80 bytes are compared in a few milliseconds, and the cap keeps the province-wide
# list from reading every row on each search. Beyond it the exact search still finds every row;
# typos are forgiven among the newest 5,000 (and suggestions are taken from them).
KANDIDAT_MAKS = 5000
MIRIP_MAKS = 200  # typo matches handed back to the database as ``pk IN (…)``
# On PostgreSQL a word of at least this many letters also matches by trigram word similarity
# (pg_trgm, the index the substring search already uses): shorter words share too few trigrams with
# their misspellings for the similarity to tell them apart.
MIRIP_PG_MIN = 5


def _cari(*, qs: QuerySet[Ukm], q: str, field: str = "search_text", mirip: bool = False) -> QuerySet[Ukm]:
    """Every word of the query must be found in the stored search key, compared after the same
    folding (``ukm.pencarian``). ``search_text`` (name, owner, NIB, kelurahan and its aliases) is
    for the operator's list; ``search_publik`` (name and kelurahan only) for the public directory,
    so a visitor cannot learn who owns what by searching an owner's name. On PostgreSQL the
    ``LIKE '%…%'`` is answered by a trigram index on each key. With ``mirip`` (the operator's list),
    typos are forgiven: on PostgreSQL a word of five letters or more may also be trigram-similar to
    a stretch of the key (``%>``); elsewhere a business also matches when every word is within one
    or two typos of a word of its key (RapidFuzz over a capped candidate set). Never for digits: a
    NIB one digit off is another business."""
    tokens = token_cari(q)
    postgres = connection.vendor == "postgresql"
    cond = Q()
    for token in tokens:
        kata = Q(**{f"{field}__contains": token})
        if mirip and postgres and len(token) >= MIRIP_PG_MIN and not token.isdigit():
            kata |= Q(TrigramWordSimilar(F(field), Value(token)))  # pg_trgm ``%>``, the same GIN index
        cond &= kata
    if mirip and tokens and not postgres and not any(t.isdigit() for t in tokens):
        kandidat = qs.order_by("-updated_at", "-pk").values_list("pk", field)[:KANDIDAT_MAKS]
        dekat = pencarian.cocokkan(tokens, kandidat)
        if dekat:
            cond |= Q(pk__in=sorted(dekat, key=lambda pk: -dekat[pk])[:MIRIP_MAKS])
    return qs.filter(cond)


def ukm_saran(*, pos: Pos | None, q: str) -> list[str]:
    """ "Maksud Anda: …" for the operator's list: the names of the post's businesses (the province
    for ``pos=None``) closest to ``q``, from at most ``KANDIDAT_MAKS`` of them, in one query."""
    qs = Ukm.objects.all() if pos is None else Ukm.objects.for_pos(pos)
    nama = dict(qs.order_by("-updated_at", "-pk").values_list("pk", "nama")[:KANDIDAT_MAKS])
    return list(dict.fromkeys(nama[pk] for pk in pencarian.saran(q, nama)))


def _saring(qs: QuerySet[Ukm], params: dict) -> QuerySet[Ukm]:
    if params.get("q"):
        qs = _cari(qs=qs, q=params["q"], mirip=True)
    if params.get("kelurahan"):
        qs = qs.filter(kelurahan=params["kelurahan"])
    if params.get("kecamatan"):
        qs = qs.filter(pos__kecamatan=params["kecamatan"])
    if params.get("bidang"):
        qs = qs.filter(bidang=params["bidang"])
    if params.get("kelas"):
        qs = qs.filter(kelas="" if params["kelas"] == TANPA_KELAS else params["kelas"])
    if params.get("tahap"):
        qs = qs.filter(tahap_jakpreneur="" if params["tahap"] == TANPA_KELAS else params["tahap"])
    if params.get("status"):
        qs = qs.filter(status=params["status"])
    if params.get("verifikasi") == "ya":
        qs = qs.filter(verified_at__isnull=False)
    elif params.get("verifikasi") == "belum":
        qs = qs.filter(verified_at__isnull=True)
    return qs


def ukm_list_kelola(*, pos: Pos | None, params: dict) -> QuerySet[Ukm]:
    """The operator's list of their post (or, for ``pos=None``, the province for an admin).

    ``params`` are the cleaned values of ``UkmFilterForm``. Only the columns the list shows are
    loaded; kelurahan and the post are joined.
    """
    qs = Ukm.objects.all() if pos is None else Ukm.objects.for_pos(pos)
    qs = qs.select_related("kelurahan", "pos").only(
        "nama",
        "pemilik_nama",
        "nib",
        "bidang",
        "kelas",
        "tahap_jakpreneur",
        "status",
        "verified_at",
        "updated_at",
        "pemilik_id",
        "tampil_publik",
        "kelurahan__nama",
        "pos__nama",
        "pos__slug",
    )
    return _saring(qs, params).order_by(*URUTAN.get(params.get("urut") or "nama", URUTAN["nama"]))


def ukm_list_ekspor(*, pos: Pos | None, params: dict) -> QuerySet[Ukm]:
    """What an export holds: the list's filters over the operator's scope, wilayah joined."""
    qs = Ukm.objects.all() if pos is None else Ukm.objects.for_pos(pos)
    qs = qs.select_related("kelurahan", "pos__kecamatan__kota")
    return _saring(qs, params).order_by("pos__kecamatan__kode", "nama", "pk")


def layanan_list_untuk_ukm(*, ukm: Ukm, jumlah: int = 10) -> list:
    """The services the post's log names this business in, newest first (the business's page)."""
    return list(ukm.layanan_set.select_related("teknologi").order_by("-tanggal", "-pk")[:jumlah])


def ukm_detail_kelola(*, pos: Pos, pk: int) -> Ukm:
    """One business of the post with what its page shows; raises Ukm.DoesNotExist for another post's."""
    return (
        Ukm.objects.for_pos(pos)
        .select_related("kelurahan__kecamatan", "pemilik", "verified_by", "created_by")
        .prefetch_related(
            Prefetch("produk_set", queryset=Produk.objects.prefetch_related("foto_set")),
            Prefetch("pendampingan_set", queryset=Pendampingan.objects.select_related("created_by")),
            Prefetch(
                "klaim_set",
                queryset=KlaimUkm.objects.filter(status=StatusKlaim.MENUNGGU).select_related("user"),
                to_attr="klaim_menunggu",
            ),
        )
        .get(pk=pk)
    )


def klaim_list_menunggu(*, pos: Pos) -> QuerySet[KlaimUkm]:
    return (
        KlaimUkm.objects.filter(ukm__pos=pos, status=StatusKlaim.MENUNGGU)
        .select_related("ukm__kelurahan", "user")
        .order_by("created_at", "pk")
    )


def klaim_list_terakhir(*, pos: Pos, limit: int = 20) -> QuerySet[KlaimUkm]:
    return (
        KlaimUkm.objects.filter(ukm__pos=pos)
        .exclude(status=StatusKlaim.MENUNGGU)
        .select_related("ukm", "user", "decided_by")
        .order_by("-decided_at", "-pk")[:limit]
    )


# Owner's area ---------------------------------------------------------------------------------


def ukm_list_pemilik(*, pengguna) -> QuerySet[Ukm]:
    return Ukm.objects.for_pemilik(pengguna).select_related("kelurahan__kecamatan", "pos").order_by("nama", "pk")


def klaim_list_pemilik(*, pengguna) -> QuerySet[KlaimUkm]:
    return KlaimUkm.objects.filter(user=pengguna).select_related("ukm", "ukm__pos").order_by("-created_at", "-pk")[:20]


def ukm_detail_pemilik(*, pengguna, pk: int) -> Ukm:
    """One of the owner's businesses; raises Ukm.DoesNotExist for anyone else's."""
    return (
        Ukm.objects.for_pemilik(pengguna)
        .select_related("kelurahan__kecamatan", "pos")
        .prefetch_related(
            Prefetch("produk_set", queryset=Produk.objects.prefetch_related("foto_set")),
            "pendampingan_set",
        )
        .get(pk=pk)
    )


# Public directory -----------------------------------------------------------------------------


def _foto_sampul():
    return Subquery(
        FotoProduk.objects.filter(produk__ukm=OuterRef("pk"))
        .order_by("produk__urutan", "produk_id", "pk")
        .values("gambar")[:1]
    )


def ukm_list_direktori(*, q: str = "", kecamatan: Kecamatan | None = None, bidang: str = "") -> QuerySet[Ukm]:
    """The public directory: published businesses with public fields only, and one cover photo."""
    qs = (
        Ukm.objects.published()
        .select_related("kelurahan__kecamatan")
        .only("nama", "bidang", "kelurahan__nama", "kelurahan__kecamatan__nama", "kelurahan__kecamatan__slug")
    )
    if q:
        # "palmerah" also means every business of Kecamatan Pal Merah (the kecamatan's name keys).
        kec = kecamatan_cari(nama=q)
        qs = _cari(qs=qs, q=q, field="search_publik") | (qs.filter(pos__kecamatan=kec) if kec else qs.none())
    if kecamatan is not None:
        qs = qs.filter(pos__kecamatan=kecamatan)
    if bidang:
        qs = qs.filter(bidang=bidang)
    return qs.annotate(foto_sampul=_foto_sampul()).order_by("nama", "pk")


def ukm_detail_direktori(*, pk: int) -> Ukm:
    return (
        Ukm.objects.published()
        .select_related("kelurahan__kecamatan__kota", "pos")
        .prefetch_related(Prefetch("produk_set", queryset=Produk.objects.prefetch_related("foto_set")))
        .get(pk=pk)
    )


def jumlah_direktori_pos(*, pos: Pos) -> int:
    """How many of the post's businesses are in the public directory (from the summary rows)."""
    return ringkasan.angka(pos=pos).satu(ringkasan.Dimensi.PUBLIK)


def jumlah_direktori() -> int:
    """How many businesses the public directory holds (from the summary rows)."""
    return ringkasan.angka().satu(ringkasan.Dimensi.PUBLIK)


# Numbers people look at -----------------------------------------------------------------------


@dataclass
class Statistik:
    total: int
    aktif: int
    terverifikasi: int
    kelas: list[tuple[str, int]]
    bidang: list[tuple[str, int]]
    wilayah: list[tuple[str, int]]
    tahap: list[tuple[str, int]]
    wilayah_label: str


def ukm_statistik(*, pos: Pos | None) -> Statistik:
    """Businesses by class, bidang, kelurahan (kota for the province) and Jakpreneur stage.

    Counts active businesses only: a closed business is not served. Read from the summary rows
    (``ukm/ringkasan.py``), not the registry: about a hundred rows per post, whatever its size.
    """
    angka = ringkasan.angka(pos=pos)
    totals = {"total": angka.total, "aktif": angka.aktif, "terverifikasi": angka.satu(ringkasan.Dimensi.TERVERIFIKASI)}
    kelas = angka.per(ringkasan.Dimensi.KELAS)
    bidang = angka.per(ringkasan.Dimensi.BIDANG)
    tahap = angka.per(ringkasan.Dimensi.TAHAP)

    kelas_rows = [
        (str(label), kelas.get(value, 0)) for value, label in Kelas.choices if value != Kelas.BESAR or kelas.get(value)
    ]
    if kelas.get(""):
        kelas_rows.append((_("Belum dapat ditentukan"), kelas[""]))
    bidang_rows = sorted(
        ((str(BIDANG_SINGKAT[value]), bidang.get(value, 0)) for value, _label in Bidang.choices if bidang.get(value)),
        key=lambda row: (-row[1], row[0]),
    )
    tahap_rows = [(str(label), tahap.get(value, 0)) for value, label in TahapJakpreneur.choices]
    if tahap.get(""):
        tahap_rows.append((_("Belum ada tahap"), tahap[""]))
    if pos is None:
        counts = ringkasan.per_pos(ringkasan.Dimensi.STATUS, "aktif", lewat="pos__kecamatan__kota")
        wilayah_rows = [(kota.nama_pendek, counts.get(kota.pk, 0)) for kota in Kota.objects.order_by("kode")]
        label = _("UKM aktif per kota/kabupaten")
    else:
        counts = angka.per(ringkasan.Dimensi.KELURAHAN)
        wilayah_rows = [
            (k.nama, counts.get(str(k.pk), 0))
            for k in Kelurahan.objects.filter(kecamatan_id=pos.kecamatan_id).order_by("nama")
        ]
        label = _("UKM aktif per kelurahan")
    return Statistik(
        total=totals["total"],
        aktif=totals["aktif"],
        terverifikasi=totals["terverifikasi"],
        kelas=kelas_rows,
        bidang=bidang_rows,
        wilayah=wilayah_rows,
        tahap=tahap_rows,
        wilayah_label=label,
    )


def ukm_pilihan_pos(*, pos: Pos) -> QuerySet[Ukm]:
    """The post's registered businesses as choices for its operators (e.g. to link a technology's
    adoption): only that post's, whatever their status; id and name are enough."""
    return Ukm.objects.for_pos(pos).only("pk", "nama", "pos_id").order_by("nama", "pk")


def ukm_pilihan_pemilik(*, pengguna) -> QuerySet[Ukm]:
    """An owner's own businesses as choices (their post joined, for the record it goes to)."""
    return Ukm.objects.for_pemilik(pengguna).select_related("pos").order_by("nama", "pk")


# Likely duplicates ------------------------------------------------------------------------------

GANDA_KANDIDAT_MAKS = 300
GANDA_SKOR_MIN = 90  # RapidFuzz ratio (0–100) of the folded keys: "Warung Bu Siti" ~ "Warung Bu Sitti"


def ukm_mungkin_ganda(*, pos: Pos, kelurahan: Kelurahan, nama: str, pemilik_nama: str, telepon: str) -> list[Ukm]:
    """Businesses of ``pos`` in the kecamatan of ``kelurahan`` that are probably the one being typed:
    the same phone number (whatever its spelling: "0812-…", "+62 812…"), or a name and an owner's name
    that are the same after folding (``kunci_cari``: case, punctuation, old spelling, doubled letters)
    or nearly so (RapidFuzz ratio ≥ ``GANDA_SKOR_MIN``). Only the post's own businesses: the operator
    may open each link. One query, over at most ``GANDA_KANDIDAT_MAKS`` candidates that share a word
    of the name or the phone's last four digits."""
    from rapidfuzz import fuzz

    from posyantek.whatsapp import nomor_wa

    from .pencarian import kunci_cari

    nomor = nomor_wa(telepon)
    kunci_nama, kunci_pemilik = kunci_cari(nama), kunci_cari(pemilik_nama)
    pilih = Q()
    for token in token_cari(nama, maks=3):
        if len(token) >= 3:
            pilih |= Q(search_text__contains=token)
    qs = Ukm.objects.for_pos(pos)
    if nomor:
        # The stored number as typed ("0811 000 999", "(021) 345-6789"): compared without separators.
        digit = F("pemilik_telepon")
        for pemisah in (" ", "-", ".", "(", ")", "+"):
            digit = Replace(digit, Value(pemisah), Value(""))
        qs = qs.annotate(telepon_digit=digit)
        pilih |= Q(telepon_digit__endswith=nomor[-8:])
    if not pilih:
        return []
    kandidat = (
        qs.filter(pilih, kelurahan__kecamatan_id=kelurahan.kecamatan_id)
        .select_related("kelurahan")
        .order_by("-updated_at", "-pk")[:GANDA_KANDIDAT_MAKS]
    )
    hasil = []
    for ukm in kandidat:
        sama_telepon = bool(nomor) and nomor_wa(ukm.pemilik_telepon) == nomor
        sama_nama = (
            fuzz.ratio(kunci_nama, kunci_cari(ukm.nama)) >= GANDA_SKOR_MIN
            and fuzz.ratio(kunci_pemilik, kunci_cari(ukm.pemilik_nama)) >= GANDA_SKOR_MIN
        )
        if sama_telepon or sama_nama:
            ukm.ganda_karena = "telepon" if sama_telepon else "nama"
            hasil.append(ukm)
    return hasil[:5]
