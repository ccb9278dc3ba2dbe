"""Fixtures of the registry's tests: a business in each post, each with private data that could leak."""

import pytest

from tests.factories import UserFactory

from .factories import UkmFactory, kelurahan


@pytest.fixture
def pemilik_b(db):
    return UserFactory(email="pemilik.b@posyantek.test", is_pemilik_ukm=True, nama="Budi Pemilik Lain")


@pytest.fixture
def ukm_a(pos_a, pemilik_ukm):
    """A business of Gambir (post A), owned by ``pemilik_ukm``, verified and public."""
    from django.utils import timezone

    return UkmFactory(
        nama="Keripik Singkong Bu Siti",
        pemilik_nama="Siti Aminah",
        pemilik_nik="3171015508900001",
        pemilik_telepon="081234567001",
        pemilik_email="siti@contoh.test",
        alamat="Jl. Cideng Barat No. 12",
        kelurahan=kelurahan("Cideng"),
        nib="9120001234567",
        pemilik=pemilik_ukm,
        tampil_publik=True,
        verified_at=timezone.now(),
        deskripsi="Keripik singkong pedas manis.",
    )


@pytest.fixture
def ukm_b(pos_b, pemilik_b):
    """A business of Tambora (post B), owned by ``pemilik_b``: its private data must never leak."""
    from django.utils import timezone

    return UkmFactory(
        nama="Batik Tambora Rahasia",
        pemilik_nama="Budi Santoso",
        pemilik_nik="3173034404850009",
        pemilik_telepon="089876543210",
        pemilik_email="budi.rahasia@contoh.test",
        alamat="Gang Rahasia B No. 9",
        kelurahan=kelurahan("Kali Anyar"),
        nib="9120009876543",
        pemilik=pemilik_b,
        tampil_publik=True,
        verified_at=timezone.now(),
        bidang="fesyen",
    )


PRIVATE_B = ["3173034404850009", "089876543210", "budi.rahasia@contoh.test", "Gang Rahasia B No. 9", "Budi Santoso"]
