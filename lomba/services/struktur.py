"""Competitions and their structure: stages, criteria, weights, tie-break (draft only)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from lomba import templat
from lomba.models import Kategori, Kriteria, Lomba, Status, SumberHasil, Tahap, Tingkat, angka
from lomba.services.aturan import SERATUS, lomba_draf_pastikan, lomba_kunci
from posyantek.models import Kota, User
from posyantek.services.unik import simpan_unik


def nama_bawaan_buat(*, tahun: int, kategori: str, tingkat: str, kota: Kota | None) -> str:
    wilayah = kota.nama_pendek if kota else ("DKI Jakarta" if tingkat != Tingkat.NASIONAL else "")
    with translation.override("id"):
        parts = [_("Lomba"), str(Kategori(kategori).label), _("Tingkat"), str(Tingkat(tingkat).label)]
    if wilayah:
        parts.append(wilayah)
    parts.append(str(tahun))
    return " ".join(parts)


@transaction.atomic
def lomba_buat(
    *,
    tahun: int,
    kategori: str,
    tingkat: str,
    oleh: User | None,
    nama: str = "",
    kota: Kota | None = None,
    sumber_hasil: str = SumberHasil.PENILAIAN,
    deskripsi: str = "",
    pakai_templat: bool = True,
) -> Lomba:
    """Create a competition, by default with the portal's template of stages and criteria."""
    if tingkat == Tingkat.KOTA and kota is None:
        raise ValidationError(_("Pilih kota/kabupaten untuk lomba tingkat kota."))
    if tingkat != Tingkat.KOTA:
        kota = None
    if sumber_hasil == SumberHasil.IMPOR and tingkat != Tingkat.NASIONAL:
        raise ValidationError(_("Impor hasil dari CSV hanya untuk lomba tingkat nasional."))
    if Lomba.objects.filter(tahun=tahun, kategori=kategori, tingkat=tingkat, kota=kota).exists():
        raise ValidationError(_("Lomba dengan tahun, kategori, dan tingkat yang sama sudah ada."))
    lomba = Lomba(
        tahun=tahun,
        kategori=kategori,
        tingkat=tingkat,
        kota=kota,
        sumber_hasil=sumber_hasil,
        nama=(nama or "").strip() or nama_bawaan_buat(tahun=tahun, kategori=kategori, tingkat=tingkat, kota=kota),
        deskripsi=deskripsi,
        created_by=oleh,
    )
    lomba.full_clean()
    simpan_unik(lomba)
    if pakai_templat and sumber_hasil == SumberHasil.PENILAIAN:
        _terapkan_templat(lomba)
    return lomba


def _terapkan_templat(lomba: Lomba) -> None:
    """Stored in Indonesian whatever language the admin reads in: these names are data."""
    with translation.override("id"):
        seri_tahap = seri_kriteria = None
        for index, (nama, bobot, keterangan, kriteria) in enumerate(templat.TAHAP):
            tahap = Tahap.objects.create(
                lomba=lomba, nama=str(nama), bobot=bobot, urutan=index + 1, keterangan=str(keterangan)
            )
            for urutan, (kunci, bobot_k) in enumerate(kriteria.items(), start=1):
                label, deskripsi = templat.KRITERIA[kunci]
                k = Kriteria.objects.create(
                    tahap=tahap,
                    nama=str(label),
                    deskripsi=str(deskripsi),
                    urutan=urutan,
                    bobot=bobot_k,
                    skala_min=templat.SKALA_MIN,
                    skala_maks=templat.SKALA_MAKS,
                )
                if index == templat.SERI_TAHAP_INDEX and kunci == templat.SERI_KRITERIA_KUNCI:
                    seri_tahap, seri_kriteria = tahap, k
    lomba.seri_tahap, lomba.seri_kriteria, lomba.pakai_templat_bawaan = seri_tahap, seri_kriteria, True
    lomba.save(update_fields=["seri_tahap", "seri_kriteria", "pakai_templat_bawaan", "updated_at"])


@transaction.atomic
def lomba_ubah(*, lomba: Lomba, oleh: User, data: dict) -> Lomba:
    """Name, description and place may change until announced; the tie-break only in a draft."""
    lomba = lomba_kunci(lomba=lomba)
    if lomba.status == Status.DIUMUMKAN:
        raise ValidationError(_("Lomba sudah diumumkan dan tidak dapat diubah."))
    seri_berubah = ("seri_tahap" in data and data["seri_tahap"] != lomba.seri_tahap) or (
        "seri_kriteria" in data and data["seri_kriteria"] != lomba.seri_kriteria
    )
    if seri_berubah:
        lomba_draf_pastikan(lomba=lomba)
    for key in ("nama", "deskripsi", "tempat", "seri_tahap", "seri_kriteria"):
        if key in data:
            setattr(lomba, key, data[key])
    if lomba.seri_tahap is not None and lomba.seri_tahap.lomba_id != lomba.pk:
        raise ValidationError(_("Tahap penentu seri harus tahap lomba ini."))
    if lomba.seri_kriteria is not None and lomba.seri_kriteria.tahap.lomba_id != lomba.pk:
        raise ValidationError(_("Kriteria penentu seri harus kriteria lomba ini."))
    if seri_berubah:
        lomba.pakai_templat_bawaan = False
    lomba.full_clean()
    simpan_unik(lomba)
    return lomba


def lomba_struktur_periksa(*, lomba: Lomba) -> list[str]:
    """Everything that keeps the competition from opening for scoring (empty = ready)."""
    masalah: list[str] = []
    tahap_list = list(lomba.tahap_set.prefetch_related("kriteria_set"))
    if not tahap_list:
        return [_("Lomba belum memiliki tahap penilaian.")]
    jumlah = sum((t.bobot for t in tahap_list), Decimal(0))
    if jumlah != SERATUS:
        masalah.append(_("Jumlah bobot tahap harus 100%% (sekarang %(n)s%%).") % {"n": angka(jumlah)})
    for tahap in tahap_list:
        kriteria = list(tahap.kriteria_set.all())
        if not kriteria:
            masalah.append(_("Tahap “%(t)s” belum memiliki kriteria.") % {"t": tahap.nama})
            continue
        jumlah_k = sum((k.bobot for k in kriteria), Decimal(0))
        if jumlah_k != SERATUS:
            masalah.append(
                _("Jumlah bobot kriteria tahap “%(t)s” harus 100%% (sekarang %(n)s%%).")
                % {"t": tahap.nama, "n": angka(jumlah_k)}
            )
        for k in kriteria:
            if k.skala_maks <= k.skala_min:
                masalah.append(_("Skala kriteria “%(k)s” tidak valid.") % {"k": k.nama})
    return masalah


def _struktur_berubah(lomba: Lomba) -> None:
    if lomba.pakai_templat_bawaan:
        lomba.pakai_templat_bawaan = False
        lomba.save(update_fields=["pakai_templat_bawaan", "updated_at"])


@transaction.atomic
def tahap_buat(*, lomba: Lomba, oleh: User, nama: str, bobot: Decimal, urutan: int = 0, keterangan: str = "") -> Tahap:
    lomba = lomba_kunci(lomba=lomba)
    lomba_draf_pastikan(lomba=lomba)
    if not urutan:
        urutan = lomba.tahap_set.count() + 1
    tahap = Tahap(lomba=lomba, nama=nama, bobot=bobot, urutan=urutan, keterangan=keterangan)
    tahap.full_clean()
    tahap.save()
    _struktur_berubah(lomba)
    return tahap


@transaction.atomic
def tahap_ubah(*, tahap: Tahap, oleh: User, data: dict) -> Tahap:
    lomba = lomba_kunci(lomba=tahap.lomba)
    lomba_draf_pastikan(lomba=lomba)
    for key in ("nama", "bobot", "urutan", "keterangan"):
        if key in data:
            setattr(tahap, key, data[key])
    tahap.full_clean()
    tahap.save()
    _struktur_berubah(lomba)
    return tahap


@transaction.atomic
def tahap_hapus(*, tahap: Tahap, oleh: User) -> None:
    lomba = lomba_kunci(lomba=tahap.lomba)
    lomba_draf_pastikan(lomba=lomba)
    tahap.delete()
    _struktur_berubah(lomba)


@transaction.atomic
def kriteria_buat(
    *,
    tahap: Tahap,
    oleh: User,
    nama: str,
    bobot: Decimal,
    deskripsi: str = "",
    urutan: int = 0,
    skala_min: Decimal = templat.SKALA_MIN,
    skala_maks: Decimal = templat.SKALA_MAKS,
) -> Kriteria:
    lomba = lomba_kunci(lomba=tahap.lomba)
    lomba_draf_pastikan(lomba=lomba)
    if not urutan:
        urutan = tahap.kriteria_set.count() + 1
    kriteria = Kriteria(
        tahap=tahap,
        nama=nama,
        bobot=bobot,
        deskripsi=deskripsi,
        urutan=urutan,
        skala_min=skala_min,
        skala_maks=skala_maks,
    )
    _cek_skala(kriteria)
    kriteria.full_clean()
    kriteria.save()
    _struktur_berubah(lomba)
    return kriteria


def _cek_skala(kriteria: Kriteria) -> None:
    if kriteria.skala_min is not None and kriteria.skala_maks is not None and kriteria.skala_maks <= kriteria.skala_min:
        raise ValidationError({"skala_maks": _("Nilai tertinggi harus lebih besar daripada nilai terendah.")})
    if kriteria.skala_min is not None and kriteria.skala_min < 0:
        raise ValidationError({"skala_min": _("Nilai terendah tidak boleh negatif.")})


@transaction.atomic
def kriteria_ubah(*, kriteria: Kriteria, oleh: User, data: dict) -> Kriteria:
    lomba = lomba_kunci(lomba=kriteria.tahap.lomba)
    lomba_draf_pastikan(lomba=lomba)
    for key in ("nama", "deskripsi", "bobot", "urutan", "skala_min", "skala_maks"):
        if key in data:
            setattr(kriteria, key, data[key])
    _cek_skala(kriteria)
    kriteria.full_clean()
    kriteria.save()
    _struktur_berubah(lomba)
    return kriteria


@transaction.atomic
def kriteria_hapus(*, kriteria: Kriteria, oleh: User) -> None:
    lomba = lomba_kunci(lomba=kriteria.tahap.lomba)
    lomba_draf_pastikan(lomba=lomba)
    kriteria.delete()
    _struktur_berubah(lomba)


@transaction.atomic
def bobot_simpan(
    *, lomba: Lomba, oleh: User, bobot_tahap: dict[int, Decimal], bobot_kriteria: dict[int, Decimal]
) -> None:
    """Set every weight at once; refused unless stage weights and each stage's criterion weights add
    up to 100. Ids of another competition are refused."""
    lomba = lomba_kunci(lomba=lomba)
    lomba_draf_pastikan(lomba=lomba)
    tahap_list = list(lomba.tahap_set.prefetch_related("kriteria_set"))
    tahap_ids = {t.pk for t in tahap_list}
    kriteria_ids = {k.pk for t in tahap_list for k in t.kriteria_set.all()}
    if set(bobot_tahap) - tahap_ids or set(bobot_kriteria) - kriteria_ids:
        raise ValidationError(_("Tahap atau kriteria tidak dikenal di lomba ini."))
    errors = []
    for value in [*bobot_tahap.values(), *bobot_kriteria.values()]:
        if value is None or not value.is_finite() or value < 0 or value > SERATUS:
            raise ValidationError(_("Setiap bobot harus antara 0 dan 100."))
    jumlah = sum((bobot_tahap.get(t.pk, t.bobot) for t in tahap_list), Decimal(0))
    if jumlah != SERATUS:
        errors.append(_("Jumlah bobot tahap harus 100%% (sekarang %(n)s%%).") % {"n": angka(jumlah)})
    for t in tahap_list:
        jumlah_k = sum((bobot_kriteria.get(k.pk, k.bobot) for k in t.kriteria_set.all()), Decimal(0))
        if t.kriteria_set.all() and jumlah_k != SERATUS:
            errors.append(
                _("Jumlah bobot kriteria tahap “%(t)s” harus 100%% (sekarang %(n)s%%).")
                % {"t": t.nama, "n": angka(jumlah_k)}
            )
    if errors:
        raise ValidationError(errors)
    for t in tahap_list:
        if t.pk in bobot_tahap and t.bobot != bobot_tahap[t.pk]:
            t.bobot = bobot_tahap[t.pk]
            t.full_clean()
            t.save(update_fields=["bobot"])
        for k in t.kriteria_set.all():
            if k.pk in bobot_kriteria and k.bobot != bobot_kriteria[k.pk]:
                k.bobot = bobot_kriteria[k.pk]
                k.full_clean()
                k.save(update_fields=["bobot"])
    _struktur_berubah(lomba)
