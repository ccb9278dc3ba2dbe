"""Who is asking: the client's address, the one input of every per-client limit.

Behind nginx every request reaches gunicorn from 127.0.0.1, so a limit keyed on ``REMOTE_ADDR``
would count the whole province as one client. The real address is in ``X-Forwarded-For``, but only
the entries that our own proxies appended can be trusted: anything further left was sent by the
client and may be forged. ``settings.TRUSTED_PROXY_COUNT`` (env ``DJANGO_TRUSTED_PROXY_COUNT``) says
how many proxies of ours stand in front of the app; allauth's rate limits get their address from
here too (``posyantek.adapters.AccountAdapter.get_client_ip``).
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The address of the client that sent ``request``.

    With N trusted proxies, each of them appended the address it saw to ``X-Forwarded-For``, so
    the N-th entry from the right is the client as our outermost proxy saw it. With no trusted proxy
    (the default, and ``make run``) the header is ignored and the socket address is used. A header
    shorter than N entries, or an entry that is not an address, means the request did not come
    through the proxies as configured: the socket address is used, so a forged header can never
    make a request count as someone else.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            address = _address(forwarded[-count])
            if address is not None:
                return address
    return _address(remote) or remote


def dalam_batas(request: HttpRequest, *, aksi: str, batas: int, jendela: int = 3600) -> bool:
    """A fixed-window rate limit per client (``client_ip``) in the shared cache: True while the client
    has done ``aksi`` at most ``batas`` times in the current ``jendela`` seconds (this time counted)."""
    from django.core.cache import cache

    key = f"posyantek:laju:{aksi}:{client_ip(request)}"
    if cache.add(key, 1, jendela):
        return True
    try:
        return cache.incr(key) <= batas
    except ValueError:  # expired between add and incr
        cache.set(key, 1, jendela)
        return True
