"""Factories of the Lomba. Competitions are built through the services, like the product does."""

from decimal import Decimal

import factory

from lomba import services
from lomba.models import Kategori, Lomba, Status, SumberHasil, Tingkat
from tests.factories import UserFactory


class JuriFactory(UserFactory):
    email = factory.Sequence(lambda n: f"juri.uji{n}@posyantek.test")
    is_juri = True


class LombaFactory(factory.django.DjangoModelFactory):
    """A bare competition row (no stages); use ``lomba_dengan_templat`` for a real one."""

    class Meta:
        model = Lomba

    nama = factory.Sequence(lambda n: f"Lomba Uji {n}")
    tahun = factory.Sequence(lambda n: 2001 + n)
    kategori = Kategori.POSYANTEK_BERPRESTASI
    tingkat = Tingkat.PROVINSI
    status = Status.DRAFT
    sumber_hasil = SumberHasil.PENILAIAN


def lomba_dengan_templat(
    *,
    oleh,
    tahun=2025,
    tingkat=Tingkat.PROVINSI,
    kategori=Kategori.POSYANTEK_BERPRESTASI,
    kota=None,
    sumber_hasil=SumberHasil.PENILAIAN,
    nama="",
):
    return services.lomba_buat(
        tahun=tahun, kategori=kategori, tingkat=tingkat, kota=kota, oleh=oleh, sumber_hasil=sumber_hasil, nama=nama
    )


def lomba_penilaian(*, oleh, pos_list, juri_list, tahun=2025, **kwargs):
    """A competition open for scoring, with the given posts entered and juri assigned."""
    lomba = lomba_dengan_templat(oleh=oleh, tahun=tahun, **kwargs)
    peserta = [services.peserta_pos_buat(lomba=lomba, pos=pos, oleh=oleh) for pos in pos_list]
    for juri in juri_list:
        services.penugasan_buat(lomba=lomba, juri=juri, oleh=oleh)
    services.lomba_penilaian_mulai(lomba=lomba, oleh=oleh)
    lomba.refresh_from_db()
    return lomba, peserta


def kriteria_ids(lomba) -> list[int]:
    from lomba.models import Kriteria

    return list(
        Kriteria.objects.filter(tahap__lomba=lomba).order_by("tahap__urutan", "urutan").values_list("pk", flat=True)
    )


def nilai_semua(*, juri, peserta, nilai) -> None:
    """Score every criterion of the entry with ``nilai`` (one value, or a list in criterion order)."""
    ids = kriteria_ids(peserta.lomba)
    values = nilai if isinstance(nilai, list) else [nilai] * len(ids)
    services.nilai_simpan(
        oleh=juri, peserta=peserta, nilai={k: Decimal(str(v)) for k, v in zip(ids, values, strict=True)}
    )
