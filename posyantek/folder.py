"""The local folders the portal writes to, created when a process that needs them starts.

Importing the settings creates nothing (a read-only checkout, a container image, ``manage.py check``
in CI, a test pointing ``DJANGO_MEDIA_ROOT`` elsewhere all import them). What needs a folder creates
it itself: Django's file storage creates a file's folders when it saves one (``MEDIA_ROOT``,
``PRIVATE_MEDIA_ROOT``); the rest is created here, by ``manage.py`` (every management command:
``migrate``, ``runserver``, ``seed_demo``, ``collectstatic`` ...) and by celery beat before it opens its
schedule file:

- the folder of a SQLite database file (the zero-set-up default ``var/posyantek.sqlite3``): SQLite
  creates the file but not its folder;
- ``STATIC_ROOT``: whitenoise serves it and warns at start-up when it is missing;
- the folder of ``CELERY_BEAT_SCHEDULE_FILENAME`` (``var/`` by default).
"""

from pathlib import Path

from django.conf import settings


def folder_lokal() -> list[Path]:
    """The folders :func:`siapkan` creates, from the settings in force."""
    folders = []
    for db in settings.DATABASES.values():
        name = str(db.get("NAME") or "")
        if db.get("ENGINE", "").endswith("sqlite3") and name and name != ":memory:" and not name.startswith("file:"):
            folders.append(Path(name).parent)
    if settings.STATIC_ROOT:
        folders.append(Path(settings.STATIC_ROOT))
    beat = getattr(settings, "CELERY_BEAT_SCHEDULE_FILENAME", "")
    if beat:
        folders.append(Path(beat).parent)
    return folders


def siapkan() -> None:
    """Create the local folders that do not exist yet (nothing else is touched)."""
    for folder in folder_lokal():
        folder.mkdir(parents=True, exist_ok=True)
