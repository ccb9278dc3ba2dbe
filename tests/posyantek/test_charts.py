from django.template import Context, Template

from posyantek.charts import Bar, bar_chart_svg
from posyantek.templatetags.portal import rupiah


def test_bar_chart_escapes_labels_and_scales_to_maximum():
    svg = bar_chart_svg([Bar("<script>", 10), Bar("Kecil", 5)], title="UKM & kelas")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'aria-label="UKM &amp; kelas"' in svg
    assert svg.count("<rect") == 2


def test_bar_chart_tag_renders_same_numbers_as_table():
    html = Template('{% load portal %}{% bar_chart rows "Per kelas" %}').render(Context({"rows": [("Mikro", 7), ("Kecil", 2)]}))
    assert "<svg" in html and "<table" in html
    assert ">Mikro</th><td class=\"num\">7</td>" in html


def test_rupiah_groups_thousands():
    assert rupiah(1500000) == "Rp1.500.000"
    assert rupiah(None) == "—"
