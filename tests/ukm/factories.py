"""factory_boy factories of the UKM registry. Derived fields (post, class, search key) are set the
way the services set them, so a factory-made business looks exactly like a registered one."""

import io

import factory
from django.core.files.base import ContentFile
from PIL import Image

from posyantek.models import Kelurahan
from tests.factories import UserFactory
from ukm.models import FotoProduk, KlaimUkm, Pendampingan, Produk, Ukm
from ukm.services import ukm_lengkapi


def kelurahan(nama: str, kecamatan: str | None = None) -> Kelurahan:
    qs = Kelurahan.objects.select_related("kecamatan").filter(nama=nama)
    if kecamatan:
        qs = qs.filter(kecamatan__nama=kecamatan)
    return qs.get()


class UkmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ukm

    nama = factory.Sequence(lambda n: f"Usaha Uji {n}")
    pemilik_nama = factory.Faker("name", locale="id_ID")
    pemilik_nik = factory.Sequence(lambda n: f"3171010000{n:06d}")
    pemilik_telepon = factory.Sequence(lambda n: f"0812000{n:05d}")
    pemilik_email = factory.Sequence(lambda n: f"pemilik{n}@contoh.test")
    alamat = factory.Sequence(lambda n: f"Jl. Rahasia No. {n}")
    kelurahan = factory.LazyFunction(lambda: kelurahan("Cideng"))
    bidang = "kuliner"
    hasil_penjualan_tahunan = 150_000_000

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = model_class(*args, **kwargs)
        ukm_lengkapi(ukm=obj)
        obj.save()
        return obj


class ProdukFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Produk

    ukm = factory.SubFactory(UkmFactory)
    nama = factory.Sequence(lambda n: f"Produk {n}")
    harga = 25_000


def jpeg_bytes(width: int = 120, height: int = 90, color=(200, 120, 40)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buf, "JPEG")
    return buf.getvalue()


class FotoProdukFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FotoProduk

    produk = factory.SubFactory(ProdukFactory)
    gambar = factory.LazyFunction(lambda: ContentFile(jpeg_bytes(), name="foto.jpg"))


class PendampinganFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pendampingan

    ukm = factory.SubFactory(UkmFactory)
    tanggal = factory.Faker("date_between", start_date="-1y", end_date="today")
    jenis = "konsultasi"
    pendamping = "Operator Uji"
    catatan = factory.Sequence(lambda n: f"Catatan pendampingan rahasia {n}")


class KlaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KlaimUkm

    ukm = factory.SubFactory(UkmFactory, nib=factory.Sequence(lambda n: f"91200{n:08d}"))
    user = factory.SubFactory(UserFactory, is_pemilik_ukm=True)
    pesan = "Saya pemilik usaha ini."
