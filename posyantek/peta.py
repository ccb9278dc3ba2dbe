"""The map of the 44 kecamatan as inline SVG: no tiles, no third-party origin, no JavaScript.

The boundaries (``data/kecamatan_dki.geojson``, ODbL, © OpenStreetMap contributors) are projected
once per process to SVG path strings: an equirectangular projection around Jakarta's latitude (at
6° south it distorts distances by well under 1 %), simplified to what a 600-unit-wide drawing can
show. The two kecamatan of Kepulauan Seribu, some 40 km out to sea, are drawn in an inset box to the
left of the mainland, as printed maps of Jakarta do.

What the map shows comes from the apps, never from the geometry file (the statistics stay outside
the ODbL): each app may have a ``peta`` module with ``METRIK``, a list of :class:`Metrik`, found
like Django's admin modules (``autodiscover_modules``). A key used twice is refused at start.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

GEOJSON = Path(__file__).resolve().parent / "data" / "kecamatan_dki.geojson"
KOTA_KEPULAUAN = "31.01"
LEBAR = 600.0  # the mainland's width in SVG units
INSET = 150.0  # the inset box's width
JARAK = 16.0  # between the inset and the mainland
TOLERANSI = 1.5  # points closer than this (SVG units) to the last kept one are dropped (~1 px on screen)

# Sequential greens (ColorBrewer "Greens", 5 classes), light to dark; the empty class is grey.
WARNA = ["#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c"]
WARNA_KOSONG = "#f2f2f2"
# One colour per kota for the map of posts (distinct in hue and lightness).
WARNA_KOTA = {
    "31.01": "#a6cee3",
    "31.71": "#fdbf6f",
    "31.72": "#b2df8a",
    "31.73": "#cab2d6",
    "31.74": "#fb9a99",
    "31.75": "#ffff99",
}


@dataclass(frozen=True)
class Bentuk:
    kode: str
    nama: str
    kota_kode: str
    d: str  # the SVG path


@dataclass(frozen=True)
class Geometri:
    bentuk: dict[str, Bentuk]
    lebar: float
    tinggi: float
    inset: tuple[float, float, float, float]  # x, y, width, height of the Kepulauan Seribu box


def _cincin(feature) -> list[list[tuple[float, float]]]:
    geometry = feature["geometry"]
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [ring for polygon in polygons for ring in polygon]


def _batas(features) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for feature in features:
        for ring in _cincin(feature):
            xs.extend(p[0] for p in ring)
            ys.extend(p[1] for p in ring)
    return min(xs), max(xs), min(ys), max(ys)


def _path(rings, proyeksi) -> str:
    parts = []
    for ring in rings:
        kept: list[tuple[float, float]] = []
        for lon, lat in ring:
            x, y = proyeksi(lon, lat)
            if not kept or math.dist(kept[-1], (x, y)) >= TOLERANSI:
                kept.append((x, y))
        if len(kept) < 3:
            continue
        parts.append("M" + "L".join(f"{x:.0f},{y:.0f}" for x, y in kept) + "Z")
    return "".join(parts)


@lru_cache(maxsize=1)
def geometri() -> Geometri:
    features = json.loads(GEOJSON.read_text(encoding="utf-8"))["features"]
    darat = [f for f in features if f["properties"]["kota_kode"] != KOTA_KEPULAUAN]
    pulau = [f for f in features if f["properties"]["kota_kode"] == KOTA_KEPULAUAN]

    def proyeksi_untuk(fitur, lebar, x0, y0):
        lon_min, lon_max, lat_min, lat_max = _batas(fitur)
        faktor = math.cos(math.radians((lat_min + lat_max) / 2))
        skala = lebar / ((lon_max - lon_min) * faktor)
        tinggi = (lat_max - lat_min) * skala

        def proyeksi(lon, lat):
            return x0 + (lon - lon_min) * faktor * skala, y0 + (lat_max - lat) * skala

        return proyeksi, tinggi

    inset_x, inset_y = 4.0, 4.0
    proyeksi_pulau, tinggi_pulau = proyeksi_untuk(pulau, INSET - 8, inset_x + 4, inset_y + 4)
    proyeksi_darat, tinggi_darat = proyeksi_untuk(darat, LEBAR, INSET + JARAK, 4.0)
    bentuk = {}
    for fitur, proyeksi in [(f, proyeksi_darat) for f in darat] + [(f, proyeksi_pulau) for f in pulau]:
        props = fitur["properties"]
        bentuk[props["kecamatan_kode"]] = Bentuk(
            kode=props["kecamatan_kode"],
            nama=props["kecamatan"],
            kota_kode=props["kota_kode"],
            d=_path(_cincin(fitur), proyeksi),
        )
    return Geometri(
        bentuk=bentuk,
        lebar=INSET + JARAK + LEBAR + 4,
        tinggi=max(tinggi_darat, tinggi_pulau + 8) + 8,
        inset=(inset_x, inset_y, INSET, tinggi_pulau + 8),
    )


# What the apps show on the map -------------------------------------------------------------------


@dataclass(frozen=True)
class Metrik:
    """One number per kecamatan: ``hitung()`` returns {kecamatan kode: number} (missing = 0)."""

    kunci: str
    label: str
    satuan: str
    hitung: Callable[[], dict[str, int | Decimal]]
    urutan: int = 100


def per_kecamatan(qs, agregat) -> dict:
    """{kecamatan kode: ``agregat``} over ``qs``, a queryset of rows with a ``pos``: one grouped query."""
    return dict(qs.values_list("pos__kecamatan__kode").annotate(n=agregat).order_by())


@lru_cache(maxsize=1)
def metrik_semua() -> dict[str, Metrik]:
    """Every app's map metrics, by key, in a stable order; a key used twice is refused."""
    from posyantek import extensions

    found: dict[str, Metrik] = {}
    for config, daftar in extensions.modul_aplikasi("peta", "METRIK"):
        if config.name == "posyantek":
            continue
        for metrik in daftar:
            if metrik.kunci in found:
                raise ImproperlyConfigured(f"Peta: metrik {metrik.kunci!r} didaftarkan dua kali ({config.name}).")
            found[metrik.kunci] = metrik
    return dict(sorted(found.items(), key=lambda item: (item[1].urutan, item[0])))


# Drawing -----------------------------------------------------------------------------------------


@dataclass
class Wilayah:
    kode: str
    nama: str
    d: str
    warna: str
    nilai: int | Decimal | None = None
    url: str = ""
    judul: str = ""
    pulau: bool = False  # Kepulauan Seribu: small islands, drawn with a dark outline to be seen

    @property
    def garis(self) -> tuple[str, str]:
        """(stroke colour, stroke width): white borders between mainland kecamatan."""
        return ("#333333", "1.2") if self.pulau else ("#ffffff", "1")


@dataclass
class Peta:
    judul: str
    lebar: float
    tinggi: float
    inset: tuple[float, float, float, float]
    wilayah: list[Wilayah]
    legenda: list[tuple[str, str]] = field(default_factory=list)  # (colour, label)
    satuan: str = ""

    @property
    def viewbox(self) -> str:
        return f"0 0 {self.lebar:.0f} {self.tinggi:.0f}"

    @property
    def inset_attr(self) -> dict[str, str]:
        x, y, w, h = self.inset
        return {"x": f"{x:.0f}", "y": f"{y:.0f}", "w": f"{w:.0f}", "h": f"{h:.0f}", "ty": f"{y + h + 14:.0f}"}


def _kelas(maks) -> list[tuple[Decimal, Decimal]]:
    """Five equal classes from just above 0 to ``maks``, with whole-number bounds when they fit."""
    maks = Decimal(maks)
    langkah = maks / 5
    if maks >= 5:
        langkah = Decimal(math.ceil(langkah))
    bounds = []
    bawah = Decimal(0)
    for i in range(5):
        atas = maks if i == 4 else bawah + langkah
        bounds.append((bawah, atas))
        bawah = atas
    return bounds


def _angka(v) -> str:
    from posyantek.forms.angka import format_angka

    return format_angka(v)


def peta_choropleth(
    *, metrik: Metrik, nilai: dict[str, int | Decimal], url: Callable[[str], str] | None = None
) -> Peta:
    """The map coloured by ``nilai`` (kecamatan kode → number) in five classes; zero is grey."""
    geo = geometri()
    maks = max([v for v in nilai.values() if v] or [0])
    kelas = _kelas(maks) if maks else []

    def warna(v) -> str:
        if not v:
            return WARNA_KOSONG
        for i, (_bawah, atas) in enumerate(kelas):
            if Decimal(v) <= atas:
                return WARNA[i]
        return WARNA[-1]

    wilayah = [
        Wilayah(
            kode=b.kode,
            nama=b.nama,
            d=b.d,
            warna=warna(nilai.get(b.kode, 0)),
            nilai=nilai.get(b.kode, 0),
            url=url(b.kode) if url else "",
            pulau=b.kota_kode == KOTA_KEPULAUAN,
        )
        for b in sorted(geo.bentuk.values(), key=lambda b: b.kode)
    ]
    legenda = [(WARNA_KOSONG, "0")] + [
        (WARNA[i], f"{_angka(bawah)} – {_angka(atas)}" if i else f"> 0 – {_angka(atas)}")
        for i, (bawah, atas) in enumerate(kelas)
        if atas > bawah or i == 0
    ]
    return Peta(
        judul=str(metrik.label),
        lebar=geo.lebar,
        tinggi=geo.tinggi,
        inset=geo.inset,
        wilayah=wilayah,
        legenda=legenda,
        satuan=str(metrik.satuan),
    )


def peta_pos(*, pos_per_kode: dict[str, tuple[str, str, bool]], nama_kota: dict[str, str]) -> Peta:
    """The map of posts: each kecamatan in its kota's colour, a link to its post's page.
    ``pos_per_kode``: kecamatan kode → (post name, post URL, is percontohan); ``nama_kota``: kota
    kode → name, for the legend."""
    geo = geometri()
    wilayah = []
    for b in sorted(geo.bentuk.values(), key=lambda b: b.kode):
        nama, alamat, percontohan = pos_per_kode.get(b.kode, ("", "", False))
        wilayah.append(
            Wilayah(
                kode=b.kode,
                nama=b.nama,
                d=b.d,
                warna=WARNA_KOTA.get(b.kota_kode, WARNA_KOSONG),
                url=alamat,
                judul=nama + (f" · {_('Percontohan')}" if percontohan else ""),
                pulau=b.kota_kode == KOTA_KEPULAUAN,
            )
        )
    return Peta(
        judul=str(_("Peta pos")),
        lebar=geo.lebar,
        tinggi=geo.tinggi,
        inset=geo.inset,
        wilayah=wilayah,
        legenda=[(WARNA_KOTA[kode], nama) for kode, nama in sorted(nama_kota.items()) if kode in WARNA_KOTA],
    )
