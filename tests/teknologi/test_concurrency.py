"""Parallel pledges on PostgreSQL: real threads, real connections, never above the maximum."""

import pytest
from django.db import connection

from teknologi import services
from teknologi.models import JanjiUrunBeli, KampanyeUrunBeli, StatusJanji, StatusKampanye
from tests.serentak import run_parallel
from tests.teknologi import factories as f

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _only_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("uji konkurensi butuh PostgreSQL (SELECT … FOR UPDATE antar koneksi)")


def test_30_parallel_pledges_never_exceed_the_maximum(wilayah, pos_a, mailoutbox):
    kampanye = f.kampanye(f.teknologi("Mesin Pencacah Plastik"), pos_a, target=15, maksimum=20)
    owners = [f.pemilik(i) for i in range(30)]
    results = run_parallel(
        [(lambda owner=owner: services.janji_simpan(kampanye=kampanye, oleh=owner, jumlah=1).pk) for owner in owners]
    )
    outcomes = [r[0] for r in results]
    assert outcomes.count("error") == 0, results
    assert outcomes.count("ok") == 20 and outcomes.count("refused") == 10
    assert {r[1] for r in results if r[0] == "refused"} == {"Kuota kampanye sudah penuh."}
    kampanye.refresh_from_db()
    active = JanjiUrunBeli.objects.filter(kampanye=kampanye, status=StatusJanji.AKTIF)
    assert kampanye.jumlah_terjanji == sum(active.values_list("jumlah", flat=True)) == 20
    assert kampanye.status == StatusKampanye.TERCAPAI
    # Each pledger is told the outcome exactly once: the 15 active when the target was crossed, and each of
    # the 5 who joined after it (not one e-mail per pledge, and nobody twice).
    assert sorted(m.to[0] for m in mailoutbox) == sorted(active.values_list("pengguna__email", flat=True))


def test_parallel_pledges_of_several_units_stay_within_the_maximum(wilayah, pos_a):
    kampanye = f.kampanye(f.teknologi("Pompa Hidram"), pos_a, target=10, maksimum=10)
    owners = [f.pemilik(i) for i in range(12)]
    results = run_parallel(
        [
            (lambda owner=owner, n=(i % 3) + 1: services.janji_simpan(kampanye=kampanye, oleh=owner, jumlah=n).jumlah)
            for i, owner in enumerate(owners)
        ]
    )
    assert [r for r in results if r[0] == "error"] == []
    kampanye.refresh_from_db()
    assert kampanye.jumlah_terjanji == sum(r[1] for r in results if r[0] == "ok") <= 10


def test_double_submission_by_one_owner_keeps_one_active_pledge(wilayah, pos_a):
    kampanye = f.kampanye(f.teknologi("Komposter"), pos_a, target=10)
    owner = f.pemilik(1)
    results = run_parallel([lambda: services.janji_simpan(kampanye=kampanye, oleh=owner, jumlah=2).pk] * 8)
    assert [r for r in results if r[0] != "ok"] == []
    assert JanjiUrunBeli.objects.filter(kampanye=kampanye, status=StatusJanji.AKTIF).count() == 1
    kampanye.refresh_from_db()
    assert kampanye.jumlah_terjanji == 2


def test_parallel_withdrawals_and_pledges_keep_the_total_true(wilayah, pos_a):
    kampanye = f.kampanye(f.teknologi("Biodigester"), pos_a, target=50, maksimum=60)
    owners = [f.pemilik(i) for i in range(20)]
    for owner in owners[:10]:
        services.janji_simpan(kampanye=kampanye, oleh=owner, jumlah=3)
    jobs = [(lambda o=o: services.janji_tarik(kampanye=kampanye, oleh=o).pk) for o in owners[:10]]
    jobs += [(lambda o=o: services.janji_simpan(kampanye=kampanye, oleh=o, jumlah=2).pk) for o in owners[10:]]
    results = run_parallel(jobs)
    assert [r for r in results if r[0] != "ok"] == []
    kampanye.refresh_from_db()
    assert kampanye.jumlah_terjanji == 20
    assert KampanyeUrunBeli.objects.get(pk=kampanye.pk).status == StatusKampanye.TERBUKA


def test_parallel_http_requests_never_exceed_the_maximum(wilayah, pos_a):
    """The same race through the whole stack: 16 owners press “Ikut urun beli” at once."""
    from django.test import Client

    kampanye = f.kampanye(f.teknologi("Mesin Penepung"), pos_a, target=8, maksimum=8)
    clients = []
    for i in range(16):
        client = Client()
        client.force_login(f.pemilik(100 + i))
        clients.append(client)
    url = f"/urun-beli/{kampanye.pk}/janji/"
    results = run_parallel([(lambda c=c: c.post(url, {"jumlah": "1"}).status_code) for c in clients])
    assert [r for r in results if r[0] != "ok"] == []
    statuses = [r[1] for r in results]
    assert statuses.count(302) == 8 and statuses.count(200) == 8  # 200: the form again, with “Kuota … penuh”
    kampanye.refresh_from_db()
    assert kampanye.jumlah_terjanji == 8
    assert JanjiUrunBeli.objects.filter(kampanye=kampanye, status=StatusJanji.AKTIF).count() == 8
