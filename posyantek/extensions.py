"""The one extension mechanism: other apps add sections to the foundation's pages.

The foundation imports none of the other apps. Each app, the foundation included, declares what it
adds in its ``providers.py``: a list ``KONTRIBUSI`` of :class:`Kontribusi`, one per point it adds to,
with the partial that renders its section and the function that builds that partial's context. The
foundation finds those modules over the app registry (as Django's admin finds ``admin.py``), so adding
an app means writing its ``providers.py`` and its partials; no list or template of the foundation
changes.

A page renders a point's sections in one loop, ``{% bagian "pos_detail" %}`` (``portal`` tags), in a
defined order: the app's ``urutan`` (its ``AppConfig.urutan``, or the contribution's own), then the
app's label. Its view builds the context with :func:`context_for`, which merges every app's dict and
refuses a key that two apps define (``ImproperlyConfigured``) instead of letting one overwrite the
other silently. Providers return lazy querysets or plain values and never raise for missing data.

Pages whose sections are cached (``{% fragmen %}``: the home page, a post's page and its dashboard)
call the providers only on a cache miss and hand their values to the partials under one name:
``beranda.<key>``, ``data_pos.<key>``, ``data_dasbor.<key>``. The other points merge the values into
the context as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import import_module

from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import module_has_submodule

BERANDA = "beranda"  # kwargs: request; the partial reads the values as ``beranda.<key>`` (built lazily)
POS_DETAIL = "pos_detail"  # kwargs: request, pos; the partial reads ``data_pos.<key>`` (built lazily)
POS_DASBOR = "pos_dasbor"  # kwargs: request, pos; the partial reads ``data_dasbor.<key>`` (built lazily)
AKUN_SAYA = "akun_saya"  # kwargs: request, user
KELOLA_INDEX = "kelola_index"  # kwargs: request, user
CARI = "cari"  # kwargs: request, q (non-empty); the partial reads ``cari.<key>`` (built lazily)
OVERVIEW = "overview"  # kwargs: request, pos (None = the whole province)
NAV_PUBLIK = "nav_publik"  # the public menu's links (a partial only)
NAV_KELOLA_POS = "nav_kelola_pos"  # a post's management menu (a partial only)
LAPORAN_POS = "laporan_pos"  # kwargs: request, pos, tahun_list; beside a post's yearly reports

TITIK = (
    BERANDA,
    POS_DETAIL,
    POS_DASBOR,
    AKUN_SAYA,
    KELOLA_INDEX,
    CARI,
    OVERVIEW,
    NAV_PUBLIK,
    NAV_KELOLA_POS,
    LAPORAN_POS,
)

URUTAN_BAWAAN = 50  # an app without ``urutan`` on its config comes after those with one


@dataclass(frozen=True)
class Kontribusi:
    """What one app adds at one point: a partial, the function building its context, or both."""

    titik: str
    template: str | None = None
    konteks: Callable[..., dict] | None = None
    urutan: int | None = None  # None: the app's own (AppConfig.urutan)
    app: str = field(default="", compare=False)


def aplikasi() -> list[AppConfig]:
    """The project's own apps (``versi.aplikasi_proyek``) in their order (``AppConfig.urutan``): the
    order of their sections, of the demo seed (the Lomba last: it ranks what the others created) and
    of the tests' registries."""
    from posyantek import versi

    proyek = versi.aplikasi_proyek()
    daftar = [config for config in apps.get_app_configs() if config.label in proyek]
    return sorted(daftar, key=lambda c: (getattr(c, "urutan", URUTAN_BAWAAN), c.label))


def modul_aplikasi(nama: str, atribut: str) -> list[tuple[AppConfig, object]]:
    """(app config, ``<app>.<nama>.<atribut>``) of every project app that has such a module, in the
    apps' order: how the map's metrics (``peta.METRIK``) and the yearly report's sections
    (``laporan.BAGIAN``) are found, the way Django's admin finds ``admin.py``."""
    hasil = []
    for config in aplikasi():
        if module_has_submodule(config.module, nama):
            hasil.append((config, getattr(import_module(f"{config.name}.{nama}"), atribut, [])))
    return hasil


@cache
def _semua() -> dict[str, list[Kontribusi]]:
    per_titik: dict[str, list[tuple[int, str, Kontribusi]]] = {titik: [] for titik in TITIK}
    for config in aplikasi():
        if not module_has_submodule(config.module, "providers"):
            continue
        module = import_module(f"{config.name}.providers")
        for k in getattr(module, "KONTRIBUSI", []):
            if k.titik not in per_titik:
                raise ImproperlyConfigured(f"{config.label}.providers: unknown extension point {k.titik!r}")
            if k.template is None and k.konteks is None:
                raise ImproperlyConfigured(f"{config.label}.providers: {k.titik} contributes nothing")
            urutan = k.urutan if k.urutan is not None else getattr(config, "urutan", URUTAN_BAWAAN)
            per_titik[k.titik].append((urutan, config.label, replace(k, app=config.label)))
    return {titik: [k for _u, _a, k in sorted(daftar, key=lambda x: x[:2])] for titik, daftar in per_titik.items()}


def kontribusi(titik: str) -> list[Kontribusi]:
    """Every app's contribution to ``titik``, in page order."""
    return _semua()[titik]


def templates(titik: str) -> list[str]:
    return [k.template for k in kontribusi(titik) if k.template]


def context_for(titik: str, **kwargs) -> dict:
    """Every app's context for ``titik``, merged; a key two apps define is refused."""
    context: dict = {}
    asal: dict[str, str] = {}
    for k in kontribusi(titik):
        if k.konteks is None:
            continue
        for key, value in k.konteks(**kwargs).items():
            if key in context:
                raise ImproperlyConfigured(f"{titik}: {key!r} is defined by both {asal[key]} and {k.app}")
            context[key] = value
            asal[key] = k.app
    return context
