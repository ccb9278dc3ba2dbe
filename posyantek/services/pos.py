"""Writes of a post's own records: profile, percontohan, board, equipment, service log, kelurahan
units, partners, document archive and news.

The caller (a /kelola/<pos_slug>/ view) has resolved the post through ``Pos.objects.for_user`` and
fetched every child row through it; these functions never take a bare id. ``data`` is the cleaned
data of a form; only the fields listed for each record are ever written, so no ``data`` can move a
row to another post. Validation is the model's (``full_clean``): a refusal raises
``ValidationError`` and writes nothing.
"""

from collections.abc import Iterable
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from posyantek.kolom import kolom_isi
from posyantek.models import (
    FOTO_MAKS_PER_KABAR,
    Dokumen,
    Inventaris,
    Kabar,
    KabarFoto,
    Kepengurusan,
    LogLayanan,
    Mitra,
    PenetapanPercontohan,
    Pengurus,
    Pos,
    UnitKelurahan,
    User,
)
from posyantek.permissions import is_admin_provinsi
from posyantek.transaksi import hapus_berkas_setelah_commit

from .surel import surel_template_antre
from .unik import simpan_unik

PROFIL_FIELDS = (
    "deskripsi",
    "layanan",
    "jam_layanan",
    "alamat",
    "telepon",
    "email",
    "latitude",
    "longitude",
    "situs",
    "instagram",
    "facebook",
    "youtube",
    "nomor_sk",
    "tanggal_sk",
    "nomor_terdaftar",
    "tanggal_terdaftar",
)
KEPENGURUSAN_FIELDS = ("mulai", "selesai", "nomor_sk", "tanggal_sk", "catatan")
PENGURUS_FIELDS = ("jabatan", "jabatan_lain", "nama", "telepon", "email")
INVENTARIS_FIELDS = (
    "nama",
    "jenis",
    "merek",
    "nomor_inventaris",
    "jumlah",
    "kondisi",
    "tanggal_perolehan",
    "sumber",
    "catatan",
)
LAYANAN_FIELDS = (
    "tanggal",
    "jenis",
    "petugas",
    "penerima",
    "jumlah_penerima",
    "kelurahan",
    "ukm",
    "teknologi",
    "topik",
    "catatan",
)
UNIT_FIELDS = ("kelurahan", "alamat", "koordinator", "telepon", "nomor_sk", "tanggal_dibentuk", "is_aktif", "catatan")
MITRA_FIELDS = (
    "nama",
    "jenis",
    "kerja_sama",
    "kontak_nama",
    "kontak_telepon",
    "kontak_email",
    "mulai",
    "selesai",
    "is_aktif",
    "mou_berakhir",
)
DOKUMEN_FIELDS = ("judul", "kategori", "nomor", "tanggal", "keterangan")
KABAR_FIELDS = ("judul", "judul_en", "isi", "tanggal", "is_terbit")


def _simpan(obj: models.Model, data: dict, fields: Iterable[str]) -> models.Model:
    """Apply the allowed fields of ``data``, validate the whole row, save it."""
    kolom_isi(obj, data, boleh=fields)
    obj.full_clean()
    return simpan_unik(obj)


# Profile and percontohan -------------------------------------------------------------------------

ALASAN_PERCONTOHAN_MAKS = 255


@transaction.atomic
def pos_profil_ubah(*, pos: Pos, oleh: User, data: dict) -> Pos:
    """Update a post's public profile fields. The caller has checked can_manage_pos."""
    return _simpan(pos, data, PROFIL_FIELDS)


@transaction.atomic
def pos_percontohan_ubah(*, pos: Pos, oleh: User, is_percontohan: bool, tahun: int | None, alasan: str) -> Pos:
    """Mark (or unmark) a model post. Admin provinsi only: operators cannot crown their own post.

    Saving the form again for the post's current year corrects that designation; another year adds
    one beside the earlier ones. Unmarking ends the status but keeps the designations on record."""
    if not is_admin_provinsi(oleh):
        raise PermissionDenied(_("Hanya admin provinsi yang menetapkan pos percontohan."))
    if not is_percontohan:
        pos.is_percontohan = False
        pos.full_clean()
        pos.save()
        return pos
    return percontohan_tetapkan(pos=pos, oleh=oleh, tahun=tahun, alasan=alasan, koreksi=True)


@transaction.atomic
def percontohan_tetapkan(*, pos: Pos, oleh: User, tahun: int | None, alasan: str, koreksi: bool = False) -> Pos:
    """Designate ``pos`` a model post of ``tahun`` without losing an earlier designation: the ONE
    percontohan rule, called by the admin's post form and by the Lomba's "mark the winners" step.

    Checks, each refusing before anything is written: ``oleh`` is an admin provinsi (operators do
    not crown their own post); the reason is given (it is what the post's page shows) and at most
    255 characters; the year is given and between 2000 and 2100 (the model's validators).

    The designation the post carries is first put on record (posts marked before the history
    existed), then this one is added; the same year and reason twice adds nothing. ``koreksi``:
    the same year as the post's current designation rewrites that one (the admin's form fixing a
    reason). The post shows the latest year's designation."""
    if not is_admin_provinsi(oleh):
        raise PermissionDenied(_("Hanya admin provinsi yang menetapkan pos percontohan."))
    alasan = " ".join((alasan or "").split())
    if not alasan:
        raise ValidationError({"alasan": _("Alasan penetapan percontohan wajib diisi.")})
    if len(alasan) > ALASAN_PERCONTOHAN_MAKS:
        raise ValidationError(
            {"alasan": _("Alasan penetapan paling banyak %(n)s karakter.") % {"n": ALASAN_PERCONTOHAN_MAKS}}
        )
    pos = Pos.objects.select_for_update().get(pk=pos.pk)
    riwayat = pos.penetapan_percontohan
    if pos.is_percontohan and pos.percontohan_tahun and not riwayat.filter(tahun=pos.percontohan_tahun).exists():
        riwayat.create(tahun=pos.percontohan_tahun, alasan=pos.percontohan_alasan)
    kini = (
        riwayat.filter(tahun=tahun).first()
        if koreksi and pos.is_percontohan and pos.percontohan_tahun == tahun
        else None
    )
    if kini is None:
        kini = riwayat.filter(tahun=tahun, alasan=alasan).first() or PenetapanPercontohan(pos=pos, tahun=tahun)
    kini.alasan = alasan
    kini.ditetapkan_oleh = oleh
    pos.is_percontohan = True
    pos.percontohan_tahun = tahun
    pos.full_clean()  # the year is required and in range before anything is written
    kini.full_clean()
    kini.save()
    terbaru = riwayat.order_by("-tahun", "-created_at", "-pk").first()
    pos.percontohan_tahun, pos.percontohan_alasan = terbaru.tahun, terbaru.alasan
    pos.save()
    return pos


# Board ---------------------------------------------------------------------------------------------


@transaction.atomic
def kepengurusan_buat(*, pos: Pos, oleh: User, data: dict) -> Kepengurusan:
    """Start a new board term. Earlier terms are kept as they are (the board's history)."""
    return _simpan(Kepengurusan(pos=pos), data, KEPENGURUSAN_FIELDS)


@transaction.atomic
def kepengurusan_ubah(*, kepengurusan: Kepengurusan, oleh: User, data: dict) -> Kepengurusan:
    return _simpan(kepengurusan, data, KEPENGURUSAN_FIELDS)


@transaction.atomic
def kepengurusan_hapus(*, kepengurusan: Kepengurusan, oleh: User) -> None:
    """Delete a term entered by mistake. A term with members is refused: a past board is history."""
    if kepengurusan.anggota.exists():
        raise ValidationError(_("Kepengurusan yang sudah berisi anggota tidak dapat dihapus; hapus anggotanya dulu."))
    kepengurusan.delete()


@transaction.atomic
def pengurus_buat(*, kepengurusan: Kepengurusan, oleh: User, data: dict) -> Pengurus:
    return _simpan(Pengurus(kepengurusan=kepengurusan), data, PENGURUS_FIELDS)


@transaction.atomic
def pengurus_ubah(*, pengurus: Pengurus, oleh: User, data: dict) -> Pengurus:
    return _simpan(pengurus, data, PENGURUS_FIELDS)


@transaction.atomic
def pengurus_hapus(*, pengurus: Pengurus, oleh: User) -> None:
    pengurus.delete()


# Equipment, service log, kelurahan units, partners -----------------------------------------------


@transaction.atomic
def inventaris_buat(*, pos: Pos, oleh: User, data: dict) -> Inventaris:
    return _simpan(Inventaris(pos=pos), data, INVENTARIS_FIELDS)


@transaction.atomic
def inventaris_ubah(*, inventaris: Inventaris, oleh: User, data: dict) -> Inventaris:
    return _simpan(inventaris, data, INVENTARIS_FIELDS)


@transaction.atomic
def inventaris_hapus(*, inventaris: Inventaris, oleh: User) -> None:
    inventaris.delete()


@transaction.atomic
def layanan_buat(*, pos: Pos, oleh: User, data: dict) -> LogLayanan:
    return _simpan(LogLayanan(pos=pos, dicatat_oleh=oleh), data, LAYANAN_FIELDS)


@transaction.atomic
def layanan_ubah(*, log: LogLayanan, oleh: User, data: dict) -> LogLayanan:
    return _simpan(log, data, LAYANAN_FIELDS)


@transaction.atomic
def layanan_hapus(*, log: LogLayanan, oleh: User) -> None:
    log.delete()


@transaction.atomic
def unit_buat(*, pos: Pos, oleh: User, data: dict) -> UnitKelurahan:
    return _simpan(UnitKelurahan(pos=pos), data, UNIT_FIELDS)


@transaction.atomic
def unit_ubah(*, unit: UnitKelurahan, oleh: User, data: dict) -> UnitKelurahan:
    return _simpan(unit, data, UNIT_FIELDS)


@transaction.atomic
def unit_hapus(*, unit: UnitKelurahan, oleh: User) -> None:
    unit.delete()


@transaction.atomic
def mitra_buat(*, pos: Pos, oleh: User, data: dict, mou: ContentFile | None = None) -> Mitra:
    """A partner; ``mou`` (from ``posyantek.uploads.clean_document``) is the signed agreement."""
    mitra = Mitra(pos=pos)
    if mou is not None:
        mitra.mou = mou
    return _simpan(mitra, data, MITRA_FIELDS)


@transaction.atomic
def mitra_ubah(*, mitra: Mitra, oleh: User, data: dict, mou: ContentFile | None = None) -> Mitra:
    """Change a partner; a new ``mou`` replaces the old file (removed once committed). A changed
    expiry date arms the month-before reminder again."""
    lama = mitra.mou.storage, mitra.mou.name
    berakhir_lama = mitra.mou_berakhir
    if mou is not None:
        mitra.mou = mou
    _simpan(mitra, data, MITRA_FIELDS)
    if mitra.mou_berakhir != berakhir_lama and mitra.mou_diingatkan_at is not None:
        mitra.mou_diingatkan_at = None
        mitra.save(update_fields=["mou_diingatkan_at"])
    if mou is not None and lama[1]:
        hapus_berkas_setelah_commit(lama)
    return mitra


def mitra_mou_ingatkan(*, hari_ini: date | None = None) -> int:
    """E-mail each post's operators about MoUs ending within a month, once per partner and expiry
    date (``mou_diingatkan_at``; changing the date arms it again). Returns how many were told."""
    hari_ini = hari_ini or timezone.localdate()
    jatuh_tempo = (
        Mitra.objects.filter(
            mou_berakhir__gte=hari_ini,
            mou_berakhir__lte=hari_ini + timedelta(days=31),
            mou_diingatkan_at__isnull=True,
            is_aktif=True,
        )
        .select_related("pos")
        .order_by("pk")
    )
    jumlah = 0
    for mitra in jatuh_tempo:
        with transaction.atomic():
            mitra = Mitra.objects.select_for_update().get(pk=mitra.pk)
            if mitra.mou_diingatkan_at is not None:
                continue
            penerima = [op.email for op in mitra.pos.operators.filter(is_active=True) if op.email]
            surel_template_antre(
                ke=penerima,
                subjek=lambda m=mitra: (
                    _("MoU dengan %(nama)s berakhir %(tanggal)s")
                    % {"nama": m.nama, "tanggal": m.mou_berakhir.strftime("%d-%m-%Y")}
                ),
                template="posyantek/email/mou_berakhir.txt",
                konteks={"mitra": mitra, "tautan": reverse("kelola:mitra-ubah", args=[mitra.pos.slug, mitra.pk])},
            )
            mitra.mou_diingatkan_at = timezone.now()
            mitra.save(update_fields=["mou_diingatkan_at"])
            jumlah += 1
    return jumlah


@transaction.atomic
def mitra_hapus(*, mitra: Mitra, oleh: User) -> None:
    mitra.delete()


# Document archive --------------------------------------------------------------------------------


@transaction.atomic
def dokumen_buat(*, pos: Pos, oleh: User, data: dict, berkas: ContentFile) -> Dokumen:
    """Archive a document. ``berkas`` is the output of ``posyantek.uploads.clean_document``."""
    if berkas is None:
        raise ValidationError({"berkas": _("Pilih berkas dokumen.")})
    dokumen = Dokumen(pos=pos, diunggah_oleh=oleh, berkas=berkas, ukuran=berkas.size)
    return _simpan(dokumen, data, DOKUMEN_FIELDS)


@transaction.atomic
def dokumen_ubah(*, dokumen: Dokumen, oleh: User, data: dict, berkas: ContentFile | None = None) -> Dokumen:
    """Change a document's details; with ``berkas`` also replace the file (the old one is removed
    once the change is committed)."""
    if berkas is not None:
        lama = dokumen.berkas.storage, dokumen.berkas.name
        dokumen.berkas = berkas
        dokumen.ukuran = berkas.size
    _simpan(dokumen, data, DOKUMEN_FIELDS)
    if berkas is not None:
        hapus_berkas_setelah_commit(lama)
    return dokumen


@transaction.atomic
def dokumen_hapus(*, dokumen: Dokumen, oleh: User) -> None:
    hapus_berkas_setelah_commit(dokumen.berkas)
    dokumen.delete()


# News ----------------------------------------------------------------------------------------------


def _tambah_foto(kabar: Kabar, foto: list[ContentFile], keterangan: str) -> None:
    sudah = kabar.foto_set.count()
    if sudah + len(foto) > FOTO_MAKS_PER_KABAR:
        raise ValidationError(
            {
                "foto": _("Paling banyak %(n)s foto per kabar (sudah ada %(ada)s).")
                % {"n": FOTO_MAKS_PER_KABAR, "ada": sudah}
            }
        )
    for berkas in foto:
        item = KabarFoto(kabar=kabar, foto=berkas, keterangan=(keterangan or "").strip())
        item.full_clean()
        item.save()


@transaction.atomic
def kabar_buat(*, pos: Pos, oleh: User, data: dict, foto: list[ContentFile] = (), keterangan_foto: str = "") -> Kabar:
    """Write a news item; ``foto`` are outputs of ``posyantek.uploads.clean_image``."""
    kabar = _simpan(Kabar(pos=pos, penulis=oleh), data, KABAR_FIELDS)
    _tambah_foto(kabar, list(foto), keterangan_foto)
    return kabar


@transaction.atomic
def kabar_ubah(
    *, kabar: Kabar, oleh: User, data: dict, foto: list[ContentFile] = (), keterangan_foto: str = ""
) -> Kabar:
    _simpan(kabar, data, KABAR_FIELDS)
    _tambah_foto(kabar, list(foto), keterangan_foto)
    return kabar


@transaction.atomic
def kabar_hapus(*, kabar: Kabar, oleh: User) -> None:
    for foto in kabar.foto_set.all():
        hapus_berkas_setelah_commit(foto.foto)
    kabar.delete()


@transaction.atomic
def kabar_foto_hapus(*, foto: KabarFoto, oleh: User) -> None:
    hapus_berkas_setelah_commit(foto.foto)
    foto.delete()
