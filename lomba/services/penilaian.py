"""Juri assignments, conflicts of interest, scores, the status flow up to the frozen result, and model posts."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lomba import selectors
from lomba.models import JuriPos, Kriteria, Lomba, Nilai, PenugasanJuri, Peserta, Status, Tingkat, angka
from lomba.services.aturan import lomba_belum_final_pastikan, lomba_kunci
from lomba.services.struktur import lomba_struktur_periksa
from posyantek.models import Pos, User
from posyantek.services.pos import percontohan_tetapkan
from posyantek.services.unik import simpan_unik


@transaction.atomic
def penugasan_buat(
    *, lomba: Lomba, juri: User, oleh: User, is_nasional: bool = False, peserta: list[Peserta] | None = None
) -> PenugasanJuri:
    """Assign a juri (optionally to some entries only). A national competition is scored by national
    juri accounts only, and the national flag means nothing elsewhere."""
    lomba = lomba_kunci(lomba=lomba)
    lomba_belum_final_pastikan(lomba=lomba, pesan=_("Lomba sudah final: penugasan juri tidak dapat diubah."))
    if lomba.is_impor:
        raise ValidationError(
            _("Hasil lomba ini diimpor dari panitia nasional; tidak ada juri yang menilai di portal.")
        )
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
def penugasan_hapus(*, penugasan: PenugasanJuri, oleh: User) -> None:
    lomba = lomba_kunci(lomba=penugasan.lomba)
    lomba_belum_final_pastikan(lomba=lomba, pesan=_("Lomba sudah final: penugasan juri tidak dapat diubah."))
    if Nilai.objects.filter(juri=penugasan.juri, peserta__lomba=lomba).exists():
        raise ValidationError(
            _("Juri ini sudah memberi nilai; penugasannya tidak dapat dihapus agar riwayat penilaian tetap utuh.")
        )
    penugasan.delete()


@transaction.atomic
def juri_pos_buat(*, juri: User, pos: Pos, oleh: User, keterangan: str = "") -> JuriPos:
    """Record a juri's tie to a post. From then on the juri cannot score that post, and any score
    they gave it in a running competition no longer counts."""
    if not juri.is_juri:
        raise ValidationError(_("Akun ini bukan akun juri."))
    if JuriPos.objects.filter(juri=juri, pos=pos).exists():
        raise ValidationError(_("Keterkaitan ini sudah tercatat."))
    tie = JuriPos(juri=juri, pos=pos, keterangan=keterangan.strip(), created_by=oleh)
    tie.full_clean()
    simpan_unik(tie)
    return tie


@transaction.atomic
def juri_pos_hapus(*, juri_pos: JuriPos, oleh: User) -> None:
    juri_pos.delete()


@transaction.atomic
def nilai_simpan(*, oleh: User, peserta: Peserta, nilai: dict[int, Decimal | None]) -> int:
    """Save a juri's scores of one entry: ``{kriteria_id: score or None}`` (None clears a score).

    All or nothing: one bad value refuses the whole form. Returns how many scores changed.
    Refused once the competition is final, for a juri not assigned to this entry, and for a juri
    tied to the entry's post (conflict of interest).
    """
    lomba = lomba_kunci(lomba=peserta.lomba)
    if lomba.is_selesai:
        raise ValidationError(_("Lomba sudah final: semua nilai dibekukan dan tidak dapat diubah lagi."))
    if lomba.status != Status.PENILAIAN:
        raise ValidationError(_("Penilaian lomba ini belum dibuka."))
    penugasan = lomba.penugasan_set.filter(juri=oleh).prefetch_related("peserta").first()
    if penugasan is None:
        raise ValidationError(_("Anda tidak ditugaskan menilai lomba ini."))
    if not selectors.penugasan_mencakup(penugasan=penugasan, peserta=peserta):
        raise ValidationError(_("Peserta ini tidak termasuk yang ditugaskan kepada Anda."))
    if peserta.pos_id and peserta.pos_id in selectors.juri_terkait_pos_ids(juri=oleh):
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
    existing = {n.kriteria_id: n for n in Nilai.objects.filter(juri=oleh, peserta=peserta)}
    changed = 0
    for kid, value in nilai.items():
        current = existing.get(kid)
        if value is None:
            if current is not None:
                current._history_user = oleh
                current.delete()
                changed += 1
            continue
        if current is None:
            current = Nilai(peserta=peserta, kriteria=kriteria[kid], juri=oleh, nilai=value)
        elif current.nilai == value:
            continue
        else:
            current.nilai = value
        current._history_user = oleh
        # The entry, criterion and juri were loaded above: skip their existence queries.
        current.full_clean(exclude=["peserta", "kriteria", "juri"], validate_unique=False, validate_constraints=False)
        current.save()
        changed += 1
    return changed


# --- Status ----------------------------------------------------------------------------------------


@transaction.atomic
def lomba_penilaian_mulai(*, lomba: Lomba, oleh: User) -> Lomba:
    """Draft → penilaian: only with valid weights, at least one entry and one juri."""
    lomba = lomba_kunci(lomba=lomba)
    if lomba.status != Status.DRAFT:
        raise ValidationError(_("Hanya lomba berstatus draf yang dapat dibuka untuk penilaian."))
    if lomba.is_impor:
        raise ValidationError(_("Hasil lomba ini diimpor dari panitia nasional; gunakan impor CSV."))
    masalah = lomba_struktur_periksa(lomba=lomba)
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
def lomba_draf_kembalikan(*, lomba: Lomba, oleh: User) -> Lomba:
    """Penilaian → draft, to fix the structure, only while no score exists."""
    lomba = lomba_kunci(lomba=lomba)
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
    lomba = lomba_kunci(lomba=lomba)
    if lomba.status != Status.PENILAIAN:
        raise ValidationError(_("Hanya lomba yang sedang dinilai yang dapat difinalkan."))
    matriks = selectors.matriks_penilaian(lomba=lomba)
    masalah = [
        _("%(juri)s belum lengkap menilai %(n)s peserta.") % {"juri": baris.juri, "n": baris.kurang_peserta}
        for baris in matriks.baris
        if baris.kurang_peserta
    ]
    hasil = selectors.hasil_lomba(lomba=lomba).mentah
    if not hasil:
        masalah.append(_("Lomba ini belum memiliki peserta."))
    for h in hasil:
        if not h.lengkap:
            masalah.append(_("%(p)s belum memiliki nilai untuk semua kriteria.") % {"p": h.peserta.nama})
    if masalah:
        raise ValidationError(masalah)
    _simpan_hasil(lomba, hasil)
    ikatan = selectors.ikatan_juri(juri_ids=lomba.penugasan_set.values_list("juri_id", flat=True))
    lomba.ikatan_final = sorted([juri_id, pos_id] for juri_id, pos_ids in ikatan.items() for pos_id in pos_ids)
    lomba.status = Status.FINAL
    lomba.difinalkan_at = timezone.now()
    lomba.difinalkan_oleh = oleh
    lomba._history_user = oleh
    lomba.save(update_fields=["status", "ikatan_final", "difinalkan_at", "difinalkan_oleh", "updated_at"])
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
    lomba = lomba_kunci(lomba=lomba)
    if lomba.status != Status.FINAL:
        raise ValidationError(_("Hanya lomba yang sudah final yang dapat diumumkan."))
    lomba.status = Status.DIUMUMKAN
    lomba.diumumkan_at = timezone.now()
    lomba._history_user = oleh
    lomba.save(update_fields=["status", "diumumkan_at", "updated_at"])
    return lomba


# --- Percontohan -----------------------------------------------------------------------------------


@transaction.atomic
def lomba_percontohan_tandai(*, lomba: Lomba, peserta_ids: list[int], oleh: User, alasan: str = "") -> list[Pos]:
    """Mark the chosen ranked DKI entries of a finished competition as model posts, in one step."""
    lomba = lomba_kunci(lomba=lomba)
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
        # The one percontohan rule (posyantek): admin only, a reason, a valid year, history kept.
        hasil.append(
            percontohan_tetapkan(
                pos=p.pos, tahun=lomba.tahun, alasan=alasan or f"{dasar} — {lomba.nama}"[:255], oleh=oleh
            )
        )
    return hasil
