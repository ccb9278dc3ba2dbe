"""Province-wide UKM exports above EKSPOR_LATAR_MIN_BARIS rows run as a background job."""

import io
import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from posyantek import services as posyantek_services
from posyantek.models import BerkasTugas
from tests.factories import UserFactory
from ukm import services

from .factories import UkmFactory

URL = "/kelola/provinsi/ukm/ekspor.{}"


@pytest.fixture
def data(ukm_a, ukm_b):
    for i, name in enumerate(['=HYPERLINK("http://evil.example","x")', "+62 cmd", "Bengkel;=1+1"]):
        UkmFactory(nama=name, pemilik_nama=f"Pemilik {i}", bidang="fesyen")
    return ukm_a, ukm_b


def minta(client, django_capture_on_commit_callbacks, fmt="csv", query=""):
    """POST the export (the button of the page) and run the queued task; returns the job."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL.format(fmt) + query)
    tugas = BerkasTugas.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/kelola/berkas/{tugas.pk}/"
    tugas.refresh_from_db()
    return tugas


def data_writes(queries) -> list[str]:
    """Writes of data (the session's idle-timeout touch and the cache table are not data)."""
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")
        and "django_session" not in q["sql"]
        and "posyantek_cache" not in q["sql"]
    ]


def isi(tugas) -> bytes:
    with tugas.berkas.open("rb") as berkas:
        return berkas.read()


def test_ekspor_latar_below_threshold_downloads_directly(client_as, admin_provinsi, data):
    response = client_as(admin_provinsi).get(URL.format("csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    koma = client_as(admin_provinsi).get(URL.format("csv") + "?format=csv-koma")
    assert koma.status_code == 200 and koma.getvalue().startswith(b'\xef\xbb\xbf"ID Registri","Nama Usaha"')
    assert BerkasTugas.objects.count() == 0


def test_ekspor_latar_above_threshold_get_offers_button_and_writes_nothing(client_as, admin_provinsi, data, settings):
    settings.EKSPOR_LATAR_MIN_BARIS = 2
    client = client_as(admin_provinsi)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL.format("xlsx") + "?bidang=fesyen")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    html = response.getvalue().decode()
    assert "Siapkan berkas" in html and 'action="/kelola/provinsi/ukm/ekspor.xlsx?bidang=fesyen"' in html
    writes = data_writes(queries)
    assert writes == []
    assert BerkasTugas.objects.count() == 0


@pytest.mark.parametrize("fmt,query", [("csv", ""), ("csv", "?format=csv-koma"), ("csv", "?bidang=fesyen")])
def test_ekspor_latar_csv_is_byte_identical_to_direct_download(
    client_as, admin_provinsi, data, settings, django_capture_on_commit_callbacks, fmt, query
):
    client = client_as(admin_provinsi)
    langsung = client.get(URL.format(fmt) + query).getvalue()
    settings.EKSPOR_LATAR_MIN_BARIS = 1
    tugas = minta(client, django_capture_on_commit_callbacks, fmt, query)
    assert tugas.status == BerkasTugas.Status.SELESAI
    assert isi(tugas) == langsung
    assert "3171015508900001" not in langsung.decode("utf-8-sig")
    assert ("317101******0001" in langsung.decode("utf-8-sig")) == (query != "?bidang=fesyen")
    assert tugas.baris_selesai == tugas.baris_total == langsung.count(b"\r\n") - 1


def test_ekspor_latar_xlsx_has_the_same_cells_as_direct_download(
    client_as, admin_provinsi, data, settings, django_capture_on_commit_callbacks
):
    client = client_as(admin_provinsi)
    langsung = client.get(URL.format("xlsx")).getvalue()
    settings.EKSPOR_LATAR_MIN_BARIS = 1
    tugas = minta(client, django_capture_on_commit_callbacks, "xlsx")
    assert tugas.nama_unduhan.endswith(".xlsx")

    def sel(raw):
        return list(load_workbook(io.BytesIO(raw), read_only=True)["UKM"].iter_rows(values_only=True))

    assert sel(isi(tugas)) == sel(langsung)
    assert [row[1] for row in sel(isi(tugas))[1:] if row[1].startswith(("'", "Bengkel"))] != []
    assert all(not str(row[1]).startswith(("=", "+")) for row in sel(isi(tugas)))


def test_ekspor_latar_speaks_the_language_of_the_request(
    client_as, admin_provinsi, data, settings, django_capture_on_commit_callbacks
):
    client = client_as(admin_provinsi)
    client.cookies["django_language"] = "en"
    langsung = client.get(URL.format("csv")).getvalue()
    settings.EKSPOR_LATAR_MIN_BARIS = 1
    tugas = minta(client, django_capture_on_commit_callbacks)
    assert tugas.parameter["bahasa"] == "en"
    assert isi(tugas) == langsung


def test_ekspor_latar_download_only_for_the_person_who_asked(
    client_as, admin_provinsi, operator_a, data, settings, django_capture_on_commit_callbacks
):
    settings.EKSPOR_LATAR_MIN_BARIS = 1
    tugas = minta(client_as(admin_provinsi), django_capture_on_commit_callbacks)
    response = client_as(admin_provinsi).get(f"/kelola/berkas/{tugas.pk}/unduh/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == isi(tugas)
    assert set(response["Cache-Control"].replace(" ", "").split(",")) >= {"private", "no-store"}
    assert f'filename="{tugas.nama_unduhan}"' in response["Content-Disposition"]
    admin_lain = UserFactory(email="admin.lain@posyantek.test", is_admin_provinsi=True)
    for orang in (admin_lain, operator_a):
        client = client_as(orang)
        assert client.get(f"/kelola/berkas/{tugas.pk}/").status_code == 404
        assert client.get(f"/kelola/berkas/{tugas.pk}/unduh/").status_code == 404
        assert tugas.nama_unduhan not in client.get("/kelola/berkas/").getvalue().decode()
    assert tugas.nama_unduhan in client_as(admin_provinsi).get("/kelola/berkas/").getvalue().decode()


def test_ekspor_latar_file_lives_on_private_storage(
    client_as, admin_provinsi, data, settings, django_capture_on_commit_callbacks
):
    settings.EKSPOR_LATAR_MIN_BARIS = 1
    tugas = minta(client_as(admin_provinsi), django_capture_on_commit_callbacks)
    path = os.path.realpath(tugas.berkas.path)
    assert path.startswith(os.path.realpath(settings.PRIVATE_MEDIA_ROOT) + os.sep)
    assert not path.startswith(os.path.realpath(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        tugas.berkas.url  # noqa: B018 (a private file has no public URL)


def test_ekspor_latar_status_page_reloads_while_running_and_writes_nothing(client_as, admin_provinsi, data):
    tugas = services.ukm_ekspor_latar_minta(
        oleh=admin_provinsi, query="", fmt="csv", nama_berkas="ukm-uji", baris_total=30000
    )
    BerkasTugas.objects.filter(pk=tugas.pk).update(status="berjalan", baris_selesai=1200)
    client = client_as(admin_provinsi)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/kelola/berkas/{tugas.pk}/")
    html = response.getvalue().decode()
    assert '<meta http-equiv="refresh" content="3">' in html
    assert '<progress class="berkas-progress" max="100" value="4"' in html
    assert "1.200 dari 30.000 baris" in html
    assert "/unduh/" not in html
    assert "no-store" in response["Cache-Control"]
    writes = data_writes(queries)
    assert writes == []
    assert client.get(f"/kelola/berkas/{tugas.pk}/unduh/").status_code == 404


def test_ekspor_latar_status_page_offers_file_when_ready(
    client_as, admin_provinsi, data, settings, django_capture_on_commit_callbacks
):
    settings.EKSPOR_LATAR_MIN_BARIS = 1
    tugas = minta(client_as(admin_provinsi), django_capture_on_commit_callbacks)
    html = client_as(admin_provinsi).get(f"/kelola/berkas/{tugas.pk}/").getvalue().decode()
    assert 'http-equiv="refresh"' not in html
    assert f'href="/kelola/berkas/{tugas.pk}/unduh/"' in html
    assert "5 dari 5 baris" in html


def test_ekspor_latar_progress_is_recorded_every_n_rows(admin_provinsi, monkeypatch):
    from posyantek.services import berkas

    monkeypatch.setattr(berkas, "PROGRES_SETIAP", 2)
    tugas = posyantek_services.berkas_tugas_buat(
        oleh=admin_provinsi, jenis="ekspor-ukm-provinsi", nama_berkas="uji", parameter={"format": "csv"}
    )
    tugas = posyantek_services.berkas_tugas_ambil(tugas_id=tugas.pk, baris_total=5)
    terlihat = []

    def rows():
        for i in range(5):
            terlihat.append(BerkasTugas.objects.get(pk=tugas.pk).baris_selesai)
            yield [i]

    tugas = posyantek_services.berkas_tugas_tulis(tugas=tugas, header=["n"], rows=rows())
    assert terlihat == [0, 0, 2, 2, 4]
    assert (tugas.status, tugas.baris_selesai, tugas.baris_total, tugas.persen) == ("selesai", 5, 5, 100)


def test_ekspor_latar_failure_sets_gagal_and_keeps_no_file(client_as, admin_provinsi, settings):
    tugas = posyantek_services.berkas_tugas_buat(
        oleh=admin_provinsi, jenis="ekspor-ukm-provinsi", nama_berkas="uji", parameter={"format": "xlsx"}
    )
    tugas = posyantek_services.berkas_tugas_ambil(tugas_id=tugas.pk, baris_total=3)

    def rows():
        yield ["satu"]
        raise RuntimeError("basis data terputus")

    tugas = posyantek_services.berkas_tugas_tulis(tugas=tugas, header=["n"], rows=rows())
    assert (tugas.status, tugas.galat, tugas.berkas.name, tugas.siap) == (
        "gagal",
        "RuntimeError: basis data terputus",
        "",
        False,
    )
    assert not os.path.exists(settings.PRIVATE_MEDIA_ROOT / "tugas")
    client = client_as(admin_provinsi)
    html = client.get(f"/kelola/berkas/{tugas.pk}/").getvalue().decode()
    assert "Berkas gagal disiapkan" in html and "/unduh/" not in html and 'http-equiv="refresh"' not in html
    assert client.get(f"/kelola/berkas/{tugas.pk}/unduh/").status_code == 404


def test_ekspor_latar_task_run_twice_builds_once(
    client_as, admin_provinsi, data, settings, django_capture_on_commit_callbacks
):
    settings.EKSPOR_LATAR_MIN_BARIS = 1
    tugas = minta(client_as(admin_provinsi), django_capture_on_commit_callbacks)
    assert services.ukm_ekspor_latar_jalankan(tugas_id=tugas.pk) is None
    assert services.ukm_ekspor_latar_jalankan(tugas_id=999999) is None
    assert BerkasTugas.objects.get().berkas.name == tugas.berkas.name


@pytest.mark.parametrize(
    "url",
    [
        URL.format("pdf"),
        URL.format("csv") + "?format=<script>",
        URL.format("csv") + "?bidang=%00;DROP&kecamatan=zzz&page=-1",
    ],
)
def test_ekspor_latar_hostile_input_changes_nothing_or_falls_back(
    client_as, admin_provinsi, data, settings, django_capture_on_commit_callbacks, url
):
    settings.EKSPOR_LATAR_MIN_BARIS = 1
    client = client_as(admin_provinsi)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    if ".pdf" in url:
        assert response.status_code == 404 and BerkasTugas.objects.count() == 0
        return
    tugas = BerkasTugas.objects.get()
    assert (tugas.status, tugas.parameter["format"]) == ("selesai", "csv")
    assert isi(tugas).count(b"\r\n") - 1 == 5  # junk filters are ignored, like the direct download does


def test_ekspor_latar_operator_cannot_queue(client_as, operator_a, data):
    assert client_as(operator_a).post(URL.format("csv")).status_code == 403
    assert client_as(operator_a).post("/kelola/gambir/ukm/ekspor.csv").status_code == 405
    assert BerkasTugas.objects.count() == 0
