"""The scheduled sweep of background files: a job stuck "berjalan" (dead worker) becomes "gagal", and
jobs older than 7 days are deleted with their file. Running it twice has one effect."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from posyantek import services
from posyantek.models import BerkasTugas
from posyantek.services.berkas import MACET_MENIT, SIMPAN_HARI
from posyantek.tasks import berkas_tugas_bersihkan

pytestmark = pytest.mark.django_db


def buat(user, nama, *, selesai=True) -> BerkasTugas:
    tugas = services.berkas_tugas_buat(
        oleh=user, jenis=BerkasTugas.Jenis.EKSPOR_UKM_PROVINSI, nama_berkas=nama, parameter={"format": "csv"}
    )
    tugas = services.berkas_tugas_ambil(tugas_id=tugas.pk, baris_total=1)
    if selesai:
        tugas = services.berkas_tugas_tulis(tugas=tugas, header=["a"], rows=[["1"]])
    return tugas


def umur(tugas, *, hari=0, menit=0):
    lalu = timezone.now() - timedelta(days=hari, minutes=menit)
    BerkasTugas.objects.filter(pk=tugas.pk).update(dibuat_pada=lalu, mulai_pada=lalu)


def test_berkas_tugas_bersihkan_fails_stuck_jobs_and_deletes_old_files_once(admin_provinsi):
    macet = buat(admin_provinsi, "macet", selesai=False)
    umur(macet, menit=MACET_MENIT + 5)
    jalan = buat(admin_provinsi, "masih-jalan", selesai=False)
    umur(jalan, menit=MACET_MENIT - 5)
    lama = buat(admin_provinsi, "lama")
    umur(lama, hari=SIMPAN_HARI + 1)
    baru = buat(admin_provinsi, "baru")
    umur(baru, hari=SIMPAN_HARI - 1)
    path_lama, path_baru = lama.berkas.path, baru.berkas.path
    assert os.path.exists(path_lama) and os.path.exists(path_baru)

    assert tuple(berkas_tugas_bersihkan.delay().get()) == (1, 1)
    keadaan = dict(BerkasTugas.objects.values_list("nama_berkas", "status"))
    assert keadaan == {"macet": "gagal", "masih-jalan": "berjalan", "baru": "selesai"}
    macet.refresh_from_db()
    assert (
        macet.galat == f"Tugas berhenti tanpa selesai (lebih dari {MACET_MENIT} menit)."
        and macet.selesai_pada is not None
    )
    assert (os.path.exists(path_lama), os.path.exists(path_baru)) == (False, True)

    selesai_pada = macet.selesai_pada
    assert services.berkas_tugas_bersihkan() == (0, 0)  # the second run finds nothing to do
    assert dict(BerkasTugas.objects.values_list("nama_berkas", "status")) == keadaan
    macet.refresh_from_db()
    assert macet.selesai_pada == selesai_pada and os.path.exists(path_baru)


def test_berkas_tugas_bersihkan_deletes_an_old_job_whose_file_is_already_gone(admin_provinsi):
    lama = buat(admin_provinsi, "lama")
    umur(lama, hari=SIMPAN_HARI + 1)
    os.unlink(lama.berkas.path)
    assert services.berkas_tugas_bersihkan() == (0, 1)
    assert BerkasTugas.objects.count() == 0
