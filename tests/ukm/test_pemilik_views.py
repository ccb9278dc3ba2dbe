"""The owner's area: register, claim, edit, products and photos — and never another owner's data."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.hostile_files import CLEANED, GPS_JPEG, HOSTILE_IMAGES, upload
from ukm.models import FotoProduk, KlaimUkm, Produk, Ukm

from .conftest import PRIVATE_B
from .factories import FotoProdukFactory, PendampinganFactory, ProdukFactory, UkmFactory, jpeg_bytes, kelurahan

pytestmark = pytest.mark.django_db


def daftar_data(**extra):
    base = {
        "nama": "Es Kopi Susu Gang Kelinci",
        "deskripsi": "Kopi susu gula aren.",
        "pemilik_nama": "Dewi Lestari",
        "pemilik_nik": "",
        "pemilik_telepon": "081299990000",
        "pemilik_email": "",
        "kelurahan": str(kelurahan("Kali Anyar").pk),
        "alamat": "Gg. Kelinci 4",
        "latitude": "-6.146",
        "longitude": "106.804",
        "bidang": "kuliner",
        "kbli": "",
        "nib": "",
        "bentuk_usaha": "perorangan",
        "tahun_berdiri": "",
        "jumlah_pekerja": "1",
        "dasar_kelas": "modal",
        "modal_usaha": "15000000",
        "hasil_penjualan_tahunan": "",
        "situs": "",
        "instagram": "",
        "facebook": "",
        "tiktok": "",
        "tokopedia": "",
        "shopee": "",
        "marketplace_lain": "",
        "tampil_publik": "on",
    }
    base.update(extra)
    return base


def test_owner_registers_business_in_any_kecamatan(client_as, pemilik_ukm, operator_b, pos_b):
    response = client_as(pemilik_ukm).post("/ukm/saya/daftar/", daftar_data())
    ukm = Ukm.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/ukm/saya/{ukm.pk}/"
    assert (ukm.pemilik, ukm.pos, ukm.kelas, ukm.verified_at, ukm.tampil_publik) == (
        pemilik_ukm,
        pos_b,
        "mikro",
        None,
        True,
    )
    # It appears, unverified, in the list of the post of its kelurahan.
    body = client_as(operator_b).get("/kelola/tambora/ukm/", {"verifikasi": "belum"}).content.decode()
    assert "Es Kopi Susu Gang Kelinci" in body


def test_owner_form_has_no_stage_status_or_verification(client_as, pemilik_ukm):
    body = client_as(pemilik_ukm).get("/ukm/saya/daftar/").content.decode()
    assert 'name="tahap_jakpreneur"' not in body and 'name="status"' not in body and "verified" not in body
    response = client_as(pemilik_ukm).post("/ukm/saya/daftar/", daftar_data(tahap_jakpreneur="P7", status="nonaktif"))
    assert response.status_code == 302
    assert Ukm.objects.values_list("tahap_jakpreneur", "status").get() == ("", "aktif")


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("pemilik_nik", "1234", "NIK harus tepat 16 digit angka."),
        ("kelurahan", "999999", "Pilih salah satu dari daftar"),
        ("kelurahan", "", "Pilih kelurahan."),
        ("modal_usaha", "-1000", "Nilai harus antara Rp0 dan Rp1.000.000.000.000.000."),
        ("modal_usaha", "10000000000000000", "Nilai harus antara Rp0 dan Rp1.000.000.000.000.000."),
        ("tiktok", "https://tiktok.evil.example/@kopi", "Tautan ini harus menuju tiktok.com."),
        ("pemilik_nama", "", "di sini."),
    ],
)
def test_owner_register_hostile_input_refused(client_as, pemilik_ukm, field, value, message):
    response = client_as(pemilik_ukm).post("/ukm/saya/daftar/", daftar_data(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Ukm.objects.count() == 0


def test_owner_sees_and_edits_only_their_own(client_as, pemilik_ukm, ukm_a, ukm_b):
    client = client_as(pemilik_ukm)
    mine = client.get("/ukm/saya/").content.decode()
    assert "Keripik Singkong Bu Siti" in mine and "Batik Tambora Rahasia" not in mine
    for url in (f"/ukm/saya/{ukm_b.pk}/", f"/ukm/saya/{ukm_b.pk}/ubah/", f"/ukm/saya/{ukm_b.pk}/produk/tambah/"):
        response = client.get(url)
        assert response.status_code == 404
        for secret in PRIVATE_B:
            assert secret not in response.content.decode()
    response = client.post(f"/ukm/saya/{ukm_b.pk}/ubah/", daftar_data(nama="Direbut"))
    assert response.status_code == 404
    ukm_b.refresh_from_db()
    assert ukm_b.nama == "Batik Tambora Rahasia"


def test_owner_cannot_touch_another_owners_products(client_as, pemilik_ukm, ukm_a, ukm_b):
    produk_b = ProdukFactory(ukm=ukm_b)
    foto_b = FotoProdukFactory(produk=produk_b)
    client = client_as(pemilik_ukm)
    assert client.get(f"/ukm/saya/{ukm_a.pk}/produk/{produk_b.pk}/ubah/").status_code == 404
    assert client.post(f"/ukm/saya/{ukm_a.pk}/produk/{produk_b.pk}/hapus/").status_code == 404
    assert client.post(f"/ukm/saya/{ukm_b.pk}/produk/{produk_b.pk}/hapus/").status_code == 404
    assert client.post(f"/ukm/saya/{ukm_a.pk}/produk/{produk_b.pk}/foto/{foto_b.pk}/hapus/").status_code == 404
    assert Produk.objects.filter(pk=produk_b.pk).exists() and FotoProduk.objects.filter(pk=foto_b.pk).exists()


def test_owner_detail_masks_nik_and_shows_assistance(client_as, pemilik_ukm, ukm_a):
    PendampinganFactory(ukm=ukm_a, jenis="perizinan", catatan="Pengurusan NIB lewat OSS")
    body = client_as(pemilik_ukm).get(f"/ukm/saya/{ukm_a.pk}/").content.decode()
    assert "317101******0001" in body and "3171015508900001" not in body
    assert "Perizinan" in body and "Pengurusan NIB lewat OSS" in body
    assert 'value="3171015508900001"' in client_as(pemilik_ukm).get(f"/ukm/saya/{ukm_a.pk}/ubah/").content.decode()


def test_owner_edit_of_identity_asks_for_reverification(client_as, pemilik_ukm, ukm_a):
    data = daftar_data(nama="Keripik Singkong Bu Siti Baru", kelurahan=str(ukm_a.kelurahan_id), nib=ukm_a.nib)
    response = client_as(pemilik_ukm).post(f"/ukm/saya/{ukm_a.pk}/ubah/", data, follow=True)
    assert "pos akan memverifikasi ulang" in response.content.decode()
    ukm_a.refresh_from_db()
    assert ukm_a.verified_at is None
    assert ukm_a.history.first().history_user == pemilik_ukm


def test_owner_claims_business_by_nib(client_as, pemilik_b, operator_a, wilayah):
    ukm = UkmFactory(nama="Warung Sate Pak Kumis", nib="9120002223334", pemilik_nama="Kumis")
    response = client_as(pemilik_b).post(
        "/ukm/saya/klaim/", {"nib": "912 000 222 3334", "pesan": "Saya anaknya"}, follow=True
    )
    body = response.content.decode()
    assert "Klaim dikirim ke Posyantek Kecamatan Gambir" in body
    assert "Kumis" not in body.split("Klaim saya")[0].replace("Warung Sate Pak Kumis", "")
    klaim = KlaimUkm.objects.get()
    assert (klaim.ukm, klaim.user, klaim.status) == (ukm, pemilik_b, "menunggu")
    # Not the owner's until the post decides.
    assert client_as(pemilik_b).get(f"/ukm/saya/{ukm.pk}/").status_code == 404
    client_as(operator_a).post(f"/kelola/gambir/ukm/klaim/{klaim.pk}/putuskan/", {"keputusan": "setujui"})
    assert client_as(pemilik_b).get(f"/ukm/saya/{ukm.pk}/").status_code == 200


@pytest.mark.parametrize(
    "nib,message",
    [
        ("12345", "NIB harus tepat 13 digit angka."),
        ("abcdefghijklm", "NIB harus tepat 13 digit angka."),
        ("9999999999999", "belum ada di registri"),
    ],
)
def test_owner_claim_refused_with_clear_message(client_as, pemilik_b, wilayah, nib, message):
    response = client_as(pemilik_b).post("/ukm/saya/klaim/", {"nib": nib})
    assert response.status_code == 200 and message in response.content.decode()
    assert KlaimUkm.objects.count() == 0


def test_owner_claim_of_owned_business_reveals_nothing(client_as, pemilik_ukm, ukm_b):
    body = client_as(pemilik_ukm).post("/ukm/saya/klaim/", {"nib": ukm_b.nib}).content.decode()
    assert "sudah tertaut ke akun pemilik lain" in body
    for secret in PRIVATE_B:
        assert secret not in body


# Products and photos ----------------------------------------------------------------------------


def test_owner_adds_product_with_photo_cleaned_of_gps(client_as, pemilik_ukm, ukm_a, settings):
    response = client_as(pemilik_ukm).post(
        f"/ukm/saya/{ukm_a.pk}/produk/tambah/",
        {
            "nama": "Keripik Balado 200 g",
            "deskripsi": "Pedas",
            "harga": "18000",
            "foto": upload("IMG_2024.jpg", GPS_JPEG, "image/jpeg"),
            "keterangan_foto": "Kemasan keripik balado",
        },
    )
    assert response.status_code == 302
    foto = FotoProduk.objects.get()
    assert foto.produk.nama == "Keripik Balado 200 g" and foto.keterangan == "Kemasan keripik balado"
    stored = (settings.MEDIA_ROOT / foto.gambar.name).read_bytes()
    assert not Image.open(io.BytesIO(stored)).getexif()
    assert foto.gambar.name.startswith(f"ukm/produk/{ukm_a.pk}/img_2024-")


def test_product_photo_is_resized(client_as, pemilik_ukm, ukm_a, settings):
    buf = io.BytesIO()
    # A gradient, not one plain colour: a plain 3200 x 2400 PNG is refused as a pixel flood.
    Image.merge(
        "RGB",
        [
            Image.linear_gradient("L").resize((3200, 2400)),
            Image.new("L", (3200, 2400), 100),
            Image.radial_gradient("L").resize((3200, 2400)),
        ],
    ).save(buf, "PNG")
    client_as(pemilik_ukm).post(
        f"/ukm/saya/{ukm_a.pk}/produk/tambah/",
        {"nama": "Besar", "foto": SimpleUploadedFile("besar.png", buf.getvalue(), "image/png")},
    )
    foto = FotoProduk.objects.get()
    assert (foto.lebar, foto.tinggi) == (1600, 1200)


@pytest.mark.parametrize("name,content,ctype", HOSTILE_IMAGES, ids=[h[0] for h in HOSTILE_IMAGES])
def test_product_photo_hostile_files_refused_or_cleaned(client_as, pemilik_ukm, ukm_a, settings, name, content, ctype):
    response = client_as(pemilik_ukm).post(
        f"/ukm/saya/{ukm_a.pk}/produk/tambah/",
        {"nama": "Produk uji", "harga": "1000", "foto": upload(name, content, ctype)},
    )
    media = settings.MEDIA_ROOT
    if name in CLEANED:
        assert response.status_code == 302
        foto = FotoProduk.objects.get()
        stored = (media / foto.gambar.name).read_bytes()
        prefix = f"ukm/produk/{ukm_a.pk}/"
        assert (
            foto.gambar.name.startswith(prefix)
            and "/" not in foto.gambar.name[len(prefix) :]
            and ".." not in foto.gambar.name
        )
        assert b"<script>" not in stored and b"<html>" not in stored
        with Image.open(io.BytesIO(stored)) as image:
            assert image.format in {"JPEG", "PNG", "WEBP"} and not image.getexif()
    else:
        assert response.status_code == 200
        errors = re.findall(r'<ul class="field-error"[^>]*><li>(.*?)</li>', response.content.decode())
        assert errors and errors[0]  # a clear message in Indonesian on the photo field
        assert Produk.objects.count() == 0 and FotoProduk.objects.count() == 0  # nothing half-saved
        assert not (media / "ukm").exists()


def test_operator_manages_products_and_photos_too(client_as, operator_a, ukm_a, settings):
    client = client_as(operator_a)
    client.post(
        f"/kelola/gambir/ukm/{ukm_a.pk}/produk/tambah/",
        {"nama": "Keripik Original", "harga": "15000", "foto": SimpleUploadedFile("a.jpg", jpeg_bytes(), "image/jpeg")},
    )
    produk = Produk.objects.get()
    client.post(
        f"/kelola/gambir/ukm/{ukm_a.pk}/produk/{produk.pk}/ubah/",
        {
            "nama": "Keripik Original 250 g",
            "harga": "17000",
            "foto": SimpleUploadedFile("b.jpg", jpeg_bytes(), "image/jpeg"),
        },
    )
    produk.refresh_from_db()
    assert (produk.nama, produk.harga, produk.foto_set.count()) == ("Keripik Original 250 g", 17000, 2)
    edit = client.get(f"/kelola/gambir/ukm/{ukm_a.pk}/produk/{produk.pk}/ubah/").content.decode()
    assert edit.count("Hapus foto</button>") == 2
    foto = produk.foto_set.first()
    client.post(f"/kelola/gambir/ukm/{ukm_a.pk}/produk/{produk.pk}/foto/{foto.pk}/hapus/")
    assert produk.foto_set.count() == 1
    client.post(f"/kelola/gambir/ukm/{ukm_a.pk}/produk/{produk.pk}/hapus/")
    assert not Produk.objects.exists() and not FotoProduk.objects.exists()


@pytest.mark.parametrize(
    "data,message",
    [
        ({"nama": ""}, "tidak boleh kosong"),
        ({"nama": "x" * 121}, "paling banyak 120"),
        ({"nama": "A", "harga": "-1"}, "Nilai harus antara Rp0 dan Rp1.000.000.000.000."),
        ({"nama": "A", "harga": "murah"}, "Masukkan angka, misalnya 1.500.000."),
        ({"nama": "A", "deskripsi": "x" * 1001}, "paling banyak 1000"),
    ],
)
def test_product_hostile_input_refused(client_as, pemilik_ukm, ukm_a, data, message):
    response = client_as(pemilik_ukm).post(f"/ukm/saya/{ukm_a.pk}/produk/tambah/", data)
    assert response.status_code == 200 and message in response.content.decode()
    assert Produk.objects.count() == 0


def test_product_photo_cap_has_clear_message(client_as, pemilik_ukm, ukm_a):
    produk = ProdukFactory(ukm=ukm_a)
    FotoProdukFactory.create_batch(FotoProduk.MAKS_PER_PRODUK, produk=produk)
    response = client_as(pemilik_ukm).post(
        f"/ukm/saya/{ukm_a.pk}/produk/{produk.pk}/ubah/",
        {"nama": produk.nama, "foto": SimpleUploadedFile("x.jpg", jpeg_bytes(), "image/jpeg")},
    )
    assert response.status_code == 200
    assert "paling banyak memiliki 4 foto" in response.content.decode()
    assert produk.foto_set.count() == FotoProduk.MAKS_PER_PRODUK


def test_akun_saya_shows_usaha_saya(client_as, pemilik_ukm, ukm_a):
    body = client_as(pemilik_ukm).get("/akun/saya/").content.decode()
    assert "Usaha saya" in body and f"/ukm/saya/{ukm_a.pk}/" in body and "/ukm/saya/klaim/" in body


def test_owner_list_same_queries_for_1_and_3(client_as, pemilik_ukm, ukm_a, django_assert_num_queries):
    client = client_as(pemilik_ukm)
    client.get("/ukm/saya/")
    with django_assert_num_queries(5):
        client.get("/ukm/saya/")
    UkmFactory.create_batch(2, pemilik=pemilik_ukm)
    with django_assert_num_queries(5):
        assert client.get("/ukm/saya/").content.decode().count("/ukm/saya/") >= 3
