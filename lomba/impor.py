"""Reading the national committee's results CSV (entrant, province, total, rank).

Nothing in the file is trusted: it may be binary, huge, in another encoding, use ``;`` as Indonesian
spreadsheets do, carry formulas or HTML in its cells, or contradict itself. ``baca_csv`` returns the
rows it understood and every problem it found, in Indonesian, with the line number; the service
refuses to apply a file with any problem (all-or-nothing).
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import pairwise

from django.utils.translation import gettext as _

from posyantek.models import normalisasi_nama
from posyantek.teks import bersihkan_teks

MAKS_BYTE = 1024 * 1024
MAKS_BARIS = 1000
MAKS_NAMA = 150
MAKS_PROVINSI = 100

KOLOM = {
    "nama": {"peserta", "nama", "namapeserta", "entrant", "name", "pos", "posyantek"},
    "provinsi": {"provinsi", "province", "prov", "asalprovinsi"},
    "total": {"total", "nilai", "nilaiakhir", "nilaitotal", "score", "skor", "jumlahnilai"},
    "peringkat": {"peringkat", "rank", "ranking", "urutan", "rangking"},
}

# Names the province of DKI Jakarta goes by (before and after UU 2/2024), as normalised keys.
PROVINSI_DKI = {
    normalisasi_nama(n)
    for n in (
        "DKI Jakarta",
        "Daerah Khusus Jakarta",
        "Daerah Khusus Ibukota Jakarta",
        "Provinsi DKI Jakarta",
        "Provinsi Daerah Khusus Jakarta",
        "Jakarta",
        "DKJ",
    )
}


def is_provinsi_dki(nama: str) -> bool:
    """Whether a province as people write it is DKI Jakarta: "DKI", "Jakarta", "Prov. DKI Jakarta",
    "DKI Jakarta Raya", "Daerah Khusus (Ibu Kota) Jakarta", or one of its kota ("Jakarta Barat").
    No other province's name starts with "DKI" or "Jakarta"."""
    kunci = normalisasi_nama(nama)
    for awalan in ("provinsi", "prov"):
        if kunci.startswith(awalan):
            kunci = kunci[len(awalan) :]
            break
    return (
        kunci in PROVINSI_DKI
        or kunci.startswith(("dki", "jakarta"))
        or kunci in {"daerahkhususibukotajakartaraya", "kepulauanseribu"}
    )


@dataclass
class Baris:
    nomor: int  # line number in the file, header = 1
    nama: str
    provinsi: str
    total: Decimal
    peringkat: int
    dki: bool = False
    pos_id: int | None = None

    def as_json(self) -> dict:
        return {
            "nomor": self.nomor,
            "nama": self.nama,
            "provinsi": self.provinsi,
            "total": str(self.total),
            "peringkat": self.peringkat,
            "dki": self.dki,
            "pos_id": self.pos_id,
        }


@dataclass
class HasilBaca:
    baris: list[Baris] = field(default_factory=list)
    kesalahan: list[str] = field(default_factory=list)
    peringatan: list[str] = field(default_factory=list)


def _decode(data: bytes) -> str | None:
    if b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _angka(text: str) -> Decimal | None:
    """'87,25', '87.25' and '1.087,5' style are not all equal: a single comma is the decimal mark."""
    text = text.strip().replace(" ", "")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def baca_csv(data: bytes, *, cocokkan_pos=None) -> HasilBaca:
    """Parse the file. ``cocokkan_pos(nama) -> pos_id | None`` links DKI rows to the portal's posts."""
    hasil = HasilBaca()
    if not data:
        hasil.kesalahan.append(_("Berkas kosong."))
        return hasil
    if len(data) > MAKS_BYTE:
        hasil.kesalahan.append(_("Berkas terlalu besar (maksimal 1 MB)."))
        return hasil
    text = _decode(data)
    if text is None:
        hasil.kesalahan.append(_("Berkas bukan CSV teks (UTF-8). Simpan ulang dari spreadsheet sebagai CSV."))
        return hasil
    first_line = text.splitlines()[0] if text.splitlines() else ""
    delimiter = max(",;\t", key=first_line.count) if first_line else ","
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter, strict=True))
    except csv.Error as exc:
        hasil.kesalahan.append(_("Berkas CSV rusak: %(err)s") % {"err": exc})
        return hasil
    rows = [(i + 1, r) for i, r in enumerate(rows) if any(cell.strip() for cell in r)]
    if not rows:
        hasil.kesalahan.append(_("Berkas kosong."))
        return hasil
    header_line, header = rows[0]
    kolom: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = normalisasi_nama(cell)
        for name, aliases in KOLOM.items():
            if key in aliases and name not in kolom:
                kolom[name] = index
    hilang = [name for name in KOLOM if name not in kolom]
    if hilang:
        hasil.kesalahan.append(
            _("Baris judul harus memuat kolom peserta, provinsi, total, dan peringkat; tidak ditemukan: %(kolom)s.")
            % {"kolom": ", ".join(hilang)}
        )
        return hasil
    data_rows = rows[1:]
    if not data_rows:
        hasil.kesalahan.append(_("Berkas tidak memuat baris hasil."))
        return hasil
    if len(data_rows) > MAKS_BARIS:
        hasil.kesalahan.append(_("Terlalu banyak baris (maksimal %(n)s).") % {"n": MAKS_BARIS})
        return hasil

    seen_rank: dict[int, int] = {}
    seen_name: dict[tuple[str, str], int] = {}
    for nomor, row in data_rows:
        if len(row) <= max(kolom.values()):
            hasil.kesalahan.append(_("Baris %(n)s: jumlah kolom kurang.") % {"n": nomor})
            continue
        nama = bersihkan_teks(row[kolom["nama"]])
        provinsi = bersihkan_teks(row[kolom["provinsi"]])
        total_text = row[kolom["total"]].strip()
        rank_text = row[kolom["peringkat"]].strip()
        errors = []
        if not nama:
            errors.append(_("nama peserta kosong"))
        elif len(nama) > MAKS_NAMA:
            errors.append(_("nama peserta lebih dari %(n)s karakter") % {"n": MAKS_NAMA})
        if not provinsi:
            errors.append(_("provinsi kosong"))
        elif len(provinsi) > MAKS_PROVINSI:
            errors.append(_("provinsi lebih dari %(n)s karakter") % {"n": MAKS_PROVINSI})
        total = _angka(total_text)
        if total is None:
            errors.append(_("total “%(v)s” bukan angka") % {"v": total_text[:20]})
        elif total < 0 or total > 100:
            errors.append(_("total harus antara 0 dan 100"))
        elif total != total.quantize(Decimal("0.01")):
            errors.append(_("total paling banyak 2 angka desimal"))
        peringkat = None
        if not rank_text.isdigit() or not rank_text.isascii():
            errors.append(_("peringkat “%(v)s” bukan bilangan bulat positif") % {"v": rank_text[:20]})
        else:
            peringkat = int(rank_text)
            if peringkat < 1 or peringkat > MAKS_BARIS:
                errors.append(_("peringkat harus antara 1 dan %(n)s") % {"n": MAKS_BARIS})
                peringkat = None
            elif peringkat in seen_rank:
                errors.append(
                    _("peringkat %(p)s sudah dipakai di baris %(b)s") % {"p": peringkat, "b": seen_rank[peringkat]}
                )
        if nama and provinsi:
            key = (normalisasi_nama(nama), normalisasi_nama(provinsi))
            if key in seen_name:
                errors.append(_("peserta yang sama sudah ada di baris %(b)s") % {"b": seen_name[key]})
            else:
                seen_name[key] = nomor
        if errors:
            hasil.kesalahan.append(_("Baris %(n)s: %(err)s.") % {"n": nomor, "err": "; ".join(str(e) for e in errors)})
            continue
        seen_rank[peringkat] = nomor
        baris = Baris(
            nomor=nomor, nama=nama, provinsi=provinsi, total=total.quantize(Decimal("0.01")), peringkat=peringkat
        )
        if is_provinsi_dki(provinsi):
            baris.dki = True
            baris.pos_id = cocokkan_pos(nama) if cocokkan_pos else None
            if baris.pos_id is None:
                hasil.peringatan.append(
                    _(
                        "Baris %(n)s: peserta DKI “%(nama)s” tidak cocok dengan pos mana pun; dicatat sebagai "
                        "peserta tanpa pos."
                    )
                    % {"n": nomor, "nama": nama}
                )
        hasil.baris.append(baris)

    urut = sorted(hasil.baris, key=lambda b: b.peringkat)
    for atas, bawah in pairwise(urut):
        if bawah.total > atas.total:
            hasil.kesalahan.append(
                _("Peringkat %(b)s (baris %(nb)s) bernilai lebih tinggi daripada peringkat %(a)s (baris %(na)s).")
                % {"b": bawah.peringkat, "nb": bawah.nomor, "a": atas.peringkat, "na": atas.nomor}
            )
    pos_seen: dict[int, int] = {}
    for b in hasil.baris:
        if b.pos_id is not None:
            if b.pos_id in pos_seen:
                hasil.kesalahan.append(
                    _("Baris %(n)s: pos yang sama sudah ada di baris %(b)s.") % {"n": b.nomor, "b": pos_seen[b.pos_id]}
                )
            pos_seen[b.pos_id] = b.nomor
    hasil.baris = urut
    return hasil
