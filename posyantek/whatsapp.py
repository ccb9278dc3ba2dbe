"""WhatsApp without an API: click-to-chat and share links (``https://wa.me/...``).

Only links: the portal never loads anything from WhatsApp, so the CSP and the page weight stay as they
are. The person taps the link and their own WhatsApp opens with the message typed in; nothing is sent
by us. Whoever renders a chat link must already be allowed to see the phone number it carries (the
link contains it in clear).
"""

import re
from urllib.parse import quote

from django.conf import settings

WA_ME = "https://wa.me/"


def nomor_wa(telepon: str | None) -> str:
    """A stored Indonesian number as wa.me wants it: digits only, country code 62, no + and no leading 0.

    "0812-3456-7890" → "6281234567890", "+62 812 3456 7890" → "6281234567890", "021 4567 890" →
    "62214567890". Anything that is not an Indonesian number of 8–15 digits gives "" (no link)."""
    digits = re.sub(r"\D", "", telepon or "")
    if digits.startswith("62"):
        nasional = digits[2:]
    elif digits.startswith("0"):
        nasional = digits[1:]
    else:
        return ""
    nasional = nasional.lstrip("0")
    if not 7 <= len(nasional) <= 13:
        return ""
    return "62" + nasional


def tautan_wa(*, telepon: str | None, pesan: str = "") -> str:
    """Click-to-chat link to one number with a prefilled message, or "" when the number is unusable."""
    nomor = nomor_wa(telepon)
    if not nomor:
        return ""
    url = WA_ME + nomor
    if pesan:
        url += "?text=" + quote(pesan, safe="")
    return url


def url_absolut(path: str) -> str:
    """An absolute address of the portal for a page path. From PORTAL_BASE_URL, never from the request's
    Host header: share links are rendered inside cached public fragments."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.PORTAL_BASE_URL.rstrip("/") + "/" + path.lstrip("/")


def tautan_bagi_wa(*, judul: str, path: str) -> str:
    """Share link (no number: the person chooses the chat): the title, a line break and the page's address."""
    teks = f"{judul}\n{url_absolut(path)}"
    return WA_ME + "?text=" + quote(teks, safe="")
