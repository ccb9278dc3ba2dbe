"""Settings for the Posyantek Portal: one module, driven by the environment.

Production behaviour is switched by environment values, never by a second settings file.
See the configuration table in README.md.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")
TESTING = env_bool("DJANGO_TESTING")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "insecure-local-only-key-posyantek-not-for-production-use-0123456789"
    else:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY wajib diisi bila DJANGO_DEBUG tidak aktif (DJANGO_SECRET_KEY is required)."
        )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "posyantek.apps.PosyantekConfig",
    "lomba.apps.LombaConfig",
    "ukm.apps.UkmConfig",
    "teknologi.apps.TeknologiConfig",
    "pelatihan.apps.PelatihanConfig",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "simple_history",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "posyantek.middleware.RequestLogMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "posyantek.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "posyantek.middleware.PrivateCacheMiddleware",
    "posyantek.middleware.OperatorIdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Gives the upload checks their request: files per request and per account (posyantek/uploads.py).
    "posyantek.uploads.UploadLimitMiddleware",
]

ROOT_URLCONF = "posyantek.urls"
WSGI_APPLICATION = "posyantek.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "posyantek.context_processors.portal",
            ],
        },
    }
]
FORM_RENDERER = "posyantek.forms.PortalFormRenderer"

# Database: DATABASE_URL, default a SQLite file under var/ for zero-set-up local runs. Importing the
# settings creates no folder: manage.py creates var/ when it is needed (posyantek/folder.py).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'posyantek.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if IS_POSTGRES:
    DATABASES["default"].setdefault("OPTIONS", {})
    # A hung query must not hold a gunicorn worker forever.
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c statement_timeout=30000")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True

# A real, shared cache: allauth's login rate limits must hold across gunicorn workers.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "posyantek_cache",
    }
}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
# Rendered fragments ({% fragmen %}, posyantek/templatetags/portal.py), per process, keyed by the data
# version that every write bumps (posyantek/versi.py), the language and the clock minute: a change shows
# at once, and a hit costs one query (reading the version, once per request). Each fragment is in the
# FRAGMEN registry: public, or private to one post and role (then keyed by both).
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "posyantek-fragments",
    "TIMEOUT": 60 * 60 * 24,
    "OPTIONS": {"MAX_ENTRIES": 2000},
}

AUTH_USER_MODEL = "posyantek.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# django-allauth: e-mail login, mandatory verification for self-sign-up.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "posyantek.forms.DaftarForm"
ACCOUNT_ADAPTER = "posyantek.adapters.AccountAdapter"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Posyantek] "
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "beranda"
# An invitation link (operators, juri, admins provinsi) sets a first password once, within this time.
INVITATION_TIMEOUT = int(os.environ.get("INVITATION_TIMEOUT_DAYS", "7")) * 24 * 60 * 60
CSRF_FAILURE_VIEW = "posyantek.views.public.csrf_failure"

# Operators, admins and juri are logged out after this many idle seconds.
OPERATOR_IDLE_SECONDS = int(os.environ.get("OPERATOR_IDLE_SECONDS", "1800"))
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True

# Internationalisation: Bahasa Indonesia first, English second.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"  # created by manage.py (posyantek/folder.py)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Private uploads (a post's document archive): outside MEDIA_ROOT, so the proxy that serves /media/
# never serves them; the portal hands them out only to the post's operators, as downloads.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("DJANGO_PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# E-mail.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Posyantek DKI Jakarta <noreply@posyantek.jakarta.go.id>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# One SMTP conversation may not hold a worker for ever (the outbox retries later).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))

# The task engine (posyantek/celery.py): Celery on Redis. Without a broker, tasks run in-process at
# once ("eager"), so ``make run`` needs no extra service; a log line says so at start-up.
# A province-wide export with more rows than this is built by a background task (status page at
# /kelola/berkas/<id>/) instead of in the request. Measured on the 2-core dev machine: 5.000 rows
# take 2,2 s as CSV (1,4 MB) and 6,5 s as XLSX, so the slowest format stays well inside a 30 s
# proxy/gunicorn timeout; the whole province's registry (tens of thousands of rows, ~40 s as XLSX)
# would not.
EKSPOR_LATAR_MIN_BARIS = int(os.environ.get("EKSPOR_LATAR_MIN_BARIS", "5000"))
# An import whose checked preview has more rows than this is committed by a background task (the
# batch page shows "sedang diproses", then the result). Measured on SQLite on the 2-core dev machine:
# the commit takes ~1,1-1,2 ms per row (500 rows 0,53 s, 2.000 rows 2,35 s), so 1.000 rows keep the
# request near 1 s; the largest file allowed (5.000 rows) would hold the request ~6 s plus the checks.
IMPOR_LATAR_MIN_BARIS = int(os.environ.get("IMPOR_LATAR_MIN_BARIS", "1000"))
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False  # a failing task never fails the request that queued it
CELERY_TASK_IGNORE_RESULT = True  # results live in the rows the tasks write, not in a result backend
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True  # a worker killed mid-task leaves the message for another worker
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Queuing a task happens in the request (after commit): never wait long for a broker that is down
# (the outbox's sweep sends the e-mail later).
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = "Asia/Jakarta"
CELERY_BEAT_SCHEDULE_FILENAME = os.environ.get(
    "CELERY_BEAT_SCHEDULE_FILENAME", str(BASE_DIR / "var" / "celerybeat-schedule")
)
CELERY_BEAT_SCHEDULE = {
    # Every job is idempotent: running it twice, or on two schedulers by mistake, has one effect.
    "pengingat-pelatihan": {"task": "pelatihan.tasks.kirim_pengingat_pelatihan", "schedule": crontab(hour=7, minute=0)},
    "tutup-urun-beli": {"task": "teknologi.tasks.tutup_urun_beli", "schedule": crontab(minute="*/5")},
    "relawan-kedaluwarsa": {"task": "pelatihan.tasks.relawan_kedaluwarsa", "schedule": crontab(hour=1, minute=30)},
    # The outbox's safety net: an e-mail whose task was lost (broker restarted) is sent from its row.
    "surel-tertunda": {"task": "posyantek.tasks.kirim_surel_tertunda", "schedule": crontab(minute="*/5")},
    "sesi-bersihkan": {"task": "posyantek.tasks.sesi_bersihkan", "schedule": crontab(hour=2, minute=15)},
    "surel-bersihkan": {"task": "posyantek.tasks.surel_bersihkan", "schedule": crontab(hour=2, minute=30)},
    # Background files: a job stuck "berjalan" (dead worker) becomes "gagal"; files older than 7 days go.
    "berkas-tugas-bersihkan": {"task": "posyantek.tasks.berkas_tugas_bersihkan", "schedule": crontab(minute="*/15")},
    # Partners: a month before an MoU ends, the post's operators are told (once per expiry date).
    "mitra-mou-ingatkan": {"task": "posyantek.tasks.mitra_mou_ingatkan", "schedule": crontab(hour=7, minute=30)},
}
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")

# How many proxies of ours stand in front of gunicorn (the deploy guide's nginx: 1). Every per-client
# limit takes the client's address from X-Forwarded-For through posyantek.http.client_ip; 0 (the
# default, no proxy) ignores that header, which anyone can forge.
try:
    TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT") or "0")
except ValueError:
    raise ImproperlyConfigured("DJANGO_TRUSTED_PROXY_COUNT harus bilangan bulat (must be a whole number).") from None
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("DJANGO_TRUSTED_PROXY_COUNT tidak boleh negatif (must not be negative).")
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# Security: production values unless DEBUG. Behind a TLS-terminating proxy.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG and not TESTING)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = not DEBUG and not TESTING
CSRF_COOKIE_SECURE = not DEBUG and not TESTING
LANGUAGE_COOKIE_SECURE = not DEBUG and not TESTING
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The minimal benchmark view ("ok" through the whole middleware stack) exists only when asked for.
BENCH_VIEW_ENABLED = env_bool("POSYANTEK_BENCH_VIEW")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "posyantek.logging.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "posyantek.request": {"level": os.environ.get("POSYANTEK_REQUEST_LOG_LEVEL", "WARNING" if TESTING else "INFO")},
    },
}
