"""The one home of the text normalisers every app uses: names of places, search text, one-line text,
imported cells and phone numbers. Forms, services, imports and search call these; no app keeps its own."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _tanpa_aksen(teks: str) -> str:
    teks = unicodedata.normalize("NFKD", teks or "")
    return "".join(ch for ch in teks if not unicodedata.combining(ch)).lower()


def normalisasi_nama(nama: str) -> str:
    """A key for matching place names as people write them.

    Case, accents, spaces, hyphens and dots do not matter: "Pal Merah", "palmerah" and
    "PAL-MERAH" share one key, so do "Rawa Badak" and "Rawabadak".
    """
    return re.sub(r"[^0-9a-z]", "", _tanpa_aksen(nama))


def normalisasi_teks(teks: str) -> str:
    """Search text: lower case, no accents, words of letters and digits separated by one space
    ("Alat Pémeras  SANTAN!" → "alat pemeras santan")."""
    return " ".join(re.findall(r"[0-9a-z]+", _tanpa_aksen(teks)))


def rapikan_teks(teks: str) -> str:
    """One line of text with inner whitespace collapsed (names, titles, short answers)."""
    return " ".join((teks or "").split())


def bersihkan_teks(teks: str) -> str:
    """A cell of an imported sheet: control characters dropped, whitespace (newlines inside quoted
    cells too) collapsed."""
    teks = "".join(ch for ch in (teks or "") if unicodedata.category(ch) != "Cc" or ch in " \t\n\r")
    return " ".join(teks.split())


_BUKAN_TELEPON = re.compile(r"[^0-9+\s().-]")


def normalisasi_telepon(telepon: str) -> str:
    """An Indonesian phone number as digits with a leading 0: "+62 812-3456-7890" → "081234567890".

    Raises ValidationError for anything that is not 8–15 digits once separators are removed.
    """
    text = (telepon or "").strip()
    if not text:
        raise ValidationError(_("Nomor telepon wajib diisi."), code="required")
    if _BUKAN_TELEPON.search(text) or text.count("+") > 1 or ("+" in text and not text.startswith("+")):
        raise ValidationError(
            _("Nomor telepon hanya berisi angka, spasi, tanda +, - atau kurung. Contoh: 0812-3456-7890.")
        )
    digits = re.sub(r"\D", "", text)
    if text.startswith("+62") or (digits.startswith("62") and len(digits) >= 10):
        digits = "0" + digits[2:]
    if not 8 <= len(digits) <= 15 or not digits.startswith("0"):
        raise ValidationError(_("Nomor telepon tidak valid. Contoh: 0812-3456-7890."))
    return digits
