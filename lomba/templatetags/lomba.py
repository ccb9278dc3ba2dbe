"""Template helpers of the Lomba: the grouped bar chart (one entry against another per criterion)."""

from django import template
from django.utils.safestring import mark_safe

from posyantek.charts import grouped_bar_chart_svg

register = template.Library()


@register.inclusion_tag("lomba/_chart_grouped.html")
def grouped_bar_chart(groups, series, title: str, label_header: str = ""):
    """``{% grouped_bar_chart groups series "Judul" %}``: groups = [(label, [value per series])].

    Renders the SVG and a table with the same numbers (visually hidden, read by screen readers)."""
    clean = [(str(label), [float(v or 0) for v in values]) for label, values in groups]
    return {
        "svg": mark_safe(
            grouped_bar_chart_svg(clean, series=[str(s) for s in series], title=title, width=720, label_width=250)
        ),
        "title": title,
        "series": series,
        "groups": groups,
        "label_header": label_header,
    }
