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
