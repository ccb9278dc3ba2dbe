"""factory_boy factories for training and Relawan TIK. Rows are built like the services would
(models validate on save through the services; factories are for arranging a test's world)."""

from datetime import timedelta

import factory
from django.utils import timezone

from pelatihan.models import AktivitasRelawan, Jadwal, Pendaftaran, PenugasanRelawan, Program, ProgramTopik, Relawan
from posyantek.models import Kecamatan
from tests.factories import UserFactory


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program
        skip_postgeneration_save = True

    pos = None
    nama = factory.Sequence(lambda n: f"Program E-Literasi {n}")
    jenis = Program.Jenis.E_LITERASI
    pilar = Program.Pilar.CAKAP
    deskripsi = "Belajar internet untuk usaha."

    @factory.post_generation
    def topik(obj, create, extracted, **kwargs):
        if create:
            for kode in extracted or ["internet_dasar"]:
                ProgramTopik.objects.create(program=obj, topik=kode)


class JadwalFactory(factory.django.DjangoModelFactory):
    """An upcoming published session (in 3 days, 09.00–12.00 Jakarta) of a provincial programme."""

    class Meta:
        model = Jadwal
        skip_postgeneration_save = True

    pos = None  # pass pos=...
    program = factory.SubFactory(ProgramFactory)
    mulai = factory.LazyFunction(
        lambda: (timezone.localtime() + timedelta(days=3)).replace(hour=9, minute=0, second=0, microsecond=0)
    )
    selesai = factory.LazyAttribute(lambda o: o.mulai + timedelta(hours=3))
    mode = Jadwal.Mode.TATAP_MUKA
    tempat = "Aula kecamatan"
    kapasitas = 10
    status = Jadwal.Status.TERBIT


class PendaftaranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pendaftaran

    jadwal = None
    user = factory.SubFactory(UserFactory)
    nama = factory.LazyAttribute(lambda o: o.user.nama if o.user else "Peserta")
    status = Pendaftaran.Status.TERKONFIRMASI


class RelawanFactory(factory.django.DjangoModelFactory):
    """An accepted Relawan TIK; pass ``pos=[...]`` to assign them."""

    class Meta:
        model = Relawan
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    telepon = "081234567890"
    domisili = factory.LazyFunction(lambda: Kecamatan.objects.get(slug="gambir"))
    pendidikan = Relawan.Pendidikan.SARJANA
    pekerjaan = "Guru TIK"
    ketersediaan = ["akhir_pekan"]
    motivasi = "Ingin membantu UKM di sekitar saya belajar internet."
    setuju_kode_etik_at = factory.LazyFunction(timezone.now)
    status = Relawan.Status.DITERIMA
    diajukan_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))
    diputuskan_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def pos(obj, create, extracted, **kwargs):
        if create:
            for pos in extracted or []:
                PenugasanRelawan.objects.create(relawan=obj, pos=pos)


class AktivitasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AktivitasRelawan

    relawan = None
    pos = None
    tanggal = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=2))
    jam = 2
    jenis = AktivitasRelawan.Jenis.MENGAJAR
    catatan = "Mengajar kelas dasar."
