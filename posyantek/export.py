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
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence

from django.http import Http404, HttpResponse

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "csv-koma", "xlsx")
PEMISAH = {"csv": ";", "csv-koma": ","}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A cell start: the beginning of the value or any character a spreadsheet may split cells at,
# then optional spaces or double quotes (a quote there opens a quoted cell when the file is read
# with another separator), then a character that starts a formula.
_AWAL_RUMUS = re.compile(r'(?:^|(?<=[,;\t\r\n|]))[ \u00a0"]*(?=[=+\-@\t\r])')


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


def _lampiran(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence], *, pemisah: str = ";") -> HttpResponse:
    """A UTF-8 CSV download with BOM, every cell quoted and neutralised."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    tulis_csv(response, header, rows, pemisah=pemisah)
    return _lampiran(response, filename)


def tulis_csv(stream, header: Sequence[str], rows: Iterable[Sequence], *, pemisah: str = ";") -> None:
    """Write the CSV (BOM, every cell quoted and neutralised) to ``stream``, which takes text: the
    download's response, or a file a background job keeps (``posyantek.services.berkas``)."""
    stream.write("\ufeff")
    writer = csv.writer(stream, delimiter=pemisah, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([neutralise(value) for value in header])
    for row in rows:
        writer.writerow([neutralise(value) for value in row])


def xlsx_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence], *, sheet: str = "Data"
) -> HttpResponse:
    """An XLSX download. Text is neutralised like CSV and stored with the text type, so not even a
    value that still began with ``=`` could become a formula."""
    buffer = io.BytesIO()
    tulis_xlsx(buffer, header, rows, sheet=sheet)
    return _lampiran(HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE), filename)


def tulis_xlsx(berkas, header: Sequence[str], rows: Iterable[Sequence], *, sheet: str = "Data") -> None:
    """Write the workbook to ``berkas`` (a binary file or buffer); cells as in ``xlsx_response``."""
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
    workbook.save(berkas)


def ekspor_response(
    request,
    nama: str,
    header: Sequence[str],
    rows: Iterable[Sequence],
    *,
    sheet: str = "Data",
    dari_url: str | None = None,
) -> HttpResponse:
    """Every export's response: ``nama`` is the file name without extension; the format comes from
    ``format_diminta``."""
    fmt = format_diminta(request, dari_url=dari_url)
    if fmt == "xlsx":
        return xlsx_response(f"{nama}.xlsx", header, rows, sheet=sheet)
    return csv_response(f"{nama}.csv", header, rows, pemisah=PEMISAH[fmt])
