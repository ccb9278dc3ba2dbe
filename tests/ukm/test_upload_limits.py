"""Uploads of a UKM's product photos: at most a few files per request and an hourly limit per account
(a self-registered owner could otherwise keep workers busy decoding). See posyantek/uploads.py."""

import pytest

from tests.hostile_files import VALID_JPEG, upload
from ukm.models import FotoProduk, Produk


@pytest.mark.django_db
def test_request_carrying_too_many_files_is_refused_before_decoding(client_as, pemilik_ukm, ukm_a, settings):
    extra = [upload(f"lampiran-{i}.jpg", VALID_JPEG, "image/jpeg") for i in range(6)]
    response = client_as(pemilik_ukm).post(
        f"/ukm/saya/{ukm_a.pk}/produk/tambah/",
        {"nama": "Keripik", "harga": "1000", "foto": upload("foto.jpg", VALID_JPEG, "image/jpeg"), "lampiran": extra},
    )
    assert response.status_code == 200
    assert (
        "Terlalu banyak berkas dalam satu kiriman (7): paling banyak 6 berkas sekali simpan. Simpan sebagian "
        "dulu, lalu unggah sisanya."
    ) in response.content.decode()
    assert not Produk.objects.exists() and not FotoProduk.objects.exists()
    assert not (settings.MEDIA_ROOT / "ukm").exists()


@pytest.mark.django_db
def test_uploads_are_limited_per_account_whatever_the_address(client_as, pemilik_ukm, operator_a, ukm_a, settings):
    settings.POSYANTEK_UPLOADS_PER_HOUR = 2
    owner = client_as(pemilik_ukm)
    statuses = [
        owner.post(
            f"/ukm/saya/{ukm_a.pk}/produk/tambah/",
            {"nama": f"Produk {i}", "harga": "1000", "foto": upload("foto.jpg", VALID_JPEG, "image/jpeg")},
            REMOTE_ADDR=f"10.0.0.{i}",
        ).status_code
        for i in range(3)
    ]
    assert statuses == [302, 302, 200]
    last = owner.post(
        f"/ukm/saya/{ukm_a.pk}/produk/tambah/",
        {"nama": "Produk 9", "harga": "1000", "foto": upload("foto.jpg", VALID_JPEG, "image/jpeg")},
        REMOTE_ADDR="10.9.9.9",
    )
    assert "Batas unggahan tercapai: paling banyak 2 berkas per jam untuk setiap akun. Coba lagi dalam" in (
        last.content.decode()
    )
    assert sorted(Produk.objects.values_list("nama", flat=True)) == ["Produk 0", "Produk 1"]
    assert FotoProduk.objects.count() == 2
    # Another account is not affected.
    other = client_as(operator_a).post(
        f"/kelola/gambir/ukm/{ukm_a.pk}/produk/tambah/",
        {"nama": "Produk operator", "harga": "1000", "foto": upload("foto.jpg", VALID_JPEG, "image/jpeg")},
    )
    assert other.status_code == 302 and FotoProduk.objects.count() == 3
