"""The hardening harness catches what it claims to: a 500 on odd input, a write on refused input.

Runs the same fuzzer as test_forms_fuzz.py against deliberately broken views (selftest_urls.py).
"""

import pytest
from django.test import Client

from tests.hardening.forms import fuzz, post_forms
from tests.hardening.test_forms_fuzz import EXAMPLES

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.hardening.selftest_urls")]


def form_at(client, url):
    [form] = post_forms(client.get(url).content.decode(), url)
    return form


def test_fuzzer_finds_a_server_error(wilayah):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    with pytest.raises(AssertionError, match="answered 500"):
        fuzz(client, "/rapuh/", form_at(client, "/rapuh/"), max_examples=EXAMPLES)


def test_fuzzer_finds_a_write_on_refused_input(wilayah):
    client = Client(enforce_csrf_checks=True)
    with pytest.raises(AssertionError, match="changed row counts"):
        fuzz(client, "/bocor/", form_at(client, "/bocor/"), max_examples=EXAMPLES)


def test_fuzzer_passes_a_sound_form_with_all_examples(wilayah):
    client = Client(enforce_csrf_checks=True)
    form = form_at(client, "/baik/")
    assert {f.name for f in form.fields} == {"csrfmiddlewaretoken", "judul", "jumlah"}
    assert fuzz(client, "/baik/", form, max_examples=EXAMPLES) == EXAMPLES
