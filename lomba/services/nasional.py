"""National results from the committee's CSV: preview, then all-or-nothing."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lomba import impor as impor_csv
from lomba import selectors
from lomba.models import ImporNasional, ImporStatus, Lomba, Peserta, Status, Tingkat
from lomba.services.aturan import lomba_belum_final_pastikan, lomba_kunci
from posyantek.models import Pos, User, normalisasi_nama
from posyantek.teks import bersihkan_teks


@transaction.atomic
def impor_nasional_pratinjau(*, lomba: Lomba, nama_berkas: str, data: bytes, oleh: User) -> ImporNasional:
    """Read the committee's CSV and keep what was read for preview. Nothing in the ranking changes."""
    _cek_lomba_impor(lomba)
    hasil = impor_csv.baca_csv(data, cocokkan_pos=selectors.pos_cocokkan_nama())
    impor = ImporNasional(
        lomba=lomba,
        nama_berkas=bersihkan_teks(nama_berkas)[:255] or "hasil.csv",
        baris=[b.as_json() for b in hasil.baris],
        kesalahan=hasil.kesalahan,
        peringatan=hasil.peringatan,
        created_by=oleh,
    )
    impor.full_clean()
    impor.save()
    return impor


def _cek_lomba_impor(lomba: Lomba) -> None:
    if lomba.tingkat != Tingkat.NASIONAL or not lomba.is_impor:
        raise ValidationError(_("Impor CSV hanya untuk lomba tingkat nasional yang hasilnya dari panitia nasional."))
    lomba_belum_final_pastikan(lomba=lomba, pesan=_("Lomba sudah final: hasilnya tidak dapat diimpor ulang."))


@transaction.atomic
def impor_nasional_terapkan(*, impor: ImporNasional, oleh: User) -> Lomba:
    """Apply a previewed file all-or-nothing: entries created or updated, ranks and totals stored,
    the competition final. Refused when the file had any problem."""
    lomba = lomba_kunci(lomba=impor.lomba)
    impor = ImporNasional.objects.select_for_update().get(pk=impor.pk)
    if impor.status != ImporStatus.PRATINJAU:
        raise ValidationError(_("Impor ini sudah diterapkan atau dibatalkan."))
    _cek_lomba_impor(lomba)
    if impor.kesalahan:
        raise ValidationError(_("Berkas masih memuat kesalahan; perbaiki lalu unggah ulang."))
    if not impor.baris:
        raise ValidationError(_("Berkas tidak memuat baris hasil."))
    pos_ids = {b["pos_id"] for b in impor.baris if b.get("pos_id")}
    pos_map = {p.pk: p for p in Pos.objects.filter(pk__in=pos_ids)}
    if len(pos_map) != len(pos_ids):
        raise ValidationError(_("Pos pada berkas tidak ditemukan lagi; unggah ulang berkasnya."))
    existing = list(lomba.peserta_set.all())
    by_pos = {p.pos_id: p for p in existing if p.pos_id}
    by_nama = {(normalisasi_nama(p.nama_luar), normalisasi_nama(p.provinsi_luar)): p for p in existing if not p.pos_id}
    lomba.peserta_set.update(peringkat=None, nilai_akhir=None, nilai_tahap={}, alasan_seri="")
    for b in impor.baris:
        if b.get("pos_id"):
            peserta = by_pos.get(b["pos_id"]) or Peserta(
                lomba=lomba, pos=pos_map[b["pos_id"]], dari_dki=True, created_by=oleh
            )
        else:
            key = (normalisasi_nama(b["nama"]), normalisasi_nama(b["provinsi"]))
            peserta = by_nama.get(key) or Peserta(
                lomba=lomba,
                nama_luar=b["nama"],
                provinsi_luar=b["provinsi"],
                dari_dki=bool(b.get("dki")),
                created_by=oleh,
            )
        peserta.peringkat = int(b["peringkat"])
        peserta.nilai_akhir = Decimal(b["total"])
        peserta.nilai_tahap, peserta.alasan_seri = {}, ""
        peserta.full_clean(validate_constraints=False)
        peserta.save()
    lomba.status = Status.FINAL
    lomba.difinalkan_at = timezone.now()
    lomba.difinalkan_oleh = oleh
    lomba._history_user = oleh
    lomba.save(update_fields=["status", "difinalkan_at", "difinalkan_oleh", "updated_at"])
    impor.status = ImporStatus.DITERAPKAN
    impor.diterapkan_at = timezone.now()
    impor.save(update_fields=["status", "diterapkan_at"])
    lomba.impor_set.filter(status=ImporStatus.PRATINJAU).update(status=ImporStatus.DIBATALKAN)
    return lomba


@transaction.atomic
def impor_nasional_batalkan(*, impor: ImporNasional, oleh: User) -> None:
    if impor.status != ImporStatus.PRATINJAU:
        raise ValidationError(_("Impor ini sudah diterapkan atau dibatalkan."))
    impor.status = ImporStatus.DIBATALKAN
    impor.save(update_fields=["status"])
