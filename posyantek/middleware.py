"""Request-wide behaviour: structured request logs and the idle timeout of managing users."""

import logging
import time

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

request_logger = logging.getLogger("posyantek.request")


class RequestLogMiddleware:
    """One structured log line per request: method, path, status, duration, user id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
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
        return response


class OperatorIdleTimeoutMiddleware:
    """Operators, juri and admins are logged out after OPERATOR_IDLE_SECONDS without a request.

    The expiry is set after the view ran, on every request, so the window slides and it also holds
    for the very request that logged the person in (before it, they were anonymous). Other users
    keep the long default.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_pengelola and hasattr(request, "session"):
            request.session.set_expiry(settings.OPERATOR_IDLE_SECONDS)
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
