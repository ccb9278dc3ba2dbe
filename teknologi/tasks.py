"""Scheduled jobs of the TTG catalogue (``CELERY_BEAT_SCHEDULE`` in settings). Thin: each calls an
idempotent service, so a run twice over has one effect."""

from celery import shared_task

from teknologi import services


@shared_task(acks_late=True)
def tutup_urun_beli() -> int:
    """Every 5 minutes: cancel open urun beli campaigns past their deadline below target, and tell
    their pledgers. Pages only show time passing; this job changes the state."""
    return services.kampanye_lewat_tutup()
