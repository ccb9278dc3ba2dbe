"""Models of training (programmes, sessions, registrations, certificates) and Relawan TIK."""

from .jadwal import (
    Jadwal,
    JadwalQuerySet,
    KalenderPribadi,
    Pendaftaran,
    PendaftaranQuerySet,
    Sertifikat,
    UmpanBalik,
)
from .program import Program, ProgramQuerySet, ProgramTopik, Topik
from .relawan import (
    AktivitasRelawan,
    AktivitasRelawanQuerySet,
    Bidang,
    KeahlianRelawan,
    PenugasanRelawan,
    Relawan,
    RelawanQuerySet,
    Tingkat,
)

__all__ = [
    "AktivitasRelawan",
    "AktivitasRelawanQuerySet",
    "Bidang",
    "Jadwal",
    "JadwalQuerySet",
    "KalenderPribadi",
    "KeahlianRelawan",
    "Pendaftaran",
    "PendaftaranQuerySet",
    "PenugasanRelawan",
    "Program",
    "ProgramQuerySet",
    "ProgramTopik",
    "Relawan",
    "RelawanQuerySet",
    "Sertifikat",
    "Tingkat",
    "Topik",
    "UmpanBalik",
]
