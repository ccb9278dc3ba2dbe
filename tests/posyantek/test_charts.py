from django.template import Context, Template

from posyantek.charts import Bar, bar_chart_svg
from posyantek.templatetags.portal import rupiah


def test_bar_chart_escapes_labels_and_scales_to_maximum():
    svg = bar_chart_svg([Bar("<script>", 10), Bar("Kecil", 5)], title="UKM & kelas")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'aria-label="UKM &amp; kelas"' in svg
    assert svg.count("<rect") == 2


def test_bar_chart_tag_renders_same_numbers_as_table():
    html = Template('{% load portal %}{% bar_chart rows "Per kelas" %}').render(
        Context({"rows": [("Mikro", 7), ("Kecil", 2)]})
    )
    assert "<svg" in html and "<table" in html
    assert '>Mikro</th><td class="num">7</td>' in html


def test_rupiah_groups_thousands():
    assert rupiah(1500000) == "Rp1.500.000"
    assert rupiah(None) == "—"


def _rect_widths(svg: str) -> list[int]:
    import re

    return [int(w) for w in re.findall(r'<rect x="\d+" y="\d+" width="(\d+)"', svg)]


def test_bar_chart_labels_round_like_the_tables(settings):
    from decimal import Decimal

    html = Template('{% load portal %}{% bar_chart rows "Nilai akhir" %}').render(
        Context({"rows": [("Gambir", Decimal("88.25")), ("Tambora", Decimal("70.5")), ("Menteng", 61)]})
    )
    svg, table = html.split("</svg>")
    # One rounding everywhere: what the results table prints (floatformat:2), in the bar label and
    # in the screen-reader table.
    assert ">88,25</text>" in svg and ">70,50</text>" in svg and ">61</text>" in svg
    assert '<td class="num">88,25</td>' in table and '<td class="num">70,50</td>' in table
    assert '<td class="num">61</td>' in table


def test_rank_chart_draws_the_best_rank_as_the_longest_bar():
    html = Template(
        '{% load portal %}{% bar_chart rows "Peringkat" "Tahun" "Peringkat" lebih_kecil_lebih_baik=True %}'
    ).render(Context({"rows": [("2023", 1), ("2024", 4), ("2025", 2)]}))
    widths = _rect_widths(html)
    assert widths[0] > widths[2] > widths[1] > 0
    assert ">1</text>" in html and ">4</text>" in html  # the labels still say the rank


def test_bar_chart_makes_room_for_long_labels_and_values():
    svg = bar_chart_svg([Bar("Mesin Pengering Kerupuk Tenaga Surya Hybrid", 3), Bar("Kecil", 1234567)], title="t")
    import re

    label_x = [float(x) for x in re.findall(r'<text x="([\d.]+)" y="[\d.]+" text-anchor="end"', svg)]
    rect_x = int(re.search(r'<rect x="(\d+)"', svg).group(1))
    # About 8 px per character at 13 px: the longest shown label (shortened with an ellipsis) fits
    # left of the bars, and the longest value fits right of the longest bar.
    shown = "Mesin Pengering Kerupuk Tenag…"
    assert f">{shown}</text>" in svg
    assert all(x >= 8 * len(shown) for x in label_x) and rect_x == label_x[0] + 6
    longest = max(_rect_widths(svg))
    assert rect_x + longest + 6 + 8 * len("1.234.567") <= 640
