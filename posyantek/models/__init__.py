"""Models of the foundation: accounts, wilayah and the posts."""

from .akun import User, UserManager
from .pos import OperatorPos, Pos, PosQuerySet
from .wilayah import Kecamatan, Kelurahan, Kota, Provinsi, normalisasi_nama

__all__ = [
    "Kecamatan",
    "Kelurahan",
    "Kota",
    "OperatorPos",
    "Pos",
    "PosQuerySet",
    "Provinsi",
    "User",
    "UserManager",
    "normalisasi_nama",
]
