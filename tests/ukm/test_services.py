"""The registry's services: derived fields, the rules that always hold, refusals that write nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import UserFactory
from ukm import services
from ukm.klasifikasi import Kelas
from ukm.models import FotoProduk, KlaimUkm, Pendampingan, Produk, StatusKlaim, Ukm

from .factories import KlaimFactory, ProdukFactory, UkmFactory, kelurahan

pytestmark = pytest.mark.django_db

M = 1_000_000_000


def data(**extra):
    base = {
        "nama": "Warung Kopi Djaja",
        "pemilik_nama": "Achmad Soebroto",
        "kelurahan": kelurahan("Duri Pulo"),
        "bidang": "kuliner",
        "hasil_penjualan_tahunan": 2 * M,
        "pemilik_nik": "3171011204800003",
    }
    base.update(extra)
    return base


def test_ukm_create_derives_post_class_and_search_key(operator_a, pos_a):
    ukm = services.ukm_buat(data=data(), oleh=operator_a, pos=pos_a)
    assert ukm.pos == pos_a
    assert ukm.kelas == Kelas.MIKRO  # exactly Rp2.000.000.000 in sales is still Mikro
    assert "yaya" in ukm.search_text and "duripulo" in ukm.search_text  # Djaja folds to the key of Jaya
    record = ukm.history.get()
    assert (record.history_type, record.history_user) == ("+", operator_a)


def test_ukm_create_class_changes_one_rupiah_over(operator_a, pos_a):
    ukm = services.ukm_buat(data=data(hasil_penjualan_tahunan=2 * M + 1), oleh=operator_a, pos=pos_a)
    assert ukm.kelas == Kelas.KECIL


def test_ukm_create_ignores_a_typed_class(operator_a, pos_a):
    ukm = services.ukm_buat(data=data(kelas="menengah", hasil_penjualan_tahunan=10_000_000), oleh=operator_a, pos=pos_a)
    assert ukm.kelas == Kelas.MIKRO


def test_ukm_create_refuses_kelurahan_of_another_post_and_writes_nothing(operator_a, pos_a):
    with pytest.raises(ValidationError) as info:
        services.ukm_buat(data=data(kelurahan=kelurahan("Kali Anyar")), oleh=operator_a, pos=pos_a)
    assert "kecamatan pos Anda" in str(info.value)
    assert Ukm.objects.count() == 0


def test_ukm_create_refuses_duplicate_nib_and_writes_nothing(operator_a, pos_a, ukm_b):
    with pytest.raises(ValidationError) as info:
        services.ukm_buat(data=data(nib=ukm_b.nib), oleh=operator_a, pos=pos_a)
    assert info.value.message_dict["nib"] == ["NIB ini sudah terdaftar untuk usaha lain."]
    assert Ukm.objects.count() == 1


@pytest.mark.parametrize(
    "field,value",
    [
        ("pemilik_nik", "317101120480000"),
        ("pemilik_nik", "31710112048000AB"),
        ("nib", "912000123456"),
        ("kbli", "1071"),
        ("pemilik_email", "bukan-email"),
        ("tahun_berdiri", timezone.localdate().year + 1),
        ("nama", "x" * 151),
        ("instagram", "https://evil.example/ig"),
        ("situs", "javascript:alert(1)"),
    ],
)
def test_ukm_create_refuses_invalid_values_and_writes_nothing(operator_a, pos_a, field, value):
    with pytest.raises(ValidationError) as info:
        services.ukm_buat(data=data(**{field: value}), oleh=operator_a, pos=pos_a)
    assert field in info.value.message_dict
    assert Ukm.objects.count() == 0


def test_ukm_create_refuses_coordinates_outside_jakarta(operator_a, pos_a):
    with pytest.raises(ValidationError) as info:
        services.ukm_buat(data=data(latitude="-7.250000", longitude="112.750000"), oleh=operator_a, pos=pos_a)
    assert info.value.message_dict["latitude"] == ["Koordinat berada di luar wilayah DKI Jakarta."]


def test_ukm_create_by_owner_links_account_and_waits_for_verification(pemilik_b, wilayah):
    pemilik_b.is_pemilik_ukm = False
    pemilik_b.save()
    ukm = services.ukm_buat(data=data(kelurahan=kelurahan("Kali Anyar")), oleh=pemilik_b, sebagai_pemilik=True)
    assert (ukm.pemilik, ukm.verified_at, ukm.pos.slug) == (pemilik_b, None, "tambora")
    pemilik_b.refresh_from_db()
    assert pemilik_b.is_pemilik_ukm


def test_ukm_create_by_owner_cannot_set_stage_or_status(pemilik_b, wilayah):
    ukm = services.ukm_buat(data=data(tahap_jakpreneur="P7", status="nonaktif"), oleh=pemilik_b, sebagai_pemilik=True)
    assert (ukm.tahap_jakpreneur, ukm.status) == ("", "aktif")


def test_ukm_update_by_owner_of_identity_field_resets_verification(ukm_a, pemilik_ukm):
    services.ukm_ubah(ukm=ukm_a, data={"deskripsi": "Rasa baru"}, oleh=pemilik_ukm, sebagai_pemilik=True)
    ukm_a.refresh_from_db()
    assert ukm_a.verified_at is not None
    services.ukm_ubah(ukm=ukm_a, data={"nib": "9120007777777"}, oleh=pemilik_ukm, sebagai_pemilik=True)
    ukm_a.refresh_from_db()
    assert ukm_a.verified_at is None and ukm_a.verified_by is None


def test_ukm_update_refuses_someone_elses_business(ukm_b, pemilik_ukm):
    with pytest.raises(ValidationError):
        services.ukm_ubah(ukm=ukm_b, data={"nama": "Diambil alih"}, oleh=pemilik_ukm, sebagai_pemilik=True)
    ukm_b.refresh_from_db()
    assert ukm_b.nama == "Batik Tambora Rahasia"


def test_ukm_update_recomputes_class_and_search_key(ukm_a, operator_a, pos_a):
    ukm = services.ukm_ubah(
        ukm=ukm_a, data={"hasil_penjualan_tahunan": 15 * M + 1, "nama": "Kripik Sukses"}, oleh=operator_a, pos=pos_a
    )
    assert ukm.kelas == Kelas.MENENGAH
    assert "kripik sukses" in ukm.search_text
    assert ukm.history.count() == 2


def test_ukm_set_status_deactivates_without_deleting(ukm_a, operator_a):
    services.ukm_status_tetapkan(ukm=ukm_a, aktif=False, oleh=operator_a)
    ukm_a.refresh_from_db()
    assert ukm_a.status == "nonaktif"
    assert not Ukm.objects.published().filter(pk=ukm_a.pk).exists()
    assert ukm_a.history.first().history_user == operator_a


def test_ukm_verify_and_withdraw(ukm_b, operator_b):
    services.ukm_verifikasi(ukm=ukm_b, oleh=operator_b, verified=False)
    assert ukm_b.verified_at is None
    services.ukm_verifikasi(ukm=ukm_b, oleh=operator_b)
    assert ukm_b.verified_by == operator_b and ukm_b.verified_at is not None


def test_produk_create_caps_products_per_business(ukm_a, operator_a):
    ProdukFactory.create_batch(Produk.MAKS_PER_UKM, ukm=ukm_a)
    with pytest.raises(ValidationError):
        services.produk_buat(ukm=ukm_a, data={"nama": "Satu lagi"}, oleh=operator_a)
    assert ukm_a.produk_set.count() == Produk.MAKS_PER_UKM


def test_foto_produk_add_caps_photos_and_keeps_no_file_when_refused(ukm_a, operator_a, settings):
    from django.core.files.base import ContentFile

    from .factories import jpeg_bytes

    produk = ProdukFactory(ukm=ukm_a)
    for i in range(FotoProduk.MAKS_PER_PRODUK):
        services.foto_produk_tambah(produk=produk, gambar=ContentFile(jpeg_bytes(), name=f"f{i}.jpg"), oleh=operator_a)
    with pytest.raises(ValidationError):
        services.foto_produk_tambah(produk=produk, gambar=ContentFile(jpeg_bytes(), name="lebih.jpg"), oleh=operator_a)
    stored = list((settings.MEDIA_ROOT / "ukm" / "produk" / str(ukm_a.pk)).iterdir())
    assert len(stored) == FotoProduk.MAKS_PER_PRODUK == produk.foto_set.count()


def test_produk_delete_removes_photos_and_files(ukm_a, operator_a, settings, django_capture_on_commit_callbacks):
    from django.core.files.base import ContentFile

    from .factories import jpeg_bytes

    produk = services.produk_buat(
        ukm=ukm_a, data={"nama": "Keripik"}, oleh=operator_a, foto=ContentFile(jpeg_bytes(), name="k.jpg")
    )
    path = settings.MEDIA_ROOT / produk.foto_set.get().gambar.name
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.produk_hapus(produk=produk, oleh=operator_a)
    assert not path.exists() and not FotoProduk.objects.exists()
    assert Produk.history.filter(history_type="-").get().history_user == operator_a


def test_pendampingan_refuses_follow_up_before_date_and_writes_nothing(ukm_a, operator_a):
    with pytest.raises(ValidationError):
        services.pendampingan_buat(
            ukm=ukm_a,
            oleh=operator_a,
            data={
                "tanggal": timezone.localdate(),
                "jenis": "konsultasi",
                "pendamping": "Op",
                "tindak_lanjut": timezone.localdate().replace(year=2020),
            },
        )
    assert Pendampingan.objects.count() == 0


def test_pendampingan_refuses_unknown_kind(ukm_a, operator_a):
    with pytest.raises(ValidationError):
        services.pendampingan_buat(
            ukm=ukm_a, oleh=operator_a, data={"tanggal": timezone.localdate(), "jenis": "hiburan", "pendamping": "Op"}
        )
    assert Pendampingan.objects.count() == 0


# Claims ---------------------------------------------------------------------------------------


def test_klaim_create_by_nib_and_approval_links_owner(operator_a, pos_a, pemilik_b):
    ukm = UkmFactory(nib="9120001230001")
    other = KlaimFactory(ukm=ukm)
    klaim = services.klaim_ajukan(oleh=pemilik_b, nib=" 9120001230001 ", pesan="Saya Budi")
    services.klaim_putuskan(klaim=klaim, oleh=operator_a, setujui=True)
    ukm.refresh_from_db()
    other.refresh_from_db()
    assert ukm.pemilik == pemilik_b
    assert other.status == StatusKlaim.DITOLAK  # the competing claim is refused with a reason
    assert ukm.history.first().history_user == operator_a


@pytest.mark.parametrize("nib,message", [("9999999999999", "belum ada di registri"), ("", "belum ada di registri")])
def test_klaim_create_unknown_nib_refused(pemilik_b, wilayah, nib, message):
    with pytest.raises(ValidationError) as info:
        services.klaim_ajukan(oleh=pemilik_b, nib=nib)
    assert message in str(info.value)
    assert KlaimUkm.objects.count() == 0


def test_klaim_create_refuses_owned_business_without_naming_the_owner(ukm_b, pemilik_ukm):
    with pytest.raises(ValidationError) as info:
        services.klaim_ajukan(oleh=pemilik_ukm, nib=ukm_b.nib)
    assert "akun pemilik lain" in str(info.value)
    assert "Budi" not in str(info.value)
    assert KlaimUkm.objects.count() == 0


def test_klaim_create_refuses_duplicate_and_caps_pending(pemilik_b, wilayah):
    ukms = [UkmFactory(nib=f"912000000000{i}") for i in range(KlaimUkm.MAKS_MENUNGGU_PER_USER + 1)]
    services.klaim_ajukan(oleh=pemilik_b, nib=ukms[0].nib)
    with pytest.raises(ValidationError):
        services.klaim_ajukan(oleh=pemilik_b, nib=ukms[0].nib)
    for ukm in ukms[1 : KlaimUkm.MAKS_MENUNGGU_PER_USER]:
        services.klaim_ajukan(oleh=pemilik_b, nib=ukm.nib)
    with pytest.raises(ValidationError):
        services.klaim_ajukan(oleh=pemilik_b, nib=ukms[-1].nib)
    assert KlaimUkm.objects.count() == KlaimUkm.MAKS_MENUNGGU_PER_USER


def test_klaim_decide_twice_refused(operator_a, wilayah):
    klaim = KlaimFactory()
    services.klaim_putuskan(klaim=klaim, oleh=operator_a, setujui=False, catatan="Bukan pemilik")
    with pytest.raises(ValidationError):
        services.klaim_putuskan(klaim=klaim, oleh=operator_a, setujui=True)
    klaim.ukm.refresh_from_db()
    assert klaim.ukm.pemilik is None


def test_klaim_approval_refused_when_owner_linked_meanwhile(operator_a, wilayah):
    klaim = KlaimFactory()
    Ukm.objects.filter(pk=klaim.ukm_id).update(pemilik=UserFactory(email="lain@contoh.test"))
    with pytest.raises(ValidationError):
        services.klaim_putuskan(klaim=klaim, oleh=operator_a, setujui=True)
    klaim.refresh_from_db()
    assert klaim.status == StatusKlaim.MENUNGGU


def test_klaim_mails_the_posts_operators_then_the_claimant(
    operator_a, pemilik_b, wilayah, mailoutbox, django_capture_on_commit_callbacks
):
    ukm = UkmFactory(nama="Warung Sate", nib="9120001230009")
    with django_capture_on_commit_callbacks(execute=True):
        klaim = services.klaim_ajukan(oleh=pemilik_b, nib=ukm.nib, pesan="Saya anaknya")
    assert [m.to for m in mailoutbox] == [["operator.gambir@posyantek.test"]]
    assert "Warung Sate" in mailoutbox[0].subject and "Saya anaknya" in mailoutbox[0].body
    assert "/kelola/gambir/ukm/klaim/" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        services.klaim_putuskan(klaim=klaim, oleh=operator_a, setujui=False, catatan="Nomor tidak cocok")
    assert mailoutbox[1].to == ["pemilik.b@posyantek.test"]
    assert "tidak disetujui" in mailoutbox[1].body and "Nomor tidak cocok" in mailoutbox[1].body


def test_klaim_refused_sends_no_mail(pemilik_ukm, ukm_b, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.klaim_ajukan(oleh=pemilik_ukm, nib=ukm_b.nib)
    assert mailoutbox == []


def test_history_covers_photos(ukm_a, operator_a):
    from django.core.files.base import ContentFile

    from ukm.riwayat import riwayat_ukm

    from .factories import jpeg_bytes

    produk = services.produk_buat(
        ukm=ukm_a, data={"nama": "Keripik"}, oleh=operator_a, foto=ContentFile(jpeg_bytes(), name="k.jpg")
    )
    services.foto_produk_hapus(foto=produk.foto_set.get(), oleh=operator_a)
    entries = [(e.objek, e.jenis, e.oleh) for e in riwayat_ukm(ukm_a)]
    assert ("Foto produk: Keripik", "+", "Operator Gambir") in entries
    assert ("Foto produk: Keripik", "-", "Operator Gambir") in entries


def test_ukm_create_race_on_nib_is_a_clear_refusal(operator_a, pos_a, monkeypatch):
    """If another registration takes the NIB between the check and the insert, the database's
    unique rule refuses it, and the person sees the same message (no error page)."""
    from ukm import services as svc

    UkmFactory(nib="9120006660001")
    monkeypatch.setattr(svc, "_cek_nib", lambda ukm: None)  # the other request passed its check first
    with pytest.raises(ValidationError) as info:
        svc.ukm_buat(data=data(nib="9120006660001"), oleh=operator_a, pos=pos_a)
    assert info.value.message_dict == {"nib": ["NIB ini sudah terdaftar untuk usaha lain."]}
    assert Ukm.objects.filter(nib="9120006660001").count() == 1


def test_ukm_update_without_kelurahan_refused(ukm_a, operator_a, pos_a):
    with pytest.raises(ValidationError):
        services.ukm_ubah(ukm=ukm_a, data={"kelurahan": None}, oleh=operator_a, pos=pos_a)
