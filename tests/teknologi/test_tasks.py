"""The scheduled job of the catalogue: closing urun beli campaigns past their deadline, idempotent."""

from datetime import timedelta

import pytest
from django.utils import timezone

from teknologi import services
from teknologi.models import KampanyeUrunBeli, StatusKampanye
from teknologi.tasks import tutup_urun_beli
from tests.teknologi import factories as f

pytestmark = pytest.mark.django_db


def test_urun_beli_task_twice_closes_once_and_mails_once(pos_a, mailoutbox, django_capture_on_commit_callbacks):
    lewat = f.kampanye(f.teknologi("Mesin Pencacah Plastik"), pos_a, target=5, maksimum=7)
    buka = f.kampanye(f.teknologi("Pompa Hidram"), pos_a, target=2)
    a, b = f.pemilik(1), f.pemilik(2)
    services.janji_simpan(kampanye=lewat, oleh=a, jumlah=1)
    services.janji_simpan(kampanye=lewat, oleh=b, jumlah=2)
    KampanyeUrunBeli.objects.filter(pk=lewat.pk).update(batas_waktu=timezone.now() - timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert tutup_urun_beli.delay().get() == 1
        assert tutup_urun_beli.delay().get() == 0
    lewat.refresh_from_db()
    buka.refresh_from_db()
    assert (lewat.status, buka.status) == (StatusKampanye.BATAL, StatusKampanye.TERBUKA)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([a.email, b.email])
    assert all("Urun beli batal" in m.subject for m in mailoutbox)
