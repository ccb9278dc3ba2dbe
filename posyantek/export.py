"""The one writer of every CSV and XLSX export, safe to open in a spreadsheet in any locale.

Formats, chosen with ``?format=`` (or the URL's ``.xlsx``):

- ``csv`` (the default): CSV for Indonesian spreadsheets — ``;`` between cells (Excel and LibreOffice
  set to Indonesian regional settings use ``,`` as the decimal mark and ``;`` as the list separator)
  and a UTF-8 BOM so they pick the right encoding;
- ``csv-koma``: the same with ``,`` between cells, for spreadsheets set to English settings;
- ``xlsx``: an Excel workbook, every text cell stored as text (never as a formula).

Formula injection: a spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab
or carriage return before one). A file opened with a different separator than the one it was
written with splits a cell at that separator, so a partner named ``;=1+1`` becomes a formula
``=1+1`` under ``;`` settings. Every such start — at the beginning of the cell and after any ``,``,
``;``, tab, ``|`` or line break in it, after optional spaces or quotes — gets an apostrophe in
front, and every CSV cell is quoted.

Streaming (#11): CSV goes out as a ``StreamingHttpResponse`` — the BOM and the header leave before the
rows' query has finished, and the rows are written in slices of ``BARIS_PER_POTONG``, so memory
stays flat whatever the size. XLSX is written with XlsxWriter in ``constant_memory`` mode: each row
goes to a temporary file as soon as it is complete (nothing is kept per cell), the workbook is zipped
into an anonymous temporary file and that file is streamed. XlsxWriter rather than openpyxl's
write-only mode: same flat memory, but 2.4× the rows per second measured on this machine (11,700 against
5,000 rows/s for the registry's 22 columns), which is what takes a 1,000,000-row export past 10,000 rows/s.
The cells are the same as before: text is neutralised and stored as text (never a formula, never a
number or a link guessed from text), numbers as numbers, an empty text as an empty cell.
"""

import csv
import datetime
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "csv-koma", "xlsx")
PEMISAH = {"csv": ";", "csv-koma": ","}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A cell start: the beginning of the value or any character a spreadsheet may split cells at,
# then optional spaces or double quotes (a quote there opens a quoted cell when the file is read
# with another separator), then a character that starts a formula.
_AWAL_RUMUS = re.compile(r'(?:^|(?<=[,;\t\r\n|]))[ \u00a0"]*(?=[=+\-@\t\r])')


# The same starts within a row's text cells joined by NUL (a cell start, like ^): one regex pass a row
# instead of one a cell. NUL never occurs in a cell (PostgreSQL text cannot hold it, forms refuse it);
# a row where it does is neutralised cell by cell.
_AWAL_RUMUS_BARIS = re.compile(r'(?:^|(?<=[,;\t\r\n|\x00]))[ \u00a0"]*(?=[=+\-@\t\r])')


def neutralise_baris(row: Sequence) -> list:
    """``[neutralise(v) for v in row]``, with one regex pass over the row's text."""
    teks = [v for v in row if isinstance(v, str)]
    if not teks:
        return list(row)
    gabung = "\x00".join(teks)
    aman = _AWAL_RUMUS_BARIS.sub("\\g<0>'", gabung)
    if len(aman) == len(gabung):  # only apostrophes are ever added: nothing to neutralise
        return list(row)
    if gabung.count("\x00") != len(teks) - 1:
        return [neutralise(v) for v in row]
    potong = iter(aman.split("\x00"))
    return [next(potong) if isinstance(v, str) else v for v in row]


def neutralise(value) -> object:
    """``value`` with an apostrophe before every formula start (see the module docstring); other
    values unchanged."""
    if not isinstance(value, str):
        return value
    return _AWAL_RUMUS.sub(lambda m: m.group(0) + "'", value)


def format_diminta(request, *, dari_url: str | None = None) -> str:
    """The export format of a request: the URL's own extension when it names one (``ekspor.xlsx``),
    else ``?format=`` (``csv``, ``csv-koma``, ``xlsx``), else CSV for Indonesian spreadsheets."""
    if dari_url is not None and dari_url not in ("csv", "xlsx"):
        raise Http404
    diminta = request.GET.get("format", "")
    if dari_url == "xlsx":
        return "xlsx"
    if diminta in FORMATS and not (dari_url == "csv" and diminta == "xlsx"):
        return diminta
    return "csv"


BARIS_PER_POTONG = 1000  # CSV rows per chunk sent: ~150 KB for the registry, few enough writes


def _lampiran(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class _Penampung:
    """The csv module writes into this; ``ambil`` hands over what it holds so far."""

    __slots__ = ("bagian",)

    def __init__(self):
        self.bagian: list[str] = []

    def write(self, teks: str) -> None:
        self.bagian.append(teks)

    def ambil(self) -> str:
        teks = "".join(self.bagian)
        self.bagian.clear()
        return teks


def potongan_csv(header: Sequence[str], rows: Iterable[Sequence], *, pemisah: str = ";") -> Iterator[str]:
    """The CSV (BOM, every cell quoted and neutralised) as text chunks: the BOM and the header first,
    before ``rows`` is touched (so before its query runs), then ``BARIS_PER_POTONG`` rows at a time."""
    penampung = _Penampung()
    writer = csv.writer(penampung, delimiter=pemisah, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(neutralise_baris(header))
    yield "\ufeff" + penampung.ambil()
    n = 0
    for row in rows:
        writer.writerow(neutralise_baris(row))
        n += 1
        if n == BARIS_PER_POTONG:
            yield penampung.ambil()
            n = 0
    if n:
        yield penampung.ambil()


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence], *, pemisah: str = ";"):
    """A streamed UTF-8 CSV download with BOM, every cell quoted and neutralised."""
    response = StreamingHttpResponse(
        (teks.encode("utf-8") for teks in potongan_csv(header, rows, pemisah=pemisah)),
        content_type="text/csv; charset=utf-8",
    )
    return _lampiran(response, filename)


def tulis_csv(stream, header: Sequence[str], rows: Iterable[Sequence], *, pemisah: str = ";") -> None:
    """Write the CSV (BOM, every cell quoted and neutralised) to ``stream``, which takes text: a file a
    background job keeps (``posyantek.services.berkas``)."""
    for teks in potongan_csv(header, rows, pemisah=pemisah):
        stream.write(teks)


def xlsx_response(filename: str, header: Sequence[str], rows: Iterable[Sequence], *, sheet: str = "Data"):
    """An XLSX download, written to an anonymous temporary file (flat memory) and streamed from it.
    Text is neutralised like CSV and stored with the text type, so not even a value that still began
    with ``=`` could become a formula."""
    berkas = tempfile.TemporaryFile()  # noqa: SIM115 — FileResponse closes it, and the OS removes it then
    try:
        tulis_xlsx(berkas, header, rows, sheet=sheet)
        berkas.seek(0)
    except BaseException:
        berkas.close()
        raise
    return FileResponse(berkas, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


def tulis_xlsx(berkas, header: Sequence[str], rows: Iterable[Sequence], *, sheet: str = "Data") -> None:
    """Write the workbook to ``berkas`` (a binary file); cells as in ``xlsx_response``. Rows go to
    XlsxWriter's temporary files one by one (``constant_memory``), never held in memory."""
    import xlsxwriter

    with tempfile.TemporaryDirectory(prefix="ekspor-xlsx-") as sementara:
        workbook = xlsxwriter.Workbook(
            berkas,
            {
                "constant_memory": True,
                "tmpdir": sementara,
                # Text stays text: no number, formula or link guessed from it.
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        worksheet = workbook.add_worksheet(sheet[:31])
        format_tanggal = workbook.add_format({"num_format": "yyyy-mm-dd"})
        format_waktu = workbook.add_format({"num_format": "yyyy-mm-dd h:mm:ss"})
        tulis_teks, tulis_angka = worksheet.write_string, worksheet.write_number

        def baris(r: int, values: Sequence) -> None:
            for c, value in enumerate(neutralise_baris(values)):
                if value is None or value == "":
                    continue  # an empty cell, as openpyxl wrote it
                if isinstance(value, str):
                    tulis_teks(r, c, value)
                elif isinstance(value, bool):
                    worksheet.write_boolean(r, c, value)
                elif isinstance(value, (int, float, Decimal)):
                    tulis_angka(r, c, value)
                elif isinstance(value, datetime.datetime):
                    worksheet.write_datetime(r, c, value.replace(tzinfo=None), format_waktu)
                elif isinstance(value, datetime.date):
                    worksheet.write_datetime(r, c, value, format_tanggal)
                else:
                    tulis_teks(r, c, neutralise(str(value)))

        baris(0, header)
        for r, row in enumerate(rows, start=1):
            baris(r, row)
        workbook.close()


def ekspor_response(
    request,
    nama: str,
    header: Sequence[str],
    rows: Iterable[Sequence],
    *,
    sheet: str = "Data",
    dari_url: str | None = None,
) -> HttpResponse:
    """Every export's response, streamed: ``nama`` is the file name without extension; the format comes from
    ``format_diminta``."""
    fmt = format_diminta(request, dari_url=dari_url)
    if fmt == "xlsx":
        return xlsx_response(f"{nama}.xlsx", header, rows, sheet=sheet)
    return csv_response(f"{nama}.csv", header, rows, pemisah=PEMISAH[fmt])
