"""Rules every Lomba service shares: the row lock and the status guards."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lomba.models import Lomba, Status

SERATUS = Decimal(100)
MAKS_DOKUMEN = 20


def lomba_kunci(*, lomba: Lomba) -> Lomba:
    """The competition row, locked until the end of the transaction: a score saved while the
    competition is being finalised waits, then sees the new status and is refused."""
    return Lomba.objects.select_for_update().get(pk=lomba.pk)


def lomba_draf_pastikan(*, lomba: Lomba) -> None:
    if lomba.status != Status.DRAFT:
        raise ValidationError(
            _(
                "Struktur penilaian (tahap, kriteria, bobot, penentu seri) hanya dapat diubah selama lomba berstatus "
                "draf."
            )
        )


def lomba_belum_final_pastikan(*, lomba: Lomba, pesan: str | None = None) -> None:
    if lomba.is_selesai:
        raise ValidationError(pesan or _("Lomba sudah final: data penilaiannya dibekukan dan tidak dapat diubah."))
