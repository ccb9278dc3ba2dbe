"""Programmes and sessions: create, change, cancel. Callers have checked ``can_manage_pos``."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pelatihan import emails
from pelatihan.models import Jadwal, Program, ProgramTopik, Topik
from posyantek.kolom import kolom_isi
from posyantek.models import Pos, User
from posyantek.services.unik import simpan_unik

# What a programme's form may set, in the form's order (pelatihan.forms.ProgramForm uses it).
PROGRAM_FIELDS = (
    "nama",
    "nama_en",
    "jenis",
    "pilar",
    "deskripsi",
    "deskripsi_en",
    "is_aktif",
    "penandatangan_nama",
    "penandatangan_jabatan",
)
JADWAL_FIELDS = {
    "program",
    "judul",
    "judul_en",
    "deskripsi",
    "deskripsi_en",
    "mulai",
    "selesai",
    "mode",
    "tempat",
    "tautan_daring",
    "kapasitas",
    "pendaftaran_buka",
    "pendaftaran_tutup",
    "sasaran",
    "sasaran_keterangan",
    "status",
}
# Fields whose change matters to people already registered: they get an e-mail with the new .ics.
JADWAL_FIELDS_PENTING = {"mulai", "selesai", "mode", "tempat", "tautan_daring"}
DURASI_MAKS = timedelta(days=7)


def _set_topik(program: Program, topik: list[str]) -> None:
    valid = set(Topik.values)
    chosen = list(dict.fromkeys(topik))
    if not chosen:
        raise ValidationError({"topik": _("Pilih setidaknya satu topik.")})
    if set(chosen) - valid:
        raise ValidationError({"topik": _("Topik tidak dikenal.")})
    program.topik_set.exclude(topik__in=chosen).delete()
    existing = set(program.topik_set.values_list("topik", flat=True))
    ProgramTopik.objects.bulk_create([ProgramTopik(program=program, topik=t) for t in chosen if t not in existing])


@transaction.atomic
def program_buat(*, pos: Pos | None, oleh: User, data: dict, topik: list[str]) -> Program:
    """A programme of ``pos``, or a provincial one when ``pos`` is None (admin provinsi only)."""
    program = Program(pos=pos, created_by=oleh)
    kolom_isi(program, data, boleh=PROGRAM_FIELDS)
    program.full_clean()
    simpan_unik(program)
    _set_topik(program, topik)
    return program


@transaction.atomic
def program_ubah(*, program: Program, oleh: User, data: dict, topik: list[str]) -> Program:
    kolom_isi(program, data, boleh=PROGRAM_FIELDS)
    program.full_clean()
    simpan_unik(program)
    _set_topik(program, topik)
    return program


def _check_jadwal(jadwal: Jadwal, pelatih: list[User]) -> None:
    """Rules of a session beyond its single fields; raises one ValidationError with every problem."""
    from pelatihan.selectors import pelatih_pilihan

    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not jadwal.program_id:
        raise ValidationError({"program": _("Pilih program.")})
    if jadwal.program.pos_id not in (None, jadwal.pos_id):
        add("program", _("Program ini milik pos lain."))
    if jadwal.mulai and jadwal.selesai:
        if jadwal.selesai <= jadwal.mulai:
            add("selesai", _("Waktu selesai harus setelah waktu mulai."))
        elif jadwal.selesai - jadwal.mulai > DURASI_MAKS:
            add("selesai", _("Satu sesi paling lama 7 hari. Buat beberapa sesi untuk program yang lebih panjang."))
    if jadwal.ada_daring and not jadwal.tautan_daring:
        add("tautan_daring", _("Sesi daring atau hybrid memerlukan tautan daring."))
    if jadwal.ada_tatap_muka and not jadwal.tempat.strip():
        add("tempat", _("Sesi tatap muka atau hybrid memerlukan tempat."))
    if jadwal.pendaftaran_buka and jadwal.pendaftaran_tutup and jadwal.pendaftaran_tutup <= jadwal.pendaftaran_buka:
        add("pendaftaran_tutup", _("Pendaftaran harus ditutup setelah dibuka."))
    if jadwal.pendaftaran_tutup and jadwal.mulai and jadwal.pendaftaran_tutup > jadwal.mulai:
        add("pendaftaran_tutup", _("Pendaftaran harus ditutup paling lambat saat sesi dimulai."))
    if jadwal.pendaftaran_buka and jadwal.mulai and jadwal.pendaftaran_buka >= jadwal.mulai:
        add("pendaftaran_buka", _("Pendaftaran harus dibuka sebelum sesi dimulai."))
    if jadwal.status == Jadwal.Status.DIBATALKAN:
        add("status", _("Gunakan tombol pembatalan untuk membatalkan sesi."))
    allowed = set(pelatih_pilihan(pos=jadwal.pos).values_list("pk", flat=True))
    if any(user.pk not in allowed for user in pelatih):
        add(
            "pelatih",
            _(
                "Pelatih harus operator pos ini, Relawan TIK yang ditugaskan di pos ini, atau pelatih bersertifikat "
                "ToT."
            ),
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def jadwal_buat(*, pos: Pos, oleh: User, data: dict, pelatih: list[User]) -> Jadwal:
    """A new session of ``pos``. The programme must be the post's own or provincial, and active."""
    jadwal = Jadwal(pos=pos, created_by=oleh)
    kolom_isi(jadwal, data, boleh=JADWAL_FIELDS)
    if jadwal.program_id and not jadwal.program.is_aktif:
        raise ValidationError({"program": _("Program ini sudah nonaktif.")})
    _check_jadwal(jadwal, pelatih)
    jadwal.full_clean()
    jadwal.save()
    jadwal.pelatih.set(pelatih)
    return jadwal


@transaction.atomic
def jadwal_ubah(*, jadwal: Jadwal, oleh: User, data: dict, pelatih: list[User]) -> Jadwal:
    """Change a session. Capacity cannot drop below the confirmed seats; a larger capacity promotes
    people from the waiting list. People registered are told when time, place, mode or link change."""
    from pelatihan.services.pendaftaran import kursi_kosong_isi

    jadwal = Jadwal.objects.select_for_update().get(pk=jadwal.pk)
    if jadwal.status == Jadwal.Status.DIBATALKAN:
        raise ValidationError(_("Sesi yang sudah dibatalkan tidak bisa diubah."))
    before = {field: getattr(jadwal, field) for field in JADWAL_FIELDS_PENTING}
    old_program_id = jadwal.program_id
    kolom_isi(jadwal, data, boleh=JADWAL_FIELDS)
    if jadwal.program_id != old_program_id and not jadwal.program.is_aktif:
        raise ValidationError({"program": _("Program ini sudah nonaktif.")})
    _check_jadwal(jadwal, pelatih)
    terisi = jadwal.pendaftaran.terkonfirmasi().count()
    if jadwal.kapasitas is not None and jadwal.kapasitas < terisi:
        raise ValidationError(
            {
                "kapasitas": _("Kapasitas tidak boleh lebih kecil dari jumlah peserta terkonfirmasi (%(n)d).")
                % {"n": terisi}
            }
        )
    jadwal.revisi += 1
    jadwal.full_clean()
    jadwal.save()
    jadwal.pelatih.set(pelatih)
    kursi_kosong_isi(jadwal=jadwal, now=timezone.now())
    changed = [field for field in JADWAL_FIELDS_PENTING if getattr(jadwal, field) != before[field]]
    if changed and jadwal.status == Jadwal.Status.TERBIT:
        ids = list(jadwal.pendaftaran.aktif().values_list("pk", flat=True))
        emails.setelah_commit(emails.kirim_perubahan_jadwal, ids)
    return jadwal


@transaction.atomic
def jadwal_batalkan(*, jadwal: Jadwal, oleh: User, alasan: str) -> Jadwal:
    """Cancel a session that has not ended; everyone registered or waiting is told by e-mail."""
    jadwal = Jadwal.objects.select_for_update().get(pk=jadwal.pk)
    alasan = " ".join((alasan or "").split())
    if jadwal.status == Jadwal.Status.DIBATALKAN:
        raise ValidationError(_("Sesi ini sudah dibatalkan."))
    if jadwal.sudah_selesai():
        raise ValidationError(_("Sesi yang sudah selesai tidak bisa dibatalkan."))
    if len(alasan) < 5:
        raise ValidationError({"alasan": _("Tulis alasan pembatalan (paling sedikit 5 huruf).")})
    jadwal.status = Jadwal.Status.DIBATALKAN
    jadwal.alasan_batal = alasan[:300]
    jadwal.revisi += 1
    jadwal.full_clean()
    jadwal.save()
    if jadwal.pendaftaran.aktif().exists():
        ids = list(jadwal.pendaftaran.aktif().values_list("pk", flat=True))
        emails.setelah_commit(emails.kirim_pembatalan_jadwal, ids)
    return jadwal
