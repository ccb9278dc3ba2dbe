"""The competition's status as a state machine: which moves exist, from which status, and which of
them need the confirmation box. The status page's one form posts here; each move's own checks
(weights, entries, complete scores, …) stay in its service in ``penilaian``."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lomba.models import Lomba, Status
from lomba.services.aturan import lomba_kunci
from lomba.services.penilaian import lomba_draf_kembalikan, lomba_finalkan, lomba_penilaian_mulai, lomba_umumkan
from posyantek.models import User


@dataclass(frozen=True)
class Transisi:
    dari: frozenset[str]
    langkah: Callable[..., Lomba]
    ditolak: str  # the refusal when the competition is in another status
    konfirmasi: bool = False  # cannot be undone: needs the confirmation box ticked


#: target status → the move that reaches it. Every other move is refused.
TRANSISI: dict[str, Transisi] = {
    Status.PENILAIAN: Transisi(
        frozenset({Status.DRAFT}),
        lomba_penilaian_mulai,
        gettext_lazy("Hanya lomba berstatus draf yang dapat dibuka untuk penilaian."),
    ),
    Status.DRAFT: Transisi(
        frozenset({Status.PENILAIAN}),
        lomba_draf_kembalikan,
        gettext_lazy("Hanya lomba yang sedang dinilai yang dapat dikembalikan ke draf."),
    ),
    Status.FINAL: Transisi(
        frozenset({Status.PENILAIAN}),
        lomba_finalkan,
        gettext_lazy("Hanya lomba yang sedang dinilai yang dapat difinalkan."),
        konfirmasi=True,
    ),
    Status.DIUMUMKAN: Transisi(
        frozenset({Status.FINAL}),
        lomba_umumkan,
        gettext_lazy("Hanya lomba yang sudah final yang dapat diumumkan."),
        konfirmasi=True,
    ),
}


def lomba_status_periksa(*, dari: str) -> list[str]:
    """The statuses a competition in status ``dari`` may move to."""
    return [ke for ke, t in TRANSISI.items() if dari in t.dari]


@transaction.atomic
def lomba_status_ubah(*, lomba: Lomba, ke: str, oleh: User, konfirmasi: bool = False) -> Lomba:
    """Move the competition to status ``ke``: draft → penilaian → final → diumumkan, or penilaian
    back to draft. An unknown target, a move from the wrong status, or an irreversible move without
    ``konfirmasi`` is refused with nothing written; the move's own service checks the rest."""
    transisi = TRANSISI.get(ke)
    if transisi is None:
        raise ValidationError(_("Perubahan status tidak dikenal."))
    if transisi.konfirmasi and not konfirmasi:
        raise ValidationError(_("Centang kotak konfirmasi terlebih dahulu."))
    lomba = lomba_kunci(lomba=lomba)
    if lomba.status not in transisi.dari:
        raise ValidationError(str(transisi.ditolak))
    return transisi.langkah(lomba=lomba, oleh=oleh)
