"""The rows of the registry's export: the direct download (``views.impor``) and the background job
of a province-wide export (``services.ukm_ekspor_latar_jalankan``) write the same cells."""

from django.utils import timezone
from django.utils.translation import gettext as _

from .impor import LABEL_DASAR

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


def baris_ekspor(qs):
    """Rows of an export. The NIK is masked; phone, e-mail, street address and coordinates are left
    out altogether (an export leaves the portal). Formula-like cells are neutralised by the writer."""
    ya, tidak = _("Ya"), _("Tidak")
    for ukm in qs.iterator(chunk_size=2000):
        kec = ukm.pos.kecamatan
        yield [
            ukm.pk,
            ukm.nama,
            ukm.pemilik_nama,
            ukm.nik_samaran,
            ukm.kelurahan.nama,
            kec.nama,
            kec.kota.nama_pendek,
            ukm.get_bidang_display(),
            ukm.kbli,
            ukm.nib,
            ukm.get_bentuk_usaha_display(),
            ukm.tahun_berdiri or "",
            ukm.jumlah_pekerja,
            LABEL_DASAR.get(ukm.dasar_kelas, ""),
            ukm.modal_usaha if ukm.modal_usaha is not None else "",
            ukm.hasil_penjualan_tahunan if ukm.hasil_penjualan_tahunan is not None else "",
            ukm.get_kelas_display() or _("Belum dapat ditentukan"),
            ukm.tahap_jakpreneur,
            ukm.get_status_display(),
            ya if ukm.is_verified else tidak,
            ya if ukm.tampil_publik else tidak,
            timezone.localtime(ukm.updated_at).strftime("%Y-%m-%d %H:%M"),
        ]
