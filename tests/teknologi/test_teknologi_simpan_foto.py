"""The technology edit form is one service call (#13.6): ``teknologi_simpan`` saves the fields, adds
a further photo and removes chosen ones in one transaction; removed and replaced files leave the
storage only after the commit, and a removal is named in the technology's history."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from teknologi import services
from teknologi.models import FotoTeknologi
from tests.hostile_files import VALID_JPEG
from tests.teknologi import factories as f

pytestmark = pytest.mark.django_db


def foto_dari(t, nama="a.jpg", keterangan=""):
    return services.foto_tambah(teknologi=t, foto=ContentFile(VALID_JPEG, name=nama), keterangan=keterangan)


def test_removing_a_photo_deletes_its_file_after_commit_and_names_it_in_the_history(
    operator_a, pos_a, django_capture_on_commit_callbacks
):
    t = f.teknologi("Alat Galeri", status="draft", pos=pos_a, oleh=operator_a)
    foto = foto_dari(t, keterangan="Tampak depan")
    storage, name = foto.foto.storage, foto.foto.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.teknologi_simpan(
            data={"nama": "Alat Galeri"}, oleh=operator_a, teknologi=t, pos=pos_a, hapus_foto=[foto]
        )
    assert not FotoTeknologi.objects.exists()
    assert storage.exists(name)  # not before the commit
    for callback in callbacks:
        callback()
    assert not storage.exists(name)
    assert t.history.first().history_change_reason == "Foto dihapus: Tampak depan"


def test_replacing_the_main_photo_deletes_the_old_file_after_commit(
    operator_a, pos_a, django_capture_on_commit_callbacks
):
    t = f.teknologi("Alat Utama", status="draft", pos=pos_a, oleh=operator_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.teknologi_simpan(
            data={}, oleh=operator_a, teknologi=t, pos=pos_a, foto=ContentFile(VALID_JPEG, name="satu.jpg")
        )
    lama = t.foto.name
    with django_capture_on_commit_callbacks(execute=True):
        services.teknologi_simpan(
            data={}, oleh=operator_a, teknologi=t, pos=pos_a, foto=ContentFile(VALID_JPEG, name="dua.jpg")
        )
    assert t.foto.name != lama and t.foto.storage.exists(t.foto.name) and not t.foto.storage.exists(lama)


def test_adding_a_photo_goes_with_the_fields(operator_a, pos_a):
    t = f.teknologi("Alat Tambah", status="draft", pos=pos_a, oleh=operator_a)
    services.teknologi_simpan(
        data={"nama": "Alat Tambah Baru"},
        oleh=operator_a,
        teknologi=t,
        pos=pos_a,
        foto_tambahan=ContentFile(VALID_JPEG, name="b.jpg"),
        foto_tambahan_keterangan="Samping",
    )
    t.refresh_from_db()
    assert t.nama == "Alat Tambah Baru"
    assert list(t.foto_set.values_list("keterangan", flat=True)) == ["Samping"]


def test_another_technologys_photo_is_refused_and_nothing_changes(operator_a, pos_a):
    t = f.teknologi("Alat Milik", status="draft", pos=pos_a, oleh=operator_a)
    lain = foto_dari(f.teknologi("Alat Lain"))
    with pytest.raises(ValidationError, match="bukan foto teknologi ini"):
        services.teknologi_simpan(
            data={"nama": "Nama Diubah"},
            oleh=operator_a,
            teknologi=t,
            pos=pos_a,
            hapus_foto=[lain],
            foto_tambahan=ContentFile(VALID_JPEG, name="c.jpg"),
        )
    t.refresh_from_db()
    assert t.nama == "Alat Milik"
    assert list(FotoTeknologi.objects.all()) == [lain] and lain.foto.storage.exists(lain.foto.name)
