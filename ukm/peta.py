"""What the registry shows on the kecamatan map (posyantek/peta.py)."""

from django.utils.translation import gettext_lazy as _

from posyantek.peta import Metrik


def ukm_per_kecamatan() -> dict[str, int]:
    """Active businesses per kecamatan code, from the summary rows (``ukm/ringkasan.py``)."""
    from ukm import ringkasan

    return ringkasan.per_pos(ringkasan.Dimensi.STATUS, "aktif", lewat="pos__kecamatan__kode")


METRIK = [
    Metrik(
        kunci="ukm", label=_("UKM aktif terdaftar per kecamatan"), satuan=_("UKM"), hitung=ukm_per_kecamatan, urutan=10
    )
]
