import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from posyantek.export import csv_response, neutralise
from posyantek.uploads import clean_document, clean_image, clean_pdf
from tests.hostile_files import (
    CLEANED,
    CLEANED_DOCUMENTS,
    GPS_JPEG,
    HOSTILE_DOCUMENTS,
    HOSTILE_IMAGES,
    VALID_PDF,
    upload,
)


@pytest.mark.parametrize("name,content,ctype", HOSTILE_IMAGES, ids=[h[0] for h in HOSTILE_IMAGES])
def test_clean_image_refuses_or_cleans_every_hostile_file(name, content, ctype):
    if name in CLEANED:
        cleaned = clean_image(upload(name, content, ctype))
        assert "/" not in cleaned.name and ".." not in cleaned.name
        with Image.open(io.BytesIO(cleaned.read())) as image:
            assert image.format in {"JPEG", "PNG", "WEBP"}
            assert not image.getexif()
        assert b"<script>" not in cleaned.file.getvalue()
    else:
        with pytest.raises(ValidationError) as info:
            clean_image(upload(name, content, ctype))
        assert info.value.messages[0]  # a message for the person, in Indonesian


def test_clean_image_strips_gps_exif():
    assert Image.open(io.BytesIO(GPS_JPEG)).getexif().get(0x8825)
    cleaned = clean_image(upload("gps.jpg", GPS_JPEG, "image/jpeg"))
    assert not Image.open(io.BytesIO(cleaned.file.getvalue())).getexif()


def test_clean_image_shrinks_large_photos():
    buf = io.BytesIO()
    Image.new("RGB", (4000, 3000), (1, 2, 3)).save(buf, "JPEG")
    cleaned = clean_image(upload("besar.jpg", buf.getvalue(), "image/jpeg"))
    assert max(Image.open(io.BytesIO(cleaned.file.getvalue())).size) == 1600


@pytest.mark.parametrize("name,content,ctype", HOSTILE_DOCUMENTS, ids=[h[0] for h in HOSTILE_DOCUMENTS])
def test_clean_document_refuses_or_cleans_every_hostile_file(name, content, ctype):
    if name in CLEANED_DOCUMENTS:
        cleaned = clean_document(upload(name, content, ctype))
        assert cleaned.name.endswith(".pdf") and "/" not in cleaned.name
    else:
        with pytest.raises(ValidationError):
            clean_document(upload(name, content, ctype))


def test_clean_pdf_accepts_real_pdf():
    assert clean_pdf(upload("panduan.pdf", VALID_PDF, "application/pdf")).name.startswith("panduan-")


@pytest.mark.parametrize("value", ['=HYPERLINK("x")', "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"])
def test_export_neutralises_formula_cells(value):
    assert neutralise(value) == "'" + value
    body = csv_response("x.csv", ["a"], [[value]]).getvalue().decode("utf-8-sig")
    assert body.splitlines()[1].lstrip('"').startswith("'")


def test_export_keeps_plain_values():
    assert neutralise("Warung Bu Siti") == "Warung Bu Siti"
    assert neutralise(12) == 12
