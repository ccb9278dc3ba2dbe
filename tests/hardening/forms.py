"""Finding the POST forms of a page and throwing generated hostile input at them (Hypothesis).

Used by test_forms_fuzz.py (every form the access matrix reaches) and test_upload_corpus.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.apps import apps
from django.db import connection
from django.template import Template
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Tables a request may write even when it refuses the input: the session (the operator's idle
# timeout slides on every request) and the cache table (allauth's rate limits).
WRITE_ALLOWED_TABLES = {"django_session", "posyantek_cache"}
WRITE_SQL = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Za-z0-9_]+)"?', re.I)
NOT_FUZZED_TYPES = {"submit", "button", "reset", "image", "file"}


@dataclass
class Field:
    name: str
    kind: str  # input type, "select", "textarea"
    value: str = ""
    options: list[str] = field(default_factory=list)
    multiple: bool = False
    checked: bool = False
    accept: str = ""


@dataclass
class Form:
    action: str
    fields: list[Field]
    enctype: str = ""

    @property
    def file_fields(self) -> list[Field]:
        return [f for f in self.fields if f.kind == "file"]

    def initial(self) -> dict[str, str | list[str]]:
        """What a browser would submit untouched: prefilled values, selected options, checked boxes."""
        data: dict[str, str | list[str]] = {}
        for f in self.fields:
            if f.kind in NOT_FUZZED_TYPES or not f.name:
                continue
            if f.kind in ("checkbox", "radio"):
                if f.checked:
                    data.setdefault(f.name, []).append(f.value or "on")  # type: ignore[union-attr]
                continue
            data[f.name] = f.value
        return data


class FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None
        self._option: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                self._form = Form(action=a.get("action", ""), fields=[], enctype=a.get("enctype", ""))
            return
        if self._form is None:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            self._form.fields.append(
                Field(a["name"], kind, a.get("value", ""), checked="checked" in a, accept=a.get("accept", ""))
            )
        elif tag == "select" and a.get("name"):
            self._select = Field(a["name"], "select", multiple="multiple" in a)
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = a.get("value")
            if self._option is not None:
                self._select.options.append(self._option)
                if "selected" in a:
                    self._select.value = self._option
        elif tag == "textarea" and a.get("name"):
            self._textarea = Field(a["name"], "textarea")
            self._form.fields.append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "option":
            self._option = None


# Forms every page carries in its header; fuzzed once by test_forms_fuzz, not on every page.
HEADER_ACTIONS = ("/akun/logout/", "/i18n/setlang/")


def post_forms(html: str, url: str, *, other_actions: bool = False) -> list[Form]:
    """The POST forms of a page that submit to the page itself; with ``other_actions`` also those
    that submit to another path of the portal (a delete button on a list, say) — never the header's
    logout and language forms, nor another origin."""
    parser = FormParser()
    parser.feed(html)
    path = urlsplit(url).path
    found = []
    for form in parser.forms:
        target = urlsplit(form.action)
        if form.action in ("", url, path) or (not target.netloc and target.path == path):
            found.append(form)
        elif other_actions and not target.netloc and target.path.startswith("/") and target.path not in HEADER_ACTIONS:
            found.append(form)
    return found


def target_url(form: Form, page_url: str) -> str:
    return form.action or page_url


# -- generated input ----------------------------------------------------------------------------

HOSTILE = [
    "",
    " ",
    "0",
    "-1",
    "-999999999999",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "-0.000001",
    "3.14,15",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "' OR '1'='1' --",
    "'; DROP TABLE posyantek_pos; --",
    "%",
    "_",
    "\\",
    "%s%s%s%n",
    "{{ 7*7 }}",
    "{% debug %}",
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\u202e\u0644\u0627",
    "\ufeff",
    "🙂" * 64,
    "١٢٣",
    "２０２４",
    "2024-02-30",
    "0000-00-00",
    "31/12/2024",
    "9999-12-31T23:59:59",
    "-1 day",
    "../../../../etc/passwd",
    "C:\\Windows\\win.ini",
    "http://",
    "https://contoh.invalid/" + "a" * 300,
    "a@b",
    "a" * 255,
    "a" * 256,
    "x" * 5000,
    "y" * 70_000,
    "\r\n" * 50,
    "  padded  ",
    "12345678901234567890",
    "3171010",
    "31.71.01",
]

hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=200),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=20),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)


def field_value(f: Field):
    options = [o for o in f.options if o != ""]
    base = st.one_of(hostile_text, st.sampled_from(options)) if options else hostile_text
    if f.multiple or f.kind == "checkbox":
        return st.lists(base, max_size=4)
    return base


@st.composite
def payloads(draw, form: Form, fixed: dict):
    data: dict = {}
    for f in form.fields:
        if f.kind in NOT_FUZZED_TYPES or not f.name or f.name in fixed:
            continue
        if draw(st.integers(0, 9)) == 0:
            continue  # sometimes the field is missing altogether
        data[f.name] = draw(field_value(f))
    if draw(st.integers(0, 9)) == 0:
        data[draw(st.sampled_from(["pos", "pos_id", "id", "user", "is_admin_provinsi", "status"]))] = draw(hostile_text)
    data.update(fixed)
    return data


# -- the checks ---------------------------------------------------------------------------------


def row_counts() -> dict[str, int]:
    """The row count of every table of the project, in one query (one COUNT per table as a scalar
    subquery): the fuzzer takes it twice per submission, ~100 tables, thousands of submissions."""
    models = sorted(
        (m for m in apps.get_models() if m._meta.managed and not m._meta.proxy), key=lambda m: m._meta.label
    )
    qn = connection.ops.quote_name
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {qn(m._meta.db_table)})" for m in models)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        counts = cursor.fetchone()
    return {m._meta.label: n for m, n in zip(models, counts, strict=True)}


def writes(queries) -> set[str]:
    tables = set()
    for q in queries:
        match = WRITE_SQL.match(q["sql"])
        if match and match.group(1) not in WRITE_ALLOWED_TABLES:
            tables.add(match.group(1))
    return tables


def check_response(url: str, response, before: dict, queries) -> None:
    assert response.status_code < 500, f"POST {url} answered {response.status_code}"
    if 300 <= response.status_code < 400:
        location = response.get("Location", "")
        parts = urlsplit(location)
        assert not parts.netloc or parts.netloc == "testserver", f"POST {url} redirected off-site to {location!r}"
        return  # accepted: writing is allowed
    # Refused (form re-rendered with errors, 4xx): nothing may be written.
    changed = {k: (before[k], v) for k, v in row_counts().items() if before.get(k) != v}
    assert not changed, f"POST {url} answered {response.status_code} but changed row counts: {changed}"
    written = writes(queries)
    assert not written, f"POST {url} answered {response.status_code} but wrote to {sorted(written)}"


def fuzz(client, url: str, form: Form, *, max_examples: int = 200, files: dict | None = None) -> int:
    """Posts ``max_examples`` generated payloads to ``form`` at ``url``; returns how many were sent."""
    fixed = {f.name: f.value for f in form.fields if f.name == "csrfmiddlewaretoken"}
    if files:
        fixed.update(files)
    sent = 0

    @settings(
        max_examples=max_examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(payloads(form, fixed))
    def run(data):
        nonlocal sent
        sent += 1
        before = row_counts()
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, data)
        check_response(url, response, before, queries.captured_queries)

    # The responses' template contexts are never read here: skip the test runner's recording of
    # every template rendering (a copy of the context per included template), a third of the time.
    instrumented = Template._render
    Template._render = getattr(Template, "_original_render", instrumented)
    try:
        run()
    finally:
        Template._render = instrumented
    return sent
