"""Writes of the UKM registry. Every function is keyword-only, validates, then saves atomically.

Refusals raise ``ValidationError`` with an Indonesian message and write nothing. The caller (a view
under ``KelolaPosMixin`` or the owner's area) has already resolved what the user may touch; these
functions re-check the rules that must hold whoever calls them (a business stays in the post of its
kelurahan, one NIB per business, the class is computed, an owner edits only their own).

Each change records who made it in the business's history (django-simple-history).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from posyantek import services as posyantek_services
from posyantek.kolom import kolom_isi
from posyantek.models import Kelurahan, Pos, User
from posyantek.services.unik import simpan_unik
from posyantek.transaksi import hapus_berkas_setelah_commit

from .klasifikasi import klasifikasi_ukm
from .models import FotoProduk, ImporBatch, KlaimUkm, Pendampingan, Produk, StatusImpor, StatusKlaim, StatusUkm, Ukm
from .pencarian import teks_pencarian

logger = logging.getLogger(__name__)

# Fields an owner may set on their own business. Stage, status and verification belong to the post.
FIELDS_PEMILIK = [
    "nama",
    "deskripsi",
    "pemilik_nama",
    "pemilik_nik",
    "pemilik_telepon",
    "pemilik_email",
    "kelurahan",
    "alamat",
    "latitude",
    "longitude",
    "bidang",
    "kbli",
    "nib",
    "bentuk_usaha",
    "tahun_berdiri",
    "jumlah_pekerja",
    "dasar_kelas",
    "modal_usaha",
    "hasil_penjualan_tahunan",
    "situs",
    "instagram",
    "facebook",
    "tiktok",
    "tokopedia",
    "shopee",
    "marketplace_lain",
    "tampil_publik",
]
FIELDS_OPERATOR = FIELDS_PEMILIK + ["tahap_jakpreneur", "status"]
# An owner changing who or where the business is makes the operator look again.
FIELDS_VERIFIKASI_ULANG = ["nama", "pemilik_nama", "pemilik_nik", "nib", "kelurahan"]


def ukm_lengkapi(*, ukm: Ukm, pos_id: int | None = None) -> None:
    """Set what is derived, never typed: the post (from the kelurahan), the class and the search key."""
    if pos_id is not None:
        ukm.pos_id = pos_id
    elif ukm.pos_id is None or getattr(ukm, "_kecamatan_pos", None) != ukm.kelurahan.kecamatan_id:
        ukm.pos = Pos.objects.get(kecamatan_id=ukm.kelurahan.kecamatan_id)
    ukm._kecamatan_pos = ukm.kelurahan.kecamatan_id
    ukm.kelas = klasifikasi_ukm(
        modal_usaha=ukm.modal_usaha, hasil_penjualan_tahunan=ukm.hasil_penjualan_tahunan, dasar=ukm.dasar_kelas
    )
    ukm.search_text = teks_pencarian(nama=ukm.nama, pemilik_nama=ukm.pemilik_nama, nib=ukm.nib, kelurahan=ukm.kelurahan)
    ukm.search_publik = teks_pencarian(nama=ukm.nama, pemilik_nama="", nib="", kelurahan=ukm.kelurahan)


def _cek_nib(ukm: Ukm) -> None:
    if ukm.nib and Ukm.objects.filter(nib=ukm.nib).exclude(pk=ukm.pk).exists():
        raise ValidationError({"nib": _("NIB ini sudah terdaftar untuk usaha lain.")})


def _cek_pos(kelurahan: Kelurahan, pos: Pos | None) -> None:
    if pos is not None and kelurahan.kecamatan_id != pos.kecamatan_id:
        raise ValidationError({"kelurahan": _("Kelurahan ini tidak berada di kecamatan pos Anda.")})


# Foreign keys the services set from objects they already hold (the database enforces them too);
# excluding them from full_clean spares one existence query each.
FK_TERPERCAYA = ["pos", "kelurahan", "pemilik", "verified_by", "created_by"]


def _kunci(pk: int) -> Ukm:
    """The business, locked for this transaction, knowing that its stored post matches its kelurahan."""
    ukm = Ukm.objects.select_for_update(of=("self",)).select_related("kelurahan").get(pk=pk)
    ukm._kecamatan_pos = ukm.kelurahan.kecamatan_id
    return ukm


def _simpan(ukm: Ukm, *, oleh: User | None) -> Ukm:
    ukm_lengkapi(ukm=ukm)
    ukm.full_clean(exclude=FK_TERPERCAYA, validate_constraints=False)  # the NIB rule is checked just below
    _cek_nib(ukm)
    ukm._history_user = oleh
    try:
        with transaction.atomic():
            ukm.save()
    except IntegrityError:
        # Two registrations of one NIB at the same moment: the database's unique rule decides.
        raise ValidationError({"nib": _("NIB ini sudah terdaftar untuk usaha lain.")}) from None
    return ukm


class UkmMungkinGanda(ValidationError):
    """Refusal of a new business without a NIB that looks like one already registered (``ukm_list``):
    the operator checks the links, then saves anyway with ``abaikan_ganda=True``."""

    def __init__(self, ukm_list: list[Ukm]):
        super().__init__(
            _("UKM ini mungkin sudah terdaftar. Periksa tautannya; bila usaha lain, tekan “Tetap simpan”."),
            code="mungkin_ganda",
        )
        self.ukm_list = ukm_list


@transaction.atomic
def ukm_buat(
    *, data: dict, oleh: User, pos: Pos | None = None, sebagai_pemilik: bool = False, abaikan_ganda: bool = False
) -> Ukm:
    """Register a business.

    An operator passes their ``pos``: the kelurahan must be in its kecamatan. An owner registering
    their own business (``sebagai_pemilik``) becomes its linked owner; it waits for the post's
    verification before it can appear in the directory.

    An operator's business without a NIB (nothing unique to stop a second entry) is first compared with
    the post's businesses in its kecamatan (``selectors.ukm_mungkin_ganda``: same phone, or same name and
    owner); a likely duplicate refuses with ``UkmMungkinGanda`` unless ``abaikan_ganda``.
    """
    from .selectors import ukm_mungkin_ganda

    ukm = Ukm(created_by=oleh)
    kolom_isi(ukm, data, boleh=FIELDS_PEMILIK if sebagai_pemilik else FIELDS_OPERATOR, abaikan_lain=True)
    if ukm.kelurahan_id is None:
        raise ValidationError({"kelurahan": _("Kelurahan wajib dipilih.")})
    _cek_pos(ukm.kelurahan, pos)
    if pos is not None and not sebagai_pemilik and not ukm.nib and not abaikan_ganda:
        mirip = ukm_mungkin_ganda(
            pos=pos,
            kelurahan=ukm.kelurahan,
            nama=ukm.nama,
            pemilik_nama=ukm.pemilik_nama,
            telepon=ukm.pemilik_telepon,
        )
        if mirip:
            raise UkmMungkinGanda(mirip)
    if sebagai_pemilik:
        ukm.pemilik = oleh
    _simpan(ukm, oleh=oleh)
    if sebagai_pemilik and not oleh.is_pemilik_ukm:
        oleh.is_pemilik_ukm = True
        oleh.save(update_fields=["is_pemilik_ukm"])
    return ukm


@transaction.atomic
def ukm_ubah(*, ukm: Ukm, data: dict, oleh: User, pos: Pos | None = None, sebagai_pemilik: bool = False) -> Ukm:
    """Change a business. An operator keeps it within their post; an owner edits only their own,
    and changing who or where it is sends it back for verification."""
    if sebagai_pemilik and ukm.pemilik_id != oleh.pk:
        raise ValidationError(_("Anda hanya dapat mengubah usaha milik Anda sendiri."))
    ukm = _kunci(ukm.pk)
    changed = kolom_isi(ukm, data, boleh=FIELDS_PEMILIK if sebagai_pemilik else FIELDS_OPERATOR, abaikan_lain=True)
    if ukm.kelurahan_id is None:
        raise ValidationError({"kelurahan": _("Kelurahan wajib dipilih.")})
    _cek_pos(ukm.kelurahan, pos)
    if sebagai_pemilik and ukm.verified_at and set(changed) & set(FIELDS_VERIFIKASI_ULANG):
        ukm.verified_at = None
        ukm.verified_by = None
    return _simpan(ukm, oleh=oleh)


@transaction.atomic
def ukm_status_tetapkan(*, ukm: Ukm, aktif: bool, oleh: User) -> Ukm:
    """Deactivate (or reactivate) a business. There is no hard delete: its history stays."""
    ukm.status = StatusUkm.AKTIF if aktif else StatusUkm.NONAKTIF
    ukm._history_user = oleh
    ukm.save(update_fields=["status", "updated_at"])
    return ukm


@transaction.atomic
def ukm_verifikasi(*, ukm: Ukm, oleh: User, verified: bool = True) -> Ukm:
    """An operator confirms (or withdraws) that the business is real and its data checked."""
    if verified:
        ukm.verified_at = timezone.now()
        ukm.verified_by = oleh
    else:
        ukm.verified_at = None
        ukm.verified_by = None
    ukm._history_user = oleh
    ukm.save(update_fields=["verified_at", "verified_by", "updated_at"])
    return ukm


UKM_VERIFIKASI_BANYAK_MAKS = 200


@transaction.atomic
def ukm_terpilih_verifikasi(*, pos: Pos, ukm_ids: list[int], oleh: User) -> list[Ukm]:
    """Verify many of the post's pending businesses at once (from the operator's list).

    Only businesses of ``pos`` that are still unverified count; ids of another post, already verified
    or unknown are skipped (the list may be stale). Each is saved with its history entry, like
    ``ukm_verifikasi``. Refuses, writing nothing, when none of the ids is pending here or more than
    ``UKM_VERIFIKASI_BANYAK_MAKS`` are sent."""
    ids = sorted({int(pk) for pk in ukm_ids})
    if len(ids) > UKM_VERIFIKASI_BANYAK_MAKS:
        raise ValidationError(
            _("Pilih paling banyak %(n)s UKM sekaligus, lalu ulangi untuk sisanya.") % {"n": UKM_VERIFIKASI_BANYAK_MAKS}
        )
    menunggu = list(
        Ukm.objects.for_pos(pos).filter(pk__in=ids, verified_at__isnull=True).select_for_update().order_by("pk")
    )
    if not menunggu:
        raise ValidationError(_("Centang dulu UKM yang menunggu verifikasi di daftar, lalu tekan tombolnya lagi."))
    now = timezone.now()
    for ukm in menunggu:
        ukm.verified_at, ukm.verified_by = now, oleh
        ukm._history_user = oleh
        ukm._change_reason = "verifikasi banyak"
        ukm.save(update_fields=["verified_at", "verified_by", "updated_at"])
    return menunggu


# Products and photos --------------------------------------------------------------------------


def _set_history_user(obj, oleh):
    obj._history_user = oleh
    return obj


@transaction.atomic
def produk_buat(*, ukm: Ukm, data: dict, oleh: User, foto=None, keterangan_foto: str = "") -> Produk:
    """Add a product (and optionally its first photo, already cleaned by ``clean_image``)."""
    if ukm.produk_set.count() >= Produk.MAKS_PER_UKM:
        raise ValidationError(_("Satu usaha paling banyak memiliki %(n)s produk.") % {"n": Produk.MAKS_PER_UKM})
    produk = Produk(ukm=ukm, **{k: data[k] for k in ("nama", "deskripsi", "harga") if k in data})
    produk.full_clean(exclude=["ukm"])
    _set_history_user(produk, oleh).save()
    if foto is not None:
        foto_produk_tambah(produk=produk, gambar=foto, keterangan=keterangan_foto, oleh=oleh)
    return produk


@transaction.atomic
def produk_ubah(*, produk: Produk, data: dict, oleh: User, foto=None, keterangan_foto: str = "") -> Produk:
    for key in ("nama", "deskripsi", "harga"):
        if key in data:
            setattr(produk, key, data[key])
    produk.full_clean(exclude=["ukm"])
    _set_history_user(produk, oleh).save()
    if foto is not None:
        foto_produk_tambah(produk=produk, gambar=foto, keterangan=keterangan_foto, oleh=oleh)
    return produk


@transaction.atomic
def produk_hapus(*, produk: Produk, oleh: User) -> None:
    """Remove a product with its photos (files too, once the transaction commits)."""
    files = [foto.gambar.name for foto in produk.foto_set.all()]
    _set_history_user(produk, oleh).delete()
    hapus_berkas_setelah_commit(*files)


@transaction.atomic
def foto_produk_tambah(*, produk: Produk, gambar, keterangan: str = "", oleh: User) -> FotoProduk:
    """Attach a photo. ``gambar`` must come from ``posyantek.uploads.clean_image`` (re-encoded, no EXIF)."""
    if produk.foto_set.count() >= FotoProduk.MAKS_PER_PRODUK:
        raise ValidationError(
            {"foto": _("Satu produk paling banyak memiliki %(n)s foto.") % {"n": FotoProduk.MAKS_PER_PRODUK}}
        )
    foto = FotoProduk(produk=produk, keterangan=(keterangan or "").strip())
    foto._history_user = oleh
    foto.full_clean(exclude=["gambar", "produk"])
    foto.gambar.save(gambar.name, gambar, save=False)
    try:
        foto.save()
    except Exception:
        # The row was not written: the file must not stay behind either.
        foto.gambar.storage.delete(foto.gambar.name)
        raise
    return foto


@transaction.atomic
def foto_produk_hapus(*, foto: FotoProduk, oleh: User) -> None:
    name = foto.gambar.name
    foto._history_user = oleh
    foto.delete()
    hapus_berkas_setelah_commit(name)


# Assistance -----------------------------------------------------------------------------------


@transaction.atomic
def pendampingan_buat(*, ukm: Ukm, data: dict, oleh: User) -> Pendampingan:
    item = Pendampingan(ukm=ukm, created_by=oleh, **data)
    item.full_clean(exclude=["ukm", "created_by"], validate_constraints=False)  # Pendampingan.clean() checks the dates
    _set_history_user(item, oleh).save()
    return item


@transaction.atomic
def pendampingan_ubah(*, pendampingan: Pendampingan, data: dict, oleh: User) -> Pendampingan:
    for key, value in data.items():
        setattr(pendampingan, key, value)
    pendampingan.full_clean(exclude=["ukm", "created_by"], validate_constraints=False)
    _set_history_user(pendampingan, oleh).save()
    return pendampingan


# Claims ---------------------------------------------------------------------------------------


@transaction.atomic
def klaim_ajukan(*, oleh: User, nib: str, pesan: str = "") -> KlaimUkm:
    """An owner claims a registered business by its NIB; an operator of its post decides.

    The answer never tells who owns the business or any private field: only that the claim went to
    the post. A user may have a few claims pending at once, no more (no harvesting of NIBs).
    """
    nib = (nib or "").strip()
    ukm = Ukm.objects.select_related("pos").filter(nib=nib).first() if nib else None
    if ukm is None:
        raise ValidationError({"nib": _("NIB ini belum ada di registri. Anda dapat mendaftarkan usaha baru.")})
    if ukm.pemilik_id == oleh.pk:
        raise ValidationError({"nib": _("Usaha ini sudah tertaut ke akun Anda.")})
    if ukm.pemilik_id is not None:
        raise ValidationError(
            {"nib": _("Usaha ini sudah tertaut ke akun pemilik lain. Hubungi pos kecamatan bila ini keliru.")}
        )
    pending = KlaimUkm.objects.filter(user=oleh, status=StatusKlaim.MENUNGGU)
    if pending.filter(ukm=ukm).exists():
        raise ValidationError({"nib": _("Anda sudah mengajukan klaim untuk usaha ini.")})
    if pending.count() >= KlaimUkm.MAKS_MENUNGGU_PER_USER:
        raise ValidationError(
            _("Anda masih memiliki %(n)s klaim yang menunggu. Tunggu keputusan pos terlebih dahulu.")
            % {"n": KlaimUkm.MAKS_MENUNGGU_PER_USER}
        )
    klaim = KlaimUkm(ukm=ukm, user=oleh, pesan=(pesan or "").strip())
    klaim.full_clean()
    simpan_unik(klaim)
    penerima = [op.email for op in ukm.pos.operators.filter(is_active=True) if op.email]
    posyantek_services.surel_template_antre(
        subjek=lambda: _("Klaim kepemilikan UKM baru: %(nama)s") % {"nama": ukm.nama},
        ke=penerima,
        template="ukm/email/klaim_baru.txt",
        konteks={
            "klaim": klaim,
            "pos": ukm.pos,
            "tautan": reverse("ukm:kelola-klaim-list", kwargs={"pos_slug": ukm.pos.slug}),
        },
    )
    return klaim


@transaction.atomic
def klaim_putuskan(*, klaim: KlaimUkm, oleh: User, setujui: bool, catatan: str = "") -> KlaimUkm:
    """Approve (link the business to the claimant's account) or refuse a pending claim.

    Approving refuses the other pending claims of the same business."""
    klaim = KlaimUkm.objects.select_for_update().select_related("ukm", "user").get(pk=klaim.pk)
    if klaim.status != StatusKlaim.MENUNGGU:
        raise ValidationError(_("Klaim ini sudah diputuskan."))
    now = timezone.now()
    klaim.catatan_operator = (catatan or "").strip()[:500]
    klaim.decided_at, klaim.decided_by = now, oleh
    if setujui:
        ukm = _kunci(klaim.ukm_id)
        if ukm.pemilik_id is not None and ukm.pemilik_id != klaim.user_id:
            raise ValidationError(_("Usaha ini sudah tertaut ke akun pemilik lain."))
        klaim.status = StatusKlaim.DISETUJUI
        ukm.pemilik = klaim.user
        _simpan(ukm, oleh=oleh)
        if not klaim.user.is_pemilik_ukm:
            klaim.user.is_pemilik_ukm = True
            klaim.user.save(update_fields=["is_pemilik_ukm"])
        KlaimUkm.objects.filter(ukm=ukm, status=StatusKlaim.MENUNGGU).exclude(pk=klaim.pk).update(
            status=StatusKlaim.DITOLAK,
            decided_at=now,
            decided_by=oleh,
            catatan_operator=_("Usaha ini telah diklaim oleh akun lain."),
        )
    else:
        klaim.status = StatusKlaim.DITOLAK
    klaim.save()
    posyantek_services.surel_template_antre(
        subjek=lambda: _("Keputusan klaim UKM: %(nama)s") % {"nama": klaim.ukm.nama},
        ke=[klaim.user.email],
        template="ukm/email/klaim_diputuskan.txt",
        konteks={"klaim": klaim, "tautan": reverse("ukm:saya-detail", kwargs={"pk": klaim.ukm_id})},
    )
    return klaim


# Import ---------------------------------------------------------------------------------------


def impor_kedaluwarsa_hapus() -> int:
    """Delete previews nobody committed within ``ImporBatch.BERLAKU_JAM`` hours (they hold personal data)."""
    batas = timezone.now() - timedelta(hours=ImporBatch.BERLAKU_JAM)
    deleted, _detail = ImporBatch.objects.filter(
        status__in=[StatusImpor.PRATINJAU, StatusImpor.GAGAL], created_at__lt=batas
    ).delete()
    return deleted


@transaction.atomic
def impor_batalkan(*, batch: ImporBatch, oleh: User) -> ImporBatch:
    if batch.status != StatusImpor.PRATINJAU:
        raise ValidationError(_("Impor ini sudah tidak dapat dibatalkan."))
    batch.status = StatusImpor.DIBATALKAN
    batch.rows = []
    batch.save(update_fields=["status", "rows"])
    return batch


IMPOR_URUNGKAN_JAM = 24


def impor_urungkan_periksa(*, batch: ImporBatch, oleh: User) -> bool:
    """Whether the page offers "Urungkan impor" (the service checks again, and checks the rows)."""
    return (
        batch.status == StatusImpor.SELESAI
        and batch.dibuat_oleh_id == oleh.pk
        and batch.committed_at is not None
        and batch.committed_at >= timezone.now() - timedelta(hours=IMPOR_URUNGKAN_JAM)
    )


@transaction.atomic
def impor_urungkan(*, batch: ImporBatch, oleh: User) -> ImporBatch:
    """Undo a committed import: delete the businesses it created and put back, field by field, those it
    updated — all or nothing.

    Allowed only to the person who made the import, within ``IMPOR_URUNGKAN_JAM`` hours of its commit,
    and only while none of its businesses changed since: no history entry after the import's own
    (``impor #<id>``), ``updated_at`` not later than that entry, and no product, assistance record or claim
    added to a business it created. Otherwise it refuses and changes nothing: by then someone may rely on
    the data, and undoing would erase their work. The batch ends ``dibatalkan`` (with its
    ``committed_at`` kept: an undone import)."""
    batch = ImporBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.dibuat_oleh_id != oleh.pk:
        raise ValidationError(_("Hanya orang yang menyimpan impor ini yang dapat mengurungkannya."))
    if batch.status != StatusImpor.SELESAI or batch.committed_at is None:
        raise ValidationError(_("Hanya impor yang sudah tersimpan yang dapat diurungkan."))
    if batch.committed_at < timezone.now() - timedelta(hours=IMPOR_URUNGKAN_JAM):
        raise ValidationError(
            _("Impor ini disimpan lebih dari %(jam)s jam yang lalu. Ubah atau nonaktifkan UKM-nya satu per satu.")
            % {"jam": IMPOR_URUNGKAN_JAM}
        )
    Riwayat = Ukm.history.model
    alasan = f"impor #{batch.pk}"
    catatan = list(Riwayat.objects.filter(history_change_reason=alasan).order_by("history_id"))
    ids = {c.id for c in catatan}
    sejak = min((c.history_id for c in catatan), default=0)
    terkunci = {u.pk: u for u in Ukm.objects.select_for_update().filter(pk__in=ids)}
    berubah = (
        Riwayat.objects.filter(id__in=ids, history_id__gt=sejak).exclude(history_change_reason=alasan).values("id")
    )
    berubah_ids = {r["id"] for r in berubah}
    # A save that left no history (a QuerySet.update()) still moves updated_at past the import's record.
    berubah_ids |= {c.id for c in catatan if c.id not in terkunci or terkunci[c.id].updated_at > c.history_date}
    baru_ids = {c.id for c in catatan if c.history_type == "+"}
    berubah_ids |= set(Produk.objects.filter(ukm_id__in=baru_ids).values_list("ukm_id", flat=True))
    berubah_ids |= set(Pendampingan.objects.filter(ukm_id__in=baru_ids).values_list("ukm_id", flat=True))
    berubah_ids |= set(KlaimUkm.objects.filter(ukm_id__in=baru_ids).values_list("ukm_id", flat=True))
    if berubah_ids:
        raise ValidationError(
            _(
                "%(n)s UKM dari impor ini sudah diubah sejak disimpan, jadi impor tidak dapat diurungkan. "
                "Perbaiki UKM yang perlu satu per satu dari daftar UKM."
            )
            % {"n": len(berubah_ids)}
        )
    alasan_urung = f"urungkan impor #{batch.pk}"
    for c in catatan:
        ukm = terkunci[c.id]
        ukm._history_user = oleh
        ukm._change_reason = alasan_urung
        if c.history_type == "+":
            try:
                with transaction.atomic():
                    ukm.delete()
            except ProtectedError:
                raise ValidationError(
                    _("UKM “%(nama)s” dari impor ini sudah dipakai di data lain; impor tidak dapat diurungkan.")
                    % {"nama": ukm.nama}
                ) from None
        else:
            sebelum = Riwayat.objects.filter(id=c.id, history_id__lt=c.history_id).order_by("-history_id").first()
            lama = sebelum.instance
            ukm_lengkapi(ukm=lama)
            lama._history_user = oleh
            lama._change_reason = alasan_urung
            lama.save()
    batch.status = StatusImpor.DIBATALKAN
    batch.save(update_fields=["status"])
    return batch


def _periksa_semua(tabel_rows: list, pos: Pos | None, *, dari_data: bool) -> tuple[list[dict], dict[int, Ukm], object]:
    """Check every row against one snapshot of the registry (a handful of queries per file, whatever
    its size: the snapshot reads only what the file's rows refer to). Returns the rows, the loaded
    businesses the file updates, and the snapshot (``impor.Konteks``)."""
    from .impor import HasilBaris, Konteks, baris_ke_data, periksa_baris

    hasil_list = []
    for item in tabel_rows:
        if dari_data:  # the commit re-checks the values stored at preview time
            hasil = HasilBaris(
                baris=item["baris"],
                data=dict(item["data"]),
                kelurahan_teks=item.get("kelurahan_teks", ""),
                kecamatan_teks=item.get("kecamatan_teks", ""),
                id_registri=item.get("id_registri"),
            )
        else:
            nomor, cells, kolom = item
            hasil = baris_ke_data(nomor, cells, kolom)
        hasil_list.append(hasil)
    konteks = Konteks.muat(pos, hasil_list=hasil_list)
    nibs = {h.data["nib"] for h in hasil_list if h.data.get("nib")}
    ids = [konteks.nib_ke_ukm[n][0] for n in nibs if n in konteks.nib_ke_ukm]
    ids += [h.id_registri for h in hasil_list if h.id_registri]
    existing = {u.pk: u for u in Ukm.objects.select_related("kelurahan").filter(pk__in=ids)}
    rows = []
    for hasil in hasil_list:
        row = periksa_baris(hasil, konteks, existing)
        row["kelurahan_teks"] = hasil.kelurahan_teks
        row["kecamatan_teks"] = hasil.kecamatan_teks
        rows.append(row)
    return rows, existing, konteks


@transaction.atomic
def impor_pratinjau(*, upload, oleh: User, pos: Pos | None, tandai_terverifikasi: bool = False) -> ImporBatch:
    """Read and check an uploaded file; store every row with its errors for the preview.

    ``pos`` is the operator's post (rows must lie in its kecamatan); None is the admin provinsi's
    province-wide import. A file that cannot be read at all raises ValidationError and stores
    nothing. Nothing is written to the registry until ``impor_terapkan``.
    """
    from .impor import baca_berkas

    impor_kedaluwarsa_hapus()
    tabel = baca_berkas(upload)
    if not tabel.baris:
        raise ValidationError(_("Berkas tidak berisi baris data di bawah judul kolom."), code="berkas")
    rows, _existing, _konteks = _periksa_semua(
        [(n, cells, tabel.kolom) for n, cells in tabel.baris], pos, dari_data=False
    )
    batch = ImporBatch(
        pos=pos,
        dibuat_oleh=oleh,
        tandai_terverifikasi=tandai_terverifikasi,
        nama_berkas=(getattr(upload, "name", "") or "berkas")[-255:],
        format=tabel.format,
        rows=rows,
        kolom={"dikenali": sorted(set(tabel.kolom.values())), "asing": tabel.kolom_asing, "catatan": tabel.catatan},
    )
    _hitung(batch)
    batch.save()
    return batch


def _hitung(batch: ImporBatch) -> None:
    batch.jumlah_baru = sum(1 for r in batch.rows if r["aksi"] == "baru")
    batch.jumlah_perbarui = sum(1 for r in batch.rows if r["aksi"] == "perbarui")
    batch.jumlah_galat = sum(1 for r in batch.rows if r["aksi"] == "galat")


def impor_terapkan(*, batch: ImporBatch, oleh: User, status_awal: str = StatusImpor.PRATINJAU) -> ImporBatch:
    """Write every row of a checked preview, all or nothing.

    ``status_awal`` is the status the batch must still have under the row lock: ``pratinjau`` in the
    request, ``diproses`` in the background task (``impor_latar_jalankan``), so a task delivered twice
    commits once.

    The rows are checked again against the registry as it is now (a NIB may have been taken since
    the preview); any error refuses the whole file and writes nothing — the refreshed errors are
    kept on the preview so the operator sees why. New businesses and updates are written in bulk,
    each with its history entry naming the person and the import.
    """
    from simple_history.utils import bulk_create_with_history, bulk_update_with_history

    with transaction.atomic():
        batch = ImporBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status != status_awal:
            raise ValidationError(_("Impor ini sudah disimpan atau dibatalkan."))
        if batch.created_at < timezone.now() - timedelta(hours=ImporBatch.BERLAKU_JAM):
            raise ValidationError(_("Pratinjau ini sudah kedaluwarsa. Unggah ulang berkasnya."))
        if batch.jumlah_galat:
            raise ValidationError(
                _("Masih ada baris bergalat. Perbaiki berkas lalu unggah ulang; tidak ada data yang disimpan.")
            )
        rows, existing, konteks = _periksa_semua(batch.rows, batch.pos, dari_data=True)
        galat = sum(1 for r in rows if r["aksi"] == "galat")
        if not galat:
            now = timezone.now()
            kelurahan_by_id = {k.pk: k for k in konteks.kelurahan}
            baru, perbarui = [], []
            for row in rows:
                if row["aksi"] == "perbarui":
                    ukm = existing[row["ukm_id"]]
                else:
                    ukm = Ukm(created_by=oleh)
                    for name, value in row["data"].items():
                        setattr(ukm, name, value)
                if row["kelurahan_id"]:
                    ukm.kelurahan = kelurahan_by_id[row["kelurahan_id"]]
                ukm_lengkapi(ukm=ukm, pos_id=konteks.pos_by_kecamatan[ukm.kelurahan.kecamatan_id])
                if batch.tandai_terverifikasi and ukm.verified_at is None:
                    ukm.verified_at, ukm.verified_by = now, oleh
                ukm.updated_at = now
                (perbarui if row["aksi"] == "perbarui" else baru).append(ukm)
            reason = f"impor #{batch.pk}"
            try:
                with transaction.atomic():
                    if baru:
                        bulk_create_with_history(
                            baru, Ukm, batch_size=500, default_user=oleh, default_change_reason=reason
                        )
                    if perbarui:
                        fields = sorted(
                            {name for row in rows if row["aksi"] == "perbarui" for name in row["data"]}
                            | {
                                "kelurahan",
                                "pos",
                                "kelas",
                                "search_text",
                                "search_publik",
                                "updated_at",
                                "dasar_kelas",
                                "verified_at",
                                "verified_by",
                            }
                        )
                        bulk_update_with_history(
                            perbarui, Ukm, fields, batch_size=500, default_user=oleh, default_change_reason=reason
                        )
            except IntegrityError:
                # A NIB of the file was registered in the very moment of the commit.
                raise ValidationError(
                    _("Data registri berubah saat penyimpanan. Tidak ada data yang disimpan; coba simpan lagi.")
                ) from None
            batch.status = StatusImpor.SELESAI
            batch.committed_at = now
            batch.jumlah_baru, batch.jumlah_perbarui = len(baru), len(perbarui)
            batch.rows = []  # the file's personal data is not kept once it is in the registry
            batch.galat = ""
            batch.save()
            return batch
    # Outside the rolled-back block: keep the refreshed errors on the preview, then refuse.
    batch.rows = rows
    _hitung(batch)
    batch.save(update_fields=["rows", "jumlah_baru", "jumlah_perbarui", "jumlah_galat"])
    raise ValidationError(
        _("Data registri berubah sejak pratinjau: %(n)s baris kini bergalat. Tidak ada data yang disimpan.")
        % {"n": galat}
    )


@transaction.atomic
def impor_antre(*, batch: ImporBatch, oleh: User) -> ImporBatch:
    """Hand a large checked preview (more than ``settings.IMPOR_LATAR_MIN_BARIS`` rows) to a
    background task: the same checks as the commit, then the batch is ``diproses`` and its task is
    queued after commit. The task writes everything in one transaction, or nothing."""
    from .tasks import impor_ukm_simpan

    batch = ImporBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != StatusImpor.PRATINJAU:
        raise ValidationError(_("Impor ini sudah disimpan atau dibatalkan."))
    if batch.created_at < timezone.now() - timedelta(hours=ImporBatch.BERLAKU_JAM):
        raise ValidationError(_("Pratinjau ini sudah kedaluwarsa. Unggah ulang berkasnya."))
    if batch.jumlah_galat:
        raise ValidationError(
            _("Masih ada baris bergalat. Perbaiki berkas lalu unggah ulang; tidak ada data yang disimpan.")
        )
    batch.status = StatusImpor.DIPROSES
    batch.galat = ""
    batch.full_clean(exclude=["rows", "kolom"])
    batch.save(update_fields=["status", "galat"])
    batch_id = batch.pk
    transaction.on_commit(lambda: impor_ukm_simpan.delay(batch_id=batch_id))
    return batch


def impor_latar_jalankan(*, batch_id: int) -> ImporBatch | None:
    """The task's work: commit a ``diproses`` batch as the person who uploaded it. A refusal or any
    failure leaves the batch ``gagal`` with the reason and no UKM row written (the commit is one
    transaction). Idempotent: a batch no longer ``diproses`` is left alone (returns None)."""
    batch = ImporBatch.objects.select_related("dibuat_oleh").filter(pk=batch_id, status=StatusImpor.DIPROSES).first()
    if batch is None:
        return None
    try:
        return impor_terapkan(batch=batch, oleh=batch.dibuat_oleh, status_awal=StatusImpor.DIPROSES)
    except ValidationError as exc:
        galat = " ".join(exc.messages)
    except Exception:  # noqa: BLE001 — any failure must end as "gagal", never as a batch stuck "diproses"
        logger.exception("background import %s failed", batch_id)
        galat = _("Terjadi galat tak terduga saat menyimpan.")
    # Only a batch still "diproses": a second delivery that found it "selesai" changes nothing.
    ImporBatch.objects.filter(pk=batch_id, status=StatusImpor.DIPROSES).update(
        status=StatusImpor.GAGAL, galat=galat[:1000]
    )
    return ImporBatch.objects.filter(pk=batch_id).first()


def ukm_ekspor_latar_minta(*, oleh: User, query: str, fmt: str, nama_berkas: str, baris_total: int = 0):
    """A province-wide export as a background job: the job row now, its task after commit.
    ``query`` is the list's filter query string, read again by the task exactly like the direct
    download reads it."""
    from posyantek.models import BerkasTugas

    from .tasks import ekspor_ukm_provinsi

    tugas = posyantek_services.berkas_tugas_buat(
        oleh=oleh,
        jenis=BerkasTugas.Jenis.EKSPOR_UKM_PROVINSI,
        nama_berkas=nama_berkas,
        baris_total=baris_total,
        parameter={"query": query, "format": fmt, "bahasa": translation.get_language() or settings.LANGUAGE_CODE},
    )
    transaction.on_commit(lambda: ekspor_ukm_provinsi.delay(tugas_id=tugas.pk))
    return tugas


def ukm_ekspor_latar_jalankan(*, tugas_id: int):
    """The task's work: the same rows as the direct province-wide download (masked NIK, formula-safe
    cells, the requester's language), written to the job's private file. Idempotent: a job already
    claimed or finished is left alone (returns None)."""
    from django.http import QueryDict

    from posyantek.models import BerkasTugas

    from . import selectors
    from .ekspor import KOLOM_EKSPOR, baris_ekspor
    from .forms import UkmFilterForm

    tugas = BerkasTugas.objects.filter(pk=tugas_id).first()
    if tugas is None or tugas.status != BerkasTugas.Status.MENUNGGU:
        return None
    query = tugas.parameter.get("query", "")
    with translation.override(tugas.parameter.get("bahasa") or settings.LANGUAGE_CODE):
        form = UkmFilterForm(QueryDict(query) if query else None, pos=None)
        params = form.params() if query else {}
        qs = selectors.ukm_list_ekspor(pos=None, params=params)
        tugas = posyantek_services.berkas_tugas_ambil(tugas_id=tugas_id, baris_total=qs.count())
        if tugas is None:
            return None
        return posyantek_services.berkas_tugas_tulis(
            tugas=tugas, header=KOLOM_EKSPOR, rows=baris_ekspor(qs), sheet="UKM"
        )
