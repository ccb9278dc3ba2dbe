"""Reads of the foundation: posts and wilayah for pages. Everything here is public data."""

from django.db.models import Count, Max, Prefetch, QuerySet

from posyantek.models import Kecamatan, Kelurahan, Kota, Pos, normalisasi_nama


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


def pos_versi() -> str:
    """Changes whenever a post's public data is saved: the key of cached renderings of the post list."""
    row = Pos.objects.aggregate(terbaru=Max("updated_at"), jumlah=Count("pk"))
    return f"{row['jumlah']}-{row['terbaru'].timestamp() if row['terbaru'] else 0}"


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
