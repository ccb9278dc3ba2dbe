"""The class of a business (Mikro / Kecil / Menengah) per PP 7/2021 Pasal 35 — computed, never typed.

Pasal 35 ayat (3): the capital test (modal usaha, excluding land and the premises) is used when a
business is founded or registered. Ayat (5): for an existing business the annual-sales test
(hasil penjualan tahunan) is used. Every upper bound is inclusive ("paling banyak"), every lower
bound exclusive ("lebih dari").

| class    | modal usaha              | hasil penjualan tahunan     |
|----------|--------------------------|-----------------------------|
| Mikro    | ≤ Rp1.000.000.000        | ≤ Rp2.000.000.000           |
| Kecil    | > Rp1 M – ≤ Rp5 M        | > Rp2 M – ≤ Rp15 M          |
| Menengah | > Rp5 M – ≤ Rp10 M       | > Rp15 M – ≤ Rp50 M         |

Above the Menengah ceiling a business is an Usaha Besar, outside UMKM; the registry says so rather
than pretending. Without the number the applicable test needs, the class is "" (not yet known).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

MILIAR = 1_000_000_000

BATAS_MODAL = ((1 * MILIAR, "mikro"), (5 * MILIAR, "kecil"), (10 * MILIAR, "menengah"))
BATAS_PENJUALAN = ((2 * MILIAR, "mikro"), (15 * MILIAR, "kecil"), (50 * MILIAR, "menengah"))


class Kelas(models.TextChoices):
    MIKRO = "mikro", _("Mikro")
    KECIL = "kecil", _("Kecil")
    MENENGAH = "menengah", _("Menengah")
    BESAR = "besar", _("Besar (di atas kriteria UMKM)")


class DasarKelas(models.TextChoices):
    """Which test of Pasal 35 applies: the business's situation, not its class."""

    PENJUALAN = "penjualan", _("Usaha sudah berjalan — kriteria hasil penjualan tahunan")
    MODAL = "modal", _("Usaha baru didirikan atau didaftarkan — kriteria modal usaha")


def _kelas_menurut(nilai: int, batas) -> str:
    for plafon, kelas in batas:
        if nilai <= plafon:
            return kelas
    return Kelas.BESAR


def klasifikasi_ukm(*, modal_usaha: int | None, hasil_penjualan_tahunan: int | None, dasar: str) -> str:
    """The class of a business in Rupiah figures; "" when the figure the test needs is missing.

    ``dasar`` is ``DasarKelas.MODAL`` for a business being founded or registered (capital test) and
    ``DasarKelas.PENJUALAN`` for an existing one (annual-sales test). Negative figures are refused.
    """
    if dasar == DasarKelas.MODAL:
        nilai = modal_usaha
        batas = BATAS_MODAL
    elif dasar == DasarKelas.PENJUALAN:
        nilai = hasil_penjualan_tahunan
        batas = BATAS_PENJUALAN
    else:
        raise ValueError(f"dasar klasifikasi tidak dikenal: {dasar!r}")
    if nilai is None:
        return ""
    if nilai < 0:
        raise ValueError("nilai Rupiah tidak boleh negatif")
    return _kelas_menurut(int(nilai), batas)
