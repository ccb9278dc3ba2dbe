"""What the registry shows on the kecamatan map (posyantek/peta.py)."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from posyantek.peta import Metrik, per_kecamatan


def ukm_per_kecamatan() -> dict[str, int]:
    from ukm.models import StatusUkm, Ukm

    return per_kecamatan(Ukm.objects.filter(status=StatusUkm.AKTIF), Count("id"))


METRIK = [
    Metrik(
        kunci="ukm", label=_("UKM aktif terdaftar per kecamatan"), satuan=_("UKM"), hitung=ukm_per_kecamatan, urutan=10
    )
]
