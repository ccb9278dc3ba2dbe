"""Reads of the foundation for pages.

Public reads (``*_public``) return only what anyone may see: no phone numbers, contact persons,
documents or drafts. Reads for the operators' area take the post the view resolved through
``Pos.objects.for_user``; the people list is for admins provinsi only (the view checks). Every list
runs a fixed number of queries whatever its size (select_related / prefetch_related set here).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from posyantek import pencarian
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
    Surel,
    Undangan,
    UnitKelurahan,
    User,
    normalisasi_nama,
)


def kota_list_dengan_pos() -> QuerySet[Kota]:
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


def kota_list_dengan_jumlah_pos() -> QuerySet[Kota]:
    """Kota with the number of their posts (``jumlah_pos``), for the home page: one query."""
    return (
        Kota.objects.only("kode", "nama_pendek", "slug")
        .annotate(jumlah_pos=Count("kecamatan_set__pos"))
        .order_by("kode")
    )


def kelurahan_cocok(*, nama: str, daftar: Iterable[Kelurahan], kecamatan_nama: str = "") -> list[Kelurahan]:
    """The kelurahan of ``daftar`` a typed name may mean: the one name matching of the portal (case,
    spacing, accents and the known spelling variants do not matter; ``normalisasi_nama``), also used
    by the registry's import on its preloaded list. With ``kecamatan_nama``, only those in a kecamatan
    of that name (their ``kecamatan`` should be selected with them)."""
    key = normalisasi_nama(nama)
    if not key:
        return []
    found = [k for k in daftar if key in k.kunci]
    if kecamatan_nama:
        kec_key = normalisasi_nama(kecamatan_nama)
        found = [k for k in found if kec_key in k.kecamatan.kunci]
    return found


def kelurahan_cari(*, nama: str, kecamatan: Kecamatan | None = None) -> Kelurahan | None:
    """The kelurahan a typed name means (``kelurahan_cocok``); None when nothing matches or when the
    name is ambiguous across kecamatan (e.g. "Tengah")."""
    qs = Kelurahan.objects.select_related("kecamatan")
    if kecamatan is not None:
        qs = qs.filter(kecamatan=kecamatan)
    found = kelurahan_cocok(nama=nama, daftar=qs)
    return found[0] if len(found) == 1 else None


def kecamatan_cari(*, nama: str) -> Kecamatan | None:
    key = normalisasi_nama(nama)
    for kec in Kecamatan.objects.all():
        if key in kec.kunci:
            return kec
    return None


# The operators' area: choosing a post ------------------------------------------------------------


def pos_list_kelola(*, pengguna, q: str = "", kota: str = "", percontohan: str = "") -> QuerySet[Pos]:
    """The posts ``pengguna`` may manage, filtered by a name (tolerant of spelling variants), a kota
    slug and the percontohan mark ("1" only model posts, "0" only the others)."""
    qs = (
        Pos.objects.for_user(pengguna)
        .with_wilayah()
        .annotate(n_operator=Count("operatorpos"))
        .order_by("kecamatan__kode")
    )
    if q.strip():
        key = normalisasi_nama(q)
        ids = [kec.pk for kec in Kecamatan.objects.all() if any(key in k for k in kec.kunci)]
        qs = qs.filter(
            Q(nama__icontains=q.strip()) | Q(kecamatan__in=ids) | Q(kecamatan__kota__nama__icontains=q.strip())
        )
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


def kabar_list_publik(*, pos: Pos) -> QuerySet[Kabar]:
    """Published news of a post, newest first, with their photos."""
    return Kabar.objects.for_pos(pos).published().with_foto().select_related("pos")


def kabar_list_terbaru(*, jumlah: int = 3) -> QuerySet[Kabar]:
    """The latest published news across all posts, for the home page."""
    return (
        Kabar.objects.published()
        .with_foto()
        .select_related("pos", "pos__kecamatan")
        .order_by("-tanggal", "-pk")[:jumlah]
    )


def kota_list_ringkasan() -> QuerySet[Kota]:
    """Per kota: posts, model posts, posts with an operator, operator accounts (one query)."""
    return Kota.objects.annotate(
        jumlah_pos=Count("kecamatan_set__pos", distinct=True),
        jumlah_percontohan=Count(
            "kecamatan_set__pos", filter=Q(kecamatan_set__pos__is_percontohan=True), distinct=True
        ),
        pos_beroperator=Count(
            "kecamatan_set__pos", filter=Q(kecamatan_set__pos__operatorpos__isnull=False), distinct=True
        ),
        jumlah_operator=Count("kecamatan_set__pos__operatorpos__user", distinct=True),
    ).order_by("kode")


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
        "kabar_terbaru": kabar_list_publik(pos=pos)[:3],
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


def layanan_rekap(*, qs: QuerySet[LogLayanan]) -> list[tuple[str, int, int]]:
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
    return (
        Kabar.objects.for_pos(pos).select_related("pos").annotate(n_foto=Count("foto_set")).order_by("-tanggal", "-pk")
    )


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
        .filter(
            Q(is_admin_provinsi=True) | Q(is_juri=True) | Q(is_superuser=True) | Q(is_op=True) | Q(pernah_diundang=True)
        )
        .prefetch_related(
            Prefetch(
                "operatorpos_set",
                queryset=OperatorPos.objects.select_related("pos__kecamatan").order_by("pos__kecamatan__kode"),
            ),
            Prefetch(
                "undangan_set", queryset=Undangan.objects.order_by("-dikirim_pada", "-pk"), to_attr="undangan_urut"
            ),
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


# Finding a post: by kecamatan, kelurahan, postcode or kota ---------------------------------------


@dataclass
class PosDitemukan:
    """A post the search found, and why: the names it matched ("Kecamatan Pal Merah",
    "Kelurahan Slipi · 11410")."""

    pos: Pos
    alasan: list[str]


@dataclass
class HasilCariPos:
    pos_list: list[PosDitemukan]
    mirip: bool = False  # found only by typo tolerance
    saran: list[str] = field(default_factory=list)  # "maksud Anda: …" when nothing was found


def pos_cari_publik(*, q: str) -> HasilCariPos:
    """The posts a visitor means by ``q``: a kecamatan, a kelurahan it serves, a postcode, a kota or
    the post's own name, as people spell them ("palmerah", "Pal Merah", "PALMERAH", "slipi",
    "11410"). Case, spaces and the known spelling variants (the ``kunci`` keys of the reference data,
    ``normalisasi_nama``) do not matter; with nothing found, one or two typos are forgiven
    (``posyantek.pencarian``), and failing that the closest names are offered as suggestions.

    Two queries whatever is typed: the 44 kecamatan with their post and kota, and the 267 kelurahan;
    the matching runs in memory over that reference data on every backend."""
    q = q.strip()[:100]
    key = normalisasi_nama(q)
    if not key:
        return HasilCariPos(pos_list=[])
    kecamatan_list = list(
        Kecamatan.objects.select_related("pos", "kota")
        .only(
            "kode",
            "nama",
            "kunci",
            "kota__nama_pendek",
            "kota__kode",
            "pos__nama",
            "pos__slug",
            "pos__is_percontohan",
            "pos__kecamatan_id",
        )
        .order_by("kode")
    )
    # Plain tuples: building 267 model instances cost more than the matching itself.
    kelurahan_list = list(
        Kelurahan.objects.order_by("kode").values_list("pk", "kecamatan_id", "nama", "kode_pos", "kunci")
    )
    by_kec = {kec.pk: kec for kec in kecamatan_list}
    alasan: dict[int, list[str]] = {}

    def tambah(kec_id: int, teks: str) -> None:
        if hasattr(by_kec[kec_id], "pos") and teks not in alasan.setdefault(kec_id, []):
            alasan[kec_id].append(teks)

    if key.isdigit():  # a postcode, or its beginning (at least three digits)
        for _pk, kec_id, nama, kode_pos, _kunci in kelurahan_list:
            if len(key) >= 3 and kode_pos.startswith(key):
                tambah(kec_id, _("Kelurahan %(nama)s · %(kode_pos)s") % {"nama": nama, "kode_pos": kode_pos})
    else:
        for kec in kecamatan_list:
            pos = getattr(kec, "pos", None)
            if any(key in k for k in kec.kunci) or (pos and key in normalisasi_nama(pos.nama)):
                tambah(kec.pk, _("Kecamatan %(nama)s") % {"nama": kec.nama})
            elif key in normalisasi_nama(kec.kota.nama_pendek):
                tambah(kec.pk, kec.kota.nama_pendek)
        for _pk, kec_id, nama, kode_pos, kunci in kelurahan_list:
            if any(key in k for k in kunci):
                tambah(kec_id, _("Kelurahan %(nama)s · %(kode_pos)s") % {"nama": nama, "kode_pos": kode_pos})
    mirip = False
    if not alasan and not key.isdigit():
        # One or two typos: the whole typed name against each name key (spaces never count).
        kandidat = [(("kec", kec.pk), k) for kec in kecamatan_list for k in kec.kunci]
        kandidat += [(("kel", kel[0]), k) for kel in kelurahan_list for k in kel[4]]
        by_kel = {kel[0]: kel for kel in kelurahan_list}
        for (jenis, pk), _skor in sorted(pencarian.cocokkan([key], kandidat).items(), key=lambda item: -item[1]):
            if jenis == "kec":
                tambah(pk, _("Kecamatan %(nama)s") % {"nama": by_kec[pk].nama})
            else:
                _pk, kec_id, nama, kode_pos, _kunci = by_kel[pk]
                tambah(kec_id, _("Kelurahan %(nama)s · %(kode_pos)s") % {"nama": nama, "kode_pos": kode_pos})
        mirip = bool(alasan)
    saran = []
    if not alasan:
        nama = {f"kec-{kec.pk}": kec.nama for kec in kecamatan_list}
        nama |= {f"kel-{kel[0]}": kel[2] for kel in kelurahan_list}
        saran = list(dict.fromkeys(nama[k] for k in pencarian.saran(q, nama)))
    return HasilCariPos(
        pos_list=[PosDitemukan(pos=by_kec[kec_id].pos, alasan=teks) for kec_id, teks in alasan.items()],
        mirip=mirip,
        saran=saran,
    )


def surel_list_belum_terkirim() -> QuerySet[Surel]:
    """The outbox's undelivered messages, oldest first, for the admin provinsi's page (without
    bodies: they may hold one-time links, which the page never shows)."""
    return (
        Surel.objects.belum_terkirim()
        .only("pk", "penerima", "subjek", "status", "percobaan", "galat", "dibuat_pada", "dicoba_pada")
        .order_by("pk")
    )


@dataclass
class Antrean:
    menunggu: int
    gagal: int
    tertua: Surel | None


def surel_antrean() -> Antrean:
    """Queue depth and the oldest undelivered e-mail, for monitoring (``manage.py antrean``)."""
    hitung = Surel.objects.belum_terkirim().aggregate(
        menunggu=Count("pk", filter=Q(status=Surel.Status.MENUNGGU)),
        gagal=Count("pk", filter=Q(status=Surel.Status.GAGAL)),
    )
    return Antrean(tertua=surel_list_belum_terkirim().first(), **hitung)


def berkas_tugas_milik(*, pengguna) -> QuerySet:
    """The background files ``pengguna`` asked for, newest first (nobody else's)."""
    from posyantek.models import BerkasTugas

    return BerkasTugas.objects.filter(user=pengguna).order_by("-dibuat_pada", "-pk")
