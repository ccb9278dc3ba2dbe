"""What trainings and volunteers show on the kecamatan map (posyantek/peta.py)."""

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from posyantek.peta import Metrik


def pelatihan_per_kecamatan() -> dict[str, int]:
    """Published sessions that have started, this year."""
    from pelatihan.models import Jadwal

    now = timezone.now()
    rows = (
        Jadwal.objects.filter(status=Jadwal.Status.TERBIT, mulai__lte=now, mulai__year=timezone.localdate().year)
        .values_list("pos__kecamatan__kode")
        .annotate(n=Count("id"))
        .order_by()
    )
    return dict(rows)


def jam_relawan_per_kecamatan() -> dict:
    """Confirmed volunteer hours this year."""
    from pelatihan.models import AktivitasRelawan

    rows = (
        AktivitasRelawan.objects.filter(
            status=AktivitasRelawan.Status.DIKONFIRMASI, tanggal__year=timezone.localdate().year
        )
        .values_list("pos__kecamatan__kode")
        .annotate(n=Sum("jam"))
        .order_by()
    )
    return dict(rows)


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
