"""Template helpers shared by every app: charts, Rupiah and cached fragments of public data."""

import enum
from decimal import Decimal

from django import template
from django.templatetags.cache import CacheNode
from django.utils.safestring import mark_safe

from posyantek import extensions
from posyantek.charts import Bar, bar_chart_svg, bulat
from posyantek.permissions import is_admin_provinsi
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
def laporan_angka(value) -> str:
    """A yearly report's number, grouped the Indonesian way (``posyantek.laporan.fmt``); text as it is."""
    from posyantek.laporan import fmt

    return fmt(value)


@register.filter
def rupiah(value) -> str:
    """1500000 -> "Rp1.500.000" (Indonesian grouping)."""
    if value in (None, ""):
        return "—"
    amount = Decimal(value).quantize(Decimal(1))
    return "Rp" + f"{amount:,}".replace(",", ".")


FRAGMEN_TIMEOUT = 60 * 60  # the data version changes the key on every write; this only bounds memory


class Lingkup(enum.Enum):
    """Who may be served a fragment rendered for somebody else."""

    #: every visitor alike: keyed by the data version, the language and the tag's own ``vary`` values
    PUBLIK = "publik"
    #: one post's page in /kelola/: also keyed by the post (``pos`` in the context; none: the
    #: province's page) and the viewer's role (admin provinsi or operator), added by the tag itself so
    #: no template can forget them
    POS_PERAN = "pos_peran"


#: Every cached fragment and its scope: the one registry. ``{% fragmen %}`` refuses a name that is
#: not here, and tests/hardening/test_fragment_cache.py renders each one for two posts and two roles.
FRAGMEN: dict[str, Lingkup] = {
    "beranda_data": Lingkup.PUBLIK,
    "beranda_kota": Lingkup.PUBLIK,
    "cari": Lingkup.PUBLIK,
    "jadwal_list": Lingkup.PUBLIK,
    "lomba_list": Lingkup.PUBLIK,
    "panduan": Lingkup.PUBLIK,
    "pos_cari": Lingkup.PUBLIK,
    "pos_detail": Lingkup.PUBLIK,
    "pos_grid": Lingkup.PUBLIK,
    "ttg_katalog": Lingkup.PUBLIK,
    "ukm_direktori": Lingkup.PUBLIK,
    "dasbor_pos": Lingkup.POS_PERAN,
    "kelola_nav": Lingkup.POS_PERAN,
    "ukm_kelola": Lingkup.POS_PERAN,
}


class FragmenNode(CacheNode):
    def __init__(self, *args, lingkup: Lingkup, **kwargs):
        super().__init__(*args, **kwargs)
        self.lingkup = lingkup

    def render(self, context):
        if context.get("versi") is None:  # rendered without the portal's context processor: no version
            return self.nodelist.render(context)
        if self.lingkup is Lingkup.PUBLIK:
            return super().render(context)
        request = context.get("request")
        if request is None:
            raise template.TemplateSyntaxError(f"fragmen {self.fragment_name!r} is private: it needs the request")
        pos = context.get("pos")  # None: the province-wide page of the same list (admin provinsi only)
        kunci_pos = pos.pk if pos is not None else "provinsi"
        with context.push(fragmen_pos__=kunci_pos, fragmen_admin__=is_admin_provinsi(request.user)):
            return super().render(context)


@register.tag("fragmen")
def do_fragmen(parser, token):
    """``{% fragmen "name" [vary ...] %}...{% endfragmen %}``: Django's ``{% cache %}`` in the
    ``fragments`` cache, keyed by the data version (``versi.kunci``, see ``posyantek.versi``), the
    language and the extra ``vary`` values; a fragment private to a post (``FRAGMEN``) also by the
    post and the viewer's role. Never ``user``-specific content, a CSRF token or a form inside.
    Querysets the fragment reads should be lazy, so a hit runs none of them."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("'fragmen' needs a name")
    name = bits[1].strip("\"'")
    if name not in FRAGMEN:
        raise template.TemplateSyntaxError(f"fragmen {name!r} is not in posyantek.templatetags.portal.FRAGMEN")
    nodelist = parser.parse(("endfragmen",))
    parser.delete_first_token()
    vary = [parser.compile_filter("versi.kunci"), parser.compile_filter("LANGUAGE_CODE")]
    if FRAGMEN[name] is Lingkup.POS_PERAN:
        vary += [parser.compile_filter("fragmen_pos__"), parser.compile_filter("fragmen_admin__")]
    vary += [parser.compile_filter(bit) for bit in bits[2:]]
    return FragmenNode(
        nodelist,
        parser.compile_filter(str(FRAGMEN_TIMEOUT)),
        name,
        vary,
        parser.compile_filter('"fragments"'),
        lingkup=FRAGMEN[name],
    )


@register.simple_tag(takes_context=True)
def bagian(context, titik: str):
    """``{% bagian "pos_detail" %}``: every app's section at this extension point, in order, each
    partial rendered with the page's context (``posyantek.extensions``): one loop instead of a
    hand-written list of includes per page."""
    engine = context.template.engine
    return mark_safe("".join(engine.get_template(name).render(context) for name in extensions.templates(titik)))


@register.simple_tag
def dwibahasa(obj, field: str, blok: bool = False, baris: bool = False):
    """``{% dwibahasa teknologi "deskripsi" blok=True %}``: the field in the visitor's language
    (``posyantek.dwibahasa``); the Indonesian text standing in for missing English is marked
    ``lang="id"``. ``blok``: paragraphs (``linebreaks``); ``baris``: one ``<li>`` a line."""
    from django.template.defaultfilters import linebreaks, linebreaksbr
    from django.utils.html import format_html, format_html_join

    from posyantek.dwibahasa import teks

    isi, pengganti = teks(obj, field)
    if not isi:
        return ""
    lang = ' lang="id"' if pengganti else ""
    if baris:
        items = format_html_join("", "<li>{}</li>", ((line.strip(),) for line in isi.splitlines() if line.strip()))
        return mark_safe(f"<ul{lang}>{items}</ul>")  # items are escaped by format_html_join
    if blok:
        return mark_safe(f"<div{lang}>{linebreaks(isi, autoescape=True)}</div>")
    if pengganti:
        return format_html('<span lang="id">{}</span>', mark_safe(linebreaksbr(isi, autoescape=True)))
    return linebreaksbr(isi, autoescape=True)


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
