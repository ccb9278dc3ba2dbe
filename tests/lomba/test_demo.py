import pytest
from django.core.management import call_command
from django.utils import timezone

from lomba import selectors
from lomba.models import Lomba, Nilai, Peserta, Status
from posyantek.models import Pos

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_three_kinds_of_competition_and_is_repeatable(wilayah):
    call_command("seed_demo", password="demo-password-panjang-1")
    counts = (Lomba.objects.count(), Peserta.objects.count(), Nilai.objects.count())
    call_command("seed_demo", password="demo-password-panjang-1")
    assert (Lomba.objects.count(), Peserta.objects.count(), Nilai.objects.count()) == counts

    tahun = timezone.localdate().year
    provinsi = Lomba.objects.get(tahun=tahun - 1, tingkat="provinsi")
    assert provinsi.status == Status.DIUMUMKAN and provinsi.nama.startswith("[DEMO]")
    assert sorted(provinsi.peserta_set.values_list("peringkat", flat=True)) == list(range(1, 9))
    assert sorted(provinsi.penugasan_set.values_list("juri__email", flat=True)) == [
        "juri1@posyantek.test",
        "juri2@posyantek.test",
        "juri3@posyantek.test",
    ]
    # juri2 is tied to Tambora and did not score it; everyone else scored everything.
    assert not Nilai.objects.filter(
        peserta__lomba=provinsi, juri__email="juri2@posyantek.test", peserta__pos__slug="tambora"
    ).exists()
    assert Nilai.objects.filter(peserta__lomba=provinsi).count() == 8 * 3 * 15 - 15
    tie = provinsi.peserta_set.get(pos__slug="pancoran")
    assert (
        tie.alasan_seri == "tahap" and tie.nilai_akhir == provinsi.peserta_set.get(pos__slug="kebon-jeruk").nilai_akhir
    )
    juara = provinsi.peserta_set.get(peringkat=1)
    assert juara.pos.is_percontohan and juara.pos.percontohan_tahun == tahun - 1
    assert provinsi.peserta_set.get(is_favorit=True).pos.slug == "koja"
    assert selectors.hasil_lomba(lomba=provinsi).sama_dengan_tersimpan()

    nasional = Lomba.objects.get(tahun=tahun - 1, tingkat="nasional")
    assert nasional.status == Status.DIUMUMKAN and nasional.is_impor
    dki = nasional.peserta_set.get(dari_dki=True)
    assert (dki.pos, dki.asal, dki.peringkat) == (juara.pos, juara, 3)
    luar = nasional.peserta_set.filter(pos__isnull=True)
    assert luar.count() == 9 and all("[DEMO]" in p.nama_luar and p.provinsi_luar for p in luar)
    riwayat = [(r.tahun, r.terbaik.peringkat) for r in selectors.riwayat_nasional_dki()]
    assert riwayat == [(tahun - 3, 2), (tahun - 2, 5), (tahun - 1, 3)]
    assert Lomba.objects.get(tahun=tahun - 3).peserta_set.get(peringkat=8).pos == Pos.objects.get(slug="kramatjati")

    kini = Lomba.objects.get(tahun=tahun, tingkat="provinsi")
    assert kini.status == Status.PENILAIAN
    matriks = {b.juri.email: b.kurang_peserta for b in selectors.matriks_penilaian(lomba=kini).baris}
    assert matriks == {"juri1@posyantek.test": 4, "juri2@posyantek.test": 0, "juri3@posyantek.test": 0}
