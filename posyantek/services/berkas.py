"""Background jobs that build a file for one person (``posyantek.models.BerkasTugas``).

``berkas_tugas_buat`` runs in the request: it only writes the job row. The task then calls
``berkas_tugas_tulis`` with the header and the rows, which writes the file with the one export
writer (``posyantek.export``) to a temporary file, records the progress every ``PROGRES_SETIAP``
rows, and only when every row is written moves the file to the private storage and marks the job
``selesai``. A failure marks it ``gagal`` with the reason and keeps no half-written file.
"""

import logging
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta

from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from posyantek.export import FORMATS, PEMISAH, tulis_csv, tulis_xlsx
from posyantek.models import BerkasTugas, User

logger = logging.getLogger("posyantek.tasks")

PROGRES_SETIAP = 500  # rows between two progress writes: ~60 UPDATEs for 30.000 rows
# A job "berjalan" longer than this lost its worker: the whole province as XLSX takes ~40 s, and a
# live job writes its progress every 500 rows, so an hour is far beyond any real run.
MACET_MENIT = 60
SIMPAN_HARI = 7  # background files (and their rows) are kept this long, then deleted


@transaction.atomic
def berkas_tugas_buat(
    *, oleh: User, jenis: str, nama_berkas: str, parameter: dict, baris_total: int = 0
) -> BerkasTugas:
    """The row of a new job (``menunggu``); the caller queues its task with ``transaction.on_commit``."""
    if parameter.get("format") not in FORMATS:
        parameter = {**parameter, "format": "csv"}
    tugas = BerkasTugas(user=oleh, jenis=jenis, nama_berkas=nama_berkas, parameter=parameter, baris_total=baris_total)
    tugas.full_clean()
    tugas.save()
    return tugas


def berkas_tugas_ambil(*, tugas_id: int, baris_total: int) -> BerkasTugas | None:
    """Claim a waiting job for this run (``berjalan``); None when it is gone or already claimed, so a
    task delivered twice builds the file once."""
    diklaim = BerkasTugas.objects.filter(pk=tugas_id, status=BerkasTugas.Status.MENUNGGU).update(
        status=BerkasTugas.Status.BERJALAN, mulai_pada=timezone.now(), baris_total=baris_total, baris_selesai=0
    )
    if not diklaim:
        return None
    return BerkasTugas.objects.get(pk=tugas_id)


def _dengan_progres(tugas: BerkasTugas, rows: Iterable[Sequence]) -> Iterator[Sequence]:
    n = 0
    for row in rows:
        yield row
        n += 1
        if n % PROGRES_SETIAP == 0:
            BerkasTugas.objects.filter(pk=tugas.pk).update(baris_selesai=n)
    tugas.baris_selesai = n


def berkas_tugas_tulis(
    *, tugas: BerkasTugas, header: Sequence[str], rows: Iterable[Sequence], sheet: str = "Data"
) -> BerkasTugas:
    """Write the job's file (format from ``tugas.parameter["format"]``) and mark it ``selesai``; on any
    error mark it ``gagal`` with the reason, keep no file, and return the job."""
    fmt = tugas.parameter.get("format", "csv")
    ext = "xlsx" if fmt == "xlsx" else "csv"
    disimpan = ""
    fd, sementara = tempfile.mkstemp(suffix="." + ext)
    try:
        if fmt == "xlsx":
            with os.fdopen(fd, "wb") as berkas:
                tulis_xlsx(berkas, header, _dengan_progres(tugas, rows), sheet=sheet)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as berkas:
                tulis_csv(berkas, header, _dengan_progres(tugas, rows), pemisah=PEMISAH[fmt])
        with open(sementara, "rb") as berkas:
            disimpan = tugas.berkas.storage.save(
                tugas.berkas.field.generate_filename(tugas, f"{tugas.nama_berkas}.{ext}"), File(berkas)
            )
        BerkasTugas.objects.filter(pk=tugas.pk).update(
            status=BerkasTugas.Status.SELESAI,
            berkas=disimpan,
            baris_selesai=tugas.baris_selesai,
            selesai_pada=timezone.now(),
            galat="",
        )
    except Exception as exc:  # noqa: BLE001 — any failure must end as "gagal", never as a job stuck "berjalan"
        logger.exception("background file %s failed", tugas.pk)
        if disimpan:
            tugas.berkas.storage.delete(disimpan)
        BerkasTugas.objects.filter(pk=tugas.pk).update(
            status=BerkasTugas.Status.GAGAL,
            berkas="",
            selesai_pada=timezone.now(),
            galat=f"{type(exc).__name__}: {exc}"[:1000],
        )
    finally:
        if os.path.exists(sementara):
            os.unlink(sementara)
    tugas.refresh_from_db()
    return tugas


def berkas_tugas_bersihkan(*, sekarang: datetime | None = None) -> tuple[int, int]:
    """The scheduled sweep: a job still ``berjalan`` ``MACET_MENIT`` minutes after it started (its
    worker died) becomes ``gagal`` with the reason, and every job older than ``SIMPAN_HARI`` days is
    deleted with its file. Idempotent: a second run finds nothing to do. Returns (failed, deleted)."""
    sekarang = sekarang or timezone.now()
    batas_macet = sekarang - timedelta(minutes=MACET_MENIT)
    gagal = BerkasTugas.objects.filter(
        Q(mulai_pada__lt=batas_macet) | Q(mulai_pada__isnull=True, dibuat_pada__lt=batas_macet),
        status=BerkasTugas.Status.BERJALAN,
    ).update(
        status=BerkasTugas.Status.GAGAL,
        selesai_pada=sekarang,
        galat=_("Tugas berhenti tanpa selesai (lebih dari %(menit)s menit).") % {"menit": MACET_MENIT},
    )
    dihapus = 0
    for tugas in BerkasTugas.objects.filter(dibuat_pada__lt=sekarang - timedelta(days=SIMPAN_HARI)).iterator():
        if tugas.berkas:
            tugas.berkas.storage.delete(tugas.berkas.name)  # the file first: a row never points at nothing
        tugas.delete()
        dihapus += 1
    if gagal or dihapus:
        logger.info("background files: %s stuck job(s) failed, %s old job(s) deleted", gagal, dihapus)
    return gagal, dihapus
