"""The yearly report (laporan tahunan): a post's year told from its own records, as PDF and DOCX, and
the province's, per kota, with a ranking of the posts.

Each app contributes its sections in ``<app>/laporan.py`` as ``BAGIAN``, a list of :class:`Bagian`,
found like the map's metrics (``posyantek/peta.py``). A section's ``hitung(lingkup, tahun)`` reads the
records of one post, of one kota's posts or of the whole province (:class:`Lingkup`), and returns an
:class:`Isi`: key figures (the one-page summary), charts, tables and photos. It returns plain values
only; the PDF (``templates/pdf/laporan.html``) and the DOCX (:func:`buat_docx`) lay out the same
``Isi``, so the two documents always say the same numbers.

A section that found nothing says so in one sentence (``Isi.kosong``) instead of an empty table.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from posyantek.charts import Bar, bar_chart_svg

#: the first year a report may be asked for (the portal's records start later; earlier is junk)
TAHUN_AWAL = 2015
BULAN_SINGKAT = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


def tahun_sah(tahun: int) -> bool:
    """A year a report can be made for: from ``TAHUN_AWAL`` to this year."""
    return TAHUN_AWAL <= tahun <= timezone.localdate().year


@dataclass(frozen=True)
class Lingkup:
    """Whose records a section reads: one post, the posts of one kota, or (neither) the province."""

    pos: object = None
    kota: object = None

    def saring(self, qs, lewat: str = "pos"):
        """``qs`` narrowed to this scope through the lookup ``lewat`` that reaches the post."""
        if self.pos is not None:
            return qs.filter(**{lewat: self.pos})
        if self.kota is not None:
            return qs.filter(**{f"{lewat}__kecamatan__kota": self.kota})
        return qs

    @property
    def satu_pos(self) -> bool:
        return self.pos is not None


def rentang(tahun: int) -> tuple[date, date]:
    return date(tahun, 1, 1), date(tahun, 12, 31)


@dataclass
class Tabel:
    judul: str
    kolom: list[str]
    baris: list[list]
    #: the columns holding numbers (right-aligned)
    angka: tuple[int, ...] = ()


@dataclass
class Grafik:
    judul: str
    batang: list[Bar]

    @property
    def ada_isi(self) -> bool:
        return any(b.value for b in self.batang)

    @property
    def svg(self) -> str:
        return bar_chart_svg(self.batang, title=self.judul, width=620, bar_height=16, label_width=150)


@dataclass
class Foto:
    berkas: object  # a FieldFile on public storage
    keterangan: str


@dataclass
class Isi:
    angka: list[tuple[str, object]] = field(default_factory=list)
    grafik: list[Grafik] = field(default_factory=list)
    tabel: list[Tabel] = field(default_factory=list)
    foto: list[Foto] = field(default_factory=list)
    kosong: str = ""  # said instead of charts and tables when the year holds nothing


@dataclass(frozen=True)
class Bagian:
    kunci: str
    judul: object  # a lazy translation
    urutan: int
    hitung: Callable[[Lingkup, int], Isi]
    #: only in a post's report (the profile and board); the province report leaves it out
    hanya_pos: bool = False


@lru_cache(maxsize=1)
def bagian_semua() -> tuple[Bagian, ...]:
    """Every app's report sections in their order; a key used twice is refused."""
    from posyantek import extensions

    found: dict[str, Bagian] = {}
    for config, daftar in extensions.modul_aplikasi("laporan", "BAGIAN"):
        for bagian in daftar:
            if bagian.kunci in found:
                raise ImproperlyConfigured(f"Laporan: bagian {bagian.kunci!r} didaftarkan dua kali ({config.name}).")
            found[bagian.kunci] = bagian
    return tuple(sorted(found.values(), key=lambda b: (b.urutan, b.kunci)))


def isi_semua(lingkup: Lingkup, tahun: int) -> list[tuple[Bagian, Isi]]:
    return [(b, b.hitung(lingkup, tahun)) for b in bagian_semua() if lingkup.satu_pos or not b.hanya_pos]


def per_bulan(rows, tahun: int) -> list[Bar]:
    """Twelve bars from (month number, value) rows."""
    nilai = dict(rows)
    return [Bar(f"{BULAN_SINGKAT[m - 1]} {tahun}", nilai.get(m, 0) or 0) for m in range(1, 13)]


def fmt(value) -> str:
    if isinstance(value, Decimal):
        value = value.quantize(Decimal("0.1")) if value % 1 else int(value)
    if isinstance(value, (int, Decimal, float)):
        return number_format(value, force_grouping=True)
    return str(value)


# -- the province: activity of the posts ----------------------------------------------------------


@dataclass
class Peringkat:
    pos: object
    layanan: int
    hadir: int
    jam: Decimal

    @property
    def skor(self) -> Decimal:
        return Decimal(self.layanan) + Decimal(self.hadir) + self.jam


def peringkat_pos(tahun: int, *, kota=None) -> list[Peringkat]:
    """The posts by activity in ``tahun``: services logged + training participants who attended +
    volunteers' confirmed hours (one point each), highest first, then by name. Three grouped queries."""
    from pelatihan.models import AktivitasRelawan, Pendaftaran
    from posyantek.models import LogLayanan, Pos

    awal, akhir = rentang(tahun)
    pos_qs = Pos.objects.select_related("kecamatan__kota").order_by("nama")
    if kota is not None:
        pos_qs = pos_qs.filter(kecamatan__kota=kota)
    layanan = dict(
        LogLayanan.objects.filter(tanggal__range=(awal, akhir)).order_by().values_list("pos").annotate(n=Count("pk"))
    )
    hadir = dict(
        Pendaftaran.objects.filter(hadir=True, jadwal__mulai__year=tahun)
        .order_by()
        .values_list("jadwal__pos")
        .annotate(n=Count("pk"))
    )
    jam = dict(
        AktivitasRelawan.objects.filter(status=AktivitasRelawan.Status.DIKONFIRMASI, tanggal__range=(awal, akhir))
        .order_by()
        .values_list("pos")
        .annotate(n=Sum("jam"))
    )
    daftar = [
        Peringkat(pos=p, layanan=layanan.get(p.pk, 0), hadir=hadir.get(p.pk, 0), jam=jam.get(p.pk) or Decimal(0))
        for p in pos_qs
    ]
    return sorted(daftar, key=lambda r: (-r.skor, r.pos.nama))


# -- the documents ------------------------------------------------------------------------------


def judul_laporan(*, pos=None, tahun: int) -> str:
    if pos is not None:
        return _("Laporan Tahunan %(pos)s %(tahun)s") % {"pos": pos.nama, "tahun": tahun}
    return _("Laporan Tahunan Posyantek Provinsi DKI Jakarta %(tahun)s") % {"tahun": tahun}


def nama_berkas(*, pos=None, tahun: int, ekstensi: str) -> str:
    slug = pos.slug if pos is not None else "dki-jakarta"
    return f"laporan-tahunan-{slug}-{tahun}.{ekstensi}"


def konteks_pos(pos, tahun: int) -> dict:
    bagian = isi_semua(Lingkup(pos=pos), tahun)
    return {
        "judul": judul_laporan(pos=pos, tahun=tahun),
        "pos": pos,
        "tahun": tahun,
        "ringkasan": [(label, fmt(v)) for _b, isi in bagian for label, v in isi.angka],
        "bagian": bagian,
    }


def konteks_provinsi(tahun: int) -> dict:
    from posyantek.models import Kota

    provinsi = isi_semua(Lingkup(), tahun)
    per_kota = [(kota, isi_semua(Lingkup(kota=kota), tahun)) for kota in Kota.objects.order_by("kode")]
    return {
        "judul": judul_laporan(tahun=tahun),
        "tahun": tahun,
        "ringkasan": [(label, fmt(v)) for _b, isi in provinsi for label, v in isi.angka],
        "peringkat": peringkat_pos(tahun),
        "penjelasan_skor": PENJELASAN_SKOR(),
        "per_kota": per_kota,
    }


def buat_pdf_pos(pos, tahun: int) -> bytes:
    from posyantek.pdf import buat_pdf

    return buat_pdf("pdf/laporan.html", konteks_pos(pos, tahun))


def buat_pdf_provinsi(tahun: int) -> bytes:
    from posyantek.pdf import buat_pdf

    return buat_pdf("pdf/laporan_provinsi.html", konteks_provinsi(tahun))


def buat_docx(konteks: dict) -> bytes:
    """The same report as an editable Word document (A4): the summary, then each section's figures,
    tables and photos; a chart becomes a table of its bars (Word cannot show our SVG charts)."""
    from docx import Document
    from docx.shared import Mm, Pt

    from posyantek.pdf import url_mutlak

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(18))
    doc.styles["Normal"].font.name = "DejaVu Sans"
    doc.styles["Normal"].font.size = Pt(10)
    section.footer.paragraphs[0].text = _("Dibuat oleh Portal Posyantek DKI Jakarta (%(url)s) pada %(tgl)s") % {
        "url": url_mutlak("/").rstrip("/"),
        "tgl": timezone.localtime().strftime("%d-%m-%Y %H.%M"),
    }

    doc.add_heading(konteks["judul"], level=0)
    _docx_tabel(doc, Tabel(_("Ringkasan"), [_("Keterangan"), _("Jumlah")], konteks["ringkasan"], angka=(1,)))
    doc.add_page_break()  # the summary is a page of its own, as in the PDF
    if konteks.get("peringkat"):
        doc.add_heading(_("Peringkat pos menurut keaktifan"), level=1)
        doc.add_paragraph(PENJELASAN_SKOR())
        _docx_tabel(doc, tabel_peringkat(konteks["peringkat"]))
    if "bagian" in konteks:
        _docx_bagian(doc, konteks["bagian"], level=1)
    for kota, bagian in konteks.get("per_kota", []):
        doc.add_page_break()
        doc.add_heading(kota.nama, level=1)
        _docx_bagian(doc, bagian, level=2)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def PENJELASAN_SKOR() -> str:  # noqa: N802 (a sentence, read where it is shown)
    return _(
        "Skor keaktifan = jumlah layanan yang dicatat + peserta pelatihan yang hadir + jam relawan TIK yang "
        "dikonfirmasi, selama tahun laporan."
    )


def tabel_peringkat(peringkat: list[Peringkat]) -> Tabel:
    return Tabel(
        _("Peringkat pos menurut keaktifan"),
        [_("No."), _("Pos"), _("Layanan"), _("Peserta hadir"), _("Jam relawan"), _("Skor")],
        [
            [i, r.pos.nama, fmt(r.layanan), fmt(r.hadir), fmt(r.jam), fmt(r.skor)]
            for i, r in enumerate(peringkat, start=1)
        ],
        angka=(0, 2, 3, 4, 5),
    )


def _docx_bagian(doc, bagian: list[tuple[Bagian, Isi]], *, level: int) -> None:
    from docx.shared import Mm

    for b, isi in bagian:
        doc.add_heading(str(b.judul), level=level)
        if isi.kosong:
            doc.add_paragraph(isi.kosong)
            continue
        for grafik in isi.grafik:
            _docx_tabel(
                doc, Tabel(grafik.judul, ["", _("Jumlah")], [[g.label, fmt(g.value)] for g in grafik.batang], (1,))
            )
        for tabel in isi.tabel:
            _docx_tabel(doc, tabel)
        for foto in isi.foto:
            try:
                with foto.berkas.open("rb") as handle:
                    doc.add_picture(io.BytesIO(handle.read()), width=Mm(70))
            except (OSError, ValueError, KeyError):  # a missing or unreadable photo: its caption only
                pass
            doc.add_paragraph(foto.keterangan)


def _docx_tabel(doc, tabel: Tabel) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc.add_paragraph(tabel.judul, style="Caption" if "Caption" in doc.styles else None)
    grid = doc.add_table(rows=1, cols=len(tabel.kolom))
    grid.style = "Table Grid"
    for i, judul in enumerate(tabel.kolom):
        grid.rows[0].cells[i].text = str(judul)
    for baris in tabel.baris:
        cells = grid.add_row().cells
        for i, value in enumerate(baris):
            cells[i].text = fmt(value) if i in tabel.angka else str(value)
            if i in tabel.angka:
                cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


# -- the sections of the foundation: profile and board, services, partners, news ------------------


def _profil(lingkup: Lingkup, tahun: int) -> Isi:
    from posyantek.models import Pengurus

    pos = lingkup.pos
    awal, akhir = rentang(tahun)
    pengurus = list(
        Pengurus.objects.filter(kepengurusan__pos=pos, kepengurusan__mulai__lte=akhir, kepengurusan__selesai__gte=awal)
        .select_related("kepengurusan")
        .order_by("kepengurusan__mulai", "pk")
    )
    profil = Tabel(
        _("Profil pos"),
        [_("Keterangan"), _("Isi")],
        [
            [_("Nama"), pos.nama],
            [_("Kecamatan"), pos.kecamatan.nama],
            [_("Kota/kabupaten"), pos.kecamatan.kota.nama],
            [_("Alamat sekretariat"), pos.alamat or "—"],
            [_("Telepon"), pos.telepon or "—"],
            [_("E-mail"), pos.email or "—"],
            [_("Jam layanan"), pos.jam_layanan or "—"],
        ],
    )
    tabel = [profil]
    if pengurus:
        tabel.append(
            Tabel(
                _("Pengurus pada tahun ini"),
                [_("Jabatan"), _("Nama"), _("Masa bakti")],
                [
                    [
                        p.get_jabatan_display() if not p.jabatan_lain else p.jabatan_lain,
                        p.nama,
                        f"{p.kepengurusan.mulai:%d-%m-%Y} – {p.kepengurusan.selesai:%d-%m-%Y}",
                    ]
                    for p in pengurus
                ],
            )
        )
    return Isi(angka=[(_("Pengurus"), len(pengurus))], tabel=tabel)


def _layanan(lingkup: Lingkup, tahun: int) -> Isi:
    from posyantek.models import JenisLayanan, LogLayanan

    qs = lingkup.saring(LogLayanan.objects.filter(tanggal__range=rentang(tahun))).order_by()
    per_jenis = {
        j: (n, p or 0) for j, n, p in qs.values_list("jenis").annotate(n=Count("pk"), p=Sum("jumlah_penerima"))
    }
    total = sum(n for n, _p in per_jenis.values())
    if not total:
        return Isi(angka=[(_("Layanan dicatat"), 0)], kosong=_("Tidak ada layanan yang dicatat pada tahun ini."))
    penerima = sum(p for _n, p in per_jenis.values())
    bulan = qs.values_list("tanggal__month").annotate(n=Count("pk"))
    return Isi(
        angka=[(_("Layanan dicatat"), total), (_("Penerima layanan"), penerima)],
        grafik=[Grafik(_("Layanan per bulan"), per_bulan(bulan, tahun))],
        tabel=[
            Tabel(
                _("Layanan menurut jenis"),
                [_("Jenis layanan"), _("Layanan"), _("Penerima")],
                [[label, *per_jenis.get(value, (0, 0))] for value, label in JenisLayanan.choices]
                + [[_("Jumlah"), total, penerima]],
                angka=(1, 2),
            )
        ],
    )


def _mitra(lingkup: Lingkup, tahun: int) -> Isi:
    from posyantek.models import Mitra

    awal, akhir = rentang(tahun)
    qs = lingkup.saring(Mitra.objects.all()).filter(
        (Q(mulai__isnull=True) | Q(mulai__lte=akhir)) & (Q(selesai__isnull=True) | Q(selesai__gte=awal))
    )
    if not lingkup.satu_pos:
        jumlah = qs.count()
        if not jumlah:
            return Isi(angka=[(_("Mitra"), 0)], kosong=_("Tidak ada mitra pada tahun ini."))
        per_jenis = dict(qs.order_by().values_list("jenis").annotate(n=Count("pk")))
        from posyantek.models import JenisMitra

        return Isi(
            angka=[(_("Mitra"), jumlah)],
            tabel=[
                Tabel(
                    _("Mitra menurut jenis"),
                    [_("Jenis"), _("Mitra")],
                    [[label, per_jenis.get(v, 0)] for v, label in JenisMitra.choices],
                    angka=(1,),
                )
            ],
        )
    mitra = list(qs.order_by("nama", "pk"))
    if not mitra:
        return Isi(angka=[(_("Mitra"), 0)], kosong=_("Tidak ada mitra pada tahun ini."))
    return Isi(
        angka=[(_("Mitra"), len(mitra))],
        tabel=[
            Tabel(
                _("Mitra pos"),
                [_("Nama mitra"), _("Jenis"), _("Kontak"), _("Masa kerja sama")],
                [
                    [
                        m.nama,
                        m.get_jenis_display(),
                        " · ".join(x for x in (m.kontak_nama, m.kontak_telepon) if x) or "—",
                        f"{m.mulai:%d-%m-%Y} – {m.selesai:%d-%m-%Y}"
                        if m.mulai and m.selesai
                        else (f"{m.mulai:%d-%m-%Y} –" if m.mulai else "—"),
                    ]
                    for m in mitra
                ],
            )
        ],
    )


FOTO_MAKS = 6


def _kabar(lingkup: Lingkup, tahun: int) -> Isi:
    from django.db.models import Prefetch

    from posyantek.models import Kabar, KabarFoto

    qs = lingkup.saring(Kabar.objects.filter(is_terbit=True, tanggal__range=rentang(tahun)))
    if not lingkup.satu_pos:
        jumlah = qs.count()
        return Isi(
            angka=[(_("Kabar kegiatan"), jumlah)],
            kosong="" if jumlah else _("Tidak ada kabar kegiatan pada tahun ini."),
            tabel=[Tabel(_("Kabar kegiatan"), [_("Kabar"), _("Jumlah")], [[_("Kabar terbit"), jumlah]], angka=(1,))]
            if jumlah
            else [],
        )
    kabar = list(
        qs.prefetch_related(Prefetch("foto_set", queryset=KabarFoto.objects.order_by("pk"))).order_by("tanggal", "pk")
    )
    if not kabar:
        return Isi(angka=[(_("Kabar kegiatan"), 0)], kosong=_("Tidak ada kabar kegiatan pada tahun ini."))
    foto = [Foto(k.foto_set.all()[0].foto, f"{k.tanggal:%d-%m-%Y} · {k.judul}") for k in kabar if k.foto_set.all()]
    return Isi(
        angka=[(_("Kabar kegiatan"), len(kabar))],
        tabel=[
            Tabel(
                _("Kabar kegiatan"),
                [_("Tanggal"), _("Judul"), _("Foto")],
                [[f"{k.tanggal:%d-%m-%Y}", k.judul, len(k.foto_set.all())] for k in kabar],
                angka=(2,),
            )
        ],
        foto=foto[:FOTO_MAKS],
    )


BAGIAN = [
    Bagian("profil", gettext_lazy("Profil dan pengurus"), 10, _profil, hanya_pos=True),
    Bagian("layanan", gettext_lazy("Layanan"), 20, _layanan),
    Bagian("mitra", gettext_lazy("Mitra"), 80, _mitra),
    Bagian("kabar", gettext_lazy("Kabar kegiatan"), 85, _kabar),
]
