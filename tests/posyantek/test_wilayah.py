import pytest

from posyantek.models import Kecamatan, Kelurahan, Kota, Pos, Provinsi, normalisasi_nama
from posyantek.selectors import kecamatan_cari, kelurahan_cari
from posyantek.wilayah_data import muat_wilayah

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Kota.objects.values_list("kode", "nama", "slug")),
        list(Kecamatan.objects.values_list("kode", "nama", "slug", "alias", "kunci", "kota__kode")),
        list(Kelurahan.objects.values_list("kode", "nama", "kode_pos", "alias", "kecamatan__kode")),
        list(Pos.objects.values_list("pk", "nama", "slug", "kecamatan__kode")),
    )


def test_wilayah_migration_creates_reference_counts(wilayah):
    assert Provinsi.objects.get().kode == "31"
    assert Provinsi.objects.get().nama == "Daerah Khusus Jakarta"
    assert (Kota.objects.count(), Kecamatan.objects.count(), Kelurahan.objects.count(), Pos.objects.count()) == (
        6,
        44,
        267,
        44,
    )


def test_wilayah_uses_kemendagri_codes_and_slugs(wilayah):
    assert Kota.objects.get(kode="31.71").nama_pendek == "Jakarta Pusat"
    assert Kecamatan.objects.get(kode="31.71.01").slug == "gambir"
    assert Kecamatan.objects.get(kode="31.73.07").slug == "pal-merah"
    assert Kecamatan.objects.get(kode="31.01.01").slug == "kepulauan-seribu-utara"
    assert Pos.objects.get(slug="gambir").nama == "Posyantek Kecamatan Gambir"
    assert Kelurahan.objects.get(kode="31.71.01.1001").kode_pos == "10110"


def test_wilayah_loader_twice_changes_nothing(wilayah):
    before = snapshot()
    models = (Provinsi, Kota, Kecamatan, Kelurahan, Pos)
    muat_wilayah(*models)
    muat_wilayah(*models)
    assert snapshot() == before


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("Palmerah", "Pal Merah"),
        ("PAL-MERAH", "Pal Merah"),
        ("Kramat Jati", "Kramatjati"),
        ("setia budi", "Setiabudi"),
        ("Pulo Gadung", "Pulogadung"),
        ("Kali Deres", "Kalideres"),
    ],
)
def test_kecamatan_cari_tolerates_variants(wilayah, typed, expected):
    assert kecamatan_cari(nama=typed).nama == expected


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("Harapan Mulya", "Harapan Mulia"),
        ("Halim Perdana Kusumah", "Halim Perdana Kusuma"),
        ("Pal Meriem", "Palmeriam"),
        ("Papango", "Papanggo"),
        ("Rawabadak Utara", "Rawa Badak Utara"),
        ("Kalianyar", "Kali Anyar"),
        ("Wijaya Kesuma", "Wijaya Kusuma"),
        ("Kampung Tengah", "Tengah"),
    ],
)
def test_kelurahan_cari_tolerates_variants(wilayah, typed, expected):
    assert kelurahan_cari(nama=typed).nama == expected


def test_kelurahan_cari_scoped_to_kecamatan_and_unknown_returns_none(wilayah):
    gambir = Kecamatan.objects.get(slug="gambir")
    assert kelurahan_cari(nama="Cideng", kecamatan=gambir).kode == "31.71.01.1002"
    assert kelurahan_cari(nama="Papanggo", kecamatan=gambir) is None
    assert kelurahan_cari(nama="Tidak Ada") is None
    assert kelurahan_cari(nama="") is None


def test_normalisasi_nama_ignores_case_accents_and_spacing():
    assert normalisasi_nama("Kramat Jatí") == normalisasi_nama("kramatjati") == "kramatjati"


def test_pastikan_wilayah_repairs_rows_that_a_count_would_call_complete(wilayah):
    from posyantek.wilayah_data import pastikan_wilayah, wilayah_lengkap

    assert wilayah_lengkap()
    Kelurahan.objects.filter(kode="31.73.07.1001").update(nama="Salah Ketik", kode_pos="99999")
    assert Kelurahan.objects.count() == 267 and not wilayah_lengkap()
    pastikan_wilayah()
    assert wilayah_lengkap()
    assert Kelurahan.objects.get(kode="31.73.07.1001").kode_pos != "99999"
