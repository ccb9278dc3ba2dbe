"""The one way a list is cut into pages: ``?page=N`` everywhere, one partial to render the links
(``templates/includes/_pagination.html``: ``{% include "includes/_pagination.html" %}`` with ``page_obj``
in the context).

``nomor_halaman`` also reads the catalogue's old ``?halaman=N``, so links shared before the parameter
was unified still open the page they named."""

from django.core.paginator import Page, Paginator

PARAM = "page"
PER_HALAMAN = 25


def nomor_halaman(request) -> str | None:
    """The page number a request asks for, as given (``Paginator.get_page`` copes with junk)."""
    return request.GET.get(PARAM) or request.GET.get("halaman")


def halaman(request, qs, *, per_halaman: int = PER_HALAMAN) -> Page:
    """A page of ``qs``; an out-of-range or junk page number shows the nearest page."""
    return Paginator(qs, per_halaman).get_page(nomor_halaman(request))
