"""The catalogue's part of the yearly report (``posyantek/laporan.py``): the technologies shown (the
service log's entries naming one, and the demonstration units at the post) and those adopted."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from posyantek.laporan import Bagian, Isi, Lingkup, Tabel, rentang


def _teknologi(lingkup: Lingkup, tahun: int) -> Isi:
    from posyantek.models import LogLayanan

    from .models import Adopsi, StatusAdopsi, TeknologiPos

    awal, akhir = rentang(tahun)
    diperagakan = list(
        lingkup.saring(LogLayanan.objects.filter(tanggal__range=(awal, akhir), teknologi__isnull=False))
        .order_by()
        .values_list("teknologi__nama")
        .annotate(n=Count("pk"))
        .order_by("-n", "teknologi__nama")
    )
    # Adopted in the year: since the day the business says it uses it, or else when it was recorded.
    diadopsi = list(
        lingkup.saring(Adopsi.objects.filter(status=StatusAdopsi.DISETUJUI))
        .filter(Q(sejak__range=(awal, akhir)) | Q(sejak__isnull=True, created_at__year=tahun))
        .order_by()
        .values_list("teknologi__nama")
        .annotate(n=Count("pk"))
        .order_by("-n", "teknologi__nama")
    )
    unit = lingkup.saring(TeknologiPos.objects.filter(created_at__date__lte=akhir)).count()
    angka = [
        (_("Peragaan teknologi"), sum(n for _t, n in diperagakan)),
        (_("Teknologi diadopsi UKM"), sum(n for _t, n in diadopsi)),
        (_("Teknologi peraga di pos"), unit),
    ]
    if not diperagakan and not diadopsi and not unit:
        return Isi(angka=angka, kosong=_("Tidak ada teknologi yang diperagakan atau diadopsi pada tahun ini."))
    tabel = []
    if diperagakan:
        tabel.append(
            Tabel(_("Teknologi yang diperagakan"), [_("Teknologi"), _("Layanan")], [list(r) for r in diperagakan], (1,))
        )
    if diadopsi:
        tabel.append(
            Tabel(_("Teknologi yang diadopsi"), [_("Teknologi"), _("Adopsi")], [list(r) for r in diadopsi], (1,))
        )
    return Isi(angka=angka, tabel=tabel)


BAGIAN = [Bagian("teknologi", gettext_lazy("Teknologi yang diperagakan dan diadopsi"), 40, _teknologi)]
