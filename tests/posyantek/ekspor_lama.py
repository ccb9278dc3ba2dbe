"""The export writer and the registry's rows exactly as they were before streaming (#11), frozen here
as the reference: the streamed exports must write the same bytes (CSV) and cells (XLSX)."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from posyantek.export import neutralise  # unchanged by #11, and itself pinned by test_export.py


def tulis_csv(stream, header, rows, *, pemisah=";") -> None:
    stream.write("\ufeff")
    writer = csv.writer(stream, delimiter=pemisah, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([neutralise(value) for value in header])
    for row in rows:
        writer.writerow([neutralise(value) for value in row])


def csv_bytes(header, rows, *, pemisah=";") -> bytes:
    buffer = io.StringIO(newline="")
    tulis_csv(buffer, header, rows, pemisah=pemisah)
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(header, rows, *, sheet="Data") -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=sheet[:31])

    def baris(values):
        cells = []
        for value in values:
            value = neutralise(value)
            if isinstance(value, str):
                cell = WriteOnlyCell(worksheet, value=value)
                cell.data_type = "s"
                cells.append(cell)
            else:
                cells.append(value)
        return cells

    worksheet.append(baris(header))
    for row in rows:
        worksheet.append(baris(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def baris_ekspor(qs):
    from ukm.impor import LABEL_DASAR

    ya, tidak = _("Ya"), _("Tidak")
    for ukm in qs.iterator(chunk_size=2000):
        kec = ukm.pos.kecamatan
        yield [
            ukm.pk,
            ukm.nama,
            ukm.pemilik_nama,
            ukm.nik_samaran,
            ukm.kelurahan.nama,
            kec.nama,
            kec.kota.nama_pendek,
            ukm.get_bidang_display(),
            ukm.kbli,
            ukm.nib,
            ukm.get_bentuk_usaha_display(),
            ukm.tahun_berdiri or "",
            ukm.jumlah_pekerja,
            LABEL_DASAR.get(ukm.dasar_kelas, ""),
            ukm.modal_usaha if ukm.modal_usaha is not None else "",
            ukm.hasil_penjualan_tahunan if ukm.hasil_penjualan_tahunan is not None else "",
            ukm.get_kelas_display() or _("Belum dapat ditentukan"),
            ukm.tahap_jakpreneur,
            ukm.get_status_display(),
            ya if ukm.is_verified else tidak,
            ya if ukm.tampil_publik else tidak,
            timezone.localtime(ukm.updated_at).strftime("%Y-%m-%d %H:%M"),
        ]
