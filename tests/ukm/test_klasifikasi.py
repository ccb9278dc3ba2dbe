"""PP 7/2021 Pasal 35: the class is computed at every boundary, never typed."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ukm.klasifikasi import DasarKelas, Kelas, klasifikasi_ukm

M = 1_000_000_000


@pytest.mark.parametrize(
    "modal,expected",
    [
        (0, Kelas.MIKRO),
        (1 * M, Kelas.MIKRO),  # "paling banyak Rp1.000.000.000"
        (1 * M + 1, Kelas.KECIL),  # one rupiah more
        (5 * M, Kelas.KECIL),
        (5 * M + 1, Kelas.MENENGAH),
        (10 * M, Kelas.MENENGAH),
        (10 * M + 1, Kelas.BESAR),
    ],
)
def test_klasifikasi_capital_test_boundaries(modal, expected):
    assert klasifikasi_ukm(modal_usaha=modal, hasil_penjualan_tahunan=None, dasar=DasarKelas.MODAL) == expected


@pytest.mark.parametrize(
    "penjualan,expected",
    [
        (0, Kelas.MIKRO),
        (2 * M, Kelas.MIKRO),
        (2 * M + 1, Kelas.KECIL),
        (15 * M, Kelas.KECIL),
        (15 * M + 1, Kelas.MENENGAH),
        (50 * M, Kelas.MENENGAH),
        (50 * M + 1, Kelas.BESAR),
    ],
)
def test_klasifikasi_sales_test_boundaries(penjualan, expected):
    assert klasifikasi_ukm(modal_usaha=None, hasil_penjualan_tahunan=penjualan, dasar=DasarKelas.PENJUALAN) == expected


def test_klasifikasi_uses_only_the_applicable_test():
    # Capital says Menengah, sales say Mikro: an existing business is classed by its sales.
    assert klasifikasi_ukm(modal_usaha=8 * M, hasil_penjualan_tahunan=1 * M, dasar=DasarKelas.PENJUALAN) == Kelas.MIKRO
    assert klasifikasi_ukm(modal_usaha=8 * M, hasil_penjualan_tahunan=1 * M, dasar=DasarKelas.MODAL) == Kelas.MENENGAH


def test_klasifikasi_without_the_needed_figure_is_unknown_not_guessed():
    assert klasifikasi_ukm(modal_usaha=500_000_000, hasil_penjualan_tahunan=None, dasar=DasarKelas.PENJUALAN) == ""
    assert klasifikasi_ukm(modal_usaha=None, hasil_penjualan_tahunan=500_000_000, dasar=DasarKelas.MODAL) == ""


def test_klasifikasi_refuses_negative_and_unknown_basis():
    with pytest.raises(ValueError):
        klasifikasi_ukm(modal_usaha=-1, hasil_penjualan_tahunan=None, dasar=DasarKelas.MODAL)
    with pytest.raises(ValueError):
        klasifikasi_ukm(modal_usaha=1, hasil_penjualan_tahunan=1, dasar="aset")


@given(a=st.integers(min_value=0, max_value=100 * M), b=st.integers(min_value=0, max_value=100 * M))
def test_klasifikasi_is_monotonic_in_sales(a, b):
    order = [Kelas.MIKRO, Kelas.KECIL, Kelas.MENENGAH, Kelas.BESAR]
    low, high = sorted((a, b))
    k_low = klasifikasi_ukm(modal_usaha=None, hasil_penjualan_tahunan=low, dasar=DasarKelas.PENJUALAN)
    k_high = klasifikasi_ukm(modal_usaha=None, hasil_penjualan_tahunan=high, dasar=DasarKelas.PENJUALAN)
    assert order.index(k_low) <= order.index(k_high)
