"""Trainings' and volunteers' part of the yearly report (``posyantek/laporan.py``): the sessions
held with their participants and attendance, and the Relawan TIK's confirmed hours."""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from posyantek.laporan import Bagian, Grafik, Isi, Lingkup, Tabel, per_bulan, rentang


def _pelatihan(lingkup: Lingkup, tahun: int) -> Isi:
    from .models import Jadwal, Pendaftaran

    terdaftar = Q(pendaftaran__status=Pendaftaran.Status.TERKONFIRMASI)
    sesi = list(
        # Held sessions only: one that has not started yet was not held (as the map's metric counts).
        lingkup.saring(
            Jadwal.objects.filter(mulai__year=tahun, mulai__lte=timezone.now()).exclude(status=Jadwal.Status.DIBATALKAN)
        )
        .exclude(status=Jadwal.Status.DRAF)
        .select_related("program")
        .annotate(
            peserta=Count("pendaftaran", filter=terdaftar),
            hadir=Count("pendaftaran", filter=terdaftar & Q(pendaftaran__hadir=True)),
        )
        .order_by("mulai", "pk")
    )
    peserta = sum(s.peserta for s in sesi)
    hadir = sum(s.hadir for s in sesi)
    angka = [(_("Sesi pelatihan"), len(sesi)), (_("Peserta pelatihan"), peserta), (_("Peserta hadir"), hadir)]
    if not sesi:
        return Isi(angka=angka, kosong=_("Tidak ada sesi pelatihan pada tahun ini."))
    per_bulan_ = {}
    for s in sesi:
        bulan = timezone.localtime(s.mulai).month
        per_bulan_[bulan] = per_bulan_.get(bulan, 0) + s.peserta
    baris = [[f"{timezone.localtime(s.mulai):%d-%m-%Y}", s.nama, s.peserta, s.hadir] for s in sesi]
    if not lingkup.satu_pos and len(baris) > 40:  # the province: the busiest sessions, not hundreds of rows
        baris = sorted(baris, key=lambda r: -r[2])[:40]
    return Isi(
        angka=angka,
        grafik=[Grafik(_("Peserta pelatihan per bulan"), per_bulan(per_bulan_.items(), tahun))],
        tabel=[
            Tabel(
                _("Sesi pelatihan"),
                [_("Tanggal"), _("Sesi"), _("Peserta"), _("Hadir")],
                [*baris, ["", _("Jumlah"), peserta, hadir]],
                angka=(2, 3),
            )
        ],
    )


def _relawan(lingkup: Lingkup, tahun: int) -> Isi:
    from .models import AktivitasRelawan

    qs = lingkup.saring(
        AktivitasRelawan.objects.filter(status=AktivitasRelawan.Status.DIKONFIRMASI, tanggal__range=rentang(tahun))
    ).order_by()
    per_relawan = list(
        qs.values_list("relawan__user__nama", "relawan__user__email")
        .annotate(jam=Sum("jam"), n=Count("pk"))
        .order_by("-jam", "relawan__user__nama")
    )
    total = sum((r[2] for r in per_relawan), Decimal(0))
    angka = [(_("Jam relawan TIK"), total), (_("Relawan TIK aktif"), len(per_relawan))]
    if not per_relawan:
        return Isi(angka=angka, kosong=_("Tidak ada jam relawan TIK yang dikonfirmasi pada tahun ini."))
    bulan = qs.values_list("tanggal__month").annotate(jam=Sum("jam"))
    return Isi(
        angka=angka,
        grafik=[Grafik(_("Jam relawan TIK per bulan"), per_bulan(bulan, tahun))],
        tabel=[
            Tabel(
                _("Jam relawan TIK"),
                [_("Relawan"), _("Kegiatan"), _("Jam")],
                [[nama or email, n, jam] for nama, email, jam, n in per_relawan[:40]] + [[_("Jumlah"), "", total]],
                angka=(1, 2),
            )
        ],
    )


BAGIAN = [
    Bagian("pelatihan", gettext_lazy("Pelatihan"), 50, _pelatihan),
    Bagian("relawan", gettext_lazy("Relawan TIK"), 60, _relawan),
]
