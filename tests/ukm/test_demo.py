"""seed_demo: believable fictional businesses in all 44 posts, built through the services, twice-safe."""

import io

import pytest
from django.core.management import call_command
from PIL import Image

from posyantek.demo import DEMO_MARK
from ukm.models import FotoProduk, KlaimUkm, Pendampingan, Produk, Ukm

pytestmark = pytest.mark.django_db


def test_seed_demo_fills_every_post_and_is_repeatable(wilayah, settings):
    call_command("seed_demo", password="demo-password-panjang-1")
    counts = (Ukm.objects.count(), Produk.objects.count(), FotoProduk.objects.count(), Pendampingan.objects.count())
    call_command("seed_demo", password="demo-password-panjang-1")
    assert (
        Ukm.objects.count(),
        Produk.objects.count(),
        FotoProduk.objects.count(),
        Pendampingan.objects.count(),
    ) == counts
    assert Ukm.objects.values("pos").distinct().count() == 44
    assert counts[0] >= 44 * 4 and counts[1] >= counts[0] and counts[3] > 0
    assert not Ukm.objects.exclude(deskripsi__startswith=DEMO_MARK).exists()
    # Class computed, history recorded by the post's operator, several classes present.
    assert set(Ukm.objects.values_list("kelas", flat=True)) >= {"mikro", "kecil"}
    sample = Ukm.objects.filter(pos__slug="tambora").first()
    assert sample.history.last().history_user.email == "operator.tambora@posyantek.test"
    # Visibly fictional identity numbers: birth date 00-00-00 in every NIK, NIBs starting 0000.
    for nik, nib in Ukm.objects.values_list("pemilik_nik", "nib"):
        assert len(nik) == 16 and nik[6:12] == "000000"
        assert nib == "" or nib.startswith("0000")
    # Photos drawn here, re-encoded like uploads.
    foto = FotoProduk.objects.first()
    with Image.open(io.BytesIO((settings.MEDIA_ROOT / foto.gambar.name).read_bytes())) as image:
        assert image.format == "JPEG" and not image.getexif()
    # The directory has content, and ukm1 has a business and a claim waiting.
    assert Ukm.objects.published().count() > 44
    owned = Ukm.objects.get(pemilik__email="ukm1@posyantek.test")
    assert owned.is_published and owned.produk_set.count() == 2
    assert KlaimUkm.objects.filter(user__email="ukm1@posyantek.test", status="menunggu").count() == 1


def test_ukm_reindeks_rebuilds_keys_of_rows_loaded_without_services(wilayah, capsys):
    from ukm.models import Ukm

    from .factories import UkmFactory, kelurahan

    ukm = UkmFactory(
        nama="Soto Betawi Haji Mamat", kelurahan=kelurahan("Harapan Mulia"), hasil_penjualan_tahunan=3 * 10**9
    )
    Ukm.objects.filter(pk=ukm.pk).update(search_text="", search_publik="", kelas="")
    call_command("ukm_reindeks")
    ukm.refresh_from_db()
    assert ukm.kelas == "kecil" and "mulya" in ukm.search_text.split() and "soto" in ukm.search_publik
    assert "1 UKM diperiksa, 1 diperbarui." in capsys.readouterr().out
    call_command("ukm_reindeks")
    assert "1 UKM diperiksa, 0 diperbarui." in capsys.readouterr().out
