"""The one extension mechanism (posyantek/extensions.py): each app declares its contributions in its
``providers.py``; pages render them in one loop, in order, and a key two apps define is refused."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.template import engines
from django.template.loader import get_template
from django.urls import reverse

from posyantek import extensions
from posyantek.extensions import Kontribusi


def test_the_apps_come_from_their_configs_in_their_order():
    assert [c.label for c in extensions.aplikasi()] == ["posyantek", "ukm", "teknologi", "pelatihan", "lomba"]


def test_every_contribution_names_a_known_point_and_an_existing_partial():
    for titik in extensions.TITIK:
        for k in extensions.kontribusi(titik):
            assert k.app, k
            if k.template:
                assert k.template.startswith(f"{k.app}/"), "an app renders its own partials"
                get_template(k.template)  # raises when it does not exist


def test_sections_keep_a_defined_order():
    apps_of = {titik: [k.app for k in extensions.kontribusi(titik)] for titik in extensions.TITIK}
    assert apps_of[extensions.POS_DETAIL] == ["ukm", "teknologi", "pelatihan", "lomba"]
    assert apps_of[extensions.BERANDA] == ["teknologi", "pelatihan", "ukm", "lomba"]  # the catalogue first
    assert apps_of[extensions.CARI] == ["teknologi", "ukm"]
    assert apps_of[extensions.OVERVIEW] == ["posyantek", "ukm", "teknologi", "pelatihan", "lomba"]


def test_a_key_defined_by_two_apps_is_refused(monkeypatch):
    dua = [
        Kontribusi(extensions.OVERVIEW, konteks=lambda **kw: {"angka": 1}, app="satu"),
        Kontribusi(extensions.OVERVIEW, konteks=lambda **kw: {"angka": 2}, app="dua"),
    ]
    monkeypatch.setattr(extensions, "kontribusi", lambda titik: dua)
    with pytest.raises(ImproperlyConfigured, match="'angka' is defined by both satu and dua"):
        extensions.context_for(extensions.OVERVIEW, request=None, pos=None)


def test_an_unknown_point_or_an_empty_contribution_is_refused(monkeypatch):
    fake = SimpleNamespace(KONTRIBUSI=[Kontribusi("tidak_ada", template="ukm/_overview.html")])
    monkeypatch.setattr(extensions, "import_module", lambda name: fake)
    extensions._semua.cache_clear()
    try:
        with pytest.raises(ImproperlyConfigured, match="unknown extension point"):
            extensions.kontribusi(extensions.OVERVIEW)
        fake.KONTRIBUSI = [Kontribusi(extensions.OVERVIEW)]
        extensions._semua.cache_clear()
        with pytest.raises(ImproperlyConfigured, match="contributes nothing"):
            extensions.kontribusi(extensions.OVERVIEW)
    finally:
        monkeypatch.undo()
        extensions._semua.cache_clear()


def test_the_loop_renders_every_partial_in_order(monkeypatch):
    monkeypatch.setattr(extensions, "templates", lambda titik: ["posyantek/_uji_a.html", "posyantek/_uji_b.html"])
    engine = engines["django"].engine
    from django.template import Template

    loader_templates = {"posyantek/_uji_a.html": Template("A{{ x }}"), "posyantek/_uji_b.html": Template("B{{ x }}")}
    monkeypatch.setattr(engine, "get_template", lambda name: loader_templates[name])
    html = engines["django"].from_string('{% load portal %}[{% bagian "overview" %}]').render({"x": 7})
    assert html == "[A7B7]"


def test_no_page_lists_the_apps_by_hand(settings):
    """The foundation's templates include no app's partial by name: the loop does."""
    from pathlib import Path

    for path in (Path(settings.BASE_DIR) / "templates").rglob("*.html"):
        rel = path.relative_to(Path(settings.BASE_DIR) / "templates").as_posix()
        if "/" in rel and rel.split("/")[0] not in ("includes", "layouts", "kelola", "posyantek", "akun"):
            continue  # an app's own templates (and its documents in pdf/) may include its partials
        for app in ("ukm", "teknologi", "pelatihan", "lomba"):
            assert f'{{% include "{app}/_' not in path.read_text(), f"{rel} includes {app}'s partial by hand"


@pytest.mark.django_db
def test_the_foundations_numbers_are_the_foundations_section(client, admin_provinsi, pos_a, operator_a):
    client.force_login(admin_provinsi)
    body = client.get(reverse("kelola:ringkasan")).content.decode()
    assert body.index("Pos, percontohan, dan operator per kota") < body.index("Lomba Posyantek")
    client.force_login(operator_a)
    body = client.get(reverse("kelola:pos-ringkasan", args=[pos_a.slug])).content.decode()
    assert "operator terdaftar" in body and "keikutsertaan lomba" in body
