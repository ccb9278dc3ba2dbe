"""The registry's part of the yearly report (``posyantek/laporan.py``): the businesses served in the
year (named in the service log) and their classes, and the businesses registered in the year."""

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from posyantek.charts import Bar
from posyantek.laporan import Bagian, Grafik, Isi, Lingkup, Tabel, per_bulan, rentang

from . import ringkasan
from .klasifikasi import Kelas


def _ukm(lingkup: Lingkup, tahun: int) -> Isi:
    from posyantek.models import LogLayanan

    from .models import Ukm

    dilayani = lingkup.saring(LogLayanan.objects.filter(tanggal__range=rentang(tahun), ukm__isnull=False))
    per_kelas = dict(
        Ukm.objects.filter(pk__in=dilayani.values("ukm")).order_by().values_list("kelas").annotate(n=Count("pk"))
    )
    jumlah_dilayani = sum(per_kelas.values())
    # Registered in the year: the registry's summary rows count businesses by month (ukm/ringkasan.py).
    qs = ringkasan.baris_lingkup(lingkup).filter(dimensi=ringkasan.Dimensi.BULAN, kunci__startswith=f"{tahun}-")
    baru_per_bulan = {}
    for kunci, jumlah in qs.values_list("kunci", "jumlah"):
        bulan = int(kunci[5:7])
        baru_per_bulan[bulan] = baru_per_bulan.get(bulan, 0) + jumlah
    baru = sum(baru_per_bulan.values())
    angka = [(_("UKM dilayani"), jumlah_dilayani), (_("UKM baru terdaftar"), baru)]
    if not jumlah_dilayani and not baru:
        return Isi(angka=angka, kosong=_("Tidak ada UKM yang dilayani atau didaftarkan pada tahun ini."))
    kelas_rows = [[str(label), per_kelas.get(value, 0)] for value, label in Kelas.choices]
    if per_kelas.get(""):
        kelas_rows.append([_("Belum dapat ditentukan"), per_kelas[""]])
    return Isi(
        angka=angka,
        grafik=[
            Grafik(_("UKM dilayani menurut kelas usaha"), [Bar(label, n) for label, n in kelas_rows]),
            Grafik(_("UKM baru terdaftar per bulan"), per_bulan(baru_per_bulan.items(), tahun)),
        ],
        tabel=[
            Tabel(
                _("UKM dilayani menurut kelas usaha"),
                [_("Kelas usaha"), _("UKM")],
                [*kelas_rows, [_("Jumlah"), jumlah_dilayani]],
                angka=(1,),
            )
        ],
    )


BAGIAN = [Bagian("ukm", gettext_lazy("UKM yang dilayani"), 30, _ukm)]
