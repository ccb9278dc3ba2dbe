"""Tasks of the foundation: the outbox's delivery. Thin: each calls a service."""

import logging
import random

from celery import shared_task

from posyantek.services import surel as surel_services

logger = logging.getLogger("posyantek.tasks")


@shared_task(bind=True, max_retries=12, acks_late=True)
def kirim_surel(self, *, surel_id: int) -> int:
    """Send e-mail ``surel_id`` (after the older ones that failed and still wait). While the mail server is
    away, retry with exponential back-off (10 s, 20 s, 40 s … at most 10 minutes, with jitter); the
    5-minute sweep takes over when the retries are spent. Run in-process (no broker), a failure
    is left to the sweep or the admin's resend instead of blocking the request."""
    try:
        return surel_services.surel_antrean_kirim(sampai_id=surel_id)
    except surel_services.SurelGagal as exc:
        if self.request.is_eager:
            logger.warning("e-mail %s left in the outbox: %s", surel_id, exc)
            return 0
        countdown = min(600, 10 * 2**self.request.retries) + random.uniform(0, 5)  # noqa: S311 (jitter, not crypto)
        raise self.retry(exc=exc, countdown=countdown) from exc


@shared_task(acks_late=True)
def kirim_surel_tertunda() -> int:
    """Scheduled: send whatever is still waiting in the outbox, oldest first."""
    try:
        return surel_services.surel_antrean_kirim()
    except surel_services.SurelGagal as exc:
        logger.warning("outbox sweep stopped: %s", exc)
        return 0


@shared_task(acks_late=True)
def surel_bersihkan() -> int:
    """Daily: delivered e-mails older than 30 days out of the outbox (their one-time links too)."""
    return surel_services.surel_bersihkan()


@shared_task(acks_late=True)
def sesi_bersihkan() -> None:
    """Daily: expired sessions out of the database (what ``manage.py clearsessions`` does)."""
    from importlib import import_module

    from django.conf import settings

    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()


@shared_task(acks_late=True)
def berkas_tugas_bersihkan() -> tuple[int, int]:
    """Every 15 minutes: background jobs stuck "berjalan" become "gagal"; files older than 7 days go."""
    from posyantek.services.berkas import berkas_tugas_bersihkan as bersihkan

    return bersihkan()


@shared_task(acks_late=True)
def mitra_mou_ingatkan() -> int:
    """Daily: operators hear a month ahead that a partner's MoU ends (once per expiry date)."""
    from posyantek.services.pos import mitra_mou_ingatkan as ingatkan

    return ingatkan()
