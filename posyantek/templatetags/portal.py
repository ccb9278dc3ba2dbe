"""Template helpers shared by every app: charts, Rupiah and cached fragments of public data."""

from decimal import Decimal

from django import template
from django.templatetags.cache import CacheNode
from django.utils.safestring import mark_safe

from posyantek.charts import Bar, bar_chart_svg, bulat
from posyantek.whatsapp import tautan_bagi_wa, tautan_wa

register = template.Library()


@register.inclusion_tag("includes/_chart.html")
def bar_chart(rows, title: str, label_header: str = "", value_header: str = "", lebih_kecil_lebih_baik: bool = False):
    """``{% bar_chart rows "UKM per kelas" %}`` where rows is a list of (label, value) pairs.

    Renders the SVG and a table with the same numbers, rounded the same way (visually hidden, read
    by screen readers). ``lebih_kecil_lebih_baik=True`` for ranks: the best draws the longest bar."""
    bars = [Bar(str(label), float(value or 0)) for label, value in rows]
    return {
        # built from escaped parts only
        "svg": mark_safe(bar_chart_svg(bars, title=title, lebih_kecil_lebih_baik=lebih_kecil_lebih_baik)),
        "title": title,
        "rows": [(b.label, bulat(b.value)) for b in bars],
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


FRAGMEN_TIMEOUT = 60 * 60  # the data version changes the key on every write; this only bounds memory


class FragmenNode(CacheNode):
    def render(self, context):
        if context.get("versi") is None:  # rendered without the portal's context processor: no version
            return self.nodelist.render(context)
        return super().render(context)


@register.tag("fragmen")
def do_fragmen(parser, token):
    """``{% fragmen "name" [vary ...] %}...{% endfragmen %}``: Django's ``{% cache %}`` in the
    ``fragments`` cache, keyed by the data version (``versi.kunci``, see ``posyantek.versi``), the
    language and the extra ``vary`` values. Only for what every visitor sees alike: no ``user``,
    no CSRF token, nothing private inside. Querysets the fragment reads should be lazy, so a hit
    runs none of them."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("'fragmen' needs a name")
    nodelist = parser.parse(("endfragmen",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    vary = [parser.compile_filter("versi.kunci"), parser.compile_filter("LANGUAGE_CODE")]
    vary += [parser.compile_filter(bit) for bit in bits[2:]]
    return FragmenNode(
        nodelist, parser.compile_filter(str(FRAGMEN_TIMEOUT)), name, vary, parser.compile_filter('"fragments"')
    )


@register.simple_tag
def wa_chat(telepon, pesan: str = "") -> str:
    """``{% wa_chat telepon pesan as url %}``: a wa.me click-to-chat link, "" when the number is unusable.
    Render it only where the viewer may already see that number (posyantek/whatsapp.py)."""
    return tautan_wa(telepon=telepon, pesan=str(pesan or ""))


@register.inclusion_tag("includes/_wa_bagi.html")
def wa_bagi(judul, path) -> dict:
    """``{% wa_bagi judul obj.get_absolute_url %}``: a "Bagikan ke WhatsApp" link with the title and the
    absolute address (PORTAL_BASE_URL). A plain link: no script, nothing loaded from WhatsApp."""
    return {"url": tautan_bagi_wa(judul=str(judul), path=str(path))}
