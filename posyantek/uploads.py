"""Checking and cleaning uploaded files, shared by every form that takes one.

Nothing is trusted from the client: not the name, not the extension, not the Content-Type. Images
are opened by content, limited in bytes and pixels (no decompression bomb), re-encoded (which drops
EXIF with its GPS position, and any polyglot payload) and shrunk to a sensible maximum. Documents are
PDFs by signature or images as above. Uploaded documents are always served as downloads
(``Content-Disposition: attachment``), never inline from the portal's origin.
"""

import contextvars
import io
import os
import re
import secrets
import time
import warnings

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import UploadedFile
from django.utils.formats import number_format
from django.utils.text import get_valid_filename, slugify
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from posyantek.http import client_ip

IMAGE_MAX_BYTES = 8 * 1024 * 1024
IMAGE_MAX_SIDE = 1600  # stored photos are shrunk to this
PDF_MAX_BYTES = 10 * 1024 * 1024
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}

# Pixel caps per format, from what decoding costs: no accepted image may cost more than about half a
# second of CPU, so that a request with the most files it may carry (UPLOADS_PER_REQUEST) stays within
# 3 s (``python -m bench.uploads`` measures the worst cases). Checked on the header, before decoding.
# - JPEG is decoded already reduced to what is kept (``draft``: libjpeg scales by 1/2 … 1/8 while
#   decoding), so a 24 MP camera photo (6000 x 4000, an entry-level DSLR) costs like a 6 MP one. A
#   progressive JPEG cannot skip work that way and costs by its bytes (about 0.07 s per MB, four times
#   a baseline one): at most PROGRESSIVE_JPEG_MAX_BYTES (cameras and phones write baseline JPEGs).
# - PNG has no reduced decoding: 16 MP (4000 x 4000) takes every phone photo (12 MP) and a screenshot
#   of a 4K screen (8.3 MP), at about 0.4 s.
# - WebP is the slowest to decode (about 0.12 s per megapixel of detailed content): 3 MP, more than
#   the 1600 x 1600 kept, at about 0.4 s.
IMAGE_MAX_PIXELS = {"JPEG": 24_000_000, "PNG": 16_000_000, "WEBP": 3_000_000}
IMAGE_MAX_EXAMPLE = {"JPEG": (6000, 4000), "PNG": (4000, 4000), "WEBP": (2000, 1500)}
PROGRESSIVE_JPEG_MAX_BYTES = 4 * 1024 * 1024
# An image larger than what is kept with more pixels than this per byte of file is a flood, not a
# photo: photos are 2-10 pixels per byte (JPEG cannot pass ~70), detailed scans stay below 100, while
# the 117 KB plain-colour 6000 x 6000 PNG of the penetration test is 300.
IMAGE_MAX_PIXELS_PER_BYTE = 200
# Files one request may carry into these checks (one news item holds 6 photos), and files one account
# may upload per hour: 100 worst-case files are under a minute of CPU an hour.
# ``settings.POSYANTEK_UPLOADS_PER_HOUR`` overrides the hourly limit (tests set it low).
UPLOADS_PER_REQUEST = 6
UPLOADS_PER_HOUR = 100

_current_request: contextvars.ContextVar = contextvars.ContextVar("posyantek_upload_request", default=None)


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


def _angka(value: int) -> str:
    return number_format(value, force_grouping=True)


class UploadLimitMiddleware:
    """Makes the current request known to the checks below (the account to count uploads against,
    and how many files the request carries), without every form having to pass it along, as
    simple_history's middleware does for the acting user. Outside a request (the demo seed, a
    management command) nothing is counted."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def _count_upload() -> None:
    """Refuse the request's uploads, before anything is decoded, when it carries more files than
    ``UPLOADS_PER_REQUEST`` or its account went past its hourly limit. Counted once per request, with
    every file the request carries, in the shared cache (fixed one-hour windows)."""
    request = _current_request.get()
    if request is None:
        return
    state = request.__dict__.setdefault("_posyantek_uploads", {})
    if "refusal" not in state:
        state["refusal"] = None
        files = sum(len(request.FILES.getlist(name)) for name in request.FILES)
        if files > UPLOADS_PER_REQUEST:
            state["refusal"] = _(
                "Terlalu banyak berkas dalam satu kiriman (%(n)s): paling banyak %(maks)s berkas "
                "sekali simpan. Simpan sebagian dulu, lalu unggah sisanya."
            ) % {"n": files, "maks": UPLOADS_PER_REQUEST}
        else:
            limit = getattr(settings, "POSYANTEK_UPLOADS_PER_HOUR", UPLOADS_PER_HOUR)
            user = getattr(request, "user", None)
            who = f"akun:{user.pk}" if user is not None and user.is_authenticated else f"ip:{client_ip(request)}"
            now = time.time()
            key = f"uploads:{who}:{int(now // 3600)}"
            if not cache.add(key, files, 3600):
                try:
                    used = cache.incr(key, files)
                except ValueError:  # expired between add and incr
                    cache.set(key, files, 3600)
                    used = files
            else:
                used = files
            if used > limit:
                state["refusal"] = _(
                    "Batas unggahan tercapai: paling banyak %(n)s berkas per jam untuk setiap akun. "
                    "Coba lagi dalam %(menit)s menit."
                ) % {"n": _angka(limit), "menit": int((3600 - now % 3600) // 60) + 1}
    if state["refusal"]:
        raise ValidationError(state["refusal"], code="batas_unggahan")


def _pixel_limit_error(fmt: str | None = None, width: int = 0, height: int = 0) -> ValidationError:
    if fmt is None:  # beyond what Pillow opens at all: far over every cap
        return ValidationError(
            _(
                "Ukuran gambar terlalu besar: paling besar %(jpeg)s megapiksel untuk JPEG, %(png)s "
                "megapiksel untuk PNG, dan %(webp)s megapiksel untuk WebP."
            )
            % {
                "jpeg": IMAGE_MAX_PIXELS["JPEG"] // 1_000_000,
                "png": IMAGE_MAX_PIXELS["PNG"] // 1_000_000,
                "webp": IMAGE_MAX_PIXELS["WEBP"] // 1_000_000,
            },
            code="piksel",
        )
    contoh_w, contoh_h = IMAGE_MAX_EXAMPLE[fmt]
    return ValidationError(
        _(
            "Ukuran gambar terlalu besar (%(w)s × %(h)s piksel): gambar %(format)s paling besar "
            "%(mp)s megapiksel, misalnya %(cw)s × %(ch)s piksel. Perkecil gambar lalu unggah lagi."
        )
        % {
            "w": _angka(width),
            "h": _angka(height),
            "format": fmt if fmt != "WEBP" else "WebP",
            "mp": IMAGE_MAX_PIXELS[fmt] // 1_000_000,
            "cw": _angka(contoh_w),
            "ch": _angka(contoh_h),
        },
        code="piksel",
    )


def _check_dimensions(fmt: str, width: int, height: int, size: int, max_side: int) -> None:
    """Refuse, from the header alone, images too large to decode or out of proportion to their file."""
    pixels = width * height
    if width < 1 or height < 1:
        raise ValidationError(_("Berkas bukan foto yang valid atau rusak. Gunakan JPEG, PNG, atau WebP."))
    if pixels > IMAGE_MAX_PIXELS[fmt]:
        raise _pixel_limit_error(fmt, width, height)
    if pixels > max_side * max_side and pixels > IMAGE_MAX_PIXELS_PER_BYTE * size:
        raise ValidationError(
            _(
                "Gambar %(w)s × %(h)s piksel ini hanya %(kb)s KB: terlalu besar dibanding isinya "
                "(paling banyak %(rasio)s piksel per byte untuk gambar di atas %(sisi)s × %(sisi)s "
                "piksel). Perkecil gambar lalu unggah lagi."
            )
            % {
                "w": _angka(width),
                "h": _angka(height),
                "kb": _angka(max(1, size // 1024)),
                "rasio": IMAGE_MAX_PIXELS_PER_BYTE,
                "sisi": _angka(max_side),
            },
            code="rasio",
        )


def clean_image(
    upload: UploadedFile, *, max_bytes: int = IMAGE_MAX_BYTES, max_side: int = IMAGE_MAX_SIDE
) -> ContentFile:
    """Validate an uploaded photo and return a re-encoded copy, ready to save in an ImageField.

    The one gate of every image upload of the portal (news, product, catalogue and guide photos, and
    images as documents). Accepts JPEG, PNG and WebP only, judged by content. Refuses on the header
    alone (before decoding) what is too large to decode cheaply; decodes JPEG already reduced to the
    kept size and shrinks the rest. Raises ValidationError with a message in Indonesian.
    """
    _count_upload()
    if upload is None:
        raise ValidationError(_("Tidak ada berkas yang diunggah."))
    size = _size(upload)
    if size == 0:
        raise ValidationError(_("Berkas kosong (0 byte)."))
    if size > max_bytes:
        raise ValidationError(_("Foto terlalu besar (maksimal %(mb)s MB).") % {"mb": max_bytes // (1024 * 1024)})
    upload.seek(0)
    data = upload.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:  # reads the header only
                fmt = image.format
                if fmt not in IMAGE_FORMATS:
                    raise ValidationError(_("Format foto harus JPEG, PNG, atau WebP."))
                width, height = image.size
                _check_dimensions(fmt, width, height, size, max_side)
                if fmt == "JPEG" and image.info.get("progressive") and size > PROGRESSIVE_JPEG_MAX_BYTES:
                    raise ValidationError(
                        _(
                            "Foto JPEG progresif terlalu besar (%(mb)s MB): paling besar %(maks)s MB. Simpan ulang "
                            "sebagai JPEG biasa atau perkecil gambar, lalu unggah lagi."
                        )
                        % {
                            "mb": number_format(size / (1024 * 1024), decimal_pos=1),
                            "maks": PROGRESSIVE_JPEG_MAX_BYTES // (1024 * 1024),
                        },
                        code="piksel",
                    )
                ratio = min(1.0, max_side / max(width, height))
                kept = (max(1, round(width * ratio)), max(1, round(height * ratio)))
                image.draft(None, kept)  # JPEG: decode at 1/2 … 1/8 scale, no smaller than kept
                # Decodes, then shrinks: reduce() by a whole factor first, the finer filter only on the last step.
                image.thumbnail((max_side, max_side), reducing_gap=1.0)
                image = ImageOps.exif_transpose(image)  # on the kept size only
                if fmt == "JPEG" or image.mode not in ("RGB", "RGBA", "L", "LA"):
                    image = image.convert("RGB") if fmt == "JPEG" or "A" not in image.mode else image.convert("RGBA")
                out = io.BytesIO()
                # PNG at compression level 1: level 6 spends a second on a noisy 1600 x 1600 picture for
                # a file hardly smaller; WebP method 2 likewise.
                params = {
                    "JPEG": {"quality": 85, "optimize": True},
                    "PNG": {"compress_level": 1},
                    "WEBP": {"quality": 85, "method": 2},
                }
                image.save(out, format=fmt, **params[fmt])  # no exif= argument: metadata is dropped
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _pixel_limit_error() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise ValidationError(_("Berkas bukan foto yang valid atau rusak. Gunakan JPEG, PNG, atau WebP.")) from None
    return ContentFile(out.getvalue(), name=safe_name(upload.name, IMAGE_FORMATS[fmt]))


def clean_pdf(upload: UploadedFile, *, max_bytes: int = PDF_MAX_BYTES) -> ContentFile:
    """Validate an uploaded PDF by its signature and size; returns it under a safe name."""
    _count_upload()
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
    _count_upload()
    if upload is None:
        raise ValidationError(_("Tidak ada berkas yang diunggah."))
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return clean_pdf(upload, max_bytes=max_bytes)
    try:
        return clean_image(upload, max_bytes=max_bytes)
    except ValidationError as error:
        if error.code in ("piksel", "rasio"):  # an image, refused for its size: say which limit
            raise
        raise ValidationError(_("Dokumen harus berupa PDF atau gambar (JPEG, PNG, WebP).")) from None


def download_response(field_file, *, filename: str | None = None):
    """Serve a stored upload as a download, never rendered inline on the portal's origin."""
    from django.http import FileResponse

    response = FileResponse(
        field_file.open("rb"), as_attachment=True, filename=filename or os.path.basename(field_file.name)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# The only file fields that may live on public storage (MEDIA_ROOT, served by the proxy at /media/ to
# anyone): what the portal shows every visitor. Everything else (archives, competition documents,
# MoUs, reports, exports) is private storage, served only through a view that checks permission.
# tests/posyantek/test_storage.py walks every FileField/ImageField of the project against this list.
PUBLIC_FILE_FIELDS = frozenset(
    {
        "posyantek.KabarFoto.foto",  # photos of published news
        "ukm.FotoProduk.gambar",  # product photos of the public UKM directory
        # The TTG catalogue is public by design: its photos, user-guide PDF and step photos.
        "teknologi.Teknologi.foto",
        "teknologi.FotoTeknologi.foto",
        "teknologi.Panduan.pdf",
        "teknologi.LangkahPanduan.foto",
    }
)


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
