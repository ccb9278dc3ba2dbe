"""The hostile-file corpus: every upload field in the portal is run against all of these.

Each entry is (name, content bytes, content_type). ``HOSTILE_IMAGES`` must be refused or cleaned by
an image field; ``HOSTILE_DOCUMENTS`` by a PDF/document field. Generated in memory, deterministic.
"""

import io
import struct
import zipfile
import zlib

from PIL import Image


def _png(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (200, 80, 20)).save(buf, "PNG")
    return buf.getvalue()


def _jpeg(width: int = 64, height: int = 48, exif: bytes | None = None) -> bytes:
    buf = io.BytesIO()
    image = Image.new("RGB", (width, height), (20, 120, 90))
    if exif is not None:
        image.save(buf, "JPEG", exif=exif)
    else:
        image.save(buf, "JPEG")
    return buf.getvalue()


def _gps_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "KameraUji"  # Make
    gps = {1: "S", 2: (6.0, 10.0, 30.0), 3: "E", 4: (106.0, 49.0, 0.0)}
    exif[0x8825] = gps  # GPSInfo
    return exif.tobytes()


def _pixel_flood_png() -> bytes:
    """A tiny PNG whose header claims 100,000 x 100,000 pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _plain_6000_png() -> bytes:
    """The penetration test's file: a plain-colour 6000 x 6000 PNG of ~117 KB that took seconds to
    decode (built row by row with zlib, faster than encoding it with Pillow)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes((200, 80, 20)) * 6000
    packer = zlib.compressobj(9)
    idat = b"".join([packer.compress(row) for _ in range(6000)] + [packer.flush()])
    ihdr = struct.pack(">IIBBBBB", 6000, 6000, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _bomb_png() -> bytes:
    """A real, highly compressible image beyond the pixel cap (decompression bomb)."""
    buf = io.BytesIO()
    Image.new("1", (9000, 9000), 0).save(buf, "PNG")
    return buf.getvalue()


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("isi.txt", "bukan gambar")
    return buf.getvalue()


VALID_JPEG = _jpeg()
VALID_PNG = _png(32, 32)
GPS_JPEG = _jpeg(exif=_gps_exif())
PLAIN_6000_PNG = _plain_6000_png()
VALID_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

HOSTILE_IMAGES = [
    ("pixel-flood.png", _pixel_flood_png(), "image/png"),
    ("bomb.png", _bomb_png(), "image/png"),
    ("polos-6000.png", PLAIN_6000_PNG, "image/png"),
    ("truncated.jpg", VALID_JPEG[: len(VALID_JPEG) // 2], "image/jpeg"),
    ("polyglot.png", VALID_PNG + b"<html><script>alert(1)</script></html>", "image/png"),
    ("script.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "image/svg+xml"),
    ("shell.php.jpg", b"<?php system($_GET['c']); ?>", "image/jpeg"),
    ("arsip.zip", _zip(), "application/zip"),
    ("kosong.jpg", b"", "image/jpeg"),
    ("besar.jpg", b"\xff\xd8\xff" + b"0" * (9 * 1024 * 1024), "image/jpeg"),
    ("../../etc/passwd.jpg", VALID_JPEG, "image/jpeg"),  # cleaned: stored under a safe name
    ("gps.jpg", GPS_JPEG, "image/jpeg"),  # cleaned: EXIF/GPS stripped
    ("animasi.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/gif"),
]
# Entries that are valid content and must be *cleaned* (accepted, but stored safely).
CLEANED = {"../../etc/passwd.jpg", "gps.jpg", "polyglot.png"}

HOSTILE_DOCUMENTS = [
    ("palsu.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
    ("kosong.pdf", b"", "application/pdf"),
    ("terpotong.pdf", b"%PDF-1.4\n1 0 obj<</Type/Catalog>>", "application/pdf"),
    ("besar.pdf", b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024) + b"\n%%EOF\n", "application/pdf"),
    ("arsip.zip", _zip(), "application/zip"),
    ("script.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "image/svg+xml"),
    ("shell.php.pdf", b"<?php system($_GET['c']); ?>", "application/pdf"),
    ("../../rahasia.pdf", VALID_PDF, "application/pdf"),  # cleaned: stored under a safe name
    ("pixel-flood.png", _pixel_flood_png(), "image/png"),
    ("pindaian-6000.png", PLAIN_6000_PNG, "image/png"),
    ("truncated.jpg", VALID_JPEG[: len(VALID_JPEG) // 2], "image/jpeg"),
]
CLEANED_DOCUMENTS = {"../../rahasia.pdf"}


def upload(name: str, content: bytes, content_type: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)
