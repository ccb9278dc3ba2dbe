"""A business saved or deleted recounts its post's summary rows (``ukm/ringkasan.py``)."""

from django.db.models.signals import post_delete, post_save

from . import ringkasan


def _ukm_ditulis(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    if raw or (update_fields is not None and not ringkasan.FIELDS.intersection(update_fields)):
        return
    awal = getattr(instance, "_ringkasan_pos_awal", None)
    ringkasan.tandai({awal, instance.pos_id})
    instance._ringkasan_pos_awal = instance.pos_id


def hubungkan() -> None:
    from .models import Ukm

    post_save.connect(_ukm_ditulis, sender=Ukm, dispatch_uid="ukm.ringkasan.save")
    post_delete.connect(_ukm_ditulis, sender=Ukm, dispatch_uid="ukm.ringkasan.delete")
