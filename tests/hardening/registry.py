"""What the hardening tests walk, gathered from every app's ``tests/<app>/hardening.py``.

An app's ``tests/<app>/hardening.py`` may define (all optional; see tests/posyantek/hardening.py):

``LIST_PAGES: list[ListPage]``
    Every list page with rows that grow with the data. ``test_query_growth`` renders each at N and at
    10·N rows and asserts the same number of queries.
``WEIGHT_PAGES: list[WeightPage]``
    The key public pages, held to the page-weight budget by ``test_page_weight``.
``FORM_DATA: dict[str, Callable[[World], dict]]``
    For a URL name whose form has a file field: valid values for the other fields, so that the
    hostile-file corpus is refused because of the file and nothing else (``test_upload_corpus``);
    merged over the values the form shows.
    Forms without file fields need nothing: ``test_forms_fuzz`` finds them through the access matrix.
``DATA_IMPORTS: dict[str, str]``
    URL name of a spreadsheet import (CSV/XLSX upload, parsed and never stored) -> where its hostile
    sheets are tested. ``test_upload_corpus`` runs the image/document corpus on every other upload.

Every spec receives the access-matrix ``World`` (tests/access.py): post A (Gambir) and post B
(Tambora), the users ``op_a``, ``op_b``, ``owner``, ``admin``, ``juri``, and ``world.obj`` filled by the
app's ``tests/<app>/access.py`` ``build(world)`` when the spec asks for it (``build=True``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module, util

from posyantek.extensions import aplikasi
from tests.access import World

# every project app, in its order (posyantek.extensions.aplikasi): a new app needs no edit here
APPS = [config.label for config in aplikasi()]


@dataclass(frozen=True)
class ListPage:
    name: str
    url: Callable[[World], str]
    grow: Callable[[World, int], None]  # adds n more rows that the page lists
    # persona: None (anonymous), "op_a", "owner", "admin", ...; or a function of the world giving the
    # user (e.g. the world's volunteer)
    login: str | Callable[[World], object] | None = None
    n: int = 4  # measured at n rows, then at 10·n rows


@dataclass(frozen=True)
class WeightPage:
    name: str
    url: Callable[[World], str]
    build: Callable[[World], None] | None = None  # content that makes the page realistic (e.g. 20 rows)


def hardening_modules():
    for app in APPS:
        if util.find_spec(f"tests.{app}.hardening") is not None:
            yield import_module(f"tests.{app}.hardening")


def collect(attr: str) -> list:
    return [item for module in hardening_modules() for item in getattr(module, attr, [])]


def collect_dict(attr: str) -> dict:
    merged: dict = {}
    for module in hardening_modules():
        merged.update(getattr(module, attr, {}))
    return merged


def access_modules():
    for app in APPS:
        if util.find_spec(f"tests.{app}.access") is not None:
            yield import_module(f"tests.{app}.access")


def build_world(world: World) -> World:
    """Runs every app's access-matrix ``build(world)``, as the matrix test does."""
    for module in access_modules():
        if hasattr(module, "build"):
            module.build(world)
    return world
