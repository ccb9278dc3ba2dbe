"""Reading the UKM spreadsheets kecamatan offices really keep, and checking every row.

Accepted: CSV (``;``, ``,`` or tab delimited; UTF-8 with or without BOM, UTF-16 as Excel's
"Unicode text", or Windows-1252) and XLSX (openpyxl, read-only, cached values; defusedxml guards
the XML). The header row may sit under a title ("DATA UKM KECAMATAN GAMBIR 2024") and its names
are Indonesian, in the spellings offices use ("No. HP", "Omset per Tahun", "Kel."). Anything else
— old .xls, binary junk, zip bombs, files over the caps — is refused with a message for a person.

Nothing here writes to the database: ``baca_berkas`` turns a file into cells, ``baris_ke_data``
turns a row's cells into field values, and ``periksa_baris`` checks those values against the model
and the registry. ``ukm.services.impor_pratinjau`` / ``impor_terapkan`` do the writing.
"""

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from posyantek.forms.angka import baca_angka
from posyantek.models import Kelurahan, normalisasi_nama
from posyantek.selectors import kelurahan_cocok
from posyantek.teks import normalisasi_teks

from .klasifikasi import DasarKelas, Kelas, klasifikasi_ukm
from .models import BentukUsaha, Bidang, StatusUkm, TahapJakpreneur, Ukm

MAKS_BARIS = 5000
MAKS_BYTES = 5 * 1024 * 1024
MAKS_XLSX_ISI = 80 * 1024 * 1024  # uncompressed bytes of every part of an .xlsx
MAKS_RASIO_ZIP = 150  # a real sheet compresses ~5–20x; a bomb far more
MAKS_KOLOM = 200
BARIS_JUDUL_DICARI = 15

# Field → header names as offices write them (compared without case, spaces or punctuation).
KOLOM: dict[str, list[str]] = {
    "id_registri": ["id registri", "id registri ukm", "id ukm registri"],  # our own export: a safe round trip
    "nama": [
        "nama usaha",
        "nama ukm",
        "nama umkm",
        "nama umk",
        "nama perusahaan",
        "nama toko",
        "merek",
        "merek usaha",
        "usaha",
        "nama",
    ],
    "pemilik_nama": [
        "nama pemilik",
        "pemilik",
        "nama pemilik usaha",
        "nama pelaku usaha",
        "pelaku usaha",
        "penanggung jawab",
    ],
    "pemilik_nik": ["nik", "nik pemilik", "no ktp", "nomor ktp", "no nik", "nomor nik", "nomor induk kependudukan"],
    "pemilik_telepon": [
        "telepon",
        "no hp",
        "nomor hp",
        "no telp",
        "no telepon",
        "nomor telepon",
        "hp",
        "telp",
        "no wa",
        "whatsapp",
        "no hp wa",
        "kontak",
    ],
    "pemilik_email": ["email", "e mail", "surel", "alamat email"],
    "kelurahan": ["kelurahan", "kel", "nama kelurahan", "desa kelurahan", "kelurahan desa"],
    "kecamatan": ["kecamatan", "kec", "nama kecamatan"],
    "alamat": ["alamat", "alamat usaha", "alamat lengkap", "alamat tempat usaha", "jalan"],
    "bidang": [
        "bidang usaha",
        "bidang",
        "sektor",
        "sektor usaha",
        "jenis usaha",
        "kategori",
        "kategori usaha",
        "jenis produk",
    ],
    "kbli": ["kbli", "kode kbli", "kbli 2020"],
    "nib": ["nib", "nomor induk berusaha", "no nib", "nomor nib"],
    "bentuk_usaha": ["bentuk usaha", "badan usaha", "bentuk badan usaha", "legalitas", "status badan usaha"],
    "tahun_berdiri": [
        "tahun berdiri",
        "tahun mulai usaha",
        "tahun mulai",
        "mulai usaha",
        "tahun usaha",
        "berdiri sejak",
    ],
    "jumlah_pekerja": [
        "jumlah pekerja",
        "tenaga kerja",
        "jumlah tenaga kerja",
        "jumlah karyawan",
        "karyawan",
        "pekerja",
        "tk",
    ],
    "dasar_kelas": ["dasar klasifikasi", "dasar kelas", "kriteria", "kriteria klasifikasi"],
    "modal_usaha": ["modal usaha", "modal", "modal awal", "modal usaha rp"],
    "hasil_penjualan_tahunan": [
        "hasil penjualan tahunan",
        "penjualan tahunan",
        "omzet hasil penjualan tahunan",
        "omzet",
        "omset",
        "omzet per tahun",
        "omset per tahun",
        "omzet tahunan",
        "omset tahunan",
        "omzet setahun",
        "omset setahun",
    ],
    "tahap_jakpreneur": [
        "tahap jakpreneur",
        "tahap",
        "jakpreneur",
        "tahapan",
        "tahapan jakpreneur",
        "tahap pengembangan",
    ],
    "status": ["status", "status usaha", "keaktifan"],
    "latitude": ["latitude", "lintang", "lat"],
    "longitude": ["longitude", "bujur", "long", "lng", "lon"],
    "deskripsi": ["deskripsi", "keterangan", "deskripsi usaha", "produk utama"],
    "situs": ["situs", "website", "situs web", "web"],
    "instagram": ["instagram", "ig"],
    "facebook": ["facebook", "fb"],
    "tiktok": ["tiktok"],
    "tokopedia": ["tokopedia"],
    "shopee": ["shopee"],
    "marketplace_lain": ["marketplace", "toko online", "toko daring", "marketplace lain"],
    "tampil_publik": [
        "tampil publik",
        "bersedia tampil",
        "setuju tampil",
        "persetujuan publikasi",
        "izin publikasi",
        "tampil di direktori",
    ],
}
WAJIB = ("nama", "pemilik_nama", "kelurahan")

# The headers the import page names, in its order (file headers stay Indonesian in every language).
# Each must be read back as its field: tests/ukm/test_impor_bantuan.py feeds the page's list to
# the reader, so the help and the importer cannot drift apart again.
JUDUL_BANTUAN: dict[str, str] = {
    "nama": "Nama Usaha",
    "pemilik_nama": "Nama Pemilik",
    "kelurahan": "Kelurahan",
    "pemilik_nik": "NIK",
    "pemilik_telepon": "No. HP",
    "pemilik_email": "E-mail",
    "alamat": "Alamat",
    "bidang": "Bidang Usaha",
    "kbli": "KBLI",
    "nib": "NIB",
    "bentuk_usaha": "Bentuk Usaha",
    "tahun_berdiri": "Tahun Berdiri",
    "jumlah_pekerja": "Jumlah Pekerja",
    "modal_usaha": "Modal Usaha",
    "hasil_penjualan_tahunan": "Hasil Penjualan Tahunan (Omzet)",
    "tahap_jakpreneur": "Tahap Jakpreneur",
    "status": "Status",
    "tampil_publik": "Tampil Publik",
    "kecamatan": "Kecamatan",
}


def _kunci_kolom(teks: str) -> str:
    teks = re.sub(r"\(.*?\)|\[.*?\]|\*", " ", str(teks or ""))
    return normalisasi_teks(teks).replace(" ", "")


# Header key → (field, rank): a lower rank is a more specific name ("Nama Usaha" beats "Nama").
_SINONIM: dict[str, tuple[str, int]] = {}
for _field, _names in KOLOM.items():
    for _rank, _name in enumerate(_names):
        _SINONIM.setdefault(_kunci_kolom(_name), (_field, _rank))


def label_kolom(name: str) -> str:
    """The header an operator would recognise, for messages."""
    if name == "kecamatan":
        return _("Kecamatan")
    if name == "id_registri":
        return _("ID Registri")
    label = str(Ukm._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


# Reading the file -----------------------------------------------------------------------------


@dataclass
class Tabel:
    format: str
    kolom: dict[int, str]  # column index → field
    kolom_asing: list[str]  # headers not understood (ignored)
    baris: list[tuple[int, list]]  # (row number in the file, cells)
    catatan: list[str] = field(default_factory=list)


def _tolak(pesan: str) -> ValidationError:
    return ValidationError(pesan, code="berkas")


def baca_berkas(upload) -> Tabel:
    """Read an uploaded CSV or XLSX into a header mapping and data rows, or refuse it."""
    size = upload.size if upload.size is not None else None
    if size is not None and size > MAKS_BYTES:
        raise _tolak(
            _("Berkas terlalu besar (maksimal %(mb)s MB). Bagi menjadi beberapa berkas.")
            % {"mb": MAKS_BYTES // (1024 * 1024)}
        )
    upload.seek(0)
    raw = upload.read(MAKS_BYTES + 1)
    if len(raw) > MAKS_BYTES:
        raise _tolak(
            _("Berkas terlalu besar (maksimal %(mb)s MB). Bagi menjadi beberapa berkas.")
            % {"mb": MAKS_BYTES // (1024 * 1024)}
        )
    if not raw.strip():
        raise _tolak(_("Berkas kosong."))
    if raw.startswith(b"PK\x03\x04"):
        return _baca_xlsx(raw)
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise _tolak(_("Format Excel lama (.xls) tidak didukung. Simpan ulang sebagai .xlsx atau CSV."))
    return _baca_csv(raw)


def _dekode(raw: bytes) -> str:
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError:
            raise _tolak(_("Berkas mengaku UTF-8 tetapi isinya rusak.")) from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise _tolak(_("Berkas UTF-16 rusak.")) from None
    if b"\x00" in raw:
        raise _tolak(_("Berkas ini bukan CSV atau XLSX (isinya biner)."))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")  # Excel on Windows, "CSV (Comma delimited)"
    except UnicodeDecodeError:
        raise _tolak(_("Berkas ini bukan CSV atau XLSX (isinya biner).")) from None


def _baca_csv(raw: bytes) -> Tabel:
    text = _dekode(raw)
    kontrol = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\r\n")
    if kontrol > 5:
        raise _tolak(_("Berkas ini bukan CSV atau XLSX (isinya biner)."))
    lines = text.splitlines()
    terbaik = None
    for delimiter in (";", ",", "\t"):
        awal = []
        for line in lines[:BARIS_JUDUL_DICARI]:
            try:
                awal.append(next(csv.reader([line], delimiter=delimiter), []))
            except csv.Error:  # a broken line below the header is reported by the full read
                awal.append([])
        found = _cari_judul(awal)
        if found and (terbaik is None or len(found[1]) > len(terbaik[2])):
            terbaik = (delimiter, found[0], found[1])
    if terbaik is None:
        raise _judul_tidak_dikenali(lines[:BARIS_JUDUL_DICARI])
    delimiter, indeks_judul, kolom = terbaik
    rows: list[tuple[int, list]] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for nomor, cells in enumerate(reader, start=1):
            if nomor <= indeks_judul + 1:
                if nomor == indeks_judul + 1:
                    header = cells
                continue
            if not any(str(c).strip() for c in cells):
                continue
            rows.append((nomor, cells[:MAKS_KOLOM]))
            if len(rows) > MAKS_BARIS:
                raise _terlalu_banyak()
    except csv.Error:
        raise _tolak(
            _("Berkas CSV rusak: tanda kutip tidak ditutup, atau satu sel lebih dari %(n)s karakter.")
            % {"n": f"{csv.field_size_limit():,}".replace(",", ".")}
        ) from None
    return Tabel(
        format="csv",
        kolom=kolom,
        kolom_asing=_asing(header, kolom),
        baris=rows,
        catatan=[
            _("Pemisah kolom: %(d)s") % {"d": {";": _("titik koma (;)"), ",": _("koma (,)"), "\t": _("tab")}[delimiter]}
        ],
    )


def _baca_xlsx(raw: bytes) -> Tabel:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "xl/workbook.xml" not in names:
                raise _tolak(_("Berkas ZIP ini bukan XLSX. Unggah CSV atau XLSX."))
            if (
                len(infos) > 500
                or sum(info.file_size for info in infos) > MAKS_XLSX_ISI
                or any(
                    info.file_size > 1024 * 1024 and info.file_size > MAKS_RASIO_ZIP * max(info.compress_size, 1)
                    for info in infos
                )
            ):
                raise _tolak(
                    _("Isi berkas XLSX ini jauh lebih besar dari ukuran unggahannya (zip bomb). Berkas ditolak.")
                )
    except zipfile.BadZipFile:
        raise _tolak(_("Berkas XLSX rusak atau terpotong.")) from None

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a malformed package; all mean "not usable"
        raise _tolak(_("Berkas XLSX rusak atau tidak dapat dibaca.")) from err
    try:
        if not workbook.worksheets:
            raise _tolak(_("Berkas XLSX tidak memiliki lembar kerja."))
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # a claimed A1:XFD1048576 must not pad every row
        awal: list[list] = []
        rows: list[tuple[int, list]] = []
        kolom = indeks_judul = header = None
        dibaca = 0
        for nomor, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            dibaca += 1
            if dibaca > MAKS_BARIS * 4:
                raise _terlalu_banyak()
            cells = list(values[:MAKS_KOLOM])
            if kolom is None:
                awal.append(cells)
                found = _cari_judul(awal)
                if found and found[0] == len(awal) - 1 and len(found[1]) >= len(WAJIB):
                    indeks_judul, kolom = found
                    header = cells
                elif len(awal) >= BARIS_JUDUL_DICARI:
                    raise _judul_tidak_dikenali([";".join(str(c or "") for c in row) for row in awal])
                continue
            if not any(c not in (None, "") and str(c).strip() for c in cells):
                continue
            rows.append((nomor, cells))
            if len(rows) > MAKS_BARIS:
                raise _terlalu_banyak()
        if kolom is None:
            raise _judul_tidak_dikenali([";".join(str(c or "") for c in row) for row in awal])
    except ValidationError:
        raise
    except Exception as err:
        raise _tolak(_("Berkas XLSX rusak atau tidak dapat dibaca.")) from err
    finally:
        workbook.close()
    return Tabel(
        format="xlsx",
        kolom=kolom,
        kolom_asing=_asing(header, kolom),
        baris=rows,
        catatan=[_("Lembar kerja: %(s)s") % {"s": sheet.title}],
    )


def _terlalu_banyak() -> ValidationError:
    return _tolak(
        _("Berkas berisi lebih dari %(n)s baris data. Bagi menjadi beberapa berkas.")
        % {"n": f"{MAKS_BARIS:,}".replace(",", ".")}
    )


def _cari_judul(rows: list[list]) -> tuple[int, dict[int, str]] | None:
    """The header row among the first rows: the one naming the most known columns, all required ones."""
    terbaik = None
    for indeks, cells in enumerate(rows):
        pilihan: dict[str, tuple[int, int]] = {}  # field → (rank, column index)
        for i, cell in enumerate(cells[:MAKS_KOLOM]):
            found = _SINONIM.get(_kunci_kolom(cell)) if cell not in (None, "") else None
            if found and (found[0] not in pilihan or found[1] < pilihan[found[0]][0]):
                pilihan[found[0]] = (found[1], i)
        kolom = {i: name for name, (_rank, i) in sorted(pilihan.items(), key=lambda item: item[1][1])}
        if all(w in kolom.values() for w in WAJIB) and (terbaik is None or len(kolom) > len(terbaik[1])):
            terbaik = (indeks, kolom)
    return terbaik


def _asing(header, kolom: dict[int, str]) -> list[str]:
    return [
        str(c).strip() for i, c in enumerate(header or []) if i not in kolom and c not in (None, "") and str(c).strip()
    ]


def _judul_tidak_dikenali(lines) -> ValidationError:
    return _tolak(
        _("Baris judul kolom tidak ditemukan. Kolom wajib: %(wajib)s. Periksa juga bahwa berkas berupa CSV atau XLSX.")
        % {"wajib": ", ".join(label_kolom(w) for w in WAJIB)}
    )


# Turning cells into field values --------------------------------------------------------------


@dataclass
class HasilBaris:
    baris: int
    data: dict = field(default_factory=dict)  # field → JSON-safe value
    galat: list[str] = field(default_factory=list)
    peringatan: list[str] = field(default_factory=list)
    kelurahan_teks: str = ""
    kecamatan_teks: str = ""
    kolom_galat: set = field(default_factory=set)  # columns already refused while reading the cell
    id_registri: int | None = None


BIDANG_KATA = [
    (
        Bidang.KULINER,
        [
            "kuliner",
            "makan",
            "minum",
            "mamin",
            "pangan",
            "kue",
            "keripik",
            "kripik",
            "katering",
            "catering",
            "roti",
            "sambal",
            "kopi",
            "snack",
            "jajan",
            "frozen",
            "bakso",
            "olahan",
        ],
    ),
    (
        Bidang.FESYEN,
        [
            "fesyen",
            "fashion",
            "konveksi",
            "garmen",
            "batik",
            "jahit",
            "tekstil",
            "pakaian",
            "busana",
            "hijab",
            "sepatu",
            "bordir",
        ],
    ),
    (Bidang.KRIYA, ["kriya", "kerajinan", "craft", "anyaman", "souvenir", "suvenir", "ukir", "aksesoris"]),
    (
        Bidang.PERTANIAN,
        ["tani", "ikan", "ternak", "hidroponik", "tanaman", "kebun", "budidaya", "lele", "maggot", "agro"],
    ),
    (Bidang.DAUR_ULANG, ["daur", "sampah", "limbah", "recycle", "lingkungan"]),
    (
        Bidang.KECANTIKAN,
        ["kecantikan", "salon", "spa", "jamu", "herbal", "kosmetik", "kesehatan", "pijat", "barbershop"],
    ),
    (Bidang.OTOMOTIF, ["otomotif", "bengkel", "motor", "mobil", "tambal"]),
    (Bidang.DIGITAL, ["digital", "aplikasi", "software", "komputer", "teknologi", "desain", "it"]),
    (
        Bidang.JASA,
        [
            "jasa",
            "laundry",
            "binatu",
            "servis",
            "service",
            "cuci",
            "pangkas",
            "sablon",
            "percetakan",
            "fotokopi",
            "cetak",
        ],
    ),
    (Bidang.PERDAGANGAN, ["dagang", "toko", "warung", "kelontong", "grosir", "retail", "sembako", "jual", "niaga"]),
    (Bidang.LAINNYA, ["lain"]),
]

BENTUK_KATA = [
    (BentukUsaha.PT_PERORANGAN, ["pt perorangan", "pt perseorangan", "perseroan perorangan"]),
    (BentukUsaha.KOPERASI, ["koperasi", "kop"]),
    (BentukUsaha.FIRMA, ["firma", "fa"]),
    (BentukUsaha.CV, ["cv", "persekutuan komanditer"]),
    (BentukUsaha.PT, ["pt", "perseroan terbatas"]),
    (BentukUsaha.UD, ["ud", "usaha dagang"]),
    (
        BentukUsaha.PERORANGAN,
        ["perorangan", "perseorangan", "individu", "pribadi", "belum berbadan usaha", "belum ada", "tidak ada"],
    ),
]

TAHAP_KATA = {normalisasi_teks(label.split("·")[-1]): value for value, label in TahapJakpreneur.choices}
YA = {"ya", "y", "yes", "setuju", "bersedia", "1", "true", "boleh"}
TIDAK = {"tidak", "t", "no", "n", "tidak setuju", "tidak bersedia", "0", "false", "tdk"}
STATUS_KATA = {
    "aktif": StatusUkm.AKTIF,
    "masih aktif": StatusUkm.AKTIF,
    "berjalan": StatusUkm.AKTIF,
    "buka": StatusUkm.AKTIF,
    "nonaktif": StatusUkm.NONAKTIF,
    "non aktif": StatusUkm.NONAKTIF,
    "tidak aktif": StatusUkm.NONAKTIF,
    "tutup": StatusUkm.NONAKTIF,
    "berhenti": StatusUkm.NONAKTIF,
    "vakum": StatusUkm.NONAKTIF,
}
DASAR_KATA = {
    "penjualan": DasarKelas.PENJUALAN,
    "hasil penjualan": DasarKelas.PENJUALAN,
    "omzet": DasarKelas.PENJUALAN,
    "omset": DasarKelas.PENJUALAN,
    "berjalan": DasarKelas.PENJUALAN,
    "usaha berjalan": DasarKelas.PENJUALAN,
    "modal": DasarKelas.MODAL,
    "modal usaha": DasarKelas.MODAL,
    "baru": DasarKelas.MODAL,
    "usaha baru": DasarKelas.MODAL,
    "pendirian": DasarKelas.MODAL,
    "pendaftaran": DasarKelas.MODAL,
}
# The export writes these words (the import reads them back through DASAR_KATA), not the raw codes.
LABEL_DASAR = {DasarKelas.PENJUALAN: "Hasil penjualan", DasarKelas.MODAL: "Modal usaha"}
TEKS_KOSONG = {"", "-", "--", "—", "n/a", "na", "tidak ada", "belum ada", "kosong", "null", "none"}


def _teks(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    text = "".join(ch for ch in text if ch in "\t\n" or ord(ch) >= 32)
    return " ".join(text.split())


def _kosong(text: str) -> bool:
    return text.strip().lower() in TEKS_KOSONG


def _angka(value, kolom: str, hasil: HasilBaris, **opsi) -> Decimal | None:
    """A number cell through the forms' own parser (``posyantek.forms.angka.baca_angka``): "Rp 1.500.000",
    "1.500.000,00", "2,5 juta", numeric cells. What could mean two numbers is a row error, never a guess."""
    try:
        return baca_angka(value, **opsi)
    except ValidationError as exc:
        if exc.code == "ilmiah":
            hasil.galat.append(
                _("%(k)s ditulis dalam notasi ilmiah (%(v)s): format kolomnya sebagai angka biasa.")
                % {"k": label_kolom(kolom), "v": _teks(value)}
            )
        else:
            hasil.galat.append(_("%(k)s: %(pesan)s") % {"k": label_kolom(kolom), "pesan": exc.messages[0]})
        return None


def _rupiah(value, kolom, hasil):
    amount = _angka(value, kolom, hasil, rupiah=True)
    if amount is None:
        return None
    if amount < 0:
        hasil.galat.append(_("%(k)s tidak boleh negatif.") % {"k": label_kolom(kolom)})
        return None
    return int(amount)


def _digit(value, kolom: str, panjang: int, hasil: HasilBaris) -> str | None:
    """NIK/NIB/KBLI: digits only. Numeric cells and scientific notation are the usual Excel damage."""
    if isinstance(value, float):
        if not value.is_integer():
            hasil.galat.append(
                _("%(k)s harus berupa angka bulat %(n)s digit.") % {"k": label_kolom(kolom), "n": panjang}
            )
            return None
        value = int(value)
    if isinstance(value, int):
        text = str(value)
        if kolom in ("pemilik_nik", "nib") and len(text) > 15:
            hasil.peringatan.append(
                _(
                    "%(k)s tersimpan sebagai angka di Excel, yang hanya menyimpan 15 digit: periksa digit "
                    "terakhirnya, atau format kolom sebagai teks."
                )
                % {"k": label_kolom(kolom)}
            )
    else:
        text = _teks(value)
        if "*" in text and kolom == "pemilik_nik":
            hasil.peringatan.append(_("NIK tersamar (hasil ekspor) diabaikan; NIK yang tersimpan tidak diubah."))
            return None
        if re.fullmatch(r"\d+(?:[.,]\d+)?[eE][+-]?\d+", text.replace(" ", "")):
            hasil.galat.append(
                _("%(k)s ditulis dalam notasi ilmiah (%(v)s): format kolomnya sebagai teks lalu ketik ulang.")
                % {"k": label_kolom(kolom), "v": text}
            )
            return None
        text = re.sub(r"[\s.\-']", "", text)
    if kolom == "kbli" and text.isdigit() and len(text) == 4:
        hasil.peringatan.append(
            _("KBLI %(v)s dianggap %(p)s (nol di depan hilang di spreadsheet).") % {"v": text, "p": text.zfill(5)}
        )
        text = text.zfill(5)
    if not text.isdigit() or len(text) != panjang:
        hasil.galat.append(
            _("%(k)s harus tepat %(n)s digit angka (tertulis “%(v)s”).")
            % {"k": label_kolom(kolom), "n": panjang, "v": _teks(value)[:30]}
        )
        return None
    return text


def _bidang(text: str, hasil: HasilBaris) -> str:
    key = normalisasi_teks(text)
    for value, label in Bidang.choices:
        if key in (normalisasi_teks(value), normalisasi_teks(str(label))):
            return value
    words = key.split()
    for value, kata in BIDANG_KATA:
        if any(k in words or (len(k) > 3 and k in key) for k in kata):
            return value
    if key:
        hasil.peringatan.append(_("Bidang usaha “%(v)s” tidak dikenali; dicatat sebagai Lainnya.") % {"v": text[:40]})
    else:
        hasil.peringatan.append(_("Bidang usaha kosong; dicatat sebagai Lainnya."))
    return Bidang.LAINNYA


def _bentuk(text: str, hasil: HasilBaris) -> str:
    key = normalisasi_teks(text)
    if not key:
        return BentukUsaha.PERORANGAN
    for value, label in BentukUsaha.choices:
        if key == normalisasi_teks(str(label)):
            return value
    for value, kata in BENTUK_KATA:
        if key in kata or any(key.startswith(k + " ") for k in kata):
            return value
    hasil.peringatan.append(_("Bentuk usaha “%(v)s” tidak dikenali; dicatat sebagai Lainnya.") % {"v": text[:40]})
    return BentukUsaha.LAINNYA


def _tahap(text: str, hasil: HasilBaris) -> str | None:
    key = normalisasi_teks(text).replace(" ", "")
    match = re.fullmatch(r"p?([1-7])", key)
    if match:
        return f"P{match.group(1)}"
    key = normalisasi_teks(text.split("·")[-1])
    if key in TAHAP_KATA:
        return TAHAP_KATA[key]
    hasil.galat.append(_("Tahap Jakpreneur harus P1 sampai P7 (tertulis “%(v)s”).") % {"v": text[:30]})
    return None


def _tautan(text: str, kolom: str) -> str:
    text = text.strip()
    if kolom == "instagram" and re.fullmatch(r"@?[A-Za-z0-9._]{1,30}", text):
        return f"https://www.instagram.com/{text.lstrip('@')}/"
    if kolom == "tiktok" and re.fullmatch(r"@[A-Za-z0-9._]{1,30}", text):
        return f"https://www.tiktok.com/{text}"
    if re.match(r"^(www\.|[a-z0-9-]+\.[a-z]{2,})", text, re.IGNORECASE):
        return "https://" + text
    return text


def _rumus(text: str, name: str) -> bool:
    """A cell that a spreadsheet would run: "=…", "@…" (but an Instagram/TikTok handle), or "+"/"-"
    followed by formula syntax ("+cmd|' /C calc'!A0", "-2+3")."""
    if text.startswith("="):
        return True
    if text.startswith("@"):
        return name not in ("instagram", "tiktok")
    if text.startswith(("+", "-")):
        return bool(re.search(r"[(!|=]|[0-9][+*/^-][0-9]", text[1:]))
    return False


def baris_ke_data(nomor: int, cells: list, kolom: dict[int, str]) -> HasilBaris:
    """One row's cells → field values. Empty cells are left out (on update they change nothing)."""
    hasil = HasilBaris(baris=nomor)
    for index, name in kolom.items():
        sebelum = len(hasil.galat)
        _isi_kolom(hasil, name, cells[index] if index < len(cells) else None)
        if len(hasil.galat) > sebelum:
            hasil.kolom_galat.add(name)
    hasil.data = {k: v for k, v in hasil.data.items() if v is not None}
    return hasil


def _isi_kolom(hasil: HasilBaris, name: str, value) -> None:
    text = _teks(value)
    if isinstance(value, (datetime, date)) and name != "tahun_berdiri":
        text = value.strftime("%d-%m-%Y")
    if _kosong(text):
        return
    if name == "pemilik_telepon" and re.fullmatch(r"[-–]+\s*\+?[0-9][0-9 ()\-]*", text):
        # "-0812-3456-7890": a dash typed before the number (or a cell Excel took for a sum).
        hasil.galat.append(
            _("%(k)s diawali tanda “-” (tertulis “%(v)s”): hapus tanda itu; nomor harus diawali angka atau +.")
            % {"k": label_kolom(name), "v": text[:30]}
        )
        return
    if _rumus(text, name):
        hasil.galat.append(
            _("%(k)s berisi rumus spreadsheet (“%(v)s”), bukan data.") % {"k": label_kolom(name), "v": text[:30]}
        )
        return
    if name == "kelurahan":
        hasil.kelurahan_teks = text
    elif name == "id_registri":
        if re.fullmatch(r"\d{1,12}", text):
            hasil.id_registri = int(text)
        else:
            hasil.galat.append(_("ID Registri harus angka (tertulis “%(v)s”).") % {"v": text[:20]})
    elif name == "kecamatan":
        hasil.kecamatan_teks = text
    elif name in ("nama", "pemilik_nama", "alamat", "deskripsi"):
        hasil.data[name] = text
    elif name == "pemilik_nik":
        hasil.data[name] = _digit(value, name, 16, hasil)
    elif name == "nib":
        hasil.data[name] = _digit(value, name, 13, hasil)
    elif name == "kbli":
        hasil.data[name] = _digit(value, name, 5, hasil)
    elif name == "pemilik_telepon":
        phone = text if not isinstance(value, (int, float)) else str(int(value))
        if re.fullmatch(r"8\d{8,12}", phone):
            phone = "0" + phone  # Excel drops the leading zero of a number typed as a number
        hasil.data[name] = phone
    elif name == "pemilik_email":
        hasil.data[name] = text.lower()
    elif name == "bidang":
        hasil.data[name] = _bidang(text, hasil)
    elif name == "bentuk_usaha":
        hasil.data[name] = _bentuk(text, hasil)
    elif name == "tahun_berdiri":
        if isinstance(value, (datetime, date)):
            hasil.data[name] = value.year
        else:
            found = re.findall(r"\b(1[89]\d\d|2\d\d\d)\b", text)
            if len(found) == 1:
                hasil.data[name] = int(found[0])
            else:
                hasil.galat.append(_("Tahun berdiri tidak dikenali: “%(v)s”.") % {"v": text[:20]})
    elif name == "jumlah_pekerja":
        number = _angka(value, name, hasil)
        if number is not None and number < 0:
            hasil.galat.append(_("Jumlah pekerja harus bilangan bulat (tertulis “%(v)s”).") % {"v": text[:20]})
        elif number is not None:
            hasil.data[name] = int(number)
    elif name in ("modal_usaha", "hasil_penjualan_tahunan"):
        hasil.data[name] = _rupiah(value, name, hasil)
    elif name == "dasar_kelas":
        dasar = DASAR_KATA.get(normalisasi_teks(text))
        if dasar is None:
            hasil.galat.append(
                _("Dasar klasifikasi harus “penjualan” atau “modal” (tertulis “%(v)s”).") % {"v": text[:30]}
            )
        else:
            hasil.data[name] = dasar
    elif name == "tahap_jakpreneur":
        hasil.data[name] = _tahap(text, hasil)
    elif name == "status":
        status = STATUS_KATA.get(normalisasi_teks(text))
        if status is None:
            hasil.galat.append(_("Status harus “aktif” atau “nonaktif” (tertulis “%(v)s”).") % {"v": text[:30]})
        else:
            hasil.data[name] = status
    elif name in ("latitude", "longitude"):
        # A map's 7th decimal is a hand's breadth: rounded to the column's 6, as before.
        number = _angka(value, name, hasil, desimal=40, ribuan=False)
        if number is not None:
            hasil.data[name] = str(number.quantize(Decimal("0.000001")))
    elif name in Ukm.TAUTAN:
        hasil.data[name] = _tautan(text, name)
    elif name == "tampil_publik":
        key = normalisasi_teks(text)
        if key in YA:
            hasil.data[name] = True
        elif key in TIDAK:
            hasil.data[name] = False
        else:
            hasil.galat.append(
                _("Persetujuan tampil publik harus “ya” atau “tidak” (tertulis “%(v)s”).") % {"v": text[:20]}
            )


# Checking a row against the model and the registry --------------------------------------------


@dataclass
class Konteks:
    """What every row is checked against, loaded once per file (a few queries, whatever its size)."""

    pos: object | None  # the operator's post; None = the whole province (admin provinsi)
    kelurahan: list[Kelurahan]
    pos_by_kecamatan: dict[int, int]
    nib_ke_ukm: dict[str, tuple[int, int]]  # NIB → (ukm id, pos id)
    id_ke_pos: dict[int, int]  # ukm id → pos id
    nama_ke_ukm: dict[tuple[str, int], int]  # (normalised name, kelurahan id) → ukm id
    nib_di_berkas: dict[str, int] = field(default_factory=dict)
    id_di_berkas: dict[int, int] = field(default_factory=dict)
    nama_di_berkas: dict[tuple[str, int], int] = field(default_factory=dict)

    @classmethod
    def muat(cls, pos, *, hasil_list: list | None = None) -> "Konteks":
        """The snapshot. With ``hasil_list`` (the file's rows) only what they can refer to is read:
        the registered businesses of the file's NIBs and registry IDs, and the names registered in
        the kelurahan the file names — a few indexed queries whatever the registry's size, instead
        of the whole table. Without it, the whole registry (the same answers, more rows)."""
        from posyantek.models import Pos

        kelurahan = list(Kelurahan.objects.select_related("kecamatan"))
        pos_by_kecamatan = dict(Pos.objects.values_list("kecamatan_id", "pk"))
        konteks = cls(
            pos=pos, kelurahan=kelurahan, pos_by_kecamatan=pos_by_kecamatan, nib_ke_ukm={}, id_ke_pos={}, nama_ke_ukm={}
        )
        semua = Ukm.objects.order_by()
        existing = Ukm.objects.order_by() if pos is None else Ukm.objects.for_pos(pos).order_by()
        if hasil_list is not None:
            nibs = sorted({h.data["nib"] for h in hasil_list if h.data.get("nib")})
            ids = sorted({h.id_registri for h in hasil_list if h.id_registri is not None})
            semua = semua.filter(Q(nib__in=nibs) | Q(pk__in=ids)) if nibs or ids else semua.none()
            wilayah = {(h.kelurahan_teks, h.kecamatan_teks) for h in hasil_list if h.kelurahan_teks}
            kelurahan_ids = {k.pk for k in (konteks.cari_kelurahan(t, c)[0] for t, c in wilayah) if k is not None}
            existing = existing.filter(kelurahan_id__in=sorted(kelurahan_ids))
        for pk, pos_id, nib in semua.values_list("pk", "pos_id", "nib"):
            konteks.id_ke_pos[pk] = pos_id
            if nib:
                konteks.nib_ke_ukm[nib] = (pk, pos_id)
        konteks.nama_ke_ukm = {
            (normalisasi_nama(n), k): pk for n, k, pk in existing.values_list("nama", "kelurahan_id", "pk")
        }
        return konteks

    def cari_kelurahan(self, teks: str, kecamatan_teks: str) -> tuple[Kelurahan | None, str]:
        if not normalisasi_nama(teks):
            return None, _("Kelurahan wajib diisi.")
        found = kelurahan_cocok(nama=teks, daftar=self.kelurahan)
        if kecamatan_teks:
            found_kec = kelurahan_cocok(nama=teks, daftar=found, kecamatan_nama=kecamatan_teks)
            if found and not found_kec:
                return None, _("Kelurahan “%(k)s” tidak berada di Kecamatan “%(c)s”.") % {
                    "k": teks,
                    "c": kecamatan_teks,
                }
            found = found_kec
        if self.pos is not None:
            inside = [k for k in found if k.kecamatan_id == self.pos.kecamatan_id]
            if found and not inside:
                return None, _("Kelurahan “%(k)s” berada di Kecamatan %(c)s, di luar wilayah pos ini.") % {
                    "k": teks,
                    "c": found[0].kecamatan.nama,
                }
            found = inside
        if not found:
            return None, _("Kelurahan “%(k)s” tidak dikenali.") % {"k": teks[:40]}
        if len(found) > 1:
            return None, _("Kelurahan “%(k)s” ada di beberapa kecamatan (%(c)s): tambahkan kolom Kecamatan.") % {
                "k": teks,
                "c": ", ".join(k.kecamatan.nama for k in found),
            }
        return found[0], ""


_KUNCI_ASING = tuple(f.name for f in Ukm._meta.concrete_fields if f.is_relation)


def periksa_baris(hasil: HasilBaris, konteks: Konteks, existing: dict[int, Ukm]) -> dict:
    """Check one row; returns what the preview stores: action, target, values, errors, warnings.

    ``existing`` maps ukm id → the loaded business for every NIB of the file already registered
    (loaded once per file). It is changed in memory only, to check the record as it would become.
    """
    galat = list(hasil.galat)
    peringatan = list(hasil.peringatan)
    data = dict(hasil.data)
    aksi, ukm_id = "baru", None
    if hasil.id_registri is not None:
        found_pos = konteks.id_ke_pos.get(hasil.id_registri)
        if found_pos is None or (konteks.pos is not None and found_pos != konteks.pos.pk):
            galat.append(_("ID Registri %(id)s tidak ada di registri pos ini.") % {"id": hasil.id_registri})
        elif hasil.id_registri in konteks.id_di_berkas:
            galat.append(
                _("ID Registri %(id)s sudah muncul di baris %(b)s berkas ini.")
                % {"id": hasil.id_registri, "b": konteks.id_di_berkas[hasil.id_registri]}
            )
        else:
            konteks.id_di_berkas[hasil.id_registri] = hasil.baris
            aksi, ukm_id = "perbarui", hasil.id_registri
    nib = data.get("nib")
    if nib:
        if nib in konteks.nib_di_berkas:
            galat.append(
                _("NIB %(nib)s sudah muncul di baris %(b)s berkas ini.") % {"nib": nib, "b": konteks.nib_di_berkas[nib]}
            )
        else:
            konteks.nib_di_berkas[nib] = hasil.baris
        if nib in konteks.nib_ke_ukm:
            found_id, found_pos = konteks.nib_ke_ukm[nib]
            if ukm_id is not None and found_id != ukm_id:
                galat.append(
                    _("NIB %(nib)s milik usaha lain di registri, bukan ID Registri %(id)s.")
                    % {"nib": nib, "id": ukm_id}
                )
            elif konteks.pos is not None and found_pos != konteks.pos.pk:
                galat.append(_("NIB %(nib)s sudah terdaftar di pos lain. Hubungi admin provinsi.") % {"nib": nib})
            else:
                aksi, ukm_id = "perbarui", found_id

    ukm = existing.get(ukm_id) if ukm_id else None
    if aksi == "perbarui" and ukm is None:  # deleted since the file was read
        aksi, ukm_id = "baru", None
    if ukm is None:
        ukm = Ukm()

    kelurahan = None
    if "kelurahan" in hasil.kolom_galat:
        pass
    elif hasil.kelurahan_teks or aksi == "baru":
        kelurahan, pesan = konteks.cari_kelurahan(hasil.kelurahan_teks, hasil.kecamatan_teks)
        if pesan:
            galat.append(pesan)
    elif konteks.pos is not None and ukm.pos_id != konteks.pos.pk:
        galat.append(_("Usaha ini terdaftar di pos lain."))

    if kelurahan is not None and data.get("nama"):
        key = (normalisasi_nama(data["nama"]), kelurahan.pk)
        if aksi == "baru" and key in konteks.nama_ke_ukm:
            peringatan.append(
                _(
                    "Usaha bernama sama sudah ada di kelurahan ini (tanpa NIB yang cocok): periksa agar tidak "
                    "tercatat dua kali."
                )
            )
        if key in konteks.nama_di_berkas:
            peringatan.append(
                _("Nama dan kelurahan yang sama sudah ada di baris %(b)s berkas ini.")
                % {"b": konteks.nama_di_berkas[key]}
            )
        konteks.nama_di_berkas.setdefault(key, hasil.baris)

    if aksi == "perbarui" and data.get("nama") and normalisasi_nama(data["nama"]) != normalisasi_nama(ukm.nama):
        peringatan.append(
            _("Nama usaha di registri untuk NIB ini adalah “%(nama)s”: pastikan NIB di berkas benar.")
            % {"nama": ukm.nama}
        )
    berubah = []
    for name, value in data.items():
        if aksi == "perbarui" and str(getattr(ukm, name)) != str(value):
            berubah.append(label_kolom(name))
        setattr(ukm, name, value)
    if kelurahan is not None:
        if aksi == "perbarui" and ukm.kelurahan_id != kelurahan.pk:
            berubah.append(label_kolom("kelurahan"))
        ukm.kelurahan = kelurahan
    if aksi == "baru" and not data.get("bidang"):
        ukm.bidang = data["bidang"] = Bidang.LAINNYA
        peringatan.append(_("Bidang usaha kosong; dicatat sebagai Lainnya."))
    if (
        aksi == "baru"
        and "dasar_kelas" not in data
        and data.get("modal_usaha") is not None
        and data.get("hasil_penjualan_tahunan") is None
    ):
        ukm.dasar_kelas = data["dasar_kelas"] = DasarKelas.MODAL  # only a capital figure: a business being registered

    # No foreign key is checked here: the kelurahan is one of the snapshot's rows (a missing one is
    # reported by cari_kelurahan above), and the others (owner, creator, verifier) come from the
    # registry, never from the file. Checking that they exist would cost a query a row and could not fail.
    exclude = list(_KUNCI_ASING)
    try:
        ukm.full_clean(exclude=exclude + sorted(hasil.kolom_galat), validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for name, errors in exc.error_dict.items():
            if name == "__all__":
                galat.extend(m for e in errors for m in e.messages if m not in galat)
                continue
            error = errors[0]  # one message per column is enough to fix it
            label = label_kolom(name)
            if error.code in ("blank", "null", "required"):
                galat.append(_("%(k)s wajib diisi.") % {"k": label})
            else:
                galat.append(f"{label}: {error.messages[0]}")
    kelas = (
        ""
        if galat
        else klasifikasi_ukm(
            modal_usaha=ukm.modal_usaha, hasil_penjualan_tahunan=ukm.hasil_penjualan_tahunan, dasar=ukm.dasar_kelas
        )
    )
    return {
        "baris": hasil.baris,
        "aksi": "galat" if galat else aksi,
        "ukm_id": ukm_id,
        "id_registri": hasil.id_registri,
        "kelurahan_id": kelurahan.pk if kelurahan else None,
        "data": data,
        "galat": galat,
        "peringatan": peringatan,
        "ringkas": {
            "nama": ukm.nama or data.get("nama", ""),
            "pemilik": ukm.pemilik_nama or data.get("pemilik_nama", ""),
            "kelurahan": kelurahan.nama if kelurahan else hasil.kelurahan_teks,
            "nib": ukm.nib,
            "kelas": str(Kelas(kelas).label) if kelas else "",
            "berubah": berubah,
        },
    }
