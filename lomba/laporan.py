"""The competitions' part of the yearly report (``posyantek/laporan.py``): the entries of the year's
competitions and their results."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from posyantek.laporan import Bagian, Isi, Lingkup, Tabel


def _lomba(lingkup: Lingkup, tahun: int) -> Isi:
    from .models import Peserta

    peserta = list(
        lingkup.saring(Peserta.objects.filter(lomba__tahun=tahun, pos__isnull=False))
        .select_related("lomba", "pos")
        .order_by("lomba__tingkat", "lomba__nama", "peringkat", "pos__nama")
    )
    juara = [p for p in peserta if p.peringkat and p.peringkat <= 3 and p.lomba.is_selesai]
    angka = [(_("Lomba diikuti"), len(peserta)), (_("Juara 1–3"), len(juara))]
    if not peserta:
        return Isi(angka=angka, kosong=_("Tidak ada keikutsertaan lomba pada tahun ini."))
    kolom = [_("Lomba"), _("Tingkat"), _("Peringkat"), _("Nilai akhir")]
    if not lingkup.satu_pos:
        kolom.insert(1, _("Pos"))
    baris = []
    for p in peserta:
        terbuka = p.lomba.is_selesai
        row = [
            p.lomba.nama,
            p.lomba.get_tingkat_display(),
            p.peringkat if terbuka and p.peringkat else "—",
            p.nilai_akhir if terbuka and p.nilai_akhir is not None else "—",
        ]
        if not lingkup.satu_pos:
            row.insert(1, p.pos.nama)
        baris.append(row)
    n = len(kolom)
    return Isi(angka=angka, tabel=[Tabel(_("Hasil lomba"), kolom, baris, angka=(n - 2, n - 1))])


BAGIAN = [Bagian("lomba", gettext_lazy("Hasil lomba"), 90, _lomba)]
