"""What trainings and volunteers show on the kecamatan map (posyantek/peta.py)."""

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from posyantek.peta import Metrik, per_kecamatan


def pelatihan_per_kecamatan() -> dict[str, int]:
    """Published sessions that have started, this year."""
    from pelatihan.models import Jadwal

    now = timezone.now()
    tahun_ini = timezone.localdate().year
    qs = Jadwal.objects.filter(status=Jadwal.Status.TERBIT, mulai__lte=now, mulai__year=tahun_ini)
    return per_kecamatan(qs, Count("id"))


def jam_relawan_per_kecamatan() -> dict:
    """Confirmed volunteer hours this year."""
    from pelatihan.models import AktivitasRelawan

    qs = AktivitasRelawan.objects.filter(
        status=AktivitasRelawan.Status.DIKONFIRMASI, tanggal__year=timezone.localdate().year
    )
    return per_kecamatan(qs, Sum("jam"))


METRIK = [
    Metrik(
        kunci="pelatihan",
        label=_("Sesi pelatihan tahun ini per kecamatan"),
        satuan=_("sesi"),
        hitung=pelatihan_per_kecamatan,
        urutan=30,
    ),
    Metrik(
        kunci="jam-relawan",
        label=_("Jam Relawan TIK yang dikonfirmasi tahun ini per kecamatan"),
        satuan=_("jam"),
        hitung=jam_relawan_per_kecamatan,
        urutan=40,
    ),
]
