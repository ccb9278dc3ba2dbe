"""A registry import's preview and commit run the same number of queries at N and at 10·N rows (#11)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ukm import services
from ukm.models import Ukm

from .factories import UkmFactory, kelurahan
from .test_impor import JUDUL, csv_file

pytestmark = pytest.mark.django_db

N = 3
KELURAHAN = ("Cideng", "Petojo Utara", "Duri Pulo")


def berkas(awal: int, jumlah: int, oleh):
    """``jumlah`` rows from number ``awal``: every other one updates a registered business by its NIB."""
    lines = [JUDUL]
    for i in range(awal, awal + jumlah):
        nib = f"91200040{i:05d}"
        if i % 2:
            # Registered by someone, verified: their foreign keys must not cost a query a row either.
            UkmFactory(
                nama=f"Usaha Impor {i}",
                nib=nib,
                kelurahan=kelurahan(KELURAHAN[i % 3]),
                created_by=oleh,
                verified_by=oleh,
                verified_at=timezone.now(),
            )
        lines.append(
            f"{i};Usaha Impor {i};Pemilik {i};31710165027{i:05d};0812{i:08d};{KELURAHAN[i % 3]};Jl. Uji {i};"
            f"Makanan ringan;{nib};Rp {150 + i}.000.000;P2"
        )
    return csv_file(lines)


def test_impor_pratinjau_dan_simpan_kueri_tetap(operator_a, pos_a):
    hitung = {}
    awal = 1
    for jumlah in (N, 10 * N):
        upload = berkas(awal, jumlah, operator_a)
        awal += jumlah
        with CaptureQueriesContext(connection) as pratinjau:
            batch = services.impor_pratinjau(upload=upload, oleh=operator_a, pos=pos_a)
        assert batch.jumlah_galat == 0 and batch.jumlah_baru + batch.jumlah_perbarui == jumlah
        with CaptureQueriesContext(connection) as simpan:
            services.impor_terapkan(batch=batch, oleh=operator_a)
        hitung[jumlah] = (len(pratinjau.captured_queries), len(simpan.captured_queries))
    assert hitung[N] == hitung[10 * N], hitung
    # Every row written, each with its history entry naming the import.
    assert Ukm.objects.filter(nama__startswith="Usaha Impor").count() == 11 * N
    assert Ukm.history.filter(history_change_reason__startswith="impor #").count() == 11 * N
