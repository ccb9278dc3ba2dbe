"""What the catalogue shows on the kecamatan map (posyantek/peta.py)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from posyantek.peta import Metrik, per_kecamatan


def adopsi_per_kecamatan() -> dict[str, int]:
    from teknologi.models import Adopsi, StatusAdopsi

    return per_kecamatan(Adopsi.objects.filter(status=StatusAdopsi.DISETUJUI), Count("id"))


METRIK = [
    Metrik(
        kunci="adopsi",
        label=_("Pemakaian TTG yang disetujui per kecamatan"),
        satuan=_("pemakaian"),
        hitung=adopsi_per_kecamatan,
        urutan=20,
    )
]
