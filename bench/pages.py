"""What ``make bench`` measures: the pages, their targets, and the search queries to EXPLAIN.

Adding a page is one line in ``PAGES``. ``path`` is either a literal path or a function, called
inside the runner after Django is set up against the benchmark database, that returns a path (or
None when the data or the model does not exist yet). A page whose path does not resolve, or whose
function returns None, is reported as NOT AVAILABLE and fails the run (unless --allow-missing):
nothing is silently passed.

Kinds and their default targets (requests/s as a share of the minimal ``/bench/ok`` view):
``list`` and ``detail`` >= 10 %, ``search`` >= 5 %; ``baseline`` and ``admin`` have none.
``faster_than=("page", 2.0)`` demands at least twice the requests/s of another page.
``login`` is None (anonymous), "operator" (the operator of Gambir made by seed_scale) or "admin"
(a superuser who is also admin provinsi).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

# Broad terms: common words of the generated data (posyantek.scale.WORDS), so a search returns many rows.
BROAD_TERM = "mesin"
UKM_TERM = "kopi"
RARE_TERM = "xyzzy"  # in no generated row: the plan must find that out through an index
BENCH_POS = "gambir"  # the bench operator's post (posyantek.scale.BENCH_POS_SLUG)

DEFAULT_TARGETS = {"list": 0.10, "detail": 0.10, "search": 0.05, "baseline": None, "admin": None}


@dataclass(frozen=True)
class Page:
    name: str
    path: str | Callable[[], str | None]
    kind: str  # baseline | list | detail | search | admin
    login: str | None = None  # None | "operator" | "admin"
    target: float | None = -1.0  # minimum ratio to the baseline; -1 = the kind's default; None = none
    faster_than: tuple[str, float] | None = None

    @property
    def ratio_target(self) -> float | None:
        return DEFAULT_TARGETS[self.kind] if self.target == -1.0 else self.target


@dataclass(frozen=True)
class Explain:
    """A query a page runs, shown with EXPLAIN (ANALYZE, BUFFERS) in the report.

    ``queryset`` returns a QuerySet (or None when the code does not exist yet). With
    ``require_index`` the plan must read the searched table through an index (trigram or
    full-text GIN, or a B-tree), otherwise the target is missed.
    """

    name: str
    queryset: Callable[[], object | None]
    require_index: bool = True


# Notes for the app owners, from a trial with 1,000,000 UKM rows:
# - Django's ``icontains`` on PostgreSQL is ``UPPER("nama"::text) LIKE UPPER('%kopi%')``: a trigram
#   index on the bare column is never used for it. Index the expression instead:
#   ``GinIndex(OpClass(Upper("nama"), name="gin_trgm_ops"), name="ukm_nama_upper_trgm")`` (with
#   ``TrigramExtension()`` in a migration), or search with ``SearchVector``/``trigram_similar``.
# - With a LIMIT and a broad term the planner may rightly walk the primary key and filter (it stops
#   after 50 hits); that plan is slow for a rare term. So EXPLAIN a rare term with require_index=True
#   and the broad term with require_index=False, as below.


# -- helpers for path and queryset functions ---------------------------------------------------


def call(dotted: str, *args, **kwargs):
    """``module.function(*args, **kwargs)``, or None when the module or function does not exist yet."""
    module_name, _, attr = dotted.rpartition(".")
    try:
        module = import_module(module_name)
    except ModuleNotFoundError:
        return None
    function = getattr(module, attr, None)
    return None if function is None else function(*args, **kwargs)


def first_url(model_label: str, **filters) -> str | None:
    """The ``get_absolute_url()`` of the first row (by pk) of a model, or None."""
    from django.apps import apps

    try:
        model = apps.get_model(model_label)
    except LookupError:
        return None
    obj = model.objects.filter(**filters).order_by("pk").first()
    return obj.get_absolute_url() if obj is not None else None


def bench_pos():
    from posyantek.models import Pos

    return Pos.objects.get(slug=BENCH_POS)


def panduan_url() -> str | None:
    """The guide page of the first published technology (by pk) that has one."""
    try:
        from teknologi.models import Teknologi
    except ImportError:
        return None
    t = Teknologi.objects.published().filter(panduan__isnull=False).order_by("pk").first()
    return t.get_panduan_url() if t is not None else None


def teknologi_search(term: str):
    """The one search query of the catalogue (``teknologi.selectors._cari_dasar``): ids and relevance."""
    from teknologi import pencarian
    from teknologi.models import Teknologi

    return pencarian.cari(Teknologi.objects.published(), term).order_by().values_list("pk", "relevansi")


def ukm_operator_search(term: str):
    """The first page of the operator's UKM list with a search (``ukm.selectors.ukm_list_kelola``)."""
    from ukm.selectors import ukm_list_kelola

    return ukm_list_kelola(pos=bench_pos(), params={"q": term})[:25]


def ukm_admin_search(term: str):
    """What the Django admin changelist of UKM runs for ?q= (search_fields nama, pemilik_nama, nib)."""
    from django.db.models import Q

    from ukm.models import Ukm

    return Ukm.objects.filter(
        Q(nama__icontains=term) | Q(pemilik_nama__icontains=term) | Q(nib__icontains=term)
    ).order_by("nama", "-pk")[:100]


def user_search(term: str):
    """What the Django admin changelist of users runs for ?q= (search_fields email, nama)."""
    from django.db.models import Q

    from posyantek.models import User

    return User.objects.filter(Q(email__icontains=term) | Q(nama__icontains=term)).order_by("-pk")


# -- the pages ----------------------------------------------------------------------------------

PAGES: list[Page] = [
    Page("minimal (/bench/ok)", "/bench/ok", "baseline"),
    # Foundation.
    Page("beranda", "/", "detail"),
    Page("daftar pos", "/pos/", "list"),
    Page("detail pos", f"/pos/{BENCH_POS}/", "detail"),
    Page("dasbor operator", f"/kelola/{BENCH_POS}/", "detail", login="operator"),
    Page("admin: pengguna ?q=", "/admin/posyantek/user/?q=operator", "admin", login="admin"),
    # teknologi (TTG catalogue, guides).
    Page("katalog teknologi", "/teknologi/", "list"),
    Page("katalog teknologi ?q= luas", f"/teknologi/?q={BROAD_TERM}", "search"),
    Page("panduan teknologi", panduan_url, "detail"),
    # ukm.
    Page("daftar UKM", "/ukm/", "list"),
    # The last page by key (#11.4): at least 0.8x the first page's req/s, whatever the directory's size.
    Page("daftar UKM halaman terakhir", "/ukm/?akhir=1", "list", faster_than=("daftar UKM", 0.8)),
    # The overviews, read from the registry's summary rows (#11.3).
    Page("ringkasan provinsi", "/kelola/ringkasan/", "detail", login="admin"),
    Page("ringkasan pos", f"/kelola/{BENCH_POS}/ringkasan/", "detail", login="operator"),
    # pelatihan.
    Page("pelatihan", "/pelatihan/", "list"),
    # lomba.
    Page("lomba", "/lomba/", "list"),
    # The operator's UKM registry with a search, against what the Django admin gives for free.
    Page("admin: UKM ?q=", f"/admin/ukm/ukm/?q={UKM_TERM}", "admin", login="admin"),
    Page(
        "operator: UKM ?q=",
        f"/kelola/{BENCH_POS}/ukm/?q={UKM_TERM}",
        "search",
        login="operator",
        faster_than=("admin: UKM ?q=", 2.0),
    ),
]

EXPLAINS: list[Explain] = [
    Explain("admin: pencarian pengguna (icontains)", lambda: user_search("operator"), require_index=False),
    Explain("teknologi: pencarian luas", lambda: teknologi_search(BROAD_TERM), require_index=False),
    Explain("teknologi: pencarian kata langka", lambda: teknologi_search(RARE_TERM)),
    Explain("ukm: pencarian operator", lambda: ukm_operator_search(UKM_TERM), require_index=False),
    Explain("ukm: pencarian operator, kata langka", lambda: ukm_operator_search(RARE_TERM)),
    Explain("ukm: pencarian admin Django (icontains)", lambda: ukm_admin_search(UKM_TERM), require_index=False),
]
