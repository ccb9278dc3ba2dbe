"""Check-in at the door: the signed link a participant's QR code holds, and the door's own QR code.

A participant's QR code is the address ``/pelatihan/hadir/<tanda>/``, where ``tanda`` is the booking
and its session signed with the project's secret (``django.core.signing``, its own salt): nobody can
forge one for another booking, and a code read for another session is refused by the service. The
phone's own camera app opens it; the post's operator (logged in) confirms with one tap. Typing the
booking code on the session's check-in page does the same without a camera.
"""

from django.core import signing
from django.urls import reverse

from posyantek.pdf import qr_data_uri, url_mutlak

SALT = "pelatihan.hadir"


def tanda_hadir(pendaftaran) -> str:
    return signing.dumps({"p": pendaftaran.pk, "j": pendaftaran.jadwal_id}, salt=SALT, compress=True)


def baca_tanda(tanda: str) -> tuple[int, int] | None:
    """(booking pk, session pk) of a signed link; None when it is not one of ours."""
    try:
        data = signing.loads(tanda, salt=SALT)
        return int(data["p"]), int(data["j"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def tautan_hadir(pendaftaran) -> str:
    return url_mutlak(reverse("pelatihan:hadir", kwargs={"tanda": tanda_hadir(pendaftaran)}))


def qr_hadir(pendaftaran) -> str:
    """The participant's personal QR code (an SVG data: URI) of their signed check-in link."""
    return qr_data_uri(tautan_hadir(pendaftaran), kotak=8)


def qr_pintu(jadwal) -> str:
    """The door's QR code: the session's check-in page, for a second phone at the door."""
    path = reverse("pelatihan:kelola-masuk", kwargs={"pos_slug": jadwal.pos.slug, "pk": jadwal.pk})
    return qr_data_uri(url_mutlak(path), kotak=8)
