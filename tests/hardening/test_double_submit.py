"""Double submits: the same form posted four times at the same moment (a double click, a nervous
reload) answers a page or a redirect each time, never a 500, and leaves exactly one row.

Each create whose model carries a unique rule reachable from a form is posted by four threads, each
with its own client and database connection, through the whole stack (PostgreSQL: SQLite would
serialise the writers). A form-level test checks that a service error naming a field the form lacks
lands at the top of the form instead of raising.
"""

import datetime
import threading

import pytest
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client

from lomba.models import JuriPos, Lomba
from pelatihan.models import Program, Relawan
from posyantek.forms import add_service_errors
from posyantek.models import Kelurahan, Kepengurusan, Pengurus, UnitKelurahan, User
from teknologi.models import Teknologi, TeknologiPos
from tests.factories import UserFactory
from tests.teknologi import factories as tf
from tests.ukm.factories import UkmFactory
from ukm.models import KlaimUkm, Ukm

PARALEL = 4


def kirim_bersamaan(user, url: str, data: dict) -> list[int]:
    """POST ``data`` to ``url`` from PARALEL clients at the same moment; the status codes."""
    start = threading.Barrier(PARALEL)
    statuses: list[int] = []

    def kirim():
        try:
            client = Client(raise_request_exception=False)
            if user is not None:
                client.force_login(user)
            start.wait(timeout=60)
            statuses.append(client.post(url, data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=kirim) for _ in range(PARALEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses


@pytest.fixture
def _postgres():
    if not settings.IS_POSTGRES:
        pytest.skip("concurrent inserts race only on PostgreSQL (SQLite serialises writers)")


def _satu_kali(statuses: list[int]) -> None:
    assert len(statuses) == PARALEL
    assert 500 not in statuses, statuses
    assert statuses.count(302) >= 1, statuses
    assert set(statuses) <= {200, 302}, statuses


TEKNOLOGI = {
    "nama": "Alat Pengering Kerupuk",
    "bidang": "pangan",
    "ringkasan": "Mengeringkan kerupuk.",
    "deskripsi": "Pengering tipe rak.",
    "harga_min": "9000000",
    "harga_max": "22000000",
}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
class TestDoubleSubmitPostgres:
    @pytest.fixture(autouse=True)
    def _pg(self, _postgres):
        pass

    def test_teknologi_tambah_double_submit_keeps_one_draft(self, operator_a, pos_a):
        statuses = kirim_bersamaan(operator_a, "/kelola/gambir/teknologi/tambah/", TEKNOLOGI)
        _satu_kali(statuses)
        assert Teknologi.objects.filter(nama="Alat Pengering Kerupuk").count() == 1

    def test_kurasi_teknologi_tambah_double_submit_keeps_one_draft(self, admin_provinsi, wilayah):
        statuses = kirim_bersamaan(admin_provinsi, "/kelola/teknologi/tambah/", TEKNOLOGI)
        _satu_kali(statuses)
        assert Teknologi.objects.filter(nama="Alat Pengering Kerupuk").count() == 1

    def test_program_baru_double_submit_keeps_one_programme(self, operator_a, pos_a):
        data = {
            "nama": "Kelas Jualan Daring",
            "jenis": "e_literasi",
            "pilar": "cakap",
            "topik": ["internet_dasar"],
            "deskripsi": "",
            "is_aktif": "on",
        }
        _satu_kali(kirim_bersamaan(operator_a, "/kelola/gambir/pelatihan/program/baru/", data))
        assert Program.objects.filter(pos=pos_a, nama="Kelas Jualan Daring").count() == 1

    def test_program_provinsi_baru_double_submit_keeps_one_programme(self, admin_provinsi, wilayah):
        data = {
            "nama": "Kelas Provinsi",
            "jenis": "e_literasi",
            "pilar": "cakap",
            "topik": ["internet_dasar"],
            "deskripsi": "",
            "is_aktif": "on",
        }
        _satu_kali(kirim_bersamaan(admin_provinsi, "/kelola/program-pelatihan/baru/", data))
        assert Program.objects.filter(pos__isnull=True, nama="Kelas Provinsi").count() == 1

    def test_unit_kelurahan_double_submit_keeps_one_unit(self, operator_a, pos_a):
        cideng = Kelurahan.objects.get(nama="Cideng")
        data = {
            "kelurahan": str(cideng.pk),
            "alamat": "Kantor Kelurahan",
            "koordinator": "Pak RW",
            "telepon": "0812",
            "nomor_sk": "",
            "tanggal_dibentuk": "",
            "is_aktif": "on",
            "catatan": "",
        }
        _satu_kali(kirim_bersamaan(operator_a, "/kelola/gambir/unit-kelurahan/tambah/", data))
        assert UnitKelurahan.objects.filter(pos=pos_a, kelurahan=cideng).count() == 1

    def test_pengurus_ketua_double_submit_keeps_one_ketua(self, operator_a, pos_a):
        periode = Kepengurusan.objects.create(
            pos=pos_a, mulai=datetime.date(2025, 1, 1), selesai=datetime.date(2027, 12, 31)
        )
        data = {"jabatan": "ketua", "nama": "Siti Aminah", "telepon": "0812", "email": ""}
        _satu_kali(kirim_bersamaan(operator_a, f"/kelola/gambir/pengurus/periode/{periode.pk}/anggota/tambah/", data))
        assert Pengurus.objects.filter(kepengurusan=periode, jabatan="ketua").count() == 1

    def test_lomba_baru_double_submit_keeps_one_competition(self, admin_provinsi, wilayah):
        data = {
            "tahun": "2026",
            "kategori": "inovasi_ttg",
            "tingkat": "provinsi",
            "kota": "",
            "sumber_hasil": "penilaian",
            "nama": "",
            "deskripsi": "",
        }
        _satu_kali(kirim_bersamaan(admin_provinsi, "/kelola/lomba/baru/", data))
        assert Lomba.objects.filter(tahun=2026, kategori="inovasi_ttg", tingkat="provinsi").count() == 1

    def test_keterkaitan_juri_double_submit_keeps_one_tie(self, admin_provinsi, juri, pos_a):
        data = {"juri": str(juri.pk), "pos": str(pos_a.pk), "keterangan": "Berdomisili di sini"}
        _satu_kali(kirim_bersamaan(admin_provinsi, "/kelola/lomba/keterkaitan-juri/", data))
        assert JuriPos.objects.filter(juri=juri, pos=pos_a).count() == 1

    def test_peraga_double_submit_keeps_one_row(self, operator_a, pos_a):
        teknologi = tf.teknologi("Pompa Hidram")
        data = {"teknologi": str(teknologi.pk), "ada_unit_demo": "on", "keterangan": "Selasa"}
        _satu_kali(kirim_bersamaan(operator_a, "/kelola/gambir/teknologi/peraga/", data))
        assert TeknologiPos.objects.filter(pos=pos_a, teknologi=teknologi).count() == 1

    def test_relawan_daftar_double_submit_keeps_one_account(self, wilayah):
        data = {
            "nama": "Ani Pelamar",
            "email": "ani@contoh.test",
            "telepon": "0812-3456-7890",
            "domisili": "gambir",
            "pendidikan": "sarjana",
            "pekerjaan": "Mahasiswa",
            "ketersediaan": ["akhir_pekan"],
            "motivasi": "Saya ingin membantu UKM di kampung saya berjualan daring.",
            "setuju_kode_etik": "on",
            "keahlian_media_sosial": "mahir",
        }
        _satu_kali(kirim_bersamaan(None, "/relawan/daftar/", data))
        assert User.objects.filter(email="ani@contoh.test").count() == 1
        assert Relawan.objects.filter(user__email="ani@contoh.test").count() == 1

    def test_relawan_daftar_logged_in_double_submit_keeps_one_application(self, pemilik_ukm, wilayah):
        data = {
            "nama": "Siti Pemilik",
            "telepon": "0812-3456-7890",
            "domisili": "gambir",
            "pendidikan": "sarjana",
            "pekerjaan": "Pedagang",
            "ketersediaan": ["akhir_pekan"],
            "setuju_kode_etik": "on",
            "motivasi": "Saya ingin membantu UKM di kampung saya berjualan daring.",
            "keahlian_media_sosial": "mahir",
        }
        _satu_kali(kirim_bersamaan(pemilik_ukm, "/relawan/daftar/", data))
        assert Relawan.objects.filter(user=pemilik_ukm).count() == 1

    def test_undangan_double_submit_keeps_one_account(self, admin_provinsi, pos_a):
        data = {"email": "baru@contoh.test", "nama": "Operator Baru", "peran": "operator", "pos": [pos_a.pk]}
        _satu_kali(kirim_bersamaan(admin_provinsi, "/kelola/pengguna/undang/", data))
        assert User.objects.filter(email__iexact="baru@contoh.test").count() == 1

    def test_klaim_double_submit_keeps_one_pending_claim(self, pos_a):
        ukm = UkmFactory(pos=pos_a, nib="9120002223334")
        pemilik = UserFactory(email="anak@contoh.test", is_pemilik_ukm=True)
        _satu_kali(kirim_bersamaan(pemilik, "/ukm/saya/klaim/", {"nib": "9120002223334", "pesan": "Saya anaknya"}))
        assert KlaimUkm.objects.filter(ukm=ukm, user=pemilik).count() == 1

    def test_ukm_tambah_double_submit_keeps_one_business(self, operator_a, pos_a):
        from tests.ukm.test_kelola_views import form_data

        data = form_data(nib="9120002223335")
        statuses = kirim_bersamaan(operator_a, "/kelola/gambir/ukm/tambah/", data)
        _satu_kali(statuses)
        assert Ukm.objects.filter(nib="9120002223335").count() == 1


class _Form(forms.Form):
    nama = forms.CharField()


def test_add_service_errors_puts_unknown_fields_on_top():
    form = _Form({"nama": "x"})
    assert form.is_valid()
    add_service_errors(form, ValidationError({"slug": "Slug sudah dipakai.", "nama": "Nama sudah ada."}))
    assert form.non_field_errors() == ["Slug sudah dipakai."]
    assert form.errors["nama"] == ["Nama sudah ada."]


def test_add_service_errors_takes_a_plain_refusal_on_top():
    form = _Form({"nama": "x"})
    assert form.is_valid()
    add_service_errors(form, ValidationError("Ditolak."))
    assert form.non_field_errors() == ["Ditolak."]


@pytest.mark.django_db
def test_teknologi_tambah_twice_refuses_the_second_draft_on_the_name_field(client_as, operator_a, pos_a):
    client = client_as(operator_a)
    assert client.post("/kelola/gambir/teknologi/tambah/", TEKNOLOGI).status_code == 302
    response = client.post("/kelola/gambir/teknologi/tambah/", TEKNOLOGI)
    assert response.status_code == 200
    assert response.context["form"].errors["nama"] == [
        "Anda sudah punya draf teknologi dengan nama ini. Buka draf itu untuk melanjutkan."
    ]
    assert Teknologi.objects.filter(nama="Alat Pengering Kerupuk").count() == 1
