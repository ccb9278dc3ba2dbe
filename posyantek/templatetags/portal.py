"""Template helpers shared by every app: charts and Rupiah."""

from decimal import Decimal

from django import template
from django.utils.safestring import mark_safe

from posyantek.charts import Bar, bar_chart_svg

register = template.Library()


@register.inclusion_tag("includes/_chart.html")
def bar_chart(rows, title: str, label_header: str = "", value_header: str = ""):
    """``{% bar_chart rows "UKM per kelas" %}`` where rows is a list of (label, value) pairs.

    Renders the SVG and a table with the same numbers (visually hidden, read by screen readers)."""
    bars = [Bar(str(label), float(value or 0)) for label, value in rows]
    return {
        "svg": mark_safe(bar_chart_svg(bars, title=title)),  # built from escaped parts only
        "title": title,
        "rows": [(b.label, b.value) for b in bars],
        "label_header": label_header,
        "value_header": value_header,
    }


@register.filter
def rupiah(value) -> str:
    """1500000 -> "Rp1.500.000" (Indonesian grouping)."""
    if value in (None, ""):
        return "—"
    amount = Decimal(value).quantize(Decimal(1))
    return "Rp" + f"{amount:,}".replace(",", ".")
