"""Scheduled jobs of the training and Relawan TIK app (``CELERY_BEAT_SCHEDULE`` in settings).
Thin: each calls an idempotent service, so a run twice over has one effect."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from pelatihan import services


@shared_task(acks_late=True)
def kirim_pengingat_pelatihan() -> int:
    """Daily: the day-before reminders for tomorrow's sessions (Jakarta time)."""
    return services.pengingat_kirim(besok=timezone.localdate() + timedelta(days=1))


@shared_task(acks_late=True)
def relawan_kedaluwarsa() -> int:
    """Daily: close Relawan applications whose 6-month candidacy passed without a decision."""
    return services.relawan_kedaluwarsa_tutup()
