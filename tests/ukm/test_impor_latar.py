"""A UKM import with more checked rows than IMPOR_LATAR_MIN_BARIS is committed by a background task:
the commit POST marks the batch "diproses", the batch page follows it, the task writes all or nothing."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ukm.models import ImporBatch, StatusImpor, Ukm
from ukm.tasks import impor_ukm_simpan

from .test_ekspor_latar import data_writes
from .test_impor import BARIS, JUDUL

pytestmark = pytest.mark.django_db

IMPOR = "/kelola/gambir/ukm/impor/"


@pytest.fixture
def batch(client_as, operator_a):
    """A checked preview of three good rows, uploaded by the operator of Gambir."""
    client_as(operator_a).post(IMPOR, {"berkas": SimpleUploadedFile("ukm.csv", "\n".join([JUDUL, *BARIS]).encode())})
    return ImporBatch.objects.get()


def test_impor_latar_above_threshold_is_queued_then_committed_once(
    client_as, operator_a, batch, settings, django_capture_on_commit_callbacks
):
    settings.IMPOR_LATAR_MIN_BARIS = 2
    client = client_as(operator_a)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(f"{IMPOR}{batch.pk}/simpan/")
    assert (response.status_code, response["Location"]) == (302, f"{IMPOR}{batch.pk}/")
    batch.refresh_from_db()
    assert (batch.status, Ukm.objects.count()) == ("diproses", 0)
    html = client.get(f"{IMPOR}{batch.pk}/").content.decode()
    assert '<meta http-equiv="refresh" content="3">' in html and "Sedang diproses" in html and "/simpan/" not in html

    for callback in callbacks:  # the worker runs the task
        callback()
    batch.refresh_from_db()
    assert (batch.status, batch.jumlah_baru, batch.rows, Ukm.objects.filter(pos__slug="gambir").count()) == (
        "selesai",
        3,
        [],
        3,
    )
    history = Ukm.history.count()
    impor_ukm_simpan.delay(batch_id=batch.pk)  # delivered a second time
    batch.refresh_from_db()
    assert (batch.status, Ukm.objects.count(), Ukm.history.count(), batch.galat) == ("selesai", 3, history, "")
    html = client.get(f"{IMPOR}{batch.pk}/").content.decode()
    assert "Impor tersimpan: 3 UKM baru, 0 UKM diperbarui." in html and 'http-equiv="refresh"' not in html


def test_impor_latar_eager_commit_through_the_page(
    client_as, operator_a, batch, settings, django_capture_on_commit_callbacks
):
    settings.IMPOR_LATAR_MIN_BARIS = 2
    client = client_as(operator_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{IMPOR}{batch.pk}/simpan/")
    assert response["Location"] == f"{IMPOR}{batch.pk}/"
    assert "Impor tersimpan: 3 UKM baru, 0 UKM diperbarui." in client.get(response["Location"]).content.decode()
    assert sorted(Ukm.objects.values_list("nama", flat=True)) == [
        "Bengkel Las Sinar",
        "Keripik Tempe Bu Rahma",
        "Konveksi Seragam Jaya",
    ]


def test_impor_latar_below_threshold_commits_in_the_request(
    client_as, operator_a, batch, settings, django_capture_on_commit_callbacks
):
    settings.IMPOR_LATAR_MIN_BARIS = 3  # three rows: not more than the threshold
    with django_capture_on_commit_callbacks(execute=False):
        response = client_as(operator_a).post(f"{IMPOR}{batch.pk}/simpan/")
    assert (response.status_code, response["Location"]) == (302, "/kelola/gambir/ukm/")
    batch.refresh_from_db()  # written by the request itself, before any queued callback runs
    assert (batch.status, Ukm.objects.count()) == ("selesai", 3)


def test_impor_latar_batch_page_get_writes_nothing(
    client_as, operator_a, batch, settings, django_capture_on_commit_callbacks
):
    settings.IMPOR_LATAR_MIN_BARIS = 2
    client = client_as(operator_a)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(f"{IMPOR}{batch.pk}/simpan/")
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{IMPOR}{batch.pk}/").status_code == 200
        assert data_writes(queries) == []
    batch.refresh_from_db()
    assert (batch.status, Ukm.objects.count()) == ("diproses", 0)


def test_impor_latar_batch_hidden_from_another_post(
    client_as, operator_a, operator_b, admin_provinsi, batch, settings, django_capture_on_commit_callbacks
):
    settings.IMPOR_LATAR_MIN_BARIS = 2
    with django_capture_on_commit_callbacks(execute=False):
        client_as(operator_a).post(f"{IMPOR}{batch.pk}/simpan/")
    other = client_as(operator_b)
    for url in (f"{IMPOR}{batch.pk}/", f"/kelola/tambora/ukm/impor/{batch.pk}/"):
        assert other.get(url).status_code == 404
    assert other.post(f"/kelola/tambora/ukm/impor/{batch.pk}/simpan/").status_code == 404
    assert client_as(admin_provinsi).get(f"/kelola/provinsi/ukm/impor/{batch.pk}/").status_code == 404
    batch.refresh_from_db()
    assert (batch.status, Ukm.objects.count()) == ("diproses", 0)


def test_impor_latar_failing_task_writes_nothing_and_keeps_the_reason(
    client_as, operator_a, batch, settings, django_capture_on_commit_callbacks
):
    settings.IMPOR_LATAR_MIN_BARIS = 2
    client = client_as(operator_a)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(f"{IMPOR}{batch.pk}/simpan/")
    # The worker picks it up after the preview expired: the commit refuses it.
    ImporBatch.objects.filter(pk=batch.pk).update(
        created_at=timezone.now() - timedelta(hours=ImporBatch.BERLAKU_JAM + 1)
    )
    for callback in callbacks:
        callback()
    batch.refresh_from_db()
    assert (batch.status, batch.galat, Ukm.objects.count(), Ukm.history.count()) == (
        "gagal",
        "Pratinjau ini sudah kedaluwarsa. Unggah ulang berkasnya.",
        0,
        0,
    )
    html = client.get(f"{IMPOR}{batch.pk}/").content.decode()
    assert "Impor gagal disimpan. Tidak ada data yang disimpan." in html and "sudah kedaluwarsa" in html
    assert 'http-equiv="refresh"' not in html
    impor_ukm_simpan.delay(batch_id=batch.pk)  # a late second delivery changes nothing
    batch.refresh_from_db()
    assert (batch.status, Ukm.objects.count()) == ("gagal", 0)


def test_impor_latar_registry_changed_fails_the_whole_file(
    client_as, operator_a, batch, settings, django_capture_on_commit_callbacks
):
    from .factories import UkmFactory, kelurahan

    settings.IMPOR_LATAR_MIN_BARIS = 2
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client_as(operator_a).post(f"{IMPOR}{batch.pk}/simpan/")
    # Meanwhile another post registers the NIB of the file's first row.
    UkmFactory(nama="Lain", kelurahan=kelurahan("Kali Anyar"), nib="9120003000001")
    for callback in callbacks:
        callback()
    batch.refresh_from_db()
    assert batch.status == StatusImpor.GAGAL and batch.galat.startswith("Data registri berubah sejak pratinjau")
    assert list(Ukm.objects.values_list("nama", flat=True)) == ["Lain"]


def test_impor_latar_queue_refuses_a_batch_already_processing(
    client_as, operator_a, batch, settings, django_capture_on_commit_callbacks
):
    settings.IMPOR_LATAR_MIN_BARIS = 2
    client = client_as(operator_a)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(f"{IMPOR}{batch.pk}/simpan/")
        response = client.post(f"{IMPOR}{batch.pk}/simpan/", follow=True)
        client.post(f"{IMPOR}{batch.pk}/batal/")
    assert "Impor ini sudah disimpan atau dibatalkan." in response.content.decode()
    batch.refresh_from_db()
    assert (batch.status, len(batch.rows)) == ("diproses", 3)
    for callback in callbacks:
        callback()
    assert (Ukm.objects.count(), Ukm.history.count()) == (3, 3)
