"""Fewer duplicates, less retyping (#15.5): the likely-duplicate warning on a new UKM without a NIB,
verifying many pending UKM at once, and undoing a committed import."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ukm import services
from ukm.models import ImporBatch, StatusImpor, Ukm

from .factories import PendampinganFactory, UkmFactory, kelurahan
from .test_impor import BARIS, JUDUL, csv_file
from .test_kelola_views import LIST, form_data

pytestmark = pytest.mark.django_db


# Likely duplicates ------------------------------------------------------------------------------


@pytest.fixture
def sambal(pos_a):
    return UkmFactory(
        nama="Sambal Roa Mak Ijah",
        pemilik_nama="Ijah Suhaemi",
        pemilik_telepon="0811 000 999",
        kelurahan=kelurahan("Petojo Selatan"),
    )


def test_same_name_and_owner_in_the_kecamatan_warns_with_a_link_and_saves_nothing(client_as, operator_a, sambal):
    data = form_data(nama="sambal roa mak  ijah!", pemilik_nama="IJAH SUHAEMI", pemilik_telepon="0812-3456-7890")
    response = client_as(operator_a).post(f"{LIST}tambah/", data)
    html = response.content.decode()
    assert response.status_code == 200 and Ukm.objects.count() == 1
    assert "UKM ini mungkin sudah terdaftar" in html and f'href="{LIST}{sambal.pk}/"' in html
    assert 'name="tetap_simpan" value="1"' in html and 'value="sambal roa mak  ijah!"' in html


def test_same_phone_in_another_spelling_warns(client_as, operator_a, sambal):
    data = form_data(nama="Warung Lain Sekali", pemilik_nama="Orang Lain", pemilik_telepon="+62 811-000-999")
    html = client_as(operator_a).post(f"{LIST}tambah/", data).content.decode()
    assert "nomor telepon sama" in html and Ukm.objects.count() == 1


def test_old_spelling_and_a_typo_still_count_as_the_same(operator_a, pos_a, sambal):
    data = {
        **form_data(),
        "kelurahan": kelurahan("Petojo Utara"),
        "nama": "Sambal Roa Mak Idjah",
        "pemilik_nama": "Ijah Suhaimi",
    }
    data["pemilik_telepon"] = ""
    with pytest.raises(services.UkmMungkinGanda) as exc:
        services.ukm_buat(data=data, oleh=operator_a, pos=pos_a)
    assert exc.value.ukm_list == [sambal]


def test_tetap_simpan_saves_the_second_business(client_as, operator_a, sambal):
    response = client_as(operator_a).post(f"{LIST}tambah/", form_data(tetap_simpan="1"))
    assert response.status_code == 302 and Ukm.objects.count() == 2


def test_no_warning_with_a_nib_another_kecamatan_or_a_different_business(client_as, operator_a, pos_a, sambal):
    client = client_as(operator_a)
    assert client.post(f"{LIST}tambah/", form_data(nib="9120001111111")).status_code == 302
    assert (
        client.post(
            f"{LIST}tambah/", form_data(nama="Bengkel Las Sinar", pemilik_nama="Agus", pemilik_telepon="0857 1234 0000")
        ).status_code
        == 302
    )
    UkmFactory(
        nama="Soto Betawi H. Mamat",
        pemilik_nama="Mamat",
        pemilik_telepon="0813 5555 0000",
        kelurahan=kelurahan("Kali Anyar"),
    )
    data = form_data(nama="Soto Betawi H. Mamat", pemilik_nama="Mamat", pemilik_telepon="081355550000")
    assert client.post(f"{LIST}tambah/", data).status_code == 302  # Tambora's business is not Gambir's duplicate
    assert Ukm.objects.filter(pos=pos_a).count() == 4


def test_duplicate_check_never_links_another_posts_business(client_as, operator_a, ukm_b):
    data = form_data(nama=ukm_b.nama, pemilik_nama=ukm_b.pemilik_nama, pemilik_telepon=ukm_b.pemilik_telepon)
    response = client_as(operator_a).post(f"{LIST}tambah/", data)
    assert response.status_code == 302
    assert f"/ukm/{ukm_b.pk}/" not in response.content.decode()


# Verify many at once -----------------------------------------------------------------------------


def test_bulk_verify_only_the_posts_pending_ones_with_history(client_as, operator_a, pos_a, ukm_b):
    pending = [UkmFactory(nama=f"Usaha Tunggu {i}") for i in range(3)]
    sudah = UkmFactory(nama="Sudah", verified_at=timezone.now() - timedelta(days=3))
    ukm_b.verified_at = None
    ukm_b.save()
    kirim = [pending[0].pk, pending[1].pk, sudah.pk, ukm_b.pk, 999999]
    response = client_as(operator_a).post(f"{LIST}verifikasi/", {"ukm": [str(pk) for pk in kirim] + ["abc"]})
    assert response.status_code == 302 and response["Location"] == LIST
    verified = set(Ukm.objects.filter(verified_at__isnull=False, pos=pos_a).values_list("pk", flat=True))
    assert verified == {pending[0].pk, pending[1].pk, sudah.pk}
    pending[0].refresh_from_db()
    assert pending[0].verified_by == operator_a
    catatan = pending[0].history.first()
    assert (catatan.history_user, catatan.history_change_reason) == (operator_a, "verifikasi banyak")
    sudah_lama = Ukm.objects.get(pk=sudah.pk).verified_at
    assert sudah_lama < timezone.now() - timedelta(days=2)  # not re-stamped
    ukm_b.refresh_from_db()
    assert ukm_b.verified_at is None  # another post's business is never touched


def test_bulk_verify_with_nothing_pending_refuses_and_writes_nothing(client_as, operator_a, operator_b, pos_b, ukm_b):
    ukm_b.verified_at = None
    ukm_b.save()
    client = client_as(operator_a)
    response = client.post(f"{LIST}verifikasi/", {"ukm": [str(ukm_b.pk)]}, follow=True)
    assert "Centang dulu UKM yang menunggu verifikasi" in response.content.decode()
    assert client.post(f"{LIST}verifikasi/", {}).status_code == 302
    ukm_b.refresh_from_db()
    assert ukm_b.verified_at is None
    assert client.post("/kelola/tambora/ukm/verifikasi/", {"ukm": [str(ukm_b.pk)]}).status_code == 404


def test_bulk_verify_checkboxes_only_for_pending(client_as, operator_a, ukm_a):
    pending = UkmFactory(nama="Menunggu")
    html = client_as(operator_a).get(LIST).content.decode()
    assert f'name="ukm" value="{pending.pk}" form="form-verifikasi-banyak"' in html
    assert f'name="ukm" value="{ukm_a.pk}"' not in html
    assert 'id="form-verifikasi-banyak"' in html


def test_bulk_verify_too_many_refuses(operator_a, pos_a):
    with pytest.raises(ValidationError):
        services.ukm_terpilih_verifikasi(pos=pos_a, ukm_ids=list(range(1, 300)), oleh=operator_a)


# Undo a committed import -------------------------------------------------------------------------


@pytest.fixture
def impor_tersimpan(operator_a, pos_a):
    """A committed import of Gambir: two new businesses, one updated (found by its NIB)."""
    lama = UkmFactory(
        nama="Keripik Tempe Rahma", nib="9120003000001", alamat="Alamat lama", kelurahan=kelurahan("Duri Pulo")
    )
    batch = services.impor_pratinjau(upload=csv_file([JUDUL, *BARIS]), oleh=operator_a, pos=pos_a)
    batch = services.impor_terapkan(batch=batch, oleh=operator_a)
    assert (batch.jumlah_baru, batch.jumlah_perbarui) == (2, 1)
    return batch, lama


def _urungkan_url(batch):
    return f"{LIST}impor/{batch.pk}/urungkan/"


def test_undo_deletes_new_and_restores_updated(client_as, operator_a, impor_tersimpan):
    batch, lama = impor_tersimpan
    client = client_as(operator_a)
    assert 'action="' + _urungkan_url(batch) + '"' in client.get(f"{LIST}impor/{batch.pk}/").content.decode()
    response = client.post(_urungkan_url(batch))
    assert response.status_code == 302, response
    assert response["Location"] == LIST
    assert list(Ukm.objects.values_list("pk", flat=True)) == [lama.pk]
    lama.refresh_from_db()
    assert (lama.nama, lama.alamat, lama.nib) == ("Keripik Tempe Rahma", "Alamat lama", "9120003000001")
    assert "rahma" in lama.search_text
    assert lama.history.first().history_change_reason == f"urungkan impor #{batch.pk}"
    batch.refresh_from_db()
    assert batch.status == StatusImpor.DIBATALKAN and batch.committed_at is not None
    # a second undo refuses
    with pytest.raises(ValidationError, match="sudah tersimpan"):
        services.impor_urungkan(batch=batch, oleh=operator_a)


def _jumlah():
    return Ukm.objects.count(), Ukm.history.count()


def test_undo_refused_for_another_person(impor_tersimpan, pos_a):
    from posyantek.services import operator_tetapkan
    from tests.factories import UserFactory

    batch, _lama = impor_tersimpan
    rekan = UserFactory(email="rekan@posyantek.test")
    operator_tetapkan(pos=pos_a, pengguna=rekan)
    sebelum = _jumlah()
    with pytest.raises(ValidationError, match="Hanya orang yang menyimpan"):
        services.impor_urungkan(batch=batch, oleh=rekan)
    assert _jumlah() == sebelum


def test_undo_not_reachable_by_another_post(client_as, operator_b, impor_tersimpan):
    batch, _lama = impor_tersimpan
    sebelum = _jumlah()
    assert client_as(operator_b).post(_urungkan_url(batch)).status_code == 404
    assert client_as(operator_b).post(f"/kelola/tambora/ukm/impor/{batch.pk}/urungkan/").status_code == 404
    assert _jumlah() == sebelum


def test_undo_refused_after_a_day(operator_a, impor_tersimpan):
    batch, _lama = impor_tersimpan
    lewat = timezone.now() - timedelta(hours=25)
    ImporBatch.objects.filter(pk=batch.pk).update(committed_at=lewat)
    Ukm.objects.update(updated_at=lewat)
    sebelum = _jumlah()
    with pytest.raises(ValidationError, match="lebih dari 24 jam"):
        services.impor_urungkan(batch=batch, oleh=operator_a)
    assert _jumlah() == sebelum


@pytest.mark.parametrize("ubah", ["baru", "lama", "pendampingan", "verifikasi", "tanpa_riwayat"])
def test_undo_refused_when_a_row_changed_since(client_as, operator_a, impor_tersimpan, ubah):
    batch, lama = impor_tersimpan
    baru = Ukm.objects.exclude(pk=lama.pk).order_by("pk").first()
    if ubah == "baru":
        services.ukm_ubah(ukm=baru, data={"alamat": "Alamat dibetulkan"}, oleh=operator_a, pos=batch.pos)
    elif ubah == "lama":
        services.ukm_status_tetapkan(ukm=Ukm.objects.get(pk=lama.pk), aktif=False, oleh=operator_a)
    elif ubah == "pendampingan":
        PendampinganFactory(ukm=baru)
    elif ubah == "verifikasi":
        services.ukm_verifikasi(ukm=baru, oleh=operator_a)
    else:  # a write around the model's save (no history entry): updated_at still tells
        Ukm.objects.filter(pk=baru.pk).update(alamat="Diubah massal", updated_at=timezone.now() + timedelta(seconds=1))
    sebelum = _jumlah()
    response = client_as(operator_a).post(_urungkan_url(batch), follow=True)
    assert "sudah diubah sejak disimpan" in response.content.decode()
    assert _jumlah() == sebelum
    batch.refresh_from_db()
    assert batch.status == StatusImpor.SELESAI


def test_undo_refused_for_a_preview(operator_a, pos_a):
    batch = services.impor_pratinjau(upload=csv_file([JUDUL, BARIS[1]]), oleh=operator_a, pos=pos_a)
    with pytest.raises(ValidationError, match="sudah tersimpan"):
        services.impor_urungkan(batch=batch, oleh=operator_a)
    assert Ukm.objects.count() == 0
