"""Urun beli at its maximum: pledgers keep their form (to lower or withdraw), and every pledger is
told the outcome exactly once, whenever they pledged."""

import csv
import io
from datetime import UTC, datetime

import pytest

from teknologi import services
from teknologi.models import JanjiUrunBeli, StatusKampanye
from tests.teknologi import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def kampanye(pos_a):
    return f.kampanye(f.teknologi("Mesin Pencacah Plastik"), pos_a, target=5, maksimum=7)


def test_full_campaign_keeps_the_form_for_pledgers_who_may_lower(client_as, kampanye):
    a, b, c = f.pemilik(1), f.pemilik(2), f.pemilik(3)
    services.janji_simpan(kampanye=kampanye, oleh=a, jumlah=3)
    services.janji_simpan(kampanye=kampanye, oleh=b, jumlah=4)
    kampanye.refresh_from_db()
    assert (kampanye.status, kampanye.jumlah_terjanji, kampanye.sisa_kuota) == (StatusKampanye.TERCAPAI, 7, 0)
    client = client_as(a)
    page = client.get(kampanye.get_absolute_url()).getvalue().decode()
    assert f'action="/urun-beli/{kampanye.pk}/janji/"' in page and "Ubah janji" in page
    assert f'action="/urun-beli/{kampanye.pk}/tarik/"' in page
    response = client.post(f"/urun-beli/{kampanye.pk}/janji/", {"jumlah": "2"})
    assert response.status_code == 302
    kampanye.refresh_from_db()
    assert (kampanye.jumlah_terjanji, JanjiUrunBeli.objects.get(pengguna=a, status="aktif").jumlah) == (6, 2)
    # Below the target is still refused, and someone without a pledge gets no form on a full campaign.
    services.janji_simpan(kampanye=kampanye, oleh=c, jumlah=1)
    page = client_as(f.pemilik(4)).get(kampanye.get_absolute_url()).getvalue().decode()
    assert f'action="/urun-beli/{kampanye.pk}/janji/"' not in page


def test_every_pledger_gets_exactly_one_outcome_mail(kampanye, mailoutbox, django_capture_on_commit_callbacks):
    a, b, c = f.pemilik(1), f.pemilik(2), f.pemilik(3)
    with django_capture_on_commit_callbacks(execute=True):
        services.janji_simpan(kampanye=kampanye, oleh=a, jumlah=2)
        services.janji_simpan(kampanye=kampanye, oleh=b, jumlah=4)  # reaches the target
        services.janji_simpan(kampanye=kampanye, oleh=c, jumlah=1)  # joins after it was reached
        services.janji_simpan(kampanye=kampanye, oleh=a, jumlah=1)  # changes: not told again
        services.janji_tarik(kampanye=kampanye, oleh=c)
        services.janji_simpan(kampanye=kampanye, oleh=c, jumlah=2)  # pledges again: not told again
    assert sorted(m.to[0] for m in mailoutbox) == [a.email, b.email, c.email]
    assert {m.subject for m in mailoutbox} == {"[Posyantek] Urun beli tercapai: Urun beli Mesin Pencacah Plastik"}
    assert "Janji Anda: 1 unit" in next(m for m in mailoutbox if m.to == [c.email]).body


def test_pledge_export_dates_are_in_wib(client_as, operator_a, kampanye):
    janji = services.janji_simpan(kampanye=kampanye, oleh=f.pemilik(1), jumlah=2)
    JanjiUrunBeli.objects.filter(pk=janji.pk).update(created_at=datetime(2025, 1, 1, 20, 30, tzinfo=UTC))
    response = client_as(operator_a).get(f"/kelola/gambir/urun-beli/{kampanye.pk}/janji.csv")
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig")), delimiter=";"))
    assert rows[1][7] == "2025-01-02 03:30"
