"""Checking and cleaning uploaded files, shared by every form that takes one.

Nothing is trusted from the client: not the name, not the extension, not the Content-Type. Images
are opened by content, limited in bytes and pixels (no decompression bomb), re-encoded (which drops
EXIF with its GPS position, and any polyglot payload) and shrunk to a sensible maximum. Documents are
PDFs by signature or images as above. Uploaded documents are always served as downloads
(``Content-Disposition: attachment``), never inline from the portal's origin.
"""

import io
import os
import re
import secrets
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

IMAGE_MAX_BYTES = 8 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000  # ~ 7,300 x 5,500; beyond that is a bomb, not a photo
IMAGE_MAX_SIDE = 1600  # stored photos are shrunk to this
PDF_MAX_BYTES = 10 * 1024 * 1024
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def _size(upload: UploadedFile) -> int:
    return upload.size if upload.size is not None else len(upload.read())


_RANDOM_SUFFIX = re.compile(r"-[0-9a-f]{8}$")


def safe_name(original: str, extension: str) -> str:
    """A harmless file name: the original's base name slugified (no ``../``), a fresh random suffix.

    A name that already ends in such a suffix (a file cleaned here, then named again by a model's
    ``upload_to``) gets a new one instead of a second, so there is always exactly one random part.
    """
    base = os.path.splitext(os.path.basename((original or "").replace("\\", "/")))[0]
    stem = _RANDOM_SUFFIX.sub("", slugify(base)[:49])[:40] or "berkas"
    return get_valid_filename(f"{stem}-{secrets.token_hex(4)}.{extension}")


def clean_image(upload: UploadedFile, *, max_bytes: int = IMAGE_MAX_BYTES, max_side: int = IMAGE_MAX_SIDE) -> ContentFile:
    """Validate an uploaded photo and return a re-encoded copy, ready to save in an ImageField.

    Accepts JPEG, PNG and WebP only, judged by content. Raises ValidationError with a message in
    Indonesian for anything else.
    """
    if upload is None:
        raise ValidationError(_("Tidak ada berkas yang diunggah."))
    size = _size(upload)
    if size == 0:
        raise ValidationError(_("Berkas kosong (0 byte)."))
    if size > max_bytes:
        raise ValidationError(
            _("Foto terlalu besar (maksimal %(mb)s MB).") % {"mb": max_bytes // (1024 * 1024)}
        )
    upload.seek(0)
    data = upload.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in IMAGE_FORMATS:
                    raise ValidationError(_("Format foto harus JPEG, PNG, atau WebP."))
                width, height = probe.size
                if width * height > IMAGE_MAX_PIXELS or width < 1 or height < 1:
                    raise ValidationError(_("Ukuran gambar (piksel) terlalu besar."))
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                fmt = image.format
                image.load()
                image = ImageOps.exif_transpose(image)
                image.thumbnail((max_side, max_side))
                if fmt == "JPEG" or image.mode not in ("RGB", "RGBA", "L", "LA"):
                    image = image.convert("RGB") if fmt == "JPEG" or "A" not in image.mode else image.convert("RGBA")
                out = io.BytesIO()
                params = {"JPEG": {"quality": 85, "optimize": True}, "PNG": {"optimize": True}, "WEBP": {"quality": 85}}
                image.save(out, format=fmt, **params[fmt])  # no exif= argument: metadata is dropped
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("Ukuran gambar (piksel) terlalu besar."))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(_("Berkas bukan foto yang valid atau rusak. Gunakan JPEG, PNG, atau WebP."))
    return ContentFile(out.getvalue(), name=safe_name(upload.name, IMAGE_FORMATS[fmt]))


def clean_pdf(upload: UploadedFile, *, max_bytes: int = PDF_MAX_BYTES) -> ContentFile:
    """Validate an uploaded PDF by its signature and size; returns it under a safe name."""
    if upload is None:
        raise ValidationError(_("Tidak ada berkas yang diunggah."))
    size = _size(upload)
    if size == 0:
        raise ValidationError(_("Berkas kosong (0 byte)."))
    if size > max_bytes:
        raise ValidationError(_("Berkas PDF terlalu besar (maksimal %(mb)s MB).") % {"mb": max_bytes // (1024 * 1024)})
    upload.seek(0)
    data = upload.read()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise ValidationError(_("Berkas bukan PDF yang valid."))
    return ContentFile(data, name=safe_name(upload.name, "pdf"))


def clean_document(upload: UploadedFile, *, max_bytes: int = PDF_MAX_BYTES) -> ContentFile:
    """A document is a PDF or a photo (scanned letters); anything else is refused."""
    if upload is None:
        raise ValidationError(_("Tidak ada berkas yang diunggah."))
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return clean_pdf(upload, max_bytes=max_bytes)
    try:
        return clean_image(upload, max_bytes=max_bytes)
    except ValidationError:
        raise ValidationError(_("Dokumen harus berupa PDF atau gambar (JPEG, PNG, WebP)."))


def download_response(field_file, *, filename: str | None = None):
    """Serve a stored upload as a download, never rendered inline on the portal's origin."""
    from django.http import FileResponse

    response = FileResponse(field_file.open("rb"), as_attachment=True, filename=filename or os.path.basename(field_file.name))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# The only file fields that may live on public storage (MEDIA_ROOT, served by the proxy at /media/ to
# anyone): what the portal shows every visitor. Everything else (archives, competition documents,
# MoUs, reports, exports) is private storage, served only through a view that checks permission.
# tests/posyantek/test_storage.py walks every FileField/ImageField of the project against this list.
PUBLIC_FILE_FIELDS = frozenset({
    "posyantek.KabarFoto.foto",  # photos of published news
    "ukm.FotoProduk.gambar",  # product photos of the public UKM directory
    # The TTG catalogue is public by design: its photos, user-guide PDF and step photos.
    "teknologi.Teknologi.foto",
    "teknologi.FotoTeknologi.foto",
    "teknologi.Panduan.pdf",
    "teknologi.LangkahPanduan.foto",
})


class PrivateStorage(FileSystemStorage):
    """Files only the portal hands out (after its own permission check), never the web server.

    Lives under ``settings.PRIVATE_MEDIA_ROOT``, outside ``MEDIA_ROOT`` which the proxy serves at
    ``/media/``; it has no URL at all. The location is read from settings on every use, so tests
    that point it elsewhere take effect at once.
    """

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Berkas privat tidak punya URL publik; gunakan download_response.")


_private_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    """The storage of private uploads (a callable, so migrations do not freeze its location)."""
    return _private_storage
