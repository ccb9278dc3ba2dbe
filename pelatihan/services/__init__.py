"""Writes of the training and Relawan TIK app.

Every function is keyword-only, typed and atomic; it validates (``full_clean``) before saving and
refuses with ``ValidationError`` (an Indonesian message) without writing anything. Mail is written
to the outbox in the same transaction and goes out only after it commits.
"""

from .jadwal import jadwal_batalkan, jadwal_buat, jadwal_ubah, program_buat, program_ubah
from .pendaftaran import (
    kalender_pribadi_ambil,
    kalender_pribadi_buat_ulang,
    kehadiran_catat,
    kehadiran_tetapkan,
    pemesanan_tamu_buat,
    pemesanan_tamu_gabungkan,
    pendaftaran_batalkan,
    pendaftaran_buat,
    pendaftaran_tamu_buat,
    pengingat_kirim,
    umpan_balik_kirim,
)
from .relawan import (
    HasilLamaran,
    aktivitas_buat,
    aktivitas_hapus,
    aktivitas_konfirmasi,
    aktivitas_tolak,
    aktivitas_ubah,
    relawan_ajukan,
    relawan_aktifkan,
    relawan_kedaluwarsa_tutup,
    relawan_penugasan_tetapkan,
    relawan_terima,
    relawan_tinjau,
    relawan_tolak,
)

__all__ = [
    "HasilLamaran",
    "aktivitas_buat",
    "aktivitas_hapus",
    "aktivitas_konfirmasi",
    "aktivitas_tolak",
    "aktivitas_ubah",
    "jadwal_batalkan",
    "jadwal_buat",
    "jadwal_ubah",
    "kalender_pribadi_ambil",
    "kalender_pribadi_buat_ulang",
    "kehadiran_catat",
    "kehadiran_tetapkan",
    "pemesanan_tamu_buat",
    "pemesanan_tamu_gabungkan",
    "pendaftaran_batalkan",
    "pendaftaran_buat",
    "pendaftaran_tamu_buat",
    "pengingat_kirim",
    "program_buat",
    "program_ubah",
    "relawan_aktifkan",
    "relawan_ajukan",
    "relawan_kedaluwarsa_tutup",
    "relawan_penugasan_tetapkan",
    "relawan_terima",
    "relawan_tinjau",
    "relawan_tolak",
    "umpan_balik_kirim",
]
