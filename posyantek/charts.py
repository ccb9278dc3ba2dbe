"""Charts drawn on the server as SVG: no JavaScript, no CDN, readable by screen readers.

Every chart comes with the same numbers as a table (``templates/includes/_chart.html``), so a
screen reader or a printout loses nothing.
"""

from dataclasses import dataclass
from html import escape

PALETTE = ["#0b5d5b", "#b34a00", "#3d6fb6", "#7a4fa3", "#2f7d32", "#a4161a", "#5d6b69"]


@dataclass(frozen=True)
class Bar:
    label: str
    value: float


def _fmt(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")


def bar_chart_svg(bars: list[Bar], *, title: str, width: int = 640, bar_height: int = 22, label_width: int = 200) -> str:
    """A horizontal bar chart. Labels and values are escaped; the SVG has a title for assistive tech."""
    gap = 8
    height = max(1, len(bars)) * (bar_height + gap) + gap
    maximum = max((b.value for b in bars), default=0) or 1
    plot = width - label_width - 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(title)}" class="bar-chart">',
        f"<title>{escape(title)}</title>",
    ]
    for i, bar in enumerate(bars):
        y = gap + i * (bar_height + gap)
        w = 0 if bar.value <= 0 else max(2, round(plot * bar.value / maximum))
        color = PALETTE[i % len(PALETTE)] if len(bars) <= len(PALETTE) else PALETTE[0]
        parts.append(
            f'<text x="{label_width - 6}" y="{y + bar_height * 0.7:.1f}" text-anchor="end" font-size="13" '
            f'fill="#1b1f1e">{escape(bar.label[:32])}</text>'
            f'<rect x="{label_width}" y="{y}" width="{w}" height="{bar_height}" rx="3" fill="{color}"/>'
            f'<text x="{label_width + w + 6}" y="{y + bar_height * 0.7:.1f}" font-size="13" fill="#1b1f1e">'
            f"{escape(_fmt(bar.value))}</text>"
        )
    if not bars:
        parts.append(f'<text x="10" y="{height - 4}" font-size="13" fill="#545d5b">—</text>')
    parts.append("</svg>")
    return "".join(parts)


def _fmt_desimal(value: float, decimals: int) -> str:
    """Indonesian number format with a fixed number of decimals: 1234.5 -> "1.234,50"."""
    return f"{value:,.{decimals}f}".replace(",", "X").replace(".", ",").replace("X", ".")


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
