"""Page weight of the first load of the key public pages, and no third-party origin.

Budgets (images excluded): HTML ≤ 60 KB gzip-compressed; JavaScript ≤ 50 KB (uncompressed, the
stricter reading); everything — compressed HTML plus the uncompressed CSS, JavaScript and fonts it
pulls in — ≤ 200 KB. Assets are resolved through the static-files finders, CSS ``@import`` and
``url()`` followed. The pages come from each app's ``tests/<app>/hardening.py`` ``WEIGHT_PAGES``.
"""

import gzip
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from tests.hardening.registry import WeightPage, build_world, collect

pytestmark = pytest.mark.django_db

KB = 1024
HTML_GZIP_MAX = 60 * KB
JS_MAX = 50 * KB
TOTAL_MAX = 200 * KB
IMAGE_EXT = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico", ".avif")
FONT_EXT = (".woff2", ".woff", ".ttf", ".otf")

WEIGHT_PAGES: list[WeightPage] = collect("WEIGHT_PAGES")


class AssetParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.other: list[tuple[str, str]] = []  # (tag, url) of images, icons, frames, media
        self.inline_scripts = 0
        self.style_attributes = 0
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "style" in a:
            self.style_attributes += 1
        if tag == "script":
            if a.get("src"):
                self.scripts.append(a["src"])
            elif a.get("type") != "application/ld+json":
                self._in_script = True
        elif tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower().split()
            if "stylesheet" in rel:
                self.styles.append(a["href"])
            elif {"preload", "modulepreload", "icon", "manifest", "apple-touch-icon"} & set(rel):
                self.other.append((tag, a["href"]))
        elif tag in ("img", "iframe", "source", "audio", "video", "embed") and (a.get("src") or a.get("srcset")):
            self.other.append((tag, a.get("src") or a["srcset"].split()[0]))
        elif tag == "object" and a.get("data"):
            self.other.append((tag, a["data"]))

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False


def is_foreign(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme not in ("", "data")


def static_bytes(url: str) -> bytes:
    path = urlsplit(url).path
    assert path.startswith(settings.STATIC_URL), f"{url} is not a static file"
    found = finders.find(path[len(settings.STATIC_URL) :])
    assert found, f"{url} not found by the static-files finders"
    with open(found, "rb") as handle:
        return handle.read()


def css_with_dependencies(url: str, seen: set[str]) -> tuple[int, int, list[str]]:
    """(css bytes, font bytes, foreign urls) of a stylesheet and what it imports."""
    if url in seen:
        return 0, 0, []
    seen.add(url)
    css = static_bytes(url)
    css_size, font_size, foreign = len(css), 0, []
    text = css.decode("utf-8", "replace")
    refs = re.findall(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""", text)
    refs += re.findall(r"""@import\s+['"]([^'"]+)['"]""", text)
    base = url.rsplit("/", 1)[0] + "/"
    for ref in refs:
        if ref.startswith("data:"):
            continue
        if is_foreign(ref):
            foreign.append(ref)
            continue
        target = ref if ref.startswith("/") else base + ref
        target = urlsplit(target).path
        while "/../" in target:
            target = re.sub(r"/[^/]+/\.\./", "/", target, count=1)
        if target.endswith(".css"):
            c, f, x = css_with_dependencies(target, seen)
            css_size, font_size, foreign = css_size + c, font_size + f, foreign + x
        elif target.endswith(FONT_EXT):
            font_size += len(static_bytes(target))
    return css_size, font_size, foreign


def test_the_key_public_pages_are_registered():
    assert {p.name for p in WEIGHT_PAGES} >= {"beranda", "daftar pos", "detail pos"}


@pytest.mark.parametrize("spec", WEIGHT_PAGES, ids=lambda spec: spec.name)
def test_first_load_stays_within_budget_and_on_our_origin(client, world, spec: WeightPage):
    build_world(world)
    if spec.build:
        spec.build(world)
    response = client.get(spec.url(world))
    assert response.status_code == 200
    html = response.content
    parser = AssetParser()
    parser.feed(html.decode())

    foreign = [u for u in parser.scripts + parser.styles if is_foreign(u)]
    foreign += [u for _tag, u in parser.other if is_foreign(u)]
    js = sum(len(static_bytes(u)) for u in parser.scripts if not is_foreign(u))
    css = fonts = 0
    seen: set[str] = set()
    for url in parser.styles:
        if not is_foreign(url):
            c, f, x = css_with_dependencies(url, seen)
            css, fonts, foreign = css + c, fonts + f, foreign + x
    html_gzip = len(gzip.compress(html, compresslevel=6))
    total = html_gzip + css + js + fonts

    assert not foreign, f"{spec.name}: third-party origins {foreign}"
    assert parser.inline_scripts == 0, f"{spec.name}: inline <script> (CSP forbids it)"
    assert parser.style_attributes == 0, f"{spec.name}: style= attributes (CSP forbids them)"
    assert html_gzip <= HTML_GZIP_MAX, f"{spec.name}: HTML {html_gzip / KB:.1f} KB gzipped > 60 KB"
    assert js <= JS_MAX, f"{spec.name}: JavaScript {js / KB:.1f} KB > 50 KB"
    assert total <= TOTAL_MAX, (
        f"{spec.name}: {total / KB:.1f} KB > 200 KB (HTML {html_gzip / KB:.1f} gz, CSS {css / KB:.1f}, "
        f"JS {js / KB:.1f}, fonts {fonts / KB:.1f})"
    )


def test_budget_check_counts_what_a_page_loads(client, wilayah):
    """The parser sees the base template's stylesheets and script (so the budgets above measure something)."""
    parser = AssetParser()
    parser.feed(client.get("/").content.decode())
    assert any(u.endswith("css/app.css") for u in parser.styles)
    assert any(u.endswith("js/app.js") for u in parser.scripts)
    assert sum(len(static_bytes(u)) for u in parser.styles) > 5 * KB
    assert is_foreign("https://cdn.example.com/x.js") and is_foreign("//cdn.example.com/x.js")
    assert not is_foreign("/static/js/app.js")
