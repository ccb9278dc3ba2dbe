"""Tasks of the registry. Thin: each calls a service."""

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def ekspor_ukm_provinsi(*, tugas_id: int) -> None:
    """Build the file of a province-wide UKM export job (``posyantek.BerkasTugas``)."""
    services.ukm_ekspor_latar_jalankan(tugas_id=tugas_id)


@shared_task(acks_late=True)
def impor_ukm_simpan(*, batch_id: int) -> None:
    """Commit a large import batch (``ImporBatch`` marked ``diproses``) in one transaction."""
    services.impor_latar_jalankan(batch_id=batch_id)
