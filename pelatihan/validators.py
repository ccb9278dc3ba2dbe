"""Checks shared by forms and services of this app (phone numbers, free text)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

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


def rapikan_teks(text: str) -> str:
    """One line of text with inner whitespace collapsed (names, short answers)."""
    return " ".join((text or "").split())
