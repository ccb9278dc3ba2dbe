"""For monitoring: the outbox's depth and its oldest undelivered e-mail, and the broker's queue.

Prints ``key=value`` lines (easy to grep or scrape); exits 0. Example::

    surel_menunggu=3
    surel_gagal=0
    surel_tertua_id=812
    surel_tertua_umur_detik=95
    antrean_broker=0
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from posyantek import selectors


class Command(BaseCommand):
    help = "Menampilkan kedalaman antrean surel dan surel tertua yang belum terkirim, untuk pemantauan."

    def handle(self, *args, **options):
        antrean = selectors.surel_antrean()
        baris = [f"surel_menunggu={antrean.menunggu}", f"surel_gagal={antrean.gagal}"]
        if antrean.tertua is not None:
            umur = int((timezone.now() - antrean.tertua.dibuat_pada).total_seconds())
            baris += [
                f"surel_tertua_id={antrean.tertua.pk}",
                f"surel_tertua_dibuat={antrean.tertua.dibuat_pada.isoformat()}",
                f"surel_tertua_umur_detik={umur}",
                f"surel_tertua_status={antrean.tertua.status}",
            ]
        else:
            baris.append("surel_tertua_id=-")
        baris.append(f"antrean_broker={self._broker()}")
        self.stdout.write("\n".join(baris))

    def _broker(self) -> str:
        """Messages waiting in the broker's default queue; ``eager`` without a broker."""
        if settings.CELERY_TASK_ALWAYS_EAGER:
            return "eager"
        from posyantek.celery import app

        try:
            with app.connection_for_write(url=settings.CELERY_BROKER_URL) as conn:
                conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
                _nama, jumlah, _konsumen = conn.default_channel.queue_declare(
                    queue=app.conf.task_default_queue, passive=True
                )
        except Exception:  # the queue is not declared yet, or the broker is down
            return "unavailable"
        return str(jumlah)
