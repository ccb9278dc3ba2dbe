"""Reads of the foundation for pages.

Public reads (``*_public``) return only what anyone may see: no phone numbers, contact persons,
documents or drafts. Reads for the operators' area take the post the view resolved through
``Pos.objects.for_user``; the people list is for admins provinsi only (the view checks). Every list
runs a fixed number of queries whatever its size (select_related / prefetch_related set here).
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Lower

from posyantek.models import (
    Dokumen,
    Inventaris,
    JenisLayanan,
    Kabar,
    Kecamatan,
    Kelurahan,
    Kepengurusan,
    KondisiInventaris,
    Kota,
    LogLayanan,
    Mitra,
    OperatorPos,
    PenetapanPercontohan,
    Pos,
    Undangan,
    UnitKelurahan,
    User,
    normalisasi_nama,
)


def pos_list_public() -> QuerySet[Pos]:
    """All 44 posts with their kecamatan and kota, ordered by Kemendagri code."""
    return Pos.objects.with_wilayah().order_by("kecamatan__kode")


def kota_list_with_pos() -> QuerySet[Kota]:
    """Kota with their posts, for the grouped /pos/ page (two queries whatever the size).

    Only the columns the pages show: the wilayah's JSON alias columns and the posts' long profile
    texts are not read (parsing them cost as much as rendering the page; see bench/)."""
    kecamatan = (
        Kecamatan.objects.select_related("pos")
        .only("kota_id", "kode", "nama", "slug", "pos__nama", "pos__slug", "pos__is_percontohan", "pos__kecamatan_id")
        .order_by("kode")
    )
    return (
        Kota.objects.only("kode", "nama", "nama_pendek", "slug")
        .prefetch_related(Prefetch("kecamatan_set", queryset=kecamatan))
        .order_by("kode")
    )


def kota_list_with_pos_count() -> QuerySet[Kota]:
    """Kota with the number of their posts (``jumlah_pos``), for the home page: one query."""
    return Kota.objects.only("kode", "nama_pendek", "slug").annotate(jumlah_pos=Count("kecamatan_set__pos")).order_by("kode")


def kelurahan_cari(nama: str, *, kecamatan: Kecamatan | None = None) -> Kelurahan | None:
    """The kelurahan a typed name means, tolerant of case, spacing and the known spelling variants.

    Returns None when nothing matches or when the name is ambiguous across kecamatan (e.g. "Tengah").
    """
    key = normalisasi_nama(nama)
    if not key:
        return None
    qs = Kelurahan.objects.select_related("kecamatan")
    if kecamatan is not None:
        qs = qs.filter(kecamatan=kecamatan)
    found = [k for k in qs if key in k.kunci]
    return found[0] if len(found) == 1 else None


def kecamatan_cari(nama: str) -> Kecamatan | None:
    key = normalisasi_nama(nama)
    for kec in Kecamatan.objects.all():
        if key in kec.kunci:
            return kec
    return None


# The operators' area: choosing a post ------------------------------------------------------------


def pos_list_kelola(*, user, q: str = "", kota: str = "", percontohan: str = "") -> QuerySet[Pos]:
    """The posts ``user`` may manage, filtered by a name (tolerant of spelling variants), a kota
    slug and the percontohan mark ("1" only model posts, "0" only the others)."""
    qs = Pos.objects.for_user(user).with_wilayah().annotate(n_operator=Count("operatorpos")).order_by("kecamatan__kode")
    if q.strip():
        key = normalisasi_nama(q)
        ids = [kec.pk for kec in Kecamatan.objects.all() if any(key in k for k in kec.kunci)]
        qs = qs.filter(Q(nama__icontains=q.strip()) | Q(kecamatan__in=ids) | Q(kecamatan__kota__nama__icontains=q.strip()))
    if kota:
        qs = qs.filter(kecamatan__kota__slug=kota)
    if percontohan == "1":
        qs = qs.filter(is_percontohan=True)
    elif percontohan == "0":
        qs = qs.filter(is_percontohan=False)
    return qs


@dataclass
class DasborPos:
    kepengurusan: Kepengurusan | None
    inventaris: int
    inventaris_rusak: int
    layanan_bulan_ini: int
    unit: int
    mitra_aktif: int
    dokumen: int
    kabar: int
    operator: int


def pos_dasbor(*, pos: Pos, hari_ini: date) -> DasborPos:
    """Numbers of the post's dashboard cards, in a handful of queries."""
    rusak = [KondisiInventaris.RUSAK_RINGAN, KondisiInventaris.RUSAK_BERAT, KondisiInventaris.HILANG]
    inv = Inventaris.objects.for_pos(pos).aggregate(n=Count("pk"), rusak=Count("pk", filter=Q(kondisi__in=rusak)))
    return DasborPos(
        kepengurusan=Kepengurusan.objects.for_pos(pos).berjalan(hari_ini).with_anggota().first(),
        inventaris=inv["n"],
        inventaris_rusak=inv["rusak"],
        layanan_bulan_ini=LogLayanan.objects.for_pos(pos)
        .filter(tanggal__year=hari_ini.year, tanggal__month=hari_ini.month)
        .count(),
        unit=UnitKelurahan.objects.for_pos(pos).filter(is_aktif=True).count(),
        mitra_aktif=Mitra.objects.for_pos(pos).aktif().count(),
        dokumen=Dokumen.objects.for_pos(pos).count(),
        kabar=Kabar.objects.for_pos(pos).count(),
        operator=OperatorPos.objects.filter(pos=pos).count(),
    )


# A post's public page ------------------------------------------------------------------------------


def kabar_list_public(*, pos: Pos) -> QuerySet[Kabar]:
    """Published news of a post, newest first, with their photos."""
    return Kabar.objects.for_pos(pos).published().with_foto().select_related("pos")


def kabar_list_terbaru(*, jumlah: int = 3) -> QuerySet[Kabar]:
    """The latest published news across all posts, for the home page."""
    return (
        Kabar.objects.published().with_foto().select_related("pos", "pos__kecamatan").order_by("-tanggal", "-pk")[:jumlah]
    )


def pos_list_percontohan() -> QuerySet[Pos]:
    return Pos.objects.with_wilayah().filter(is_percontohan=True).order_by("kecamatan__kode")


def percontohan_riwayat(*, pos: Pos) -> list[PenetapanPercontohan]:
    """Every designation of a post as a model post, latest first (years and reasons are public)."""
    return list(pos.penetapan_percontohan.only("pos_id", "tahun", "alasan", "created_at"))


def pos_publik(*, pos: Pos, hari_ini: date) -> dict:
    """What a post's public page shows besides its own fields: the current board (names and
    positions only), active partners (no contact person), kelurahan with a unit, the latest news."""
    return {
        "pengurus_kini": Kepengurusan.objects.for_pos(pos).berjalan(hari_ini).with_anggota().first(),
        "mitra_list": Mitra.objects.for_pos(pos).aktif().only("nama", "jenis", "kerja_sama", "pos_id"),
        "kelurahan_ber_unit": set(
            UnitKelurahan.objects.for_pos(pos).filter(is_aktif=True).values_list("kelurahan_id", flat=True)
        ),
        "kabar_terbaru": kabar_list_public(pos=pos)[:3],
    }


# Board, service log, archive -----------------------------------------------------------------------


def kepengurusan_list(*, pos: Pos) -> QuerySet[Kepengurusan]:
    """Every board term of the post, newest first, with its members in board order."""
    return Kepengurusan.objects.for_pos(pos).with_anggota()


def layanan_list(*, pos: Pos, jenis: str = "", bulan: date | None = None, q: str = "") -> QuerySet[LogLayanan]:
    """The service log of a post, filtered by duty kind, month (any day of it) and a word."""
    qs = LogLayanan.objects.for_pos(pos).select_related("kelurahan")
    if jenis:
        qs = qs.filter(jenis=jenis)
    if bulan is not None:
        qs = qs.filter(tanggal__year=bulan.year, tanggal__month=bulan.month)
    for kata in q.split()[:6]:
        qs = qs.filter(Q(penerima__icontains=kata) | Q(topik__icontains=kata) | Q(petugas__icontains=kata))
    return qs


def layanan_rekap(qs: QuerySet[LogLayanan]) -> list[tuple[str, int, int]]:
    """(duty label, entries, people served) for each of the four duties, over ``qs``."""
    rows = {r["jenis"]: r for r in qs.order_by().values("jenis").annotate(n=Count("pk"), orang=Sum("jumlah_penerima"))}
    return [
        (label, rows.get(value, {}).get("n", 0), rows.get(value, {}).get("orang") or 0)
        for value, label in JenisLayanan.choices
    ]


def dokumen_list(*, pos: Pos, q: str = "", kategori: str = "", tahun: int | None = None) -> QuerySet[Dokumen]:
    qs = Dokumen.objects.for_pos(pos).cari(q) if q.strip() else Dokumen.objects.for_pos(pos)
    if kategori:
        qs = qs.filter(kategori=kategori)
    if tahun:
        qs = qs.filter(tanggal__year=tahun)
    return qs


def kabar_list_kelola(*, pos: Pos) -> QuerySet[Kabar]:
    """Every news item of the post, drafts included, for its operators."""
    return Kabar.objects.for_pos(pos).select_related("pos").annotate(n_foto=Count("foto_set")).order_by("-tanggal", "-pk")


def operator_list(*, pos: Pos) -> QuerySet[OperatorPos]:
    return OperatorPos.objects.filter(pos=pos).select_related("user", "created_by").order_by(Lower("user__email"))


# People (admin provinsi) ---------------------------------------------------------------------------


def pengguna_list(*, q: str = "", peran: str = "", status: str = "") -> QuerySet[User]:
    """Everyone with a managing role or an invitation (not the UKM owners and volunteers, who
    sign themselves up), with their posts and latest invitation. For admins provinsi only."""
    punya_pos = Exists(OperatorPos.objects.filter(user=OuterRef("pk")))
    diundang = Exists(Undangan.objects.filter(user=OuterRef("pk")))
    qs = (
        User.objects.annotate(is_op=punya_pos, pernah_diundang=diundang)
        .filter(Q(is_admin_provinsi=True) | Q(is_juri=True) | Q(is_superuser=True) | Q(is_op=True) | Q(pernah_diundang=True))
        .prefetch_related(
            Prefetch("operatorpos_set", queryset=OperatorPos.objects.select_related("pos__kecamatan").order_by("pos__kecamatan__kode")),
            Prefetch("undangan_set", queryset=Undangan.objects.order_by("-dikirim_pada", "-pk"), to_attr="undangan_urut"),
        )
        .order_by(Lower("email"))
    )
    for kata in q.split()[:4]:
        qs = qs.filter(Q(email__icontains=kata) | Q(nama__icontains=kata))
    if peran == "operator":
        qs = qs.filter(is_op=True)
    elif peran == "juri":
        qs = qs.filter(is_juri=True)
    elif peran == "admin_provinsi":
        qs = qs.filter(Q(is_admin_provinsi=True) | Q(is_superuser=True))
    if status == "aktif":
        qs = qs.filter(is_active=True)
    elif status == "nonaktif":
        qs = qs.filter(is_active=False)
    elif status == "menunggu":
        qs = qs.filter(is_active=True, password__startswith=UNUSABLE_PASSWORD_PREFIX)
    return qs

