import pytest
from django.core.management import call_command

from teknologi.models import Adopsi, KampanyeUrunBeli, Panduan, StatusAdopsi, StatusKampanye, Teknologi

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_catalogue_guides_adoptions_and_two_campaigns_and_is_repeatable(wilayah):
    call_command("seed_demo", password="demo-password-panjang-1")
    counts = (Teknologi.objects.count(), Adopsi.objects.count(), KampanyeUrunBeli.objects.count())
    call_command("seed_demo", password="demo-password-panjang-1")
    assert (Teknologi.objects.count(), Adopsi.objects.count(), KampanyeUrunBeli.objects.count()) == counts

    published = Teknologi.objects.published()
    assert published.count() >= 30
    assert Teknologi.objects.filter(status="diajukan", diusulkan_pos__slug="gambir").count() == 1
    assert not published.filter(is_demo=False).exists()
    assert all(t.deskripsi.startswith("[DEMO]") for t in published)
    # Every published technology has a real guide: steps, safety, maintenance, troubleshooting.
    for panduan in Panduan.objects.filter(teknologi__in=published).prefetch_related(
        "langkah_set", "perawatan_set", "masalah_set"
    ):
        assert len(panduan.langkah_set.all()) >= 5
        assert panduan.keselamatan_list and panduan.perawatan_set.all() and panduan.masalah_set.all()
    assert Panduan.objects.filter(teknologi__in=published).count() == published.count()
    for nama in [
        "Alat Pemeras Santan",
        "Mesin Pencacah Plastik",
        "Pengering Ikan Tenaga Surya",
        "Pompa Hidram",
        "Biodigester Biogas",
        "Mesin Pengaduk Dodol",
        "Alat Penyuling Minyak Atsiri",
    ]:
        assert published.filter(nama=nama).exists(), nama
    assert Adopsi.objects.filter(status=StatusAdopsi.DISETUJUI).count() >= 20
    assert Adopsi.objects.filter(status=StatusAdopsi.MENUNGGU, pemilik__email="ukm1@posyantek.test").count() == 1

    near, far = KampanyeUrunBeli.objects.order_by("target_jumlah").reverse()
    assert all(k.is_demo and k.status == StatusKampanye.TERBUKA for k in (near, far))
    assert (near.jumlah_terjanji, near.target_jumlah) == (8, 10)
    assert 0 < far.jumlah_terjanji < far.target_jumlah
