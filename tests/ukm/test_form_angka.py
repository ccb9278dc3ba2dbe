"""Rupiah typed the Indonesian way through the real UKM forms (issue 16: "1.000.000.000" once saved Rp1)."""

import pytest

from ukm.models import Ukm

from .test_kelola_views import LIST, form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed,stored,kelas",
    [
        ("1.000.000.000", 1_000_000_000, "mikro"),
        ("Rp 1.000.000.000", 1_000_000_000, "mikro"),
        ("1000000000", 1_000_000_000, "mikro"),
        ("Rp1.500.000.000,-", 1_500_000_000, "kecil"),
        ("6.000.000.000", 6_000_000_000, "menengah"),
        ("2,5 miliar", 2_500_000_000, "kecil"),
    ],
)
def test_create_modal_usaha_typed_the_indonesian_way_is_stored_as_meant(client_as, operator_a, typed, stored, kelas):
    response = client_as(operator_a).post(f"{LIST}tambah/", form_data(dasar_kelas="modal", modal_usaha=typed))
    ukm = Ukm.objects.get()
    assert response.status_code == 302
    assert (ukm.modal_usaha, ukm.kelas) == (stored, kelas)


def test_create_sales_and_workers_typed_with_points(client_as, operator_a):
    client_as(operator_a).post(
        f"{LIST}tambah/", form_data(hasil_penjualan_tahunan="15.000.000.001", jumlah_pekerja="1.200")
    )
    ukm = Ukm.objects.get()
    assert (ukm.hasil_penjualan_tahunan, ukm.jumlah_pekerja, ukm.kelas) == (15_000_000_001, 1200, "menengah")


@pytest.mark.parametrize(
    "field,typed,message",
    [
        (
            "modal_usaha",
            "1,000",
            "“1,000” tidak jelas: koma menandai desimal, sedangkan di sini hanya bilangan bulat. "
            "Bila maksudnya 1.000, tulis 1.000 atau 1000.",
        ),
        ("modal_usaha", "1.00.000", "setelah setiap titik pemisah ribuan harus ada tepat tiga angka"),
        ("modal_usaha", "1,000,000.00", "pakai titik untuk ribuan dan koma untuk desimal, misalnya 1.000.000."),
        ("hasil_penjualan_tahunan", "1.500.000,50", "isi rupiah tanpa sen"),
        ("jumlah_pekerja", "1.5", "“1.5” bukan bilangan bulat."),
        ("tahun_berdiri", "2.015", "“2.015” bukan bilangan bulat"),
        ("modal_usaha", "-1.000", "Nilai harus antara Rp0 dan Rp1.000.000.000.000.000."),
        ("latitude", "-6.175.392", "tulis tanpa pemisah ribuan"),
    ],
)
def test_create_doubtful_number_is_refused_with_what_was_understood(client_as, operator_a, field, typed, message):
    response = client_as(operator_a).post(f"{LIST}tambah/", form_data(**{field: typed}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Ukm.objects.count() == 0


def test_edit_form_shows_rupiah_back_formatted_with_an_rp_prefix(client_as, operator_a):
    client = client_as(operator_a)
    client.post(
        f"{LIST}tambah/",
        form_data(dasar_kelas="modal", modal_usaha="1.000.000.000", latitude="-6,175392", longitude="106.827153"),
    )
    ukm = Ukm.objects.get()
    body = client.get(f"{LIST}{ukm.pk}/ubah/").content.decode()
    assert (
        '<span class="input-rupiah"><span class="input-rupiah-label" aria-hidden="true">Rp</span><input type="text" '
        'name="modal_usaha" value="1.000.000.000" inputmode="numeric"'
    ) in body
    assert 'name="hasil_penjualan_tahunan" value="480.000.000" inputmode="numeric"' in body
    assert 'name="latitude" value="-6,175392"' in body and 'name="longitude" value="106,827153"' in body
    assert 'name="tahun_berdiri" value="2015" inputmode="numeric"' in body
    assert 'type="number"' not in body
    # Saved again unchanged, the shown values read back as the same numbers.
    data = form_data(
        dasar_kelas="modal",
        modal_usaha="1.000.000.000",
        hasil_penjualan_tahunan="480.000.000",
        latitude="-6,175392",
        longitude="106,827153",
    )
    client.post(f"{LIST}{ukm.pk}/ubah/", data)
    ukm.refresh_from_db()
    assert (ukm.modal_usaha, ukm.hasil_penjualan_tahunan, str(ukm.latitude), str(ukm.longitude)) == (
        1_000_000_000,
        480_000_000,
        "-6.175392",
        "106.827153",
    )


def test_detail_shows_the_stored_billion_as_rupiah(client_as, operator_a):
    client = client_as(operator_a)
    client.post(f"{LIST}tambah/", form_data(dasar_kelas="modal", modal_usaha="1.000.000.000"))
    body = client.get(f"{LIST}{Ukm.objects.get().pk}/").content.decode()
    assert "Rp1.000.000.000" in body
