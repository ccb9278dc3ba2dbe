"""Writes of the training and Relawan TIK app.

Every function is keyword-only, typed and atomic; it validates (``full_clean``) before saving and
refuses with ``ValidationError`` (an Indonesian message) without writing anything. Mail is written
to the outbox in the same transaction and goes out only after it commits.
"""

from .jadwal import jadwal_cancel, jadwal_create, jadwal_update, program_create, program_update
from .pendaftaran import (
    kalender_pribadi_get,
    kalender_pribadi_regenerate,
    kehadiran_set,
    pendaftaran_cancel,
    pendaftaran_create,
    pendaftaran_walkin_create,
    pengingat_kirim,
    umpan_balik_submit,
)
from .relawan import (
    HasilLamaran,
    aktivitas_create,
    aktivitas_delete,
    aktivitas_konfirmasi,
    aktivitas_tolak,
    aktivitas_update,
    relawan_aktivasi,
    relawan_apply,
    relawan_kedaluwarsa_tutup,
    relawan_penugasan_set,
    relawan_terima,
    relawan_tinjau,
    relawan_tolak,
)

__all__ = [
    "HasilLamaran",
    "aktivitas_create",
    "aktivitas_delete",
    "aktivitas_konfirmasi",
    "aktivitas_tolak",
    "aktivitas_update",
    "jadwal_cancel",
    "jadwal_create",
    "jadwal_update",
    "kalender_pribadi_get",
    "kalender_pribadi_regenerate",
    "kehadiran_set",
    "pendaftaran_cancel",
    "pendaftaran_create",
    "pendaftaran_walkin_create",
    "pengingat_kirim",
    "program_create",
    "program_update",
    "relawan_aktivasi",
    "relawan_apply",
    "relawan_kedaluwarsa_tutup",
    "relawan_penugasan_set",
    "relawan_terima",
    "relawan_tinjau",
    "relawan_tolak",
    "umpan_balik_submit",
]
