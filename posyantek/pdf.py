"""The portal's PDF documents: HTML templates laid out for paper by WeasyPrint.

Why WeasyPrint: it is a well-kept library (CourtBouillon, BSD) that turns the same Django templates
the pages use into PDF with CSS paged media (page size, margins, running footers), lays text out
with Debian's Pango (Indonesian and every other script), and embeds subsets of the fonts it uses,
so a printed certificate looks the same on every computer. It needs only Pango at the system level
(`libpango-1.0-0`, installed by `.ci/run`).

Every document:
- is A4 unless asked otherwise (``ukuran``: ``A4`` or ``A3``);
- carries a footer with the portal's address and the day it was made (``templates/pdf/dasar.html``);
- fetches nothing from the network: the URL fetcher below reads our own static files and public
  media from storage and refuses every other address (no third-party request, no SSRF through a
  crafted image address); QR codes and charts are inline SVG data.
"""

from __future__ import annotations

import base64
import mimetypes
from urllib.parse import unquote, urlsplit

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

UKURAN = {"A4": "A4", "A3": "A3"}


class SumberDitolak(ValueError):
    """A document asked for a resource that is neither our static files nor our public media."""


def _baca_lokal(url: str) -> tuple[bytes, str]:
    path = unquote(urlsplit(url).path)
    if path.startswith(settings.STATIC_URL):
        found = finders.find(path.removeprefix(settings.STATIC_URL))
        if not found:
            raise SumberDitolak(url)
        with open(found, "rb") as handle:
            return handle.read(), path
    if path.startswith(settings.MEDIA_URL):
        name = path.removeprefix(settings.MEDIA_URL)
        if not name or ".." in name.split("/"):
            raise SumberDitolak(url)
        with default_storage.open(name, "rb") as handle:
            return handle.read(), path
    raise SumberDitolak(url)


class PengambilLokal:
    """Builds WeasyPrint's fetcher (its ``URLFetcher`` API): data: URIs, our static files and our
    public media; every other address is refused."""

    def __new__(cls):
        from weasyprint.urls import URLFetcher, URLFetcherResponse

        class _Pengambil(URLFetcher):
            def fetch(self, url, headers=None):
                if url.startswith("data:"):
                    return super().fetch(url, headers)
                data, path = ambil_lokal(url)
                mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
                return URLFetcherResponse(url, data, {"Content-Type": mime})

        return _Pengambil(allowed_protocols=("data", "http", "https"), allow_redirects=False)


def ambil_lokal(url: str) -> tuple[bytes, str]:
    """The bytes behind one of the portal's own addresses (static or public media), or SumberDitolak."""
    base = urlsplit(dasar_url())
    parts = urlsplit(url)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
        raise SumberDitolak(url)
    return _baca_lokal(url)


def dasar_url() -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + "/"


def url_mutlak(path: str) -> str:
    """An absolute address on the portal for ``path`` (QR codes and footers are read off paper)."""
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def qr_data_uri(isi: str, *, kotak: int = 10) -> str:
    """A QR code of ``isi`` as an SVG data: URI, drawn as vectors (sharp at any print size)."""
    image = qrcode.make(isi, image_factory=qrcode.image.svg.SvgPathImage, border=2, box_size=kotak)
    svg = image.to_string(encoding="utf-8")
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def buat_pdf(template_name: str, context: dict, *, ukuran: str = "A4") -> bytes:
    """Renders ``template_name`` (which extends ``pdf/dasar.html``) to PDF bytes."""
    from weasyprint import HTML

    html = render_to_string(
        template_name,
        {
            **context,
            "ukuran": UKURAN.get(ukuran, "A4"),
            "portal_url": settings.PORTAL_BASE_URL.rstrip("/"),
            "dibuat_pada": timezone.localtime(),
        },
    )
    return HTML(string=html, base_url=dasar_url(), url_fetcher=PengambilLokal()).write_pdf()


def pdf_response(pdf: bytes, *, nama_berkas: str, cache: str = "private, no-store") -> HttpResponse:
    """A PDF shown in the browser's viewer (it can be saved or printed from there)."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{nama_berkas}"'
    response["Cache-Control"] = cache
    response["X-Content-Type-Options"] = "nosniff"
    return response
