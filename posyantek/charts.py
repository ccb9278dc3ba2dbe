"""Charts drawn on the server as SVG: no JavaScript, no CDN, readable by screen readers.

Every chart comes with the same numbers as a table (``templates/includes/_chart.html``), so a
screen reader or a printout loses nothing.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from html import escape

PALETTE = ["#0b5d5b", "#b34a00", "#3d6fb6", "#7a4fa3", "#2f7d32", "#a4161a", "#5d6b69"]


@dataclass(frozen=True)
class Bar:
    label: str
    value: float


def bulat(value: float | Decimal) -> Decimal:
    """The one rounding of every chart, its labels and its table: whole numbers stay whole, others
    get 2 decimals rounded half up — as the results tables print them (88,25, never 88,2 or 88,3)."""
    exact = Decimal(str(value))
    if exact == exact.to_integral_value():
        return exact.quantize(Decimal(1))
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _fmt(value: float) -> str:
    """Indonesian number format of ``bulat(value)``: 1234 -> "1.234", 88.245 -> "88,25"."""
    return f"{bulat(value):,}".replace(",", "X").replace(".", ",").replace("X", ".")


def _potong(label: str, limit: int = 30) -> str:
    """A long label shortened with an ellipsis (the table beside the chart has it in full)."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _label_width(bars, label_width: int) -> int:
    """Wide enough for the longest label shown, so none is cut off at the left edge: 8 px a character
    at 13 px covers wide sans-serif fonts (DejaVu Sans averages about 7.8 px); at most 260 px."""
    longest = max((len(_potong(b.label)) for b in bars), default=0)
    return max(label_width, min(260, 8 * longest + 12))


def bar_chart_svg(
    bars: list[Bar],
    *,
    title: str,
    width: int = 640,
    bar_height: int = 22,
    label_width: int = 200,
    lebih_kecil_lebih_baik: bool = False,
) -> str:
    """A horizontal bar chart. Labels and values are escaped; the SVG has a title for assistive tech.

    With ``lebih_kecil_lebih_baik`` (ranks) the best value draws the longest bar: rank r of a worst
    rank n is drawn (n + 1 − r) / n long, while its label still says r."""
    gap = 8
    label_width = _label_width(bars, label_width)
    height = max(1, len(bars)) * (bar_height + gap) + gap
    maximum = max((b.value for b in bars), default=0) or 1
    # Room right of the bars for the longest value label (8 px a character at 13 px).
    value_room = max(70, 8 * max((len(_fmt(b.value)) for b in bars), default=0) + 14)
    plot = width - label_width - value_room
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(title)}" class="bar-chart">',
        f"<title>{escape(title)}</title>",
    ]
    for i, bar in enumerate(bars):
        y = gap + i * (bar_height + gap)
        panjang = (maximum + 1 - bar.value) if lebih_kecil_lebih_baik and bar.value > 0 else bar.value
        w = 0 if panjang <= 0 else max(2, round(plot * panjang / maximum))
        color = PALETTE[i % len(PALETTE)] if len(bars) <= len(PALETTE) else PALETTE[0]
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar_height * 0.7:.1f}" text-anchor="end" font-size="13" '
            f'fill="#1b1f1e">{escape(_potong(bar.label))}</text>'
            f'<rect x="{label_width}" y="{y}" width="{w}" height="{bar_height}" rx="3" fill="{color}"/>'
            f'<text x="{label_width + w + 6}" y="{y + bar_height * 0.7:.1f}" font-size="13" fill="#1b1f1e">'
            f"{escape(_fmt(bar.value))}</text>"
        )
    if not bars:
        parts.append(f'<text x="10" y="{height - 4}" font-size="13" fill="#545d5b">—</text>')
    parts.append("</svg>")
    return "".join(parts)


def _fmt_desimal(value: float, decimals: int) -> str:
    """Indonesian number format with a fixed number of decimals, rounded half up like the tables:
    1234.5 -> "1.234,50"."""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{rounded:,.{decimals}f}".replace(",", "X").replace(".", ",").replace("X", ".")


def grouped_bar_chart_svg(
    groups: list[tuple[str, list[float]]],
    *,
    series: list[str],
    title: str,
    width: int = 640,
    bar_height: int = 14,
    label_width: int = 200,
    decimals: int = 2,
) -> str:
    """Horizontal grouped bars: for each group (e.g. a criterion) one bar per series (e.g. two
    entries compared), with a legend. Same escaping and accessibility as ``bar_chart_svg``."""
    gap, legend_h = 10, 24
    per_group = max(1, len(series)) * (bar_height + 2)
    height = legend_h + max(1, len(groups)) * (per_group + gap) + gap
    maximum = max((v for _label, values in groups for v in values), default=0) or 1
    plot = width - label_width - 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(title)}" class="bar-chart">',
        f"<title>{escape(title)}</title>",
    ]
    x = 0
    for i, name in enumerate(series):
        color = PALETTE[i % len(PALETTE)]
        parts.append(
            f'<rect x="{x}" y="4" width="12" height="12" rx="2" fill="{color}"/>'
            f'<text x="{x + 16}" y="14.5" font-size="13" fill="#1b1f1e">{escape(name[:40])}</text>'
        )
        x += 16 + min(len(name), 40) * 7 + 18
    for g, (label, values) in enumerate(groups):
        top = legend_h + gap + g * (per_group + gap)
        parts.append(
            f'<text x="{label_width - 6}" y="{top + per_group / 2 + 4:.1f}" text-anchor="end" font-size="13" '
            f'fill="#1b1f1e">{escape(label[:32])}</text>'
        )
        for i, value in enumerate(values):
            y = top + i * (bar_height + 2)
            w = 0 if value <= 0 else max(2, round(plot * value / maximum))
            parts.append(
                f'<rect x="{label_width}" y="{y}" width="{w}" height="{bar_height}" rx="2" '
                f'fill="{PALETTE[i % len(PALETTE)]}"/>'
                f'<text x="{label_width + w + 6}" y="{y + bar_height * 0.8:.1f}" font-size="12" fill="#1b1f1e">'
                f"{escape(_fmt_desimal(value, decimals))}</text>"
            )
    if not groups:
        parts.append(f'<text x="10" y="{height - 4}" font-size="13" fill="#545d5b">—</text>')
    parts.append("</svg>")
    return "".join(parts)
