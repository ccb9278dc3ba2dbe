"""The registry's summary rows (``ukm/ringkasan.py``) stay equal to a count of the registry after
every kind of write, one post's write leaves the other posts' rows alone, and the overviews read
them: their queries do not grow with the registry (#11.3)."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.serentak import run_parallel
from ukm import ringkasan, selectors, services
from ukm.models import RingkasanUkm, StatusUkm, Ukm

from .factories import UkmFactory, kelurahan

pytestmark = pytest.mark.django_db


def tersimpan() -> dict[int, Counter]:
    hasil: dict[int, Counter] = {}
    for pos_id, dimensi, kunci, jumlah in RingkasanUkm.objects.values_list("pos_id", "dimensi", "kunci", "jumlah"):
        hasil.setdefault(pos_id, Counter())[(dimensi, kunci)] = jumlah
    return hasil


def dihitung() -> dict[int, Counter]:
    """A count of the registry from scratch, the yardstick."""
    return {pos_id: c for pos_id, c in ringkasan.hitung(Ukm.objects.all()).items() if c}


def assert_sejalan():
    assert tersimpan() == dihitung()


@pytest.fixture
def registri(pos_a, pos_b):
    """Nine businesses of Gambir and Tambora, of every status, class and stage."""
    now = timezone.now()
    data = [
        dict(nama="Keripik A", kelurahan=kelurahan("Cideng"), hasil_penjualan_tahunan=100_000_000, verified_at=now),
        dict(nama="Kopi B", kelurahan=kelurahan("Cideng"), hasil_penjualan_tahunan=5 * 10**9, tampil_publik=True),
        dict(nama="Batik C", kelurahan=kelurahan("Petojo Utara"), bidang="fesyen", tahap_jakpreneur="P1"),
        dict(nama="Soto D", kelurahan=kelurahan("Duri Pulo"), verified_at=now, tampil_publik=True, status="nonaktif"),
        dict(nama="Roti E", kelurahan=kelurahan("Duri Pulo"), verified_at=now, tampil_publik=True),
        dict(nama="Tenun F", kelurahan=kelurahan("Kali Anyar"), bidang="fesyen", verified_at=now, tampil_publik=True),
        dict(nama="Bakso G", kelurahan=kelurahan("Kali Anyar"), hasil_penjualan_tahunan=20 * 10**9),
        dict(nama="Jamu H", kelurahan=kelurahan("Angke"), status="nonaktif"),
        dict(nama="Kue I", kelurahan=kelurahan("Angke"), tahap_jakpreneur="P2", verified_at=now),
    ]
    return [UkmFactory(**d) for d in data]


def test_statistics_read_from_the_summary_equal_a_count_of_the_registry(registri, pos_a, pos_b):
    assert_sejalan()
    gambir = selectors.ukm_statistik(pos=pos_a)
    assert (gambir.total, gambir.aktif, gambir.terverifikasi) == (5, 4, 2)
    assert dict(gambir.wilayah)["Cideng"] == 2 and dict(gambir.wilayah)["Duri Pulo"] == 1
    assert sum(n for _label, n in gambir.kelas) == 4
    provinsi = selectors.ukm_statistik(pos=None)
    tambora = selectors.ukm_statistik(pos=pos_b)
    # The province is the sum of the posts.
    assert (provinsi.total, provinsi.aktif, provinsi.terverifikasi) == (9, 7, 4)
    assert provinsi.aktif == gambir.aktif + tambora.aktif
    assert dict(provinsi.wilayah)["Jakarta Pusat"] == 4 and dict(provinsi.wilayah)["Jakarta Barat"] == 3
    assert selectors.jumlah_direktori_pos(pos=pos_a) == Ukm.objects.published().filter(pos=pos_a).count() == 1
    assert selectors.jumlah_direktori() == Ukm.objects.published().count() == 2
    bulan = timezone.localtime().strftime("%Y-%m")
    assert ringkasan.angka(pos=pos_a).per(ringkasan.Dimensi.BULAN) == {bulan: 5}


def test_every_write_path_keeps_the_summary_in_step(registri, pos_a, pos_b, operator_a):
    keripik, kopi, batik, soto, roti, *_ = registri
    services.ukm_status_tetapkan(ukm=keripik, aktif=False, oleh=operator_a)
    assert_sejalan()
    services.ukm_verifikasi(ukm=kopi, oleh=operator_a)
    assert_sejalan()
    services.ukm_ubah(ukm=batik, data={"bidang": "kuliner", "tahap_jakpreneur": "P4"}, oleh=operator_a)
    assert_sejalan()
    # Moved to a kelurahan of Tambora: both posts are recounted.
    batik.kelurahan = kelurahan("Kali Anyar")
    services.ukm_lengkapi(ukm=batik)
    batik.save()
    assert batik.pos_id == pos_b.pk
    assert_sejalan()
    soto.delete()
    assert_sejalan()
    Ukm.objects.filter(pos=pos_b).update(status=StatusUkm.NONAKTIF)
    assert_sejalan()
    Ukm.objects.filter(pk=roti.pk).update(tampil_publik=False)
    assert_sejalan()
    baru = [Ukm(nama=f"Massal {i}", kelurahan=kelurahan("Cideng"), bidang="kuliner") for i in range(3)]
    for obj in baru:
        services.ukm_lengkapi(ukm=obj)
    Ukm.objects.bulk_create(baru)
    assert_sejalan()
    for obj in baru:
        obj.kelurahan = kelurahan("Angke")
        services.ukm_lengkapi(ukm=obj)
    Ukm.objects.bulk_update(baru, ["kelurahan", "pos"])
    assert_sejalan()
    assert ringkasan.angka(pos=pos_a).per(ringkasan.Dimensi.KELURAHAN).get(str(kelurahan("Cideng").pk)) == 1


def test_a_write_in_one_post_leaves_the_other_posts_rows_alone(registri, pos_a, pos_b, operator_a):
    tambora = list(RingkasanUkm.objects.filter(pos=pos_b).order_by("pk").values_list("pk", "jumlah"))
    assert tambora
    services.ukm_verifikasi(ukm=registri[0], oleh=operator_a, verified=False)
    assert list(RingkasanUkm.objects.filter(pos=pos_b).order_by("pk").values_list("pk", "jumlah")) == tambora
    assert_sejalan()


def test_a_recount_runs_the_same_queries_for_one_row_or_many(pos_a, pos_b):
    hitung = {}
    for n in (2, 20):
        objs = [Ukm(nama=f"Usaha {n}-{i}", kelurahan=kelurahan(("Cideng", "Angke")[i % 2])) for i in range(n)]
        for obj in objs:
            services.ukm_lengkapi(ukm=obj)
        with CaptureQueriesContext(connection) as queries:
            Ukm.objects.bulk_create(objs)
        hitung[n] = len(queries.captured_queries)
    assert hitung[2] == hitung[20], hitung
    assert_sejalan()


def test_overviews_read_no_registry_rows(registri, pos_a):
    """Neither the statistics nor the home page's count touch the UKM table."""
    with CaptureQueriesContext(connection) as queries:
        selectors.ukm_statistik(pos=pos_a)
        selectors.ukm_statistik(pos=None)
        selectors.jumlah_direktori()
        selectors.jumlah_direktori_pos(pos=pos_a)
    tabel = connection.ops.quote_name(Ukm._meta.db_table)
    assert not [q["sql"] for q in queries.captured_queries if f"FROM {tabel}" in q["sql"]]


def test_the_rebuild_command_repairs_rows_written_around_django(registri, pos_a):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM ukm_ringkasanukm WHERE pos_id = %s", [pos_a.pk])
        cursor.execute("UPDATE ukm_ukm SET status = 'nonaktif' WHERE nama = 'Kue I'")
    assert tersimpan() != dihitung()
    call_command("ringkasan_bangun", stdout=open("/dev/null", "w"))
    assert_sejalan()
    assert selectors.ukm_statistik(pos=pos_a).aktif == 4


def test_reindex_recounts_once_at_the_end(registri, pos_a):
    Ukm.objects.filter(nama="Kopi B").update(kelas="")
    with connection.cursor() as cursor:  # around Django: the summary does not know yet
        cursor.execute("UPDATE ukm_ukm SET kelas = '' WHERE nama = 'Roti E'")
    with CaptureQueriesContext(connection) as queries:
        call_command("ukm_reindeks", "--batch", "2", stdout=open("/dev/null", "w"))
    assert_sejalan()
    locks = [q for q in queries.captured_queries if "ukm_ringkasanukm" in q["sql"] and q["sql"].startswith("DELETE")]
    assert len(locks) == 1  # five batches, one recount


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_writes_of_one_post_leave_a_correct_count(pos_a, operator_a):
    if connection.vendor != "postgresql":
        pytest.skip("uji konkurensi butuh PostgreSQL (SELECT … FOR UPDATE antar koneksi)")
    kel = kelurahan("Cideng")
    results = run_parallel([(lambda i=i: UkmFactory(nama=f"Serentak {i}", kelurahan=kel).pk) for i in range(8)])
    assert [r for r in results if r[0] != "ok"] == []
    assert_sejalan()
    assert ringkasan.angka(pos=pos_a).aktif == 8
