"""Uploads cannot tie up a worker: images too large to decode cheaply are refused from their header,
files are counted before anything is decoded (per news item, per request) and every account has an
hourly upload limit. Every message names its limit. The CPU targets are measured by bench/uploads.py."""

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from posyantek.models import Kabar, KabarFoto
from posyantek.uploads import clean_document, clean_image
from tests.hostile_files import PLAIN_6000_PNG, upload


def encoded(image, fmt: str, **params) -> bytes:
    buf = io.BytesIO()
    image.save(buf, fmt, **params)
    return buf.getvalue()


PIXEL_MESSAGE = (
    "Ukuran gambar terlalu besar (6.000 × 6.000 piksel): gambar PNG paling besar 16 megapiksel, "
    "misalnya 4.000 × 4.000 piksel. Perkecil gambar lalu unggah lagi."
)


def refusal(function, *args) -> list[str]:
    with pytest.raises(ValidationError) as info:
        function(*args)
    return info.value.messages


def test_clean_image_refuses_the_plain_6000_pixel_png_naming_the_limit():
    assert len(PLAIN_6000_PNG) < 120 * 1024
    assert refusal(clean_image, upload("polos.png", PLAIN_6000_PNG, "image/png")) == [PIXEL_MESSAGE]


def test_clean_document_names_the_pixel_limit_too():
    assert refusal(clean_document, upload("pindaian.png", PLAIN_6000_PNG, "image/png")) == [PIXEL_MESSAGE]


def test_clean_image_refuses_pixels_out_of_proportion_to_the_file():
    data = encoded(Image.new("RGB", (3200, 2400), (10, 100, 10)), "PNG")  # 7.7 MP in 27 KB
    assert refusal(clean_image, upload("polos.png", data, "image/png")) == [
        "Gambar 3.200 × 2.400 piksel ini hanya 27 KB: terlalu besar dibanding isinya (paling banyak 200 piksel per "
        "byte untuk gambar di atas 1.600 × 1.600 piksel). Perkecil gambar lalu unggah lagi."
    ]


def test_clean_image_refuses_webp_above_its_cap():
    data = encoded(Image.effect_noise((2600, 1600), 40).convert("RGB"), "WEBP", quality=30)
    assert refusal(clean_image, upload("besar.webp", data, "image/webp")) == [
        "Ukuran gambar terlalu besar (2.600 × 1.600 piksel): gambar WebP paling besar 3 megapiksel, misalnya "
        "2.000 × 1.500 piksel. Perkecil gambar lalu unggah lagi."
    ]


def test_clean_image_refuses_a_large_progressive_jpeg_but_keeps_the_baseline_one():
    noise = Image.effect_noise((3000, 2000), 60).convert("RGB")
    progressive = encoded(noise, "JPEG", quality=95, progressive=True)
    assert 4 * 1024 * 1024 < len(progressive) < 8 * 1024 * 1024
    mb = f"{len(progressive) / 1024 / 1024:.1f}".replace(".", ",")
    assert refusal(clean_image, upload("web.jpg", progressive, "image/jpeg")) == [
        f"Foto JPEG progresif terlalu besar ({mb} MB): paling besar 4 MB. Simpan ulang sebagai JPEG biasa atau "
        "perkecil gambar, lalu unggah lagi."
    ]
    assert clean_image(upload("kamera.jpg", encoded(noise, "JPEG", quality=95), "image/jpeg")).size > 0


def test_clean_image_keeps_a_24_megapixel_camera_photo_at_the_kept_size():
    data = encoded(Image.new("RGB", (6000, 4000), (30, 90, 160)), "JPEG", quality=90)
    cleaned = clean_image(upload("kamera.jpg", data, "image/jpeg"))
    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert (image.format, image.size) == ("JPEG", (1600, 1067))


def test_clean_image_keeps_a_large_png_with_real_content():
    gradient = Image.merge(
        "RGB",
        [
            Image.linear_gradient("L").resize((4000, 3000)),
            Image.radial_gradient("L").resize((4000, 3000)),
            Image.new("L", (4000, 3000), 90),
        ],
    )
    cleaned = clean_image(upload("gradasi.png", encoded(gradient, "PNG"), "image/png"))
    with Image.open(io.BytesIO(cleaned.read())) as image:
        assert (image.format, image.size) == ("PNG", (1600, 1200))


@pytest.mark.django_db
def test_news_photos_are_counted_before_any_is_decoded(client_as, operator_a):
    # Seven broken files: counting first answers with the count alone, without opening any of them.
    foto = [upload(f"{i}.png", PLAIN_6000_PNG[:200], "image/png") for i in range(7)]
    response = client_as(operator_a).post(
        "/kelola/gambir/kabar/tambah/", {"judul": "Kabar", "tanggal": "2026-01-05", "isi": "Isi.", "foto": foto}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Paling banyak 6 foto per kabar (sudah ada 0)." in page
    assert "bukan foto yang valid" not in page
    assert not Kabar.objects.exists() and not KabarFoto.objects.exists()
