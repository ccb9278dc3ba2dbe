"""Deployment checks (``manage.py check --deploy``) for settings that Django cannot know about."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0", ""}


@register(Tags.security, deploy=True)
def check_portal_base_url(app_configs=None, **kwargs) -> list[Error]:
    """E-mails sent outside a request (reminders, urun beli outcomes, invitations from the command
    line), the guides' QR codes and the feed ids link to PORTAL_BASE_URL: left at its local default,
    or on plain http, every printed poster and e-mailed link points at the wrong place."""
    if settings.DEBUG:
        return []
    url = urlsplit(settings.PORTAL_BASE_URL)
    if url.scheme == "https" and (url.hostname or "") not in LOCAL_HOSTS:
        return []
    return [
        Error(
            f"PORTAL_BASE_URL={settings.PORTAL_BASE_URL!r}: alamat publik portal harus https dan bukan alamat lokal "
            "(the portal's public address must be https and not a local address).",
            hint="Set PORTAL_BASE_URL to the address visitors use, e.g. https://posyantek.jakarta.go.id "
            "(QR codes and links in e-mails are built from it).",
            id="posyantek.E001",
        )
    ]
