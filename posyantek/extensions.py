"""Extension points: other apps add sections to the foundation's pages.

The foundation imports none of the other apps. An app registers a context provider in its
``AppConfig.ready()``; the page's view merges what every provider returns into its context, and the
app's partial (``templates/<app>/_<point>.html``, included by ``templates/includes/_<point>.html``)
renders it. Providers return lazy querysets or plain values and never raise for missing data.

Pages whose sections are cached (``{% fragmen %}``: the home page, a post's page and its dashboard)
call the providers only on a cache miss and hand their values to the partials under one name:
``beranda.<key>``, ``data_pos.<key>``, ``data_dasbor.<key>``. The other points merge the values into
the context as they are.

    from posyantek import extensions
    extensions.register(extensions.POS_DETAIL, lambda *, request, pos: {"ukm_count": ...})
"""

from collections import defaultdict
from collections.abc import Callable

BERANDA = "beranda"  # kwargs: request; the partial reads the values as ``beranda.<key>`` (built lazily)
POS_DETAIL = "pos_detail"  # kwargs: request, pos; the partial reads ``data_pos.<key>`` (built lazily)
POS_DASBOR = "pos_dasbor"  # kwargs: request, pos; the partial reads ``data_dasbor.<key>`` (built lazily)
AKUN_SAYA = "akun_saya"  # kwargs: request, user
KELOLA_INDEX = "kelola_index"  # kwargs: request, user
CARI = "cari"  # kwargs: request, q (non-empty); the partial reads ``cari.<key>`` (built lazily)
OVERVIEW = "overview"  # kwargs: request, pos (None = the whole province)

_providers: dict[str, list[Callable[..., dict]]] = defaultdict(list)


def register(point: str, provider: Callable[..., dict]) -> None:
    if provider not in _providers[point]:
        _providers[point].append(provider)


def context_for(point: str, **kwargs) -> dict:
    context: dict = {}
    for provider in _providers[point]:
        context.update(provider(**kwargs))
    return context
