"""The task engine: Celery, configured from Django's settings (``CELERY_*``).

``celery -A posyantek worker`` runs the tasks and ``celery -A posyantek beat`` the schedule
(``CELERY_BEAT_SCHEDULE`` in settings). Tasks live in each app's ``tasks.py`` and only call a
service. Without ``CELERY_BROKER_URL`` every task runs in-process, at once ("eager"), so a local
``make run`` needs no broker and no worker; :func:`melapor_mode` writes one log line saying so.
"""

import logging
import os

from celery import Celery
from celery.signals import beat_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "posyantek.settings")

app = Celery("posyantek")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger("posyantek.tasks")


@beat_init.connect
def _folder_jadwal(**kwargs) -> None:
    """Beat keeps its schedule file in ``var/`` by default: create the folder (settings create none)."""
    from posyantek import folder

    folder.siapkan()


def melapor_mode() -> str:
    """Log, once at start-up, whether tasks go to a broker or run in-process; returns the mode."""
    from django.conf import settings

    if settings.CELERY_TASK_ALWAYS_EAGER:
        logger.warning(
            "CELERY_BROKER_URL is not set: background tasks (e-mail, scheduled jobs) run in-process "
            "(eager), without a worker and without retries; the scheduled jobs do not run "
            "(run their management commands by hand)."
        )
        return "eager"
    logger.info("Tasks go to the broker %s", _tanpa_sandi(settings.CELERY_BROKER_URL))
    return "broker"


def _tanpa_sandi(url: str) -> str:
    """The broker URL without its password, for the log."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(":" + parts.password + "@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url
