"""Entries, carried-over winners and their documents."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from lomba import impor as impor_csv
from lomba.models import TINGKAT_URUTAN, DokumenPeserta, Lomba, Peserta, Status, Tingkat, judul_laporan_tahunan
from lomba.services.aturan import MAKS_DOKUMEN, lomba_belum_final_pastikan, lomba_kunci
from posyantek.models import Pos, User, normalisasi_nama
from posyantek.teks import bersihkan_teks
from posyantek.transaksi import hapus_berkas_setelah_commit


def _cek_peserta_boleh_berubah(lomba: Lomba) -> None:
    lomba_belum_final_pastikan(lomba=lomba, pesan=_("Lomba sudah final: daftar peserta tidak dapat diubah."))


@transaction.atomic
def peserta_pos_buat(
    *, lomba: Lomba, pos: Pos, oleh: User | None, judul: str = "", asal: Peserta | None = None
) -> Peserta:
    """Enter a DKI post. At kota level only posts of that kota."""
    lomba = lomba_kunci(lomba=lomba)
    _cek_peserta_boleh_berubah(lomba)
    if lomba.tingkat == Tingkat.KOTA and pos.kecamatan.kota_id != lomba.kota_id:
        raise ValidationError(_("Pos ini bukan dari %(kota)s.") % {"kota": lomba.kota.nama_pendek})
    if lomba.peserta_set.filter(pos=pos).exists():
        raise ValidationError(_("%(pos)s sudah terdaftar sebagai peserta lomba ini.") % {"pos": pos.nama})
    peserta = Peserta(lomba=lomba, pos=pos, judul=judul.strip(), asal=asal, dari_dki=True, created_by=oleh)
    peserta.full_clean()
    peserta.save()
    return peserta


@transaction.atomic
def peserta_luar_buat(*, lomba: Lomba, nama: str, provinsi: str, oleh: User | None, judul: str = "") -> Peserta:
    """Enter an outside entrant (national level only): a name and its province."""
    lomba = lomba_kunci(lomba=lomba)
    _cek_peserta_boleh_berubah(lomba)
    if lomba.tingkat != Tingkat.NASIONAL:
        raise ValidationError(_("Peserta dari luar pos DKI hanya untuk lomba tingkat nasional."))
    nama, provinsi = bersihkan_teks(nama), bersihkan_teks(provinsi)
    if not nama or not provinsi:
        raise ValidationError(_("Nama peserta dan provinsinya wajib diisi."))
    if impor_csv.is_provinsi_dki(provinsi):
        # DKI's own entries are its posts (with their data, history and rank links), never free text.
        raise ValidationError(
            {
                "provinsi": _(
                    "Peserta dari DKI Jakarta didaftarkan sebagai pos (Tambah pos), bukan sebagai peserta luar DKI."
                )
            }
        )
    kunci = (normalisasi_nama(nama), normalisasi_nama(provinsi))
    for other in lomba.peserta_set.filter(pos__isnull=True):
        if (normalisasi_nama(other.nama_luar), normalisasi_nama(other.provinsi_luar)) == kunci:
            raise ValidationError(_("Peserta ini sudah terdaftar."))
    peserta = Peserta(
        lomba=lomba,
        nama_luar=nama,
        provinsi_luar=provinsi,
        judul=judul.strip(),
        dari_dki=False,
        created_by=oleh,
    )
    peserta.full_clean()
    peserta.save()
    return peserta


@transaction.atomic
def peserta_hapus(*, peserta: Peserta, oleh: User) -> None:
    """Remove an entry that nobody has scored yet."""
    lomba = lomba_kunci(lomba=peserta.lomba)
    _cek_peserta_boleh_berubah(lomba)
    if peserta.nilai_set.exists():
        raise ValidationError(
            _("Peserta ini sudah dinilai juri; tidak dapat dihapus agar riwayat penilaian tetap utuh.")
        )
    for dokumen in peserta.dokumen_set.all():
        hapus_berkas_setelah_commit(dokumen.berkas)
    peserta.delete()


@transaction.atomic
def peserta_ubah(*, peserta: Peserta, oleh: User, judul: str, tautan_video: str) -> Peserta:
    """The entry's title and video link, kept by its post's operator (or the admin) until final."""
    lomba = lomba_kunci(lomba=peserta.lomba)
    lomba_belum_final_pastikan(lomba=lomba, pesan=_("Lomba sudah final: data peserta tidak dapat diubah."))
    peserta.judul, peserta.tautan_video = judul.strip(), tautan_video.strip()
    peserta.full_clean()
    peserta.save(update_fields=["judul", "tautan_video"])
    return peserta


@transaction.atomic
def peserta_favorit_tetapkan(*, peserta: Peserta, oleh: User, favorit: bool) -> Peserta:
    """The Favorit award is chosen by the committee; it can be set until the results are announced."""
    lomba = lomba_kunci(lomba=peserta.lomba)
    if lomba.status == Status.DIUMUMKAN:
        raise ValidationError(_("Hasil lomba sudah diumumkan; penghargaan tidak dapat diubah."))
    peserta.is_favorit = favorit
    peserta.save(update_fields=["is_favorit"])
    return peserta


@transaction.atomic
def peserta_pemenang_bawa(*, dari: Lomba, ke: Lomba, oleh: User, peringkat_maks: int = 1) -> list[Peserta]:
    """Carry the winners (rank ≤ ``peringkat_maks``) of a finished lower-level competition of the same
    category into ``ke``, remembering where each came from. Posts already entered are skipped."""
    ke = lomba_kunci(lomba=ke)
    _cek_peserta_boleh_berubah(ke)
    dari = Lomba.objects.get(pk=dari.pk)
    if dari.kategori != ke.kategori:
        raise ValidationError(_("Kategori kedua lomba harus sama."))
    if TINGKAT_URUTAN[Tingkat(dari.tingkat)] >= TINGKAT_URUTAN[Tingkat(ke.tingkat)]:
        raise ValidationError(_("Pemenang dibawa dari tingkat yang lebih rendah ke tingkat berikutnya."))
    if ke.tahun not in (dari.tahun, dari.tahun + 1):
        raise ValidationError(_("Pemenang dibawa ke lomba tahun yang sama atau tahun berikutnya."))
    if not dari.is_selesai:
        raise ValidationError(_("Pemenang hanya dapat dibawa dari lomba yang sudah final."))
    if not 1 <= peringkat_maks <= 10:
        raise ValidationError(_("Jumlah pemenang yang dibawa antara 1 dan 10."))
    sudah = set(ke.peserta_set.filter(pos__isnull=False).values_list("pos_id", flat=True))
    dibawa = []
    for p in dari.peserta_set.filter(peringkat__lte=peringkat_maks, pos__isnull=False).select_related("pos__kecamatan"):
        if p.pos_id in sudah:
            continue
        if ke.tingkat == Tingkat.KOTA and p.pos.kecamatan.kota_id != ke.kota_id:
            continue
        baru = Peserta(
            lomba=ke, pos=p.pos, judul=p.judul, tautan_video=p.tautan_video, asal=p, dari_dki=True, created_by=oleh
        )
        baru.full_clean()
        baru.save()
        dibawa.append(baru)
    if not dibawa:
        raise ValidationError(_("Tidak ada pemenang baru untuk dibawa: semua sudah terdaftar."))
    return dibawa


@transaction.atomic
def dokumen_unggah(*, peserta: Peserta, oleh: User, judul: str, berkas: ContentFile) -> DokumenPeserta:
    """Store a document already cleaned by ``posyantek.uploads.clean_document``. Until final."""
    lomba = lomba_kunci(lomba=peserta.lomba)
    lomba_belum_final_pastikan(lomba=lomba, pesan=_("Lomba sudah final: dokumen tidak dapat ditambah atau dihapus."))
    if peserta.dokumen_set.count() >= MAKS_DOKUMEN:
        raise ValidationError(_("Satu peserta paling banyak %(n)s dokumen.") % {"n": MAKS_DOKUMEN})
    dokumen = DokumenPeserta(peserta=peserta, judul=judul.strip(), ukuran=berkas.size, diunggah_oleh=oleh)
    dokumen.full_clean(exclude=["berkas"])
    dokumen.berkas.save(berkas.name, berkas, save=False)
    try:
        dokumen.save()
    except Exception:
        dokumen.berkas.storage.delete(dokumen.berkas.name)
        raise
    return dokumen


@transaction.atomic
def dokumen_hapus(*, dokumen: DokumenPeserta, oleh: User) -> None:
    lomba = lomba_kunci(lomba=dokumen.peserta.lomba)
    lomba_belum_final_pastikan(lomba=lomba, pesan=_("Lomba sudah final: dokumen tidak dapat ditambah atau dihapus."))
    hapus_berkas_setelah_commit(dokumen.berkas)
    dokumen.delete()


@transaction.atomic
def laporan_lampirkan(*, peserta: Peserta, oleh: User) -> DokumenPeserta:
    """Attach the post's yearly report for the competition's year (the PDF made now from its records)
    to its entry, in one step; a report attached before is replaced, never doubled. Until final."""
    from posyantek import laporan

    if peserta.pos_id is None:
        raise ValidationError(_("Hanya peserta dari pos yang dapat dilampiri laporan tahunan pos."))
    lomba = lomba_kunci(lomba=peserta.lomba)
    lomba_belum_final_pastikan(lomba=lomba, pesan=_("Lomba sudah final: dokumen tidak dapat ditambah atau dihapus."))
    if not laporan.tahun_sah(lomba.tahun):
        raise ValidationError(_("Laporan tahunan untuk tahun lomba ini belum dapat dibuat."))
    judul = judul_laporan_tahunan(lomba.tahun)
    pdf = laporan.buat_pdf_pos(peserta.pos, lomba.tahun)
    for lama in peserta.dokumen_set.filter(judul=judul):
        dokumen_hapus(dokumen=lama, oleh=oleh)
    nama = laporan.nama_berkas(pos=peserta.pos, tahun=lomba.tahun, ekstensi="pdf")
    return dokumen_unggah(peserta=peserta, oleh=oleh, judul=judul, berkas=ContentFile(pdf, name=nama))
