"""Models of the foundation: accounts, wilayah, the posts and everything a post keeps."""

from .akun import User, UserManager
from .arsip import Dokumen, KategoriDokumen
from .berkas import BerkasTugas
from .inventaris import Inventaris, JenisInventaris, KondisiInventaris
from .kabar import FOTO_MAKS_PER_KABAR, Kabar, KabarFoto
from .kemitraan import JenisMitra, Mitra
from .layanan import JenisLayanan, LogLayanan
from .pengurus import JABATAN_INTI, MASA_BAKTI_MAKS_TAHUN, Jabatan, Kepengurusan, Pengurus, tambah_tahun
from .pos import OperatorPos, PenetapanPercontohan, Pos, PosQuerySet, PosScopedQuerySet
from .surel import Surel
from .undangan import Peran, Undangan
from .unit import UnitKelurahan
from .versi import VersiData
from .wilayah import Kecamatan, Kelurahan, Kota, Provinsi, normalisasi_nama

__all__ = [
    "BerkasTugas",
    "FOTO_MAKS_PER_KABAR",
    "JABATAN_INTI",
    "MASA_BAKTI_MAKS_TAHUN",
    "Dokumen",
    "Inventaris",
    "Jabatan",
    "JenisInventaris",
    "JenisLayanan",
    "JenisMitra",
    "Kabar",
    "KabarFoto",
    "KategoriDokumen",
    "Kecamatan",
    "Kelurahan",
    "Kepengurusan",
    "KondisiInventaris",
    "Kota",
    "LogLayanan",
    "Mitra",
    "OperatorPos",
    "PenetapanPercontohan",
    "Pengurus",
    "Peran",
    "Pos",
    "PosQuerySet",
    "PosScopedQuerySet",
    "Provinsi",
    "Surel",
    "Undangan",
    "UnitKelurahan",
    "User",
    "UserManager",
    "VersiData",
    "normalisasi_nama",
    "tambah_tahun",
]
