"""Factories of a post's records. Every factory needs ``pos=`` (or its parent) from the caller."""

import datetime

import factory

from posyantek.models import (
    Dokumen,
    Inventaris,
    Jabatan,
    JenisInventaris,
    JenisLayanan,
    JenisMitra,
    Kabar,
    KabarFoto,
    KategoriDokumen,
    Kepengurusan,
    LogLayanan,
    Mitra,
    Pengurus,
    UnitKelurahan,
)
from tests.hostile_files import VALID_JPEG, VALID_PDF

HARI_INI = datetime.date.today()


class KepengurusanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kepengurusan

    mulai = factory.LazyFunction(lambda: HARI_INI - datetime.timedelta(days=200))
    selesai = factory.LazyAttribute(lambda o: o.mulai.replace(year=o.mulai.year + 3) - datetime.timedelta(days=1))
    nomor_sk = factory.Sequence(lambda n: f"SK-{n}/PENGURUS/2025")


class PengurusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pengurus

    jabatan = Jabatan.ANGGOTA
    nama = factory.Faker("name", locale="id_ID")
    telepon = "0812-0000-1111"


def pengurus_lengkap(kepengurusan):
    """The five core positions filled."""
    for jabatan in [
        Jabatan.KETUA,
        Jabatan.SEKRETARIS,
        Jabatan.BENDAHARA,
        Jabatan.SEKSI_PENGEMBANGAN,
        Jabatan.SEKSI_PELAYANAN,
    ]:
        PengurusFactory(kepengurusan=kepengurusan, jabatan=jabatan)
    return kepengurusan


class InventarisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inventaris

    nama = factory.Sequence(lambda n: f"Laptop {n}")
    jenis = JenisInventaris.KOMPUTER
    jumlah = 1


class LogLayananFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LogLayanan

    tanggal = factory.LazyFunction(lambda: HARI_INI)
    jenis = JenisLayanan.TEKNIS
    petugas = "Operator"
    penerima = factory.Sequence(lambda n: f"UKM Keripik {n}")
    topik = "Konsultasi mesin pengemas"


class UnitKelurahanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitKelurahan

    kelurahan = factory.LazyAttribute(lambda o: o.pos.kecamatan.kelurahan_set.order_by("kode").first())
    koordinator = "Koordinator Unit"
    telepon = "0813-1111-2222"


class MitraFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mitra

    nama = factory.Sequence(lambda n: f"Universitas Mitra {n}")
    jenis = JenisMitra.PERGURUAN_TINGGI
    kerja_sama = "Pendampingan desain kemasan"
    kontak_nama = "Dr. Kontak Rahasia"
    kontak_telepon = "0814-2222-3333"


class DokumenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dokumen

    judul = factory.Sequence(lambda n: f"Laporan kegiatan {n}")
    kategori = KategoriDokumen.LAPORAN
    tanggal = factory.LazyFunction(lambda: HARI_INI)
    berkas = factory.django.FileField(filename="laporan.pdf", data=VALID_PDF)
    ukuran = len(VALID_PDF)


class KabarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kabar

    judul = factory.Sequence(lambda n: f"Pelatihan pengemasan {n}")
    isi = "Sebanyak 20 UKM mengikuti pelatihan pengemasan produk."
    tanggal = factory.LazyFunction(lambda: HARI_INI)
    is_terbit = True


class KabarFotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KabarFoto

    foto = factory.django.ImageField(filename="foto.jpg", data=VALID_JPEG)
    keterangan = "Peserta pelatihan"
