"""Writes of the TTG catalogue, adoption and urun beli.

Every function is keyword-only, validates, then saves inside a transaction; a refusal raises
``ValidationError`` with an Indonesian message and writes nothing. Callers (views) have already
checked that the user may act on the post or technology; the rules that belong to the domain
(who may pledge, when a campaign closes, what an operator may still edit) are enforced here.
"""

import copy
from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from posyantek import services as posyantek_services
from posyantek.models import Pos, User
from posyantek.services.unik import BENTROK, pelanggaran_unik, simpan_unik
from posyantek.transaksi import hapus_berkas_setelah_commit
from teknologi import pencarian
from teknologi.models import (
    Adopsi,
    Bidang,
    FotoTeknologi,
    JanjiUrunBeli,
    KampanyeUrunBeli,
    Panduan,
    StatusAdopsi,
    StatusJanji,
    StatusKampanye,
    StatusTeknologi,
    Teknologi,
    TeknologiPos,
)
from ukm.models import Ukm

TEKNOLOGI_FIELDS = [
    "nama",
    "nama_en",
    "bidang",
    "ringkasan",
    "ringkasan_en",
    "alias",
    "deskripsi",
    "deskripsi_en",
    "cara_kerja",
    "cara_kerja_en",
    "kapasitas",
    "kapasitas_en",
    "daya",
    "daya_en",
    "dimensi",
    "dimensi_en",
    "spesifikasi_lain",
    "spesifikasi_lain_en",
    "harga_min",
    "harga_max",
    "pembuat_nama",
    "pembuat_kontak",
    "pembuat_tempat",
    "inovator",
    "penghargaan",
    "penghargaan_tahun",
    "penghargaan_tingkat",
    "penghargaan_juara",
    "video_url",
]


# --- Technologies --------------------------------------------------------------------------------


# Words that are paths of their own under /teknologi/ and /kelola/<pos>/teknologi/.
SLUG_TERLARANG = {"tambah", "peraga", "pemakaian"}


def _slug_unik(nama: str, *, kecuali: int | None = None) -> str:
    base = slugify(nama)[:120] or "teknologi"
    if base in SLUG_TERLARANG:
        base = f"{base}-ttg"
    slug, n = base, 2
    while Teknologi.objects.filter(slug=slug).exclude(pk=kecuali).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _tolak_draf_kembar(teknologi: Teknologi, *, oleh: User) -> None:
    """Refuse a new draft that repeats a draft of the same name by the same person: a form sent twice
    (a double click, a reload) must not leave two identical proposals.

    The proposer's account row is locked first, so two identical requests run this check one after
    the other and the second sees the first's committed draft."""
    list(User.objects.select_for_update().filter(pk=oleh.pk).values_list("pk", flat=True))
    kembar = Teknologi.objects.filter(
        diusulkan_oleh=oleh, status=StatusTeknologi.DRAFT, nama__iexact=" ".join((teknologi.nama or "").split())
    )
    if kembar.exists():
        raise ValidationError(
            {"nama": _("Anda sudah punya draf teknologi dengan nama ini. Buka draf itu untuk melanjutkan.")}
        )


def _simpan_dengan_slug(teknologi: Teknologi, *, baru: bool) -> None:
    """Save; when another technology took the chosen slug in the meantime (two proposals of one name
    at the same moment), take the next free slug instead of failing."""
    for _percobaan in range(5):
        try:
            with transaction.atomic():
                teknologi.save()
            return
        except IntegrityError as error:
            if not (baru and pelanggaran_unik(error)):
                raise
            teknologi.slug = _slug_unik(teknologi.nama)
    raise ValidationError(BENTROK)


def _isi_dokumen_cari(teknologi: Teknologi) -> None:
    with translation.override("id"):
        bidang_label = str(Bidang(teknologi.bidang).label) if teknologi.bidang in Bidang.values else ""
    teknologi.cari_nama = pencarian.dokumen_nama(nama=teknologi.nama, nama_en=teknologi.nama_en, alias=teknologi.alias)
    teknologi.cari_teks = pencarian.dokumen_teks(
        nama=teknologi.nama,
        nama_en=teknologi.nama_en,
        alias=teknologi.alias,
        ringkasan=teknologi.ringkasan,
        ringkasan_en=teknologi.ringkasan_en,
        bidang_label=bidang_label,
    )


@transaction.atomic
def teknologi_simpan(
    *,
    data: dict,
    oleh: User,
    teknologi: Teknologi | None = None,
    pos: Pos | None = None,
    foto: ContentFile | None = None,
    foto_tambahan: ContentFile | None = None,
    foto_tambahan_keterangan: str = "",
    hapus_foto: Iterable[FotoTeknologi] = (),
    is_demo: bool = False,
) -> Teknologi:
    """Create (a draft) or update a technology, its further photos and its search document, in one
    transaction: the whole edit form is this one call.

    An operator (``pos`` given) may only edit what their post proposed, and only before it is
    published; an admin provinsi edits anything (the caller checked the role). ``foto`` replaces the
    main photo; ``foto_tambahan`` adds a further one; ``hapus_foto`` removes further photos of THIS
    technology (another's is refused). Replaced and removed files leave the storage only once the
    change is committed, and the removals are named in the technology's history (change reason).
    """
    baru = teknologi is None
    if baru:
        teknologi = Teknologi(status=StatusTeknologi.DRAFT, diusulkan_oleh=oleh, diusulkan_pos=pos, is_demo=is_demo)
    elif pos is not None:
        if teknologi.diusulkan_pos_id != pos.pk:
            raise ValidationError(_("Teknologi ini bukan usulan pos Anda."))
        if teknologi.status == StatusTeknologi.TERBIT:
            raise ValidationError(_("Teknologi yang sudah terbit hanya dapat diubah oleh admin provinsi."))
    for field in TEKNOLOGI_FIELDS:
        if field in data:
            setattr(teknologi, field, data[field])
    if baru:
        _tolak_draf_kembar(teknologi, oleh=oleh)
    if not teknologi.slug:
        teknologi.slug = _slug_unik(teknologi.nama)
    hapus_foto = list(hapus_foto)
    if any(baru or f.teknologi_id != teknologi.pk for f in hapus_foto):
        raise ValidationError({"hapus_foto": _("Foto yang dipilih bukan foto teknologi ini.")})
    foto_lama = copy.copy(teknologi.foto) if foto is not None and teknologi.foto else None
    if foto is not None:
        teknologi.foto.save(foto.name, foto, save=False)
    _isi_dokumen_cari(teknologi)
    teknologi.full_clean()
    if hapus_foto:
        nama = ", ".join(f.keterangan or f.foto.name.rsplit("/", 1)[-1] for f in hapus_foto)
        teknologi._change_reason = (_("Foto dihapus: %(nama)s") % {"nama": nama})[:100]
    _simpan_dengan_slug(teknologi, baru=baru)
    if foto_lama is not None:
        hapus_berkas_setelah_commit(foto_lama)
    for row in hapus_foto:
        hapus_berkas_setelah_commit(row.foto)
        row.delete()
    if foto_tambahan is not None:
        foto_tambah(teknologi=teknologi, foto=foto_tambahan, keterangan=foto_tambahan_keterangan)
    pencarian.perbarui_vektor(Teknologi.objects.filter(pk=teknologi.pk))
    return teknologi


@transaction.atomic
def teknologi_ajukan(*, teknologi: Teknologi, oleh: User) -> Teknologi:
    """An operator submits a draft for the admin provinsi to publish."""
    if teknologi.status != StatusTeknologi.DRAFT:
        raise ValidationError(_("Hanya draf yang dapat diajukan."))
    if not teknologi.ringkasan or not teknologi.deskripsi:
        raise ValidationError(_("Lengkapi ringkasan dan deskripsi sebelum mengajukan."))
    teknologi.status = StatusTeknologi.DIAJUKAN
    teknologi.save(update_fields=["status", "updated_at"])
    return teknologi


@transaction.atomic
def teknologi_terbitkan(*, teknologi: Teknologi, oleh: User) -> Teknologi:
    """The admin provinsi publishes a technology: from then on it is public."""
    if teknologi.status == StatusTeknologi.TERBIT:
        raise ValidationError(_("Teknologi ini sudah terbit."))
    if not teknologi.ringkasan or not teknologi.deskripsi:
        raise ValidationError(_("Teknologi tanpa ringkasan dan deskripsi tidak dapat diterbitkan."))
    teknologi.status = StatusTeknologi.TERBIT
    teknologi.diterbitkan_oleh = oleh
    teknologi.diterbitkan_at = timezone.now()
    teknologi.save(update_fields=["status", "diterbitkan_oleh", "diterbitkan_at", "updated_at"])
    return teknologi


@transaction.atomic
def teknologi_kembalikan(*, teknologi: Teknologi, oleh: User, catatan: str = "") -> Teknologi:
    """The admin provinsi takes a technology back to draft (unpublish, or return a proposal with a note).

    Refused while an urun beli campaign for it is still running: pledgers rely on its page."""
    if teknologi.status == StatusTeknologi.DRAFT:
        raise ValidationError(_("Teknologi ini sudah berstatus draf."))
    if teknologi.kampanye_set.filter(
        status__in=[StatusKampanye.TERBUKA, StatusKampanye.TERCAPAI, StatusKampanye.DIPESAN]
    ).exists():
        raise ValidationError(_("Masih ada kampanye urun beli yang berjalan untuk teknologi ini."))
    teknologi.status = StatusTeknologi.DRAFT
    teknologi.catatan_kurasi = catatan[:2000]
    teknologi.save(update_fields=["status", "catatan_kurasi", "updated_at"])
    return teknologi


@transaction.atomic
def foto_tambah(*, teknologi: Teknologi, foto: ContentFile, keterangan: str = "") -> FotoTeknologi:
    urutan = teknologi.foto_set.count() + 1
    row = FotoTeknologi(teknologi=teknologi, keterangan=keterangan, urutan=urutan)
    row.foto.save(foto.name, foto, save=False)
    row.full_clean()
    row.save()
    return row


# --- Guides --------------------------------------------------------------------------------------


@transaction.atomic
def panduan_simpan(
    *,
    teknologi: Teknologi,
    data: dict,
    langkah: list[dict],
    perawatan: list[dict],
    masalah: list[dict],
    pdf: ContentFile | None = None,
    hapus_pdf: bool = False,
) -> Panduan:
    """Write a technology's guide whole: the intro and safety notes, and the step, maintenance and
    troubleshooting lists replace the old ones. A step dict may carry ``foto`` (a cleaned file) or
    ``foto_lama`` (the stored name of the photo it keeps)."""
    if not langkah:
        raise ValidationError(_("Panduan memerlukan sedikitnya satu langkah."))
    panduan, _created = Panduan.objects.get_or_create(teknologi=teknologi)
    panduan.pengantar = data.get("pengantar", "")
    panduan.pengantar_en = data.get("pengantar_en", "")
    panduan.keselamatan = data.get("keselamatan", "")
    panduan.keselamatan_en = data.get("keselamatan_en", "")
    if hapus_pdf and panduan.pdf:
        panduan.pdf = ""
    if pdf is not None:
        panduan.pdf.save(pdf.name, pdf, save=False)
    panduan.full_clean()
    panduan.save()
    panduan.langkah_set.all().delete()
    panduan.perawatan_set.all().delete()
    panduan.masalah_set.all().delete()
    for urutan, row in enumerate(langkah, start=1):
        step = panduan.langkah_set.model(
            panduan=panduan, urutan=urutan, teks=row["teks"], teks_en=row.get("teks_en", "")
        )
        if row.get("foto") is not None:
            step.foto.save(row["foto"].name, row["foto"], save=False)
        elif row.get("foto_lama"):
            step.foto.name = row["foto_lama"]
        step.full_clean()
        step.save()
    for row in perawatan:
        item = panduan.perawatan_set.model(
            panduan=panduan,
            frekuensi=row["frekuensi"],
            kegiatan=row["kegiatan"],
            kegiatan_en=row.get("kegiatan_en", ""),
        )
        item.full_clean()
        item.save()
    for row in masalah:
        item = panduan.masalah_set.model(
            panduan=panduan,
            **{f: row.get(f, "") for f in ("masalah", "penyebab", "solusi", "masalah_en", "penyebab_en", "solusi_en")},
        )
        item.full_clean()
        item.save()
    return panduan


# --- Demonstration at posts ----------------------------------------------------------------------


@transaction.atomic
def peraga_simpan(*, pos: Pos, teknologi: Teknologi, ada_unit_demo: bool, keterangan: str = "") -> TeknologiPos:
    """A post declares it demonstrates a published technology (with a demo unit or not)."""
    if not teknologi.is_published:
        raise ValidationError(_("Hanya teknologi yang sudah terbit yang dapat diperagakan."))
    row = TeknologiPos.objects.filter(pos=pos, teknologi=teknologi).first() or TeknologiPos(
        pos=pos, teknologi=teknologi
    )
    row.ada_unit_demo = ada_unit_demo
    row.keterangan = keterangan
    row.full_clean()
    simpan_unik(row)
    return row


@transaction.atomic
def peraga_hapus(*, peraga: TeknologiPos) -> None:
    peraga.delete()


# --- Adoption ------------------------------------------------------------------------------------


def _adopsi_duplikat(*, teknologi: Teknologi, pos: Pos, nama_usaha: str) -> bool:
    return Adopsi.objects.filter(teknologi=teknologi, pos=pos, nama_usaha__iexact=nama_usaha.strip()).exists()


@transaction.atomic
def adopsi_catat(
    *,
    teknologi: Teknologi,
    pos: Pos,
    nama_usaha: str,
    oleh: User,
    sejak: date | None = None,
    rating: int | None = None,
    catatan: str = "",
    pemilik: User | None = None,
    ukm: Ukm | None = None,
) -> Adopsi:
    """Record that a UKM uses a technology.

    ``ukm`` links the record to the registry: it must be a business of ``pos`` and, in an owner's
    report, one of the owner's own businesses; its name then replaces ``nama_usaha``.

    Recorded by an operator of ``pos`` (or an admin): approved at once. Reported by the UKM owner
    (``pemilik`` is ``oleh``): waits for an operator of that post to approve it before it counts
    or shows. One record per business name, technology and post.
    """
    if not teknologi.is_published:
        raise ValidationError(_("Teknologi ini belum terbit."))
    dari_pemilik = pemilik is not None and pemilik.pk == oleh.pk
    if ukm is not None:
        if ukm.pos_id != pos.pk:
            raise ValidationError(_("Usaha ini tidak terdaftar di pos tersebut."))
        if dari_pemilik and ukm.pemilik_id != pemilik.pk:
            raise ValidationError(_("Usaha ini tidak tertaut ke akun Anda."))
        nama_usaha = ukm.nama
    nama_usaha = " ".join((nama_usaha or "").split())
    if not nama_usaha:
        raise ValidationError(_("Nama usaha wajib diisi."))
    if sejak and sejak > timezone.localdate():
        raise ValidationError(_("Tanggal mulai pakai tidak boleh di masa depan."))
    if _adopsi_duplikat(teknologi=teknologi, pos=pos, nama_usaha=nama_usaha):
        raise ValidationError(_("Usaha ini sudah tercatat memakai teknologi ini di pos tersebut."))
    adopsi = Adopsi(
        teknologi=teknologi,
        pos=pos,
        nama_usaha=nama_usaha,
        ukm=ukm,
        pemilik=pemilik,
        dicatat_oleh=oleh,
        sejak=sejak,
        rating=rating,
        catatan=catatan.strip(),
        status=StatusAdopsi.MENUNGGU if dari_pemilik else StatusAdopsi.DISETUJUI,
        diputuskan_oleh=None if dari_pemilik else oleh,
    )
    adopsi.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            adopsi.save()
    except IntegrityError:
        raise ValidationError(_("Usaha ini sudah tercatat memakai teknologi ini di pos tersebut.")) from None
    return adopsi


@transaction.atomic
def adopsi_putuskan(*, adopsi: Adopsi, oleh: User, setujui: bool) -> Adopsi:
    """An operator of the adoption's post approves or rejects an owner's report."""
    if adopsi.status != StatusAdopsi.MENUNGGU:
        raise ValidationError(_("Laporan ini sudah diputuskan."))
    adopsi.status = StatusAdopsi.DISETUJUI if setujui else StatusAdopsi.DITOLAK
    adopsi.diputuskan_oleh = oleh
    adopsi.save(update_fields=["status", "diputuskan_oleh"])
    return adopsi


@transaction.atomic
def adopsi_hapus(*, adopsi: Adopsi) -> None:
    adopsi.delete()


# --- Urun beli -----------------------------------------------------------------------------------


@transaction.atomic
def kampanye_buat(*, pos: Pos, oleh: User, data: dict, is_demo: bool = False) -> KampanyeUrunBeli:
    """A post opens an urun beli campaign for a published technology."""
    teknologi = data["teknologi"]
    if not teknologi.is_published:
        raise ValidationError(_("Urun beli hanya untuk teknologi yang sudah terbit."))
    if data["batas_waktu"] <= timezone.now():
        raise ValidationError(_("Batas waktu harus di masa depan."))
    maks = data.get("maksimum_jumlah")
    if maks is not None and maks < data["target_jumlah"]:
        raise ValidationError(_("Jumlah maksimum tidak boleh kurang dari target."))
    kampanye = KampanyeUrunBeli(
        pos=pos,
        dibuat_oleh=oleh,
        is_demo=is_demo,
        teknologi=teknologi,
        judul=data["judul"],
        deskripsi=data.get("deskripsi", ""),
        harga_satuan=data["harga_satuan"],
        target_jumlah=data["target_jumlah"],
        maksimum_jumlah=maks,
        batas_waktu=data["batas_waktu"],
        catatan_pengambilan=data.get("catatan_pengambilan", ""),
    )
    kampanye.full_clean()
    kampanye.save()
    return kampanye


def _kunci_kampanye(kampanye: KampanyeUrunBeli) -> KampanyeUrunBeli:
    """Lock the campaign row for the rest of the transaction; every pledge write serialises here."""
    return KampanyeUrunBeli.objects.select_for_update().select_related("teknologi", "pos").get(pk=kampanye.pk)


def _hitung_ulang(kampanye: KampanyeUrunBeli) -> None:
    total = kampanye.janji_set.filter(status=StatusJanji.AKTIF).aggregate(t=Sum("jumlah"))["t"] or 0
    kampanye.jumlah_terjanji = total
    kampanye.save(update_fields=["jumlah_terjanji"])


def _tutup_bila_lewat(kampanye: KampanyeUrunBeli, now) -> bool:
    """Under the lock: an open campaign past its deadline below target is cancelled. True if it was."""
    if kampanye.status == StatusKampanye.TERBUKA and now >= kampanye.batas_waktu:
        _ubah_status(kampanye, StatusKampanye.BATAL, now)
        _kabari_penjanji(kampanye, "batal")
        return True
    return False


def _ubah_status(kampanye: KampanyeUrunBeli, status: str, now=None) -> None:
    kampanye.status = status
    kampanye.status_changed_at = now or timezone.now()
    kampanye.save(update_fields=["status", "status_changed_at"])


@transaction.atomic
def janji_simpan(*, kampanye: KampanyeUrunBeli, oleh: User, jumlah: int, nama_usaha: str = "") -> JanjiUrunBeli:
    """A UKM owner pledges ``jumlah`` units (or changes their pledge to that number).

    The campaign row is locked first, so parallel pledges are counted one after the other and the
    total never passes the maximum (the database's check constraint backs this up). Reaching the
    target marks the campaign *tercapai* and e-mails every pledger.
    """
    if not getattr(oleh, "is_pemilik_ukm", False):
        raise ValidationError(_("Hanya pemilik UKM yang dapat ikut urun beli."))
    if not isinstance(jumlah, int) or jumlah < 1:
        raise ValidationError(_("Jumlah unit minimal 1."))
    kampanye = _kunci_kampanye(kampanye)
    now = timezone.now()
    # Past the deadline: refused, and nothing written (closing is the scheduled job's work; a close
    # here would be rolled back with the refusal anyway).
    if now >= kampanye.batas_waktu and kampanye.status == StatusKampanye.TERBUKA:
        raise ValidationError(_("Batas waktu kampanye sudah lewat."))
    if kampanye.status not in (StatusKampanye.TERBUKA, StatusKampanye.TERCAPAI) or now >= kampanye.batas_waktu:
        raise ValidationError(_("Kampanye ini tidak lagi menerima janji."))
    if not kampanye.teknologi.is_published:
        raise ValidationError(_("Kampanye ini tidak lagi menerima janji."))
    janji = kampanye.janji_set.filter(pengguna=oleh, status=StatusJanji.AKTIF).first()
    lama = janji.jumlah if janji else 0
    if (
        kampanye.status == StatusKampanye.TERCAPAI
        and jumlah < lama
        and kampanye.jumlah_terjanji - lama + jumlah < kampanye.target_jumlah
    ):
        raise ValidationError(_("Target sudah tercapai; jumlah tidak dapat dikurangi sampai di bawah target."))
    if kampanye.maksimum_jumlah is not None:
        sisa = kampanye.maksimum_jumlah - (kampanye.jumlah_terjanji - lama)
        if jumlah > sisa:
            raise ValidationError(
                _("Sisa kuota hanya %(sisa)s unit.") % {"sisa": max(0, sisa)}
                if sisa > 0
                else _("Kuota kampanye sudah penuh.")
            )
    if janji is None:
        janji = JanjiUrunBeli(kampanye=kampanye, pengguna=oleh)
    janji.jumlah = jumlah
    janji.nama_usaha = " ".join(nama_usaha.split())[:150]
    janji.full_clean(validate_constraints=False)
    janji.save()
    _hitung_ulang(kampanye)
    if kampanye.status == StatusKampanye.TERBUKA and kampanye.jumlah_terjanji >= kampanye.target_jumlah:
        _ubah_status(kampanye, StatusKampanye.TERCAPAI, now)
    if kampanye.status == StatusKampanye.TERCAPAI:
        # Everyone pledged at this moment and not yet told: all pledgers when the target is just
        # reached, or only this pledger when they join a campaign that had already reached it.
        _kabari_penjanji(kampanye, "tercapai")
    return janji


@transaction.atomic
def janji_tarik(*, kampanye: KampanyeUrunBeli, oleh: User) -> JanjiUrunBeli:
    """A pledger withdraws before the deadline.

    Once the target is reached, a withdrawal that would take the total below it is refused: the
    other pledgers were already told the purchase goes ahead."""
    kampanye = _kunci_kampanye(kampanye)
    now = timezone.now()
    if now >= kampanye.batas_waktu and kampanye.status == StatusKampanye.TERBUKA:
        raise ValidationError(_("Batas waktu kampanye sudah lewat."))
    janji = kampanye.janji_set.filter(pengguna=oleh, status=StatusJanji.AKTIF).first()
    if janji is None:
        raise ValidationError(_("Anda tidak punya janji aktif di kampanye ini."))
    if now >= kampanye.batas_waktu or kampanye.status not in (StatusKampanye.TERBUKA, StatusKampanye.TERCAPAI):
        raise ValidationError(_("Janji tidak dapat ditarik lagi: batas waktu sudah lewat atau pesanan sudah diproses."))
    if kampanye.status == StatusKampanye.TERCAPAI and kampanye.jumlah_terjanji - janji.jumlah < kampanye.target_jumlah:
        raise ValidationError(
            _("Target sudah tercapai dan pembelian bersama bergantung pada janji Anda. Hubungi pos penyelenggara.")
        )
    janji.status = StatusJanji.DITARIK
    janji.ditarik_at = now
    janji.save(update_fields=["status", "ditarik_at", "updated_at"])
    _hitung_ulang(kampanye)
    return janji


# Lifecycle: terbuka → tercapai → dipesan → diterima; terbuka → batal (deadline, or the organiser).
TRANSISI = {
    StatusKampanye.DIPESAN: {StatusKampanye.TERCAPAI},
    StatusKampanye.DITERIMA: {StatusKampanye.DIPESAN},
    StatusKampanye.BATAL: {StatusKampanye.TERBUKA},
}


@transaction.atomic
def kampanye_status_ubah(*, kampanye: KampanyeUrunBeli, status: str, oleh: User) -> KampanyeUrunBeli:
    """The organising post moves its campaign along its lifecycle. Cancelling e-mails the pledgers."""
    kampanye = _kunci_kampanye(kampanye)
    if status not in TRANSISI or kampanye.status not in TRANSISI[status]:
        raise ValidationError(
            _("Status tidak dapat diubah dari “%(dari)s” ke “%(ke)s”.")
            % {
                "dari": kampanye.get_status_display(),
                "ke": StatusKampanye(status).label if status in StatusKampanye.values else status,
            }
        )
    _ubah_status(kampanye, status)
    if status == StatusKampanye.BATAL:
        _kabari_penjanji(kampanye, "batal")
    return kampanye


def kampanye_lewat_tutup(*, now=None) -> int:
    """Cancel every open campaign whose deadline passed below target; e-mail their pledgers.

    Run by ``manage.py tutup_urun_beli`` (cron) only: pages never write, they show such a campaign
    as cancelled from its deadline (``KampanyeUrunBeli.status_kini``). One cheap query when nothing
    expired. Returns how many closed.
    """
    now = now or timezone.now()
    ids = list(
        KampanyeUrunBeli.objects.filter(status=StatusKampanye.TERBUKA, batas_waktu__lte=now).values_list(
            "pk", flat=True
        )
    )
    closed = 0
    for pk in ids:
        with transaction.atomic():
            kampanye = KampanyeUrunBeli.objects.select_for_update().filter(pk=pk).first()
            if kampanye is not None and _tutup_bila_lewat(kampanye, now):
                closed += 1
    return closed


def _kabari_penjanji(kampanye: KampanyeUrunBeli, kejadian: str) -> None:
    """E-mail the campaign's outcome to every active pledger not told yet (each pledger is told exactly
    once, whenever they pledged), through the outbox: written in this transaction, delivered after
    commit with retries (never for a rolled-back change)."""
    sudah = kampanye.janji_set.filter(kabar_hasil_at__isnull=False).values("pengguna_id")
    belum = kampanye.janji_set.filter(status=StatusJanji.AKTIF).exclude(pengguna_id__in=sudah)
    penerima = list(belum.values_list("pk", "pengguna__email", "pengguna__nama", "jumlah"))
    if not penerima:
        return
    JanjiUrunBeli.objects.filter(pk__in=[row[0] for row in penerima]).update(kabar_hasil_at=timezone.now())
    penerima = [row[1:] for row in penerima]
    url = settings.PORTAL_BASE_URL.rstrip("/") + kampanye.get_absolute_url()
    subjek = {
        "tercapai": lambda: _("Urun beli tercapai: %(judul)s") % {"judul": kampanye.judul},
        "batal": lambda: _("Urun beli batal: %(judul)s") % {"judul": kampanye.judul},
    }[kejadian]
    for email, nama, jumlah in penerima:
        posyantek_services.surel_template_antre(
            ke=[email],
            subjek=subjek,
            template=f"teknologi/email/kampanye_{kejadian}.txt",
            konteks={
                "kampanye": kampanye,
                "nama": nama or email,
                "jumlah": jumlah,
                "url": url,
                "total": jumlah * kampanye.harga_satuan,
            },
        )
