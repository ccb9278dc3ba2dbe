"""Request-wide behaviour: structured request logs and the idle timeout of managing users."""

import logging
import re
import time
import uuid

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

from posyantek.logging import request_id_var

request_logger = logging.getLogger("posyantek.request")

# What a proxy's request id may look like (nginx $request_id is 32 hex digits, a UUID has 36
# characters): anything else — too long, spaces, CR/LF, quotes — is replaced by our own id, so a
# client cannot forge log lines or inject into the response header.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,127}")


class RequestLogMiddleware:
    """One structured log line per request: request id, method, path, status, duration, user id.

    The request id comes from the proxy's ``X-Request-ID`` when it looks sane, else it is generated;
    it is echoed in the response's ``X-Request-ID`` and attached to every log line written while the
    request runs (``posyantek.logging.request_id_var``), so an error report and its request meet.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            user = getattr(request, "user", None)
            request_logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )
        finally:
            request_id_var.reset(token)
        return response


class OperatorIdleTimeoutMiddleware:
    """Operators, juri and admins are logged out after OPERATOR_IDLE_SECONDS without a request.

    The expiry is set after the view ran, so it also holds for the very request that logged the
    person in (before it, they were anonymous). Saving the session on *every* request would make every
    page of the operators' area write a row (measured by ``make bench``), so the window is slid at most
    once per IDLE_REFRESH_SECONDS: a session ends between OPERATOR_IDLE_SECONDS - IDLE_REFRESH_SECONDS
    and OPERATOR_IDLE_SECONDS after the last request. Other users keep the long default.
    """

    IDLE_REFRESH_SECONDS = 60
    SESSION_KEY = "_idle_refreshed"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_pengelola and hasattr(request, "session"):
            now = int(time.time())
            last = request.session.get(self.SESSION_KEY)
            if not isinstance(last, int) or now - last >= self.IDLE_REFRESH_SECONDS or now < last:
                request.session.set_expiry(settings.OPERATOR_IDLE_SECONDS)
                request.session[self.SESSION_KEY] = now
        return response


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` on every private response, so a shared office PC keeps
    no NIK, phone number, archive document or export in its browser cache.

    The rule: a response is private when its path is under ``/kelola/`` (the operators' and admins'
    area: every archive download and every export lives there) or ``/akun/`` (accounts, invitation
    and password links), or when it answers a logged-in user — whatever a logged-in person sees may
    carry their own data — unless the view declared the response the same for everyone with
    ``Cache-Control: public`` (a guide's QR code, the public calendar feeds). The token-only private
    calendar feed keeps its own ``private, max-age`` for calendar apps, which cannot log in.
    """

    PRIVATE_PREFIXES = ("/kelola/", "/akun/")
    VALUE = "private, no-store"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.PRIVATE_PREFIXES):
            response["Cache-Control"] = self.VALUE
        else:
            user = getattr(request, "user", None)
            declared = {part.strip().lower() for part in response.get("Cache-Control", "").split(",")}
            if user is not None and user.is_authenticated and "public" not in declared:
                response["Cache-Control"] = self.VALUE
        return response


class LanguageMiddleware:
    """Bahasa Indonesia first: the language comes from the visitor's own choice (the language
    cookie set by the switch), never from the browser's Accept-Language, so a phone set to English
    still opens the portal in Indonesian until its owner picks English."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.available:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response
