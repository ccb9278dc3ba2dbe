"""Writes of the Lomba. Keyword-only, typed, atomic; refusals raise ValidationError in Indonesian.

Who may call what is checked by the views (admin provinsi for the structure, entries, juri and
status; the assigned juri for scores; the post's operator for its documents). The rules that keep a
ranking trustworthy live here, so no view can skip them:

- the structure (stages, criteria, weights, tie-break) changes only while the competition is a
  draft, and it cannot open for scoring unless every weight adds up to 100;
- a juri scores only the competitions and entries assigned to them, never a post they are tied to,
  and only within each criterion's scale;
- finalising needs every expected score, stores the ranking on the entries, and from then on every
  score edit is refused (the history of every score stays);
- the national results CSV is applied all-or-nothing.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from posyantek.models import Kota, Pos, User, normalisasi_nama
from posyantek.lomba import impor as impor_csv
from posyantek.lomba import selectors, templat
from posyantek.lomba.models import (
    angka,
    TINGKAT_URUTAN,
    DokumenPeserta,
    ImporNasional,
    ImporStatus,
    JuriPos,
    Kategori,
    Kriteria,
    Lomba,
    Nilai,
    PenugasanJuri,
    Peserta,
    Status,
    SumberHasil,
    Tahap,
    Tingkat,
)

SERATUS = Decimal(100)
MAKS_DOKUMEN = 20


def _kunci(lomba: Lomba) -> Lomba:
    """The competition row, locked until the end of the transaction: a score saved while the
    competition is being finalised waits, then sees the new status and is refused."""
    return Lomba.objects.select_for_update().get(pk=lomba.pk)


def _wajib_draf(lomba: Lomba) -> None:
    if lomba.status != Status.DRAFT:
        raise ValidationError(
            _("Struktur penilaian (tahap, kriteria, bobot, penentu seri) hanya dapat diubah selama lomba berstatus draf.")
        )


def _wajib_belum_final(lomba: Lomba, pesan: str | None = None) -> None:
    if lomba.is_selesai:
        raise ValidationError(pesan or _("Lomba sudah final: data penilaiannya dibekukan dan tidak dapat diubah."))


# --- Competitions and their structure -------------------------------------------------------------


def nama_bawaan(*, tahun: int, kategori: str, tingkat: str, kota: Kota | None) -> str:
    wilayah = kota.nama_pendek if kota else ("DKI Jakarta" if tingkat != Tingkat.NASIONAL else "")
    with translation.override("id"):
        parts = [_("Lomba"), str(Kategori(kategori).label), _("Tingkat"), str(Tingkat(tingkat).label)]
    if wilayah:
        parts.append(wilayah)
    parts.append(str(tahun))
    return " ".join(parts)


@transaction.atomic
def lomba_create(
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
        tahun=tahun, kategori=kategori, tingkat=tingkat, kota=kota, sumber_hasil=sumber_hasil,
        nama=(nama or "").strip() or nama_bawaan(tahun=tahun, kategori=kategori, tingkat=tingkat, kota=kota),
        deskripsi=deskripsi, created_by=oleh,
    )
    lomba.full_clean()
    lomba.save()
    if pakai_templat and sumber_hasil == SumberHasil.PENILAIAN:
        _terapkan_templat(lomba)
    return lomba


def _terapkan_templat(lomba: Lomba) -> None:
    """Stored in Indonesian whatever language the admin reads in: these names are data."""
    with translation.override("id"):
        seri_tahap = seri_kriteria = None
        for index, (nama, bobot, keterangan, kriteria) in enumerate(templat.TAHAP):
            tahap = Tahap.objects.create(lomba=lomba, nama=str(nama), bobot=bobot, urutan=index + 1,
                                         keterangan=str(keterangan))
            for urutan, (kunci, bobot_k) in enumerate(kriteria.items(), start=1):
                label, deskripsi = templat.KRITERIA[kunci]
                k = Kriteria.objects.create(
                    tahap=tahap, nama=str(label), deskripsi=str(deskripsi), urutan=urutan, bobot=bobot_k,
                    skala_min=templat.SKALA_MIN, skala_maks=templat.SKALA_MAKS,
                )
                if index == templat.SERI_TAHAP_INDEX and kunci == templat.SERI_KRITERIA_KUNCI:
                    seri_tahap, seri_kriteria = tahap, k
    lomba.seri_tahap, lomba.seri_kriteria, lomba.pakai_templat_bawaan = seri_tahap, seri_kriteria, True
    lomba.save(update_fields=["seri_tahap", "seri_kriteria", "pakai_templat_bawaan", "updated_at"])


@transaction.atomic
def lomba_update(*, lomba: Lomba, oleh: User, data: dict) -> Lomba:
    """Name, description and place may change until announced; the tie-break only in a draft."""
    lomba = _kunci(lomba)
    if lomba.status == Status.DIUMUMKAN:
        raise ValidationError(_("Lomba sudah diumumkan dan tidak dapat diubah."))
    seri_berubah = ("seri_tahap" in data and data["seri_tahap"] != lomba.seri_tahap) or (
        "seri_kriteria" in data and data["seri_kriteria"] != lomba.seri_kriteria
    )
    if seri_berubah:
        _wajib_draf(lomba)
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
    lomba.save()
    return lomba


def periksa_struktur(lomba: Lomba) -> list[str]:
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
def tahap_create(*, lomba: Lomba, oleh: User, nama: str, bobot: Decimal, urutan: int = 0, keterangan: str = "") -> Tahap:
    lomba = _kunci(lomba)
    _wajib_draf(lomba)
    if not urutan:
        urutan = lomba.tahap_set.count() + 1
    tahap = Tahap(lomba=lomba, nama=nama, bobot=bobot, urutan=urutan, keterangan=keterangan)
    tahap.full_clean()
    tahap.save()
    _struktur_berubah(lomba)
    return tahap


@transaction.atomic
def tahap_update(*, tahap: Tahap, oleh: User, data: dict) -> Tahap:
    lomba = _kunci(tahap.lomba)
    _wajib_draf(lomba)
    for key in ("nama", "bobot", "urutan", "keterangan"):
        if key in data:
            setattr(tahap, key, data[key])
    tahap.full_clean()
    tahap.save()
    _struktur_berubah(lomba)
    return tahap


@transaction.atomic
def tahap_delete(*, tahap: Tahap, oleh: User) -> None:
    lomba = _kunci(tahap.lomba)
    _wajib_draf(lomba)
    tahap.delete()
    _struktur_berubah(lomba)


@transaction.atomic
def kriteria_create(
    *, tahap: Tahap, oleh: User, nama: str, bobot: Decimal, deskripsi: str = "", urutan: int = 0,
    skala_min: Decimal = templat.SKALA_MIN, skala_maks: Decimal = templat.SKALA_MAKS,
) -> Kriteria:
    lomba = _kunci(tahap.lomba)
    _wajib_draf(lomba)
    if not urutan:
        urutan = tahap.kriteria_set.count() + 1
    kriteria = Kriteria(tahap=tahap, nama=nama, bobot=bobot, deskripsi=deskripsi, urutan=urutan,
                        skala_min=skala_min, skala_maks=skala_maks)
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
def kriteria_update(*, kriteria: Kriteria, oleh: User, data: dict) -> Kriteria:
    lomba = _kunci(kriteria.tahap.lomba)
    _wajib_draf(lomba)
    for key in ("nama", "deskripsi", "bobot", "urutan", "skala_min", "skala_maks"):
        if key in data:
            setattr(kriteria, key, data[key])
    _cek_skala(kriteria)
    kriteria.full_clean()
    kriteria.save()
    _struktur_berubah(lomba)
    return kriteria


@transaction.atomic
def kriteria_delete(*, kriteria: Kriteria, oleh: User) -> None:
    lomba = _kunci(kriteria.tahap.lomba)
    _wajib_draf(lomba)
    kriteria.delete()
    _struktur_berubah(lomba)


@transaction.atomic
def bobot_simpan(*, lomba: Lomba, oleh: User, bobot_tahap: dict[int, Decimal], bobot_kriteria: dict[int, Decimal]) -> None:
    """Set every weight at once; refused unless stage weights and each stage's criterion weights add
    up to 100. Ids of another competition are refused."""
    lomba = _kunci(lomba)
    _wajib_draf(lomba)
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


# --- Entries and their documents -------------------------------------------------------------------


def _cek_peserta_boleh_berubah(lomba: Lomba) -> None:
    _wajib_belum_final(lomba, _("Lomba sudah final: daftar peserta tidak dapat diubah."))


@transaction.atomic
def peserta_create_pos(*, lomba: Lomba, pos: Pos, oleh: User | None, judul: str = "", asal: Peserta | None = None) -> Peserta:
    """Enter a DKI post. At kota level only posts of that kota."""
    lomba = _kunci(lomba)
    _cek_peserta_boleh_berubah(lomba)
    if lomba.tingkat == Tingkat.KOTA and pos.kecamatan.kota_id != lomba.kota_id:
        raise ValidationError(_("Pos ini bukan dari %(kota)s.") % {"kota": lomba.kota.nama_pendek})
    if lomba.peserta_set.filter(pos=pos).exists():
        raise ValidationError(_("%(pos)s sudah terdaftar sebagai peserta lomba ini.") % {"pos": pos.nama})
    peserta = Peserta(lomba=lomba, pos=pos, judul=judul.strip(), asal=asal, dari_dki=True, created_by=oleh)
    peserta.full_clean()
    peserta.save()
    return peserta


@transaction.atomic
def peserta_create_luar(*, lomba: Lomba, nama: str, provinsi: str, oleh: User | None, judul: str = "") -> Peserta:
    """Enter an outside entrant (national level only): a name and its province."""
    lomba = _kunci(lomba)
    _cek_peserta_boleh_berubah(lomba)
    if lomba.tingkat != Tingkat.NASIONAL:
        raise ValidationError(_("Peserta dari luar pos DKI hanya untuk lomba tingkat nasional."))
    nama, provinsi = impor_csv.bersihkan_teks(nama), impor_csv.bersihkan_teks(provinsi)
    if not nama or not provinsi:
        raise ValidationError(_("Nama peserta dan provinsinya wajib diisi."))
    kunci = (normalisasi_nama(nama), normalisasi_nama(provinsi))
    for other in lomba.peserta_set.filter(pos__isnull=True):
        if (normalisasi_nama(other.nama_luar), normalisasi_nama(other.provinsi_luar)) == kunci:
            raise ValidationError(_("Peserta ini sudah terdaftar."))
    peserta = Peserta(
        lomba=lomba, nama_luar=nama, provinsi_luar=provinsi, judul=judul.strip(),
        dari_dki=impor_csv.is_provinsi_dki(provinsi), created_by=oleh,
    )
    peserta.full_clean()
    peserta.save()
    return peserta


@transaction.atomic
def peserta_delete(*, peserta: Peserta, oleh: User) -> None:
    """Remove an entry that nobody has scored yet."""
    lomba = _kunci(peserta.lomba)
    _cek_peserta_boleh_berubah(lomba)
    if peserta.nilai_set.exists():
        raise ValidationError(_("Peserta ini sudah dinilai juri; tidak dapat dihapus agar riwayat penilaian tetap utuh."))
    for dokumen in peserta.dokumen_set.all():
        _hapus_berkas_setelah_commit(dokumen)
    peserta.delete()


@transaction.atomic
def peserta_update(*, peserta: Peserta, oleh: User, judul: str, tautan_video: str) -> Peserta:
    """The entry's title and video link, kept by its post's operator (or the admin) until final."""
    lomba = _kunci(peserta.lomba)
    _wajib_belum_final(lomba, _("Lomba sudah final: data peserta tidak dapat diubah."))
    peserta.judul, peserta.tautan_video = judul.strip(), tautan_video.strip()
    peserta.full_clean()
    peserta.save(update_fields=["judul", "tautan_video"])
    return peserta


@transaction.atomic
def peserta_set_favorit(*, peserta: Peserta, oleh: User, favorit: bool) -> Peserta:
    """The Favorit award is chosen by the committee; it can be set until the results are announced."""
    lomba = _kunci(peserta.lomba)
    if lomba.status == Status.DIUMUMKAN:
        raise ValidationError(_("Hasil lomba sudah diumumkan; penghargaan tidak dapat diubah."))
    peserta.is_favorit = favorit
    peserta.save(update_fields=["is_favorit"])
    return peserta


@transaction.atomic
def peserta_bawa_pemenang(*, dari: Lomba, ke: Lomba, oleh: User, peringkat_maks: int = 1) -> list[Peserta]:
    """Carry the winners (rank ≤ ``peringkat_maks``) of a finished lower-level competition of the same
    category into ``ke``, remembering where each came from. Posts already entered are skipped."""
    ke = _kunci(ke)
    _cek_peserta_boleh_berubah(ke)
    dari = Lomba.objects.get(pk=dari.pk)
    if dari.kategori != ke.kategori:
        raise ValidationError(_("Kategori kedua lomba harus sama."))
    if TINGKAT_URUTAN[Tingkat(dari.tingkat)] >= TINGKAT_URUTAN[Tingkat(ke.tingkat)]:
        raise ValidationError(_("Pemenang dibawa dari tingkat yang lebih rendah ke tingkat berikutnya."))
    if ke.tahun not in (dari.tahun, dari.tahun + 1):
        raise ValidationError(_("Pemenang dibawa ke lomba tahun yang sama atau tahun berikutnya."))
    if not dari.is_selesai:
        raise ValidationError(_("Pemenang hanya dapat dibawa dari lomba yang sudah final."))
    if not 1 <= peringkat_maks <= 10:
        raise ValidationError(_("Jumlah pemenang yang dibawa antara 1 dan 10."))
    sudah = set(ke.peserta_set.filter(pos__isnull=False).values_list("pos_id", flat=True))
    dibawa = []
    for p in dari.peserta_set.filter(peringkat__lte=peringkat_maks, pos__isnull=False).select_related("pos__kecamatan"):
        if p.pos_id in sudah:
            continue
        if ke.tingkat == Tingkat.KOTA and p.pos.kecamatan.kota_id != ke.kota_id:
            continue
        baru = Peserta(lomba=ke, pos=p.pos, judul=p.judul, tautan_video=p.tautan_video, asal=p, dari_dki=True,
                       created_by=oleh)
        baru.full_clean()
        baru.save()
        dibawa.append(baru)
    if not dibawa:
        raise ValidationError(_("Tidak ada pemenang baru untuk dibawa: semua sudah terdaftar."))
    return dibawa


def _hapus_berkas_setelah_commit(dokumen: DokumenPeserta) -> None:
    storage, name = dokumen.berkas.storage, dokumen.berkas.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def dokumen_upload(*, peserta: Peserta, oleh: User, judul: str, berkas: ContentFile) -> DokumenPeserta:
    """Store a document already cleaned by ``posyantek.uploads.clean_document``. Until final."""
    lomba = _kunci(peserta.lomba)
    _wajib_belum_final(lomba, _("Lomba sudah final: dokumen tidak dapat ditambah atau dihapus."))
    if peserta.dokumen_set.count() >= MAKS_DOKUMEN:
        raise ValidationError(_("Satu peserta paling banyak %(n)s dokumen.") % {"n": MAKS_DOKUMEN})
    dokumen = DokumenPeserta(peserta=peserta, judul=judul.strip(), ukuran=berkas.size, diunggah_oleh=oleh)
    dokumen.full_clean(exclude=["berkas"])
    dokumen.berkas.save(berkas.name, berkas, save=False)
    try:
        dokumen.save()
    except Exception:
        dokumen.berkas.storage.delete(dokumen.berkas.name)
        raise
    return dokumen


@transaction.atomic
def dokumen_delete(*, dokumen: DokumenPeserta, oleh: User) -> None:
    lomba = _kunci(dokumen.peserta.lomba)
    _wajib_belum_final(lomba, _("Lomba sudah final: dokumen tidak dapat ditambah atau dihapus."))
    _hapus_berkas_setelah_commit(dokumen)
    dokumen.delete()


# --- Juri ------------------------------------------------------------------------------------------


@transaction.atomic
def penugasan_create(
    *, lomba: Lomba, juri: User, oleh: User, is_nasional: bool = False, peserta: list[Peserta] | None = None
) -> PenugasanJuri:
    """Assign a juri (optionally to some entries only). A national competition is scored by national
    juri accounts only, and the national flag means nothing elsewhere."""
    lomba = _kunci(lomba)
    _wajib_belum_final(lomba, _("Lomba sudah final: penugasan juri tidak dapat diubah."))
    if lomba.is_impor:
        raise ValidationError(_("Hasil lomba ini diimpor dari panitia nasional; tidak ada juri yang menilai di portal."))
    if not (juri.is_juri and juri.is_active):
        raise ValidationError(_("Akun ini bukan akun juri yang aktif."))
    if lomba.tingkat == Tingkat.NASIONAL and not is_nasional:
        raise ValidationError(_("Lomba tingkat nasional hanya dinilai akun juri nasional: centang “juri nasional”."))
    if lomba.tingkat != Tingkat.NASIONAL and is_nasional:
        raise ValidationError(_("Tanda juri nasional hanya untuk lomba tingkat nasional."))
    if lomba.penugasan_set.filter(juri=juri).exists():
        raise ValidationError(_("Juri ini sudah ditugaskan di lomba ini."))
    peserta = list(peserta or [])
    if any(p.lomba_id != lomba.pk for p in peserta):
        raise ValidationError(_("Peserta yang dipilih bukan peserta lomba ini."))
    penugasan = PenugasanJuri(lomba=lomba, juri=juri, is_nasional=is_nasional, created_by=oleh)
    penugasan.full_clean()
    penugasan.save()
    if peserta:
        penugasan.peserta.set(peserta)
    return penugasan


@transaction.atomic
def penugasan_delete(*, penugasan: PenugasanJuri, oleh: User) -> None:
    lomba = _kunci(penugasan.lomba)
    _wajib_belum_final(lomba, _("Lomba sudah final: penugasan juri tidak dapat diubah."))
    if Nilai.objects.filter(juri=penugasan.juri, peserta__lomba=lomba).exists():
        raise ValidationError(_("Juri ini sudah memberi nilai; penugasannya tidak dapat dihapus agar riwayat penilaian tetap utuh."))
    penugasan.delete()


@transaction.atomic
def juri_pos_create(*, juri: User, pos: Pos, oleh: User, keterangan: str = "") -> JuriPos:
    """Record a juri's tie to a post. From then on the juri cannot score that post, and any score
    they gave it in a running competition no longer counts."""
    if not juri.is_juri:
        raise ValidationError(_("Akun ini bukan akun juri."))
    if JuriPos.objects.filter(juri=juri, pos=pos).exists():
        raise ValidationError(_("Keterkaitan ini sudah tercatat."))
    tie = JuriPos(juri=juri, pos=pos, keterangan=keterangan.strip(), created_by=oleh)
    tie.full_clean()
    tie.save()
    return tie


@transaction.atomic
def juri_pos_delete(*, juri_pos: JuriPos, oleh: User) -> None:
    juri_pos.delete()


@transaction.atomic
def nilai_simpan(*, juri: User, peserta: Peserta, nilai: dict[int, Decimal | None]) -> int:
    """Save a juri's scores of one entry: ``{kriteria_id: score or None}`` (None clears a score).

    All or nothing: one bad value refuses the whole form. Returns how many scores changed.
    Refused once the competition is final, for a juri not assigned to this entry, and for a juri
    tied to the entry's post (conflict of interest).
    """
    lomba = _kunci(peserta.lomba)
    if lomba.is_selesai:
        raise ValidationError(_("Lomba sudah final: semua nilai dibekukan dan tidak dapat diubah lagi."))
    if lomba.status != Status.PENILAIAN:
        raise ValidationError(_("Penilaian lomba ini belum dibuka."))
    penugasan = lomba.penugasan_set.filter(juri=juri).prefetch_related("peserta").first()
    if penugasan is None:
        raise ValidationError(_("Anda tidak ditugaskan menilai lomba ini."))
    if not selectors.penugasan_mencakup(penugasan, peserta):
        raise ValidationError(_("Peserta ini tidak termasuk yang ditugaskan kepada Anda."))
    if peserta.pos_id and peserta.pos_id in selectors.juri_terkait_pos_ids(juri):
        raise ValidationError(_("Anda terkait dengan pos ini (konflik kepentingan), sehingga tidak dapat menilainya."))
    kriteria = {k.pk: k for k in Kriteria.objects.filter(tahap__lomba=lomba)}
    errors: dict[str, list[str]] = {}
    for kid, value in nilai.items():
        k = kriteria.get(kid)
        if k is None:
            raise ValidationError(_("Kriteria tidak dikenal di lomba ini."))
        if value is None:
            continue
        if not isinstance(value, Decimal) or not value.is_finite():
            errors[f"kriteria_{kid}"] = [_("Masukkan angka.")]
        elif value < k.skala_min or value > k.skala_maks:
            errors[f"kriteria_{kid}"] = [
                _("Nilai harus antara %(min)s dan %(maks)s.") % {"min": angka(k.skala_min), "maks": angka(k.skala_maks)}
            ]
        elif value != value.quantize(Decimal("0.01")):
            errors[f"kriteria_{kid}"] = [_("Paling banyak 2 angka di belakang koma.")]
    if errors:
        raise ValidationError(errors)
    existing = {n.kriteria_id: n for n in Nilai.objects.filter(juri=juri, peserta=peserta)}
    changed = 0
    for kid, value in nilai.items():
        current = existing.get(kid)
        if value is None:
            if current is not None:
                current._history_user = juri
                current.delete()
                changed += 1
            continue
        if current is None:
            current = Nilai(peserta=peserta, kriteria=kriteria[kid], juri=juri, nilai=value)
        elif current.nilai == value:
            continue
        else:
            current.nilai = value
        current._history_user = juri
        # The entry, criterion and juri were loaded above: skip their existence queries.
        current.full_clean(exclude=["peserta", "kriteria", "juri"], validate_unique=False, validate_constraints=False)
        current.save()
        changed += 1
    return changed


# --- Status ----------------------------------------------------------------------------------------


@transaction.atomic
def lomba_mulai_penilaian(*, lomba: Lomba, oleh: User) -> Lomba:
    """Draft → penilaian: only with valid weights, at least one entry and one juri."""
    lomba = _kunci(lomba)
    if lomba.status != Status.DRAFT:
        raise ValidationError(_("Hanya lomba berstatus draf yang dapat dibuka untuk penilaian."))
    if lomba.is_impor:
        raise ValidationError(_("Hasil lomba ini diimpor dari panitia nasional; gunakan impor CSV."))
    masalah = periksa_struktur(lomba)
    if not lomba.peserta_set.exists():
        masalah.append(_("Tambahkan peserta terlebih dahulu."))
    if not lomba.penugasan_set.exists():
        masalah.append(_("Tugaskan minimal satu juri terlebih dahulu."))
    if masalah:
        raise ValidationError(masalah)
    lomba.status = Status.PENILAIAN
    lomba._history_user = oleh
    lomba.save(update_fields=["status", "updated_at"])
    return lomba


@transaction.atomic
def lomba_kembali_draf(*, lomba: Lomba, oleh: User) -> Lomba:
    """Penilaian → draft, to fix the structure, only while no score exists."""
    lomba = _kunci(lomba)
    if lomba.status != Status.PENILAIAN:
        raise ValidationError(_("Hanya lomba yang sedang dinilai yang dapat dikembalikan ke draf."))
    if Nilai.objects.filter(peserta__lomba=lomba).exists():
        raise ValidationError(_("Juri sudah memberi nilai; lomba tidak dapat dikembalikan ke draf."))
    lomba.status = Status.DRAFT
    lomba._history_user = oleh
    lomba.save(update_fields=["status", "updated_at"])
    return lomba


@transaction.atomic
def lomba_finalkan(*, lomba: Lomba, oleh: User) -> Lomba:
    """Penilaian → final: every expected score must exist. Stores the ranking on the entries (the
    frozen result every page reads) and from then on refuses every score edit."""
    lomba = _kunci(lomba)
    if lomba.status != Status.PENILAIAN:
        raise ValidationError(_("Hanya lomba yang sedang dinilai yang dapat difinalkan."))
    matriks = selectors.matriks_penilaian(lomba)
    masalah = [
        _("%(juri)s belum lengkap menilai %(n)s peserta.") % {"juri": baris.juri, "n": baris.kurang_peserta}
        for baris in matriks.baris if baris.kurang_peserta
    ]
    hasil = selectors.hasil_lomba(lomba).mentah
    if not hasil:
        masalah.append(_("Lomba ini belum memiliki peserta."))
    for h in hasil:
        if not h.lengkap:
            masalah.append(_("%(p)s belum memiliki nilai untuk semua kriteria.") % {"p": h.peserta.nama})
    if masalah:
        raise ValidationError(masalah)
    _simpan_hasil(lomba, hasil)
    lomba.status = Status.FINAL
    lomba.difinalkan_at = timezone.now()
    lomba.difinalkan_oleh = oleh
    lomba._history_user = oleh
    lomba.save(update_fields=["status", "difinalkan_at", "difinalkan_oleh", "updated_at"])
    return lomba


def _simpan_hasil(lomba: Lomba, hasil) -> None:
    peserta = {p.pk: p for p in lomba.peserta_set.all()}
    lomba.peserta_set.update(peringkat=None)
    for h in hasil:
        p = peserta[h.peserta.id]
        p.peringkat = h.peringkat
        p.nilai_akhir = h.total
        p.nilai_tahap = {str(tid): str(v) for tid, v in h.per_tahap.items() if v is not None}
        p.alasan_seri = h.diputus_oleh
        p.save(update_fields=["peringkat", "nilai_akhir", "nilai_tahap", "alasan_seri"])


@transaction.atomic
def lomba_umumkan(*, lomba: Lomba, oleh: User) -> Lomba:
    """Final → diumumkan: the results become public at /lomba/."""
    lomba = _kunci(lomba)
    if lomba.status != Status.FINAL:
        raise ValidationError(_("Hanya lomba yang sudah final yang dapat diumumkan."))
    lomba.status = Status.DIUMUMKAN
    lomba.diumumkan_at = timezone.now()
    lomba._history_user = oleh
    lomba.save(update_fields=["status", "diumumkan_at", "updated_at"])
    return lomba


# --- Percontohan -----------------------------------------------------------------------------------


@transaction.atomic
def pos_tandai_percontohan(*, pos: Pos, tahun: int, alasan: str, oleh: User) -> Pos:
    """Mark a post as a model post (percontohan) of ``tahun`` with the reason shown on its page."""
    alasan = " ".join((alasan or "").split())
    if not alasan:
        raise ValidationError(_("Alasan penetapan percontohan wajib diisi."))
    pos.is_percontohan = True
    pos.percontohan_tahun = tahun
    pos.percontohan_alasan = alasan[:255]
    pos.full_clean()
    pos.save(update_fields=["is_percontohan", "percontohan_tahun", "percontohan_alasan", "updated_at"])
    return pos


@transaction.atomic
def lomba_tandai_percontohan(*, lomba: Lomba, peserta_ids: list[int], oleh: User, alasan: str = "") -> list[Pos]:
    """Mark the chosen ranked DKI entries of a finished competition as model posts, in one step."""
    lomba = _kunci(lomba)
    if not lomba.is_selesai:
        raise ValidationError(_("Pos percontohan ditetapkan setelah lomba final."))
    if not peserta_ids:
        raise ValidationError(_("Pilih minimal satu peserta."))
    chosen = list(lomba.peserta_set.filter(pk__in=peserta_ids).select_related("pos"))
    if len(chosen) != len(set(peserta_ids)) or any(p.pos_id is None or p.peringkat is None for p in chosen):
        raise ValidationError(_("Hanya peserta pos DKI yang berperingkat dapat ditetapkan sebagai percontohan."))
    hasil = []
    for p in chosen:
        dasar = p.penghargaan or _("Peringkat %(n)s") % {"n": p.peringkat}
        hasil.append(pos_tandai_percontohan(
            pos=p.pos, tahun=lomba.tahun, alasan=alasan or f"{dasar} — {lomba.nama}", oleh=oleh,
        ))
    return hasil


# --- National results import -----------------------------------------------------------------------


@transaction.atomic
def impor_nasional_pratinjau(*, lomba: Lomba, nama_berkas: str, data: bytes, oleh: User) -> ImporNasional:
    """Read the committee's CSV and keep what was read for preview. Nothing in the ranking changes."""
    _cek_lomba_impor(lomba)
    hasil = impor_csv.baca_csv(data, cocokkan_pos=selectors.pos_cocokkan_nama())
    impor = ImporNasional(
        lomba=lomba, nama_berkas=impor_csv.bersihkan_teks(nama_berkas)[:255] or "hasil.csv",
        baris=[b.as_json() for b in hasil.baris], kesalahan=hasil.kesalahan, peringatan=hasil.peringatan,
        created_by=oleh,
    )
    impor.full_clean()
    impor.save()
    return impor


def _cek_lomba_impor(lomba: Lomba) -> None:
    if lomba.tingkat != Tingkat.NASIONAL or not lomba.is_impor:
        raise ValidationError(_("Impor CSV hanya untuk lomba tingkat nasional yang hasilnya dari panitia nasional."))
    _wajib_belum_final(lomba, _("Lomba sudah final: hasilnya tidak dapat diimpor ulang."))


@transaction.atomic
def impor_nasional_terapkan(*, impor: ImporNasional, oleh: User) -> Lomba:
    """Apply a previewed file all-or-nothing: entries created or updated, ranks and totals stored,
    the competition final. Refused when the file had any problem."""
    lomba = _kunci(impor.lomba)
    impor = ImporNasional.objects.select_for_update().get(pk=impor.pk)
    if impor.status != ImporStatus.PRATINJAU:
        raise ValidationError(_("Impor ini sudah diterapkan atau dibatalkan."))
    _cek_lomba_impor(lomba)
    if impor.kesalahan:
        raise ValidationError(_("Berkas masih memuat kesalahan; perbaiki lalu unggah ulang."))
    if not impor.baris:
        raise ValidationError(_("Berkas tidak memuat baris hasil."))
    pos_ids = {b["pos_id"] for b in impor.baris if b.get("pos_id")}
    pos_map = {p.pk: p for p in Pos.objects.filter(pk__in=pos_ids)}
    if len(pos_map) != len(pos_ids):
        raise ValidationError(_("Pos pada berkas tidak ditemukan lagi; unggah ulang berkasnya."))
    existing = list(lomba.peserta_set.all())
    by_pos = {p.pos_id: p for p in existing if p.pos_id}
    by_nama = {(normalisasi_nama(p.nama_luar), normalisasi_nama(p.provinsi_luar)): p for p in existing if not p.pos_id}
    lomba.peserta_set.update(peringkat=None, nilai_akhir=None, nilai_tahap={}, alasan_seri="")
    for b in impor.baris:
        if b.get("pos_id"):
            peserta = by_pos.get(b["pos_id"]) or Peserta(lomba=lomba, pos=pos_map[b["pos_id"]], dari_dki=True, created_by=oleh)
        else:
            key = (normalisasi_nama(b["nama"]), normalisasi_nama(b["provinsi"]))
            peserta = by_nama.get(key) or Peserta(
                lomba=lomba, nama_luar=b["nama"], provinsi_luar=b["provinsi"], dari_dki=bool(b.get("dki")), created_by=oleh
            )
        peserta.peringkat = int(b["peringkat"])
        peserta.nilai_akhir = Decimal(b["total"])
        peserta.nilai_tahap, peserta.alasan_seri = {}, ""
        peserta.full_clean(validate_constraints=False)
        peserta.save()
    lomba.status = Status.FINAL
    lomba.difinalkan_at = timezone.now()
    lomba.difinalkan_oleh = oleh
    lomba._history_user = oleh
    lomba.save(update_fields=["status", "difinalkan_at", "difinalkan_oleh", "updated_at"])
    impor.status = ImporStatus.DITERAPKAN
    impor.diterapkan_at = timezone.now()
    impor.save(update_fields=["status", "diterapkan_at"])
    lomba.impor_set.filter(status=ImporStatus.PRATINJAU).update(status=ImporStatus.DIBATALKAN)
    return lomba


@transaction.atomic
def impor_nasional_batal(*, impor: ImporNasional, oleh: User) -> None:
    if impor.status != ImporStatus.PRATINJAU:
        raise ValidationError(_("Impor ini sudah diterapkan atau dibatalkan."))
    impor.status = ImporStatus.DIBATALKAN
    impor.save(update_fields=["status"])
