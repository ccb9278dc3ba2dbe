"""Writes of the foundation. Every function is keyword-only, validates, then saves atomically.

``akun``: accounts, invitations and roles. ``pos``: a post's own records. ``surel``: the outbox,
the one way any app sends e-mail (``surel_antre``). Import from here:
``from posyantek import services; services.undangan_kirim(...)``.
"""

from .akun import (
    operator_assign,
    operator_remove,
    pengguna_aktifkan,
    pengguna_create,
    pengguna_nonaktifkan,
    undangan_kirim,
    undangan_kirim_ulang,
    undangan_link,
    undangan_terima,
)
from .berkas import berkas_tugas_ambil, berkas_tugas_bersihkan, berkas_tugas_buat, berkas_tugas_tulis
from .pos import (
    dokumen_create,
    dokumen_delete,
    dokumen_update,
    inventaris_create,
    inventaris_delete,
    inventaris_update,
    kabar_create,
    kabar_delete,
    kabar_foto_delete,
    kabar_update,
    kepengurusan_create,
    kepengurusan_delete,
    kepengurusan_update,
    layanan_create,
    layanan_delete,
    layanan_update,
    mitra_create,
    mitra_delete,
    mitra_update,
    pengurus_create,
    pengurus_delete,
    pengurus_update,
    percontohan_tetapkan,
    pos_percontohan_set,
    pos_profile_update,
    unit_create,
    unit_delete,
    unit_update,
)
from .surel import (
    surel_antre,
    surel_antre_pesan,
    surel_bersihkan,
    surel_kirim,
    surel_kirim_berurutan,
    surel_kirim_ulang,
    tanpa_surel,
)
from .unik import simpan_unik

__all__ = [
    "berkas_tugas_ambil",
    "berkas_tugas_bersihkan",
    "berkas_tugas_buat",
    "berkas_tugas_tulis",
    "dokumen_create", "dokumen_delete", "dokumen_update",
    "inventaris_create", "inventaris_delete", "inventaris_update",
    "kabar_create", "kabar_delete", "kabar_foto_delete", "kabar_update",
    "kepengurusan_create", "kepengurusan_delete", "kepengurusan_update",
    "layanan_create", "layanan_delete", "layanan_update",
    "mitra_create", "mitra_delete", "mitra_update",
    "operator_assign", "operator_remove",
    "pengguna_aktifkan", "pengguna_create", "pengguna_nonaktifkan",
    "pengurus_create", "pengurus_delete", "pengurus_update",
    "percontohan_tetapkan", "pos_percontohan_set", "pos_profile_update",
    "surel_antre", "surel_antre_pesan", "surel_bersihkan", "surel_kirim", "surel_kirim_berurutan", "surel_kirim_ulang", "tanpa_surel",
    "undangan_kirim", "undangan_kirim_ulang", "undangan_link", "undangan_terima",
    "simpan_unik",
    "unit_create", "unit_delete", "unit_update",
]
