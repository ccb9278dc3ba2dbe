"""The naming glossary (docs/architecture.md, "Naming"), checked on every service and selector.

Every project app (found through the app registry, so a new app is covered without editing this
file) may have a ``services`` and a ``selectors`` module or package. For each public function
*defined* there (imports from elsewhere are checked where they are defined):

- services are ``<noun>_<verb>`` and the verb, the last word, is an Indonesian verb of ``VERBS``;
- selectors are ``<noun>_<qualifier>`` and use no English qualifier (``_public``, ``_for_``, ...) and
  no English CRUD verb;
- every argument is keyword-only (``def f(*, ...)``);
- the acting user is ``oleh``: no service or selector takes ``user``; a service may take an account it
  acts on (``pengguna``, ``juri``) only beside ``oleh``, so such a name never means the actor.
"""

import importlib
import inspect
import pkgutil
import re
from pathlib import Path
from types import ModuleType

import pytest
from django.apps import apps
from django.conf import settings

# The verbs of the glossary: the last word of every service's name is one of these (a compound verb
# such as ``kirim_ulang`` counts as one word).
VERBS = frozenset(
    {
        "buat",  # create
        "ubah",  # update
        "hapus",  # delete
        "simpan",  # create or update
        "tetapkan",  # set
        "tambah",  # add
        "batalkan",  # cancel
        "kirim",  # send
        "kirim_ulang",  # send again
        "buat_ulang",  # create again (a new token, a new calendar link)
        "terima",  # accept
        "tolak",  # refuse
        "verifikasi",  # verify
        "putuskan",  # decide
        "ajukan",  # submit, apply
        "terbitkan",  # publish, issue
        "kembalikan",  # send back
        "catat",  # record
        "impor",  # import
        "ekspor",  # export
        "pratinjau",  # preview
        "terapkan",  # apply (a previewed import)
        "antre",  # queue
        "jalankan",  # run (a background job)
        "minta",  # request
        "ambil",  # fetch (for writing)
        "tulis",  # write
        "bersihkan",  # clean up
        "tarik",  # withdraw
        "tutup",  # close
        "lengkapi",  # fill in derived fields
        "aktifkan",  # activate
        "nonaktifkan",  # deactivate
        "tinjau",  # review
        "konfirmasi",  # confirm
        "tandai",  # mark
        "mulai",  # start
        "finalkan",  # finalise
        "umumkan",  # announce
        "bawa",  # carry over
        "unggah",  # upload
        "isi",  # fill
        "kunci",  # lock (select_for_update)
        "periksa",  # check
        "pastikan",  # make sure (raises when not)
        "tahan",  # hold back
        "urungkan",  # undo (a committed import)
        "gabungkan",  # merge (a guest's bookings into their new account)
        "ingatkan",  # remind (e-mail before a deadline)
        "lampirkan",  # attach (a post's yearly report to its Lomba entry)
    }
)

# English words that must not appear as a word of any service or selector name.
ENGLISH = frozenset(
    {
        "create",
        "update",
        "delete",
        "set",
        "get",
        "add",
        "remove",
        "assign",
        "apply",
        "decide",
        "verify",
        "submit",
        "cancel",
        "commit",
        "preview",
        "purge",
        "upload",
        "public",
        "for",
        "with",
        "upcoming",
        "counts",
        "link",
        "regenerate",
        "profile",
    }
)

# The actor's name, and account parameters a service may take only beside it (the account acted on).
ACTOR = "oleh"
ACCOUNT_PARAMS = frozenset({"pengguna", "juri"})

# Services that take an account without an actor: nobody acts, the account is what they work on.
# Each is checked to exist, so the list cannot go stale.
ACCOUNT_WITHOUT_ACTOR = {
    "posyantek.services.akun": {"undangan_tautan_buat"},  # the invitation link of ``pengguna``
}

# Helpers that live in a services module because services use them, but are not services: a context
# manager and the unique-constraint building blocks every service's save goes through (their
# signature mirrors ``Model.save``). Each name is checked to exist, so the list cannot go stale.
NOT_SERVICES = {
    "posyantek.services.unik": {"simpan_unik", "pelanggaran_unik"},
}


def _project_apps():
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if base in path.parents and ".venv" not in path.parts:
            yield config


def _modules(config, kind: str) -> list[ModuleType]:
    name = f"{config.name}.{kind}"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as err:
        if err.name == name:
            return []
        raise
    found = [module]
    if hasattr(module, "__path__"):  # a package: services/akun.py, services/pos.py, ...
        for info in pkgutil.iter_modules(module.__path__):
            found.append(importlib.import_module(f"{name}.{info.name}"))
    return found


def _functions(kind: str) -> list[tuple[str, str, object]]:
    out = []
    for config in _project_apps():
        for module in _modules(config, kind):
            skip = NOT_SERVICES.get(module.__name__, set())
            for name, obj in vars(module).items():
                if name.startswith("_") or name in skip:
                    continue
                func = inspect.unwrap(obj) if callable(obj) else obj
                if inspect.isfunction(func) and func.__module__ == module.__name__:
                    out.append((module.__name__, name, func))
    return sorted(out, key=lambda item: (item[0], item[1]))


SERVICES = _functions("services")
SELECTORS = _functions("selectors")


def _ids(items):
    return [f"{module}.{name}" for module, name, _ in items]


def _english(name: str) -> set[str]:
    return set(name.split("_")) & ENGLISH


def _verb(name: str) -> str | None:
    for verb in sorted(VERBS, key=len, reverse=True):
        if name.endswith("_" + verb) and len(name) > len(verb) + 1:
            return verb
    return None


def _not_keyword_only(func) -> list[str]:
    return [
        p.name
        for p in inspect.signature(func).parameters.values()
        if p.kind not in (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.VAR_KEYWORD)
    ]


def test_every_app_is_found():
    """The discovery sees the apps' services and selectors (an empty list would pass every check)."""
    services = {module.split(".")[0] for module, _, _ in SERVICES}
    selectors = {module.split(".")[0] for module, _, _ in SELECTORS}
    expected = {"posyantek", "ukm", "teknologi", "pelatihan", "lomba"}
    assert services >= expected
    assert selectors >= expected
    assert len(SERVICES) > 100


def test_exceptions_exist():
    for listed in (NOT_SERVICES, ACCOUNT_WITHOUT_ACTOR):
        for module, names in listed.items():
            assert names <= set(vars(importlib.import_module(module))), module


@pytest.mark.parametrize("module,name,func", SERVICES, ids=_ids(SERVICES))
def test_service_name(module, name, func):
    assert not _english(name), f"{module}.{name}: English word {_english(name)} (glossary: Indonesian verbs)"
    assert _verb(name), f"{module}.{name}: a service is <noun>_<verb>, the verb one of VERBS"


@pytest.mark.parametrize("module,name,func", SELECTORS, ids=_ids(SELECTORS))
def test_selector_name(module, name, func):
    assert not _english(name), (
        f"{module}.{name}: English word {_english(name)} (glossary: _publik, _untuk_pos, _untuk_pengguna)"
    )


@pytest.mark.parametrize("module,name,func", SERVICES + SELECTORS, ids=_ids(SERVICES + SELECTORS))
def test_arguments_are_keyword_only(module, name, func):
    assert not _not_keyword_only(func), f"{module}.{name}: make {_not_keyword_only(func)} keyword-only (def f(*, ...))"


@pytest.mark.parametrize("module,name,func", SERVICES + SELECTORS, ids=_ids(SERVICES + SELECTORS))
def test_acting_user_is_oleh(module, name, func):
    params = set(inspect.signature(func).parameters)
    assert "user" not in params, f"{module}.{name}: the actor is `oleh`, an account acted on or read is `pengguna`"
    if module.split(".")[1] == "services" and name not in ACCOUNT_WITHOUT_ACTOR.get(module, ()):
        accounts = params & ACCOUNT_PARAMS
        assert not accounts or ACTOR in params, (
            f"{module}.{name}: {accounts} without `oleh`: when it is the actor, name it `oleh`"
        )


# --- The checks themselves can fail -------------------------------------------------------------


def test_the_checks_catch_the_old_names():
    # Names shaped like the ones the glossary replaced (not the real old names: the rename script
    # would rewrite those here too).
    assert _english("barang_verify") == {"verify"}
    assert _english("acara_list_for_pos") == {"for"}
    assert _english("berita_list_public") == {"public"}
    assert _verb("lengkapi_barang") is None
    assert _verb("barang_decide") is None
    assert _verb("undangan_kirim_ulang") == "kirim_ulang"
    assert _verb("kirim") is None  # a verb alone names no noun

    def positional(ukm, *, oleh): ...

    def keyword(*, ukm, oleh, **extra): ...

    assert _not_keyword_only(positional) == ["ukm"]
    assert _not_keyword_only(keyword) == []


def test_names_follow_one_pattern():
    """Lower-case ASCII words joined by single underscores (no camelCase, no doubled underscores)."""
    bad = [f"{m}.{n}" for m, n, _ in SERVICES + SELECTORS if not re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*", n)]
    assert not bad
