"""Every upload field of the portal runs the hostile-file corpus (tests/hostile_files.py).

Upload fields are found like the fuzzed forms: every page of the access matrix, as the first persona
that may open it, every ``<input type="file">`` of a POST form to the page itself. For each one the
form is first submitted with a *valid* file (inside a rolled-back transaction) to prove the other
values are valid — from ``FORM_DATA[url name](world)`` in the app's tests/<app>/hardening.py, else
the values the form shows. Then every hostile file must be refused with a message and no 500,
nothing written to the database or to storage; the entries the corpus marks as cleanable may be
accepted (stored under a safe name, re-encoded).
"""

import pytest
from django.db import transaction
from django.test import Client

from tests.hardening.forms import check_response, post_forms, row_counts
from tests.hardening.registry import access_modules, build_world, collect_dict
from tests.hardening.test_forms_fuzz import forms_of
from tests.hostile_files import (
    CLEANED,
    CLEANED_DOCUMENTS,
    HOSTILE_DOCUMENTS,
    HOSTILE_IMAGES,
    VALID_JPEG,
    VALID_PDF,
    upload,
)

pytestmark = pytest.mark.django_db


def corpus_for(accept: str):
    """(valid file, hostile entries, cleanable names) for a file input's ``accept``."""
    if accept and all(part.strip().startswith("image/") for part in accept.split(",")):
        return ("foto.jpg", VALID_JPEG, "image/jpeg"), HOSTILE_IMAGES, CLEANED
    if "pdf" in accept:
        return ("dokumen.pdf", VALID_PDF, "application/pdf"), HOSTILE_DOCUMENTS, CLEANED_DOCUMENTS
    return (
        ("dokumen.pdf", VALID_PDF, "application/pdf"),
        HOSTILE_IMAGES + HOSTILE_DOCUMENTS,
        CLEANED | CLEANED_DOCUMENTS,
    )


def stored_files(media_root) -> set[str]:
    return (
        {str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file()} if media_root.exists() else set()
    )


def run_corpus(client: Client, url: str, form, base: dict, media_root) -> int:
    """Posts the corpus to every file field of ``form``; returns how many hostile files were refused."""
    refused = 0
    for field in form.file_fields:
        valid, hostile, cleanable = corpus_for(field.accept)
        with transaction.atomic():
            accepted = client.post(url, {**base, field.name: upload(*valid)})
            transaction.set_rollback(True)
        assert accepted.status_code == 302, (
            f"{url}: a valid {valid[0]} with the form's other values was not accepted "
            f"({accepted.status_code}); give valid values in FORM_DATA of tests/<app>/hardening.py"
        )
        for name, content, content_type in hostile:
            before_files = stored_files(media_root)
            before = row_counts()
            with transaction.atomic():
                response = client.post(url, {**base, field.name: upload(name, content, content_type)})
                if name in cleanable:
                    assert response.status_code < 500, f"{url} {field.name}={name}: {response.status_code}"
                    transaction.set_rollback(True)
                    continue
                assert response.status_code == 200, (
                    f"{url} {field.name}={name}: answered {response.status_code}, not refused"
                )
                check_response(url, response, before, [])
                body = response.content.decode()
                assert "field-error" in body or "form-errors" in body, f"{url} {field.name}={name}: no message"
                assert stored_files(media_root) == before_files, f"{url} {field.name}={name}: a file was stored"
                transaction.set_rollback(True)
            refused += 1
    return refused


def is_data_import(accept: str) -> bool:
    """A spreadsheet import field (CSV/XLSX): parsed row by row and never stored, so the image and
    document corpus does not apply; each importer's hostile sheets are tested by its app."""
    parts = [part.strip() for part in accept.split(",") if part.strip()]
    return bool(parts) and all(p in (".csv", ".xlsx", "text/csv") or "spreadsheetml" in p for p in parts)


def get_routes():
    return [route for module in access_modules() for route in module.ROUTES if route.method == "get"]


@pytest.mark.parametrize("route", get_routes(), ids=lambda r: r.name)
def test_every_upload_field_refuses_the_hostile_corpus(world, settings, route):
    build_world(world)
    form_data = collect_dict("FORM_DATA")
    imports = collect_dict("DATA_IMPORTS")
    for client, url, form, _persona in forms_of(route, world):
        if not form.file_fields:
            continue
        if all(is_data_import(f.accept) for f in form.file_fields):
            assert route.name in imports, f"{route.name}: a spreadsheet import; list it in DATA_IMPORTS with its tests"
            continue
        base = {**form.initial(), **form_data[route.name](world)} if route.name in form_data else form.initial()
        base["csrfmiddlewaretoken"] = next(f.value for f in form.fields if f.name == "csrfmiddlewaretoken")
        assert run_corpus(client, url, form, base, settings.MEDIA_ROOT) > 0


@pytest.mark.urls("tests.hardening.selftest_urls")
def test_corpus_passes_a_checked_upload_and_catches_an_unchecked_one(wilayah, settings):
    client = Client(enforce_csrf_checks=True)
    for path, sound in (("/foto-baik/", True), ("/foto-rapuh/", False)):
        [form] = post_forms(client.get(path).content.decode(), path)
        base = {"judul": "Foto uji", "csrfmiddlewaretoken": form.initial()["csrfmiddlewaretoken"]}
        if sound:
            assert run_corpus(client, path, form, base, settings.MEDIA_ROOT) == len(HOSTILE_IMAGES) - len(CLEANED)
        else:
            with pytest.raises(AssertionError, match="not refused"):
                run_corpus(client, path, form, base, settings.MEDIA_ROOT)
