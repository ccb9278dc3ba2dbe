"""The rows of the registry's export: the direct download (``views.impor``) and the background job
of a province-wide export (``services.ukm_ekspor_latar_jalankan``) write the same cells."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .impor import LABEL_DASAR
from .models import Ukm, samarkan_nik

KOLOM_EKSPOR = [
    "ID Registri",
    "Nama Usaha",
    "Nama Pemilik",
    "NIK",
    "Kelurahan",
    "Kecamatan",
    "Kota",
    "Bidang Usaha",
    "KBLI",
    "NIB",
    "Bentuk Usaha",
    "Tahun Berdiri",
    "Jumlah Pekerja",
    "Dasar Klasifikasi",
    "Modal Usaha",
    "Hasil Penjualan Tahunan",
    "Kelas",
    "Tahap Jakpreneur",
    "Status",
    "Terverifikasi",
    "Tampil Publik",
    "Diubah",
]


KOLOM_NILAI = (
    "pk",
    "nama",
    "pemilik_nama",
    "pemilik_nik",
    "kelurahan__nama",
    "pos__kecamatan__nama",
    "pos__kecamatan__kota__nama_pendek",
    "bidang",
    "kbli",
    "nib",
    "bentuk_usaha",
    "tahun_berdiri",
    "jumlah_pekerja",
    "dasar_kelas",
    "modal_usaha",
    "hasil_penjualan_tahunan",
    "kelas",
    "tahap_jakpreneur",
    "status",
    "verified_at",
    "tampil_publik",
    "updated_at",
)
POTONGAN = 2000  # rows per fetch of the server-side cursor


def _label(field: str) -> dict:
    """A choice field's labels in the active language, resolved once per export (not once a row)."""
    return {value: str(label) for value, label in Ukm._meta.get_field(field).flatchoices}


def baris_ekspor(qs):
    """Rows of an export. The NIK is masked; phone, e-mail, street address and coordinates are left
    out altogether (an export leaves the portal). Formula-like cells are neutralised by the writer.

    One query (a server-side cursor on PostgreSQL, read ``POTONGAN`` rows at a time) of plain values:
    no model instance per row, and every label looked up once for the whole export."""
    ya, tidak = _("Ya"), _("Tidak")
    belum = _("Belum dapat ditentukan")
    bidang, bentuk, kelas_label, status_label = (
        _label("bidang"),
        _label("bentuk_usaha"),
        _label("kelas"),
        _label("status"),
    )
    dasar = {value: str(label) for value, label in LABEL_DASAR.items()}
    zona = timezone.get_current_timezone()
    for (
        pk,
        nama,
        pemilik_nama,
        nik,
        kelurahan,
        kecamatan,
        kota,
        bidang_v,
        kbli,
        nib,
        bentuk_v,
        tahun_berdiri,
        jumlah_pekerja,
        dasar_v,
        modal,
        omzet,
        kelas_v,
        tahap,
        status_v,
        verified_at,
        tampil_publik,
        updated_at,
    ) in qs.values_list(*KOLOM_NILAI).iterator(chunk_size=POTONGAN):
        yield [
            pk,
            nama,
            pemilik_nama,
            samarkan_nik(nik),
            kelurahan,
            kecamatan,
            kota,
            bidang.get(bidang_v, bidang_v),
            kbli,
            nib,
            bentuk.get(bentuk_v, bentuk_v),
            tahun_berdiri or "",
            jumlah_pekerja,
            dasar.get(dasar_v, ""),
            modal if modal is not None else "",
            omzet if omzet is not None else "",
            kelas_label.get(kelas_v, kelas_v) or belum,
            tahap,
            status_label.get(status_v, status_v),
            ya if verified_at is not None else tidak,
            ya if tampil_publik else tidak,
            updated_at.astimezone(zona).strftime("%Y-%m-%d %H:%M"),
        ]
