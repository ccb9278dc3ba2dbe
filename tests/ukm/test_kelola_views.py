"""The operator's area: list, search, filters, create, edit, deactivate, assistance, claims, history —
and nothing of another post, ever."""

import re

import pytest
from django.db import connection
from django.utils import timezone

from ukm.models import KlaimUkm, Pendampingan, StatusKlaim, Ukm

from .conftest import PRIVATE_B
from .factories import KlaimFactory, PendampinganFactory, ProdukFactory, UkmFactory, kelurahan

pytestmark = pytest.mark.django_db

LIST = "/kelola/gambir/ukm/"


def names(response) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/kelola/[a-z-]+/ukm/\d+/">([^<]+)</a>', response.content.decode())


def form_data(**extra):
    base = {
        "nama": "Sambal Roa Mak Ijah",
        "deskripsi": "",
        "pemilik_nama": "Ijah Suhaemi",
        "pemilik_nik": "3171014107750002",
        "pemilik_telepon": "0812-3456-7890",
        "pemilik_email": "ijah@contoh.test",
        "kelurahan": str(kelurahan("Petojo Utara").pk),
        "alamat": "Jl. Petojo Enclek 3",
        "latitude": "",
        "longitude": "",
        "bidang": "kuliner",
        "kbli": "10779",
        "nib": "",
        "bentuk_usaha": "perorangan",
        "tahun_berdiri": "2015",
        "jumlah_pekerja": "3",
        "dasar_kelas": "penjualan",
        "modal_usaha": "",
        "hasil_penjualan_tahunan": "480000000",
        "tahap_jakpreneur": "P2",
        "status": "aktif",
        "situs": "",
        "instagram": "https://www.instagram.com/sambalmakijah/",
        "facebook": "",
        "tiktok": "",
        "tokopedia": "",
        "shopee": "",
        "marketplace_lain": "",
    }
    base.update(extra)
    return base


# The list ---------------------------------------------------------------------------------------


def test_list_shows_only_own_post(client_as, operator_a, ukm_a, ukm_b):
    response = client_as(operator_a).get(LIST)
    body = response.content.decode()
    assert names(response) == ["Keripik Singkong Bu Siti"]
    for secret in PRIVATE_B + ["Batik Tambora Rahasia"]:
        assert secret not in body


def test_list_never_shows_nik_even_masked_or_phone(client_as, operator_a, ukm_a):
    body = client_as(operator_a).get(LIST).content.decode()
    assert "3171015508900001" not in body and "081234567001" not in body and "Jl. Cideng Barat" not in body


@pytest.mark.parametrize(
    "q",
    [
        "keripik",
        "KERIPIK singkong",
        "Kerípik",
        "siti aminah",
        "9120001234567",
        "cideng",
        "Cideng",
        "bu siti keripik",
        "Sitti",
    ],
)
def test_list_search_finds_by_name_owner_nib_kelurahan(client_as, operator_a, ukm_a, q):
    UkmFactory(nama="Batik Petojo", pemilik_nama="Rahmat", kelurahan=kelurahan("Petojo Utara"))
    assert names(client_as(operator_a).get(LIST, {"q": q})) == ["Keripik Singkong Bu Siti"]


@pytest.mark.parametrize("q", ["Duripulo", "duri-pulo", "DURI PULO", "Kebonkelapa"])
def test_list_search_tolerates_kelurahan_spelling(client_as, operator_a, q):
    UkmFactory(nama="Bengkel Duri", kelurahan=kelurahan("Duri Pulo"))
    UkmFactory(nama="Toko Kelapa", kelurahan=kelurahan("Kebon Kelapa"))
    UkmFactory(nama="Laundry Cideng", kelurahan=kelurahan("Cideng"))
    expected = ["Toko Kelapa"] if "kelapa" in q.lower() else ["Bengkel Duri"]
    assert names(client_as(operator_a).get(LIST, {"q": q})) == expected


def test_list_search_tolerates_known_kelurahan_alias(client_as, wilayah):
    from posyantek.models import Pos
    from posyantek.services import operator_tetapkan
    from tests.factories import UserFactory

    operator = UserFactory(email="operator.kemayoran@posyantek.test")
    operator_tetapkan(pos=Pos.objects.get(slug="kemayoran"), pengguna=operator)
    UkmFactory(nama="Kue Basah Mulia", kelurahan=kelurahan("Harapan Mulia"))
    UkmFactory(nama="Kue Kering Serdang", kelurahan=kelurahan("Serdang"))
    response = client_as(operator).get("/kelola/kemayoran/ukm/", {"q": "Harapan Mulya"})
    assert names(response) == ["Kue Basah Mulia"]


def test_list_search_tolerates_old_spelling_of_owner(client_as, operator_a):
    UkmFactory(nama="Bakso Pak Djoko", pemilik_nama="Soedjono Tjahjadi")
    UkmFactory(nama="Bakso Lain", pemilik_nama="Rudi")
    assert names(client_as(operator_a).get(LIST, {"q": "sujono cahyadi"})) == ["Bakso Pak Djoko"]


def test_list_search_does_not_reach_other_post(client_as, operator_a, ukm_b):
    for q in ["Batik Tambora", ukm_b.nib, "Budi Santoso", "Kali Anyar"]:
        assert names(client_as(operator_a).get(LIST, {"q": q})) == []


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"kelas": "kecil"}, ["B Kecil"]),
        ({"kelas": "belum"}, ["C Tanpa Angka"]),
        ({"bidang": "fesyen"}, ["B Kecil"]),
        ({"tahap": "P3"}, ["A Mikro"]),
        ({"tahap": "belum"}, ["B Kecil", "C Tanpa Angka"]),
        ({"status": "nonaktif"}, ["C Tanpa Angka"]),
        ({"verifikasi": "ya"}, ["A Mikro"]),
        ({"verifikasi": "belum"}, ["B Kecil", "C Tanpa Angka"]),
        ({"urut": "-nama"}, ["C Tanpa Angka", "B Kecil", "A Mikro"]),
        ({"urut": "kelurahan"}, ["A Mikro", "C Tanpa Angka", "B Kecil"]),
        ({"kelas": "tidak-ada", "urut": "DROP TABLE"}, ["A Mikro", "B Kecil", "C Tanpa Angka"]),  # junk is ignored
    ],
)
def test_list_filters_and_sorting(client_as, operator_a, params, expected):
    UkmFactory(nama="A Mikro", kelurahan=kelurahan("Cideng"), tahap_jakpreneur="P3", verified_at=timezone.now())
    UkmFactory(
        nama="B Kecil", kelurahan=kelurahan("Petojo Utara"), hasil_penjualan_tahunan=3_000_000_000, bidang="fesyen"
    )
    UkmFactory(nama="C Tanpa Angka", kelurahan=kelurahan("Duri Pulo"), hasil_penjualan_tahunan=None, status="nonaktif")
    assert names(client_as(operator_a).get(LIST, params)) == expected


def test_list_filter_by_kelurahan_of_another_post_is_ignored_not_leaked(client_as, operator_a, ukm_a, ukm_b):
    response = client_as(operator_a).get(LIST, {"kelurahan": ukm_b.kelurahan_id})
    assert response.status_code == 200
    assert names(response) == ["Keripik Singkong Bu Siti"]


def test_list_paginates_25_per_page(client_as, operator_a):
    for i in range(27):
        UkmFactory(nama=f"Usaha {i:02d}")
    client = client_as(operator_a)
    assert len(names(client.get(LIST))) == 25
    assert names(client.get(LIST, {"page": 2})) == ["Usaha 25", "Usaha 26"]
    # Past the end, an old link shows the end of the list: its last page of 25.
    assert names(client.get(LIST, {"page": "999"})) == [f"Usaha {i:02d}" for i in range(2, 27)]
    assert "27 UKM ditemukan" in client.get(LIST).content.decode()


# session, user, operator check, post, count, pending claims, kelurahan choices, rows, the data
# version of the cached list (the warm-up request saved the idle timeout; posyantek/middleware.py
# rewrites it at most once a minute)
LIST_QUERIES = 9


@pytest.mark.parametrize("params", [{}, {"q": "usaha"}, {"kelas": "mikro", "urut": "terbaru", "verifikasi": "belum"}])
def test_list_runs_same_number_of_queries_for_1_and_3_items(
    client_as, operator_a, django_assert_num_queries, tanpa_fragmen, params
):
    client = client_as(operator_a)
    UkmFactory(nama="Usaha Satu")
    client.get(LIST)
    # On SQLite a search also reads its typo candidates (ukm.selectors.KANDIDAT_MAKS), in one query.
    n = LIST_QUERIES + (1 if params.get("q") and connection.vendor != "postgresql" else 0)
    with django_assert_num_queries(n):
        assert len(names(client.get(LIST, params))) == 1
    UkmFactory(nama="Usaha Dua", pemilik=operator_a)
    UkmFactory(nama="Usaha Tiga", kelurahan=kelurahan("Duri Pulo"))
    with django_assert_num_queries(n):
        assert len(names(client.get(LIST, params))) == 3


def test_provinsi_list_for_admin_spans_posts(client_as, admin_provinsi, ukm_a, ukm_b):
    response = client_as(admin_provinsi).get("/kelola/provinsi/ukm/", {"q": "9120009876543"})
    assert names(response) == ["Batik Tambora Rahasia"]
    assert sorted(names(client_as(admin_provinsi).get("/kelola/provinsi/ukm/"))) == [
        "Batik Tambora Rahasia",
        "Keripik Singkong Bu Siti",
    ]


# session, user, count, kecamatan choices, rows (no idle-timeout save after the warm-up request)
PROVINSI_QUERIES = 6  # + the data version of the cached list


def test_provinsi_list_same_queries_for_1_and_3_items(
    client_as, admin_provinsi, ukm_a, django_assert_num_queries, tanpa_fragmen
):
    client = client_as(admin_provinsi)
    client.get("/kelola/provinsi/ukm/")
    with django_assert_num_queries(PROVINSI_QUERIES):
        client.get("/kelola/provinsi/ukm/")
    UkmFactory.create_batch(2)
    with django_assert_num_queries(PROVINSI_QUERIES):
        assert len(names(client.get("/kelola/provinsi/ukm/"))) == 3


# Create and edit --------------------------------------------------------------------------------


def test_create_registers_business_of_the_post(client_as, operator_a, pos_a):
    response = client_as(operator_a).post(f"{LIST}tambah/", form_data())
    ukm = Ukm.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{LIST}{ukm.pk}/"
    assert (ukm.pos, ukm.kelas, ukm.tahap_jakpreneur, ukm.created_by) == (pos_a, "mikro", "P2", operator_a)
    assert ukm.history.get().history_user == operator_a


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("nama", "", "di sini."),
        ("nama", "x" * 151, "paling banyak 150"),
        ("pemilik_nik", "317101410775000", "NIK harus tepat 16 digit angka."),
        ("pemilik_nik", "3171014107750O02", "NIK harus tepat 16 digit angka."),
        ("nib", "91200012345", "NIB harus tepat 13 digit angka."),
        ("kbli", "abcde", "Kode KBLI 2020 harus 5 digit angka."),
        ("hasil_penjualan_tahunan", "-5", "Nilai harus antara Rp0 dan Rp1.000.000.000.000.000."),
        ("hasil_penjualan_tahunan", "satu juta", "Masukkan angka, misalnya 1.500.000."),
        ("tahun_berdiri", "1850", "Nilai harus antara 1900 dan 2100."),
        ("tahun_berdiri", str(timezone.localdate().year + 1), "Tahun berdiri tidak boleh setelah tahun ini."),
        ("jumlah_pekerja", "-1", "Nilai harus antara 0 dan 100.000."),
        ("latitude", "-6.17", "Isi lintang dan bujur bersama-sama"),
        ("pemilik_email", "bukan@", "alamat email yang valid"),
        ("pemilik_telepon", "<script>", "Nomor telepon hanya berisi angka"),
        ("instagram", "https://evil.example/sambal", "Tautan ini harus menuju instagram.com."),
        ("situs", "javascript:alert(1)", "URL yang valid"),
        ("bidang", "senjata", "Pilih salah satu dari daftar"),
        ("status", "dihapus", "Pilih salah satu dari daftar"),
    ],
)
def test_create_hostile_input_is_refused_and_writes_nothing(client_as, operator_a, field, value, message):
    response = client_as(operator_a).post(f"{LIST}tambah/", form_data(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Ukm.objects.count() == 0


def test_create_with_kelurahan_of_another_post_is_refused(client_as, operator_a):
    response = client_as(operator_a).post(f"{LIST}tambah/", form_data(kelurahan=str(kelurahan("Kali Anyar").pk)))
    assert response.status_code == 200
    assert "Pilih salah satu dari daftar" in response.content.decode()
    assert Ukm.objects.count() == 0


def test_create_duplicate_nib_message_on_the_field(client_as, operator_a, ukm_b):
    response = client_as(operator_a).post(f"{LIST}tambah/", form_data(nib=ukm_b.nib))
    body = response.content.decode()
    assert "NIB ini sudah terdaftar untuk usaha lain." in body
    assert "Batik Tambora" not in body  # the refusal names no other business
    assert Ukm.objects.count() == 1


def test_create_escapes_html_in_names(client_as, operator_a):
    client = client_as(operator_a)
    client.post(f"{LIST}tambah/", form_data(nama="<script>alert(1)</script> Warung"))
    ukm = Ukm.objects.get()
    body = client.get(f"{LIST}{ukm.pk}/").content.decode() + client.get(LIST).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Warung" in body


def test_detail_masks_nik_and_edit_form_shows_it_in_full(client_as, operator_a, ukm_a):
    client = client_as(operator_a)
    detail = client.get(f"{LIST}{ukm_a.pk}/").content.decode()
    assert "317101******0001" in detail and "3171015508900001" not in detail
    assert "081234567001" in detail  # the operator may call the owner
    edit = client.get(f"{LIST}{ukm_a.pk}/ubah/").content.decode()
    assert 'value="3171015508900001"' in edit


def test_edit_saves_and_records_history_with_masked_nik(client_as, operator_a, ukm_a):
    client = client_as(operator_a)
    data = form_data(
        nama="Keripik Singkong Bu Siti",
        kelurahan=str(ukm_a.kelurahan_id),
        pemilik_nik="3171015508900002",
        hasil_penjualan_tahunan="2000000001",
        nib=ukm_a.nib,
    )
    response = client.post(f"{LIST}{ukm_a.pk}/ubah/", data)
    assert response.status_code == 302
    ukm_a.refresh_from_db()
    assert (ukm_a.pemilik_nik, ukm_a.kelas) == ("3171015508900002", "kecil")
    history = client.get(f"{LIST}{ukm_a.pk}/riwayat/").content.decode()
    assert "Operator Gambir" in history
    assert "317101******0001" in history and "317101******0002" in history
    assert "3171015508900002" not in history
    assert "Kelas usaha" in history and "Kecil" in history


def test_edit_refuses_hostile_input_and_changes_nothing(client_as, operator_a, ukm_a):
    before = Ukm.objects.values().get(pk=ukm_a.pk)
    response = client_as(operator_a).post(
        f"{LIST}{ukm_a.pk}/ubah/", form_data(pemilik_nik="12", kelurahan=str(ukm_a.kelurahan_id))
    )
    assert response.status_code == 200
    assert "NIK harus tepat 16 digit angka." in response.content.decode()
    assert "<h1>Ubah Keripik Singkong Bu Siti</h1>" in response.content.decode()
    assert Ukm.objects.values().get(pk=ukm_a.pk) == before


def test_deactivate_and_reactivate_keep_the_record(client_as, operator_a, ukm_a):
    client = client_as(operator_a)
    assert client.post(f"{LIST}{ukm_a.pk}/status/", {"aktif": "0"}).status_code == 302
    ukm_a.refresh_from_db()
    assert ukm_a.status == "nonaktif"
    assert client.get(f"/ukm/{ukm_a.pk}/").status_code == 404  # gone from the directory
    assert client.post(f"{LIST}{ukm_a.pk}/status/", {"aktif": "1"}).status_code == 302
    ukm_a.refresh_from_db()
    assert ukm_a.status == "aktif" and ukm_a.history.count() == 3


def test_status_and_verify_refuse_get(client_as, operator_a, ukm_a):
    client = client_as(operator_a)
    assert client.get(f"{LIST}{ukm_a.pk}/status/").status_code == 405
    assert client.get(f"{LIST}{ukm_a.pk}/verifikasi/").status_code == 405


def test_verify_marks_business_and_publishes_when_consented(client_as, operator_a, ukm_a, client):
    Ukm.objects.filter(pk=ukm_a.pk).update(verified_at=None)
    assert client.get(f"/ukm/{ukm_a.pk}/").status_code == 404
    client_as(operator_a).post(f"{LIST}{ukm_a.pk}/verifikasi/", {"verified": "1"})
    ukm_a.refresh_from_db()
    assert ukm_a.verified_by == operator_a
    client.logout()
    assert client.get(f"/ukm/{ukm_a.pk}/").status_code == 200


# Another post ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "suffix,method,data",
    [
        ("", "get", {}),
        ("ubah/", "get", {}),
        ("riwayat/", "get", {}),
        ("ubah/", "post", {"nama": "Diretas"}),
        ("status/", "post", {"aktif": "0"}),
        ("verifikasi/", "post", {"verified": "0"}),
        ("pendampingan/tambah/", "post", {"tanggal": "2024-01-01", "jenis": "konsultasi", "pendamping": "X"}),
        ("produk/tambah/", "post", {"nama": "Produk sisipan"}),
    ],
)
def test_other_posts_business_is_404_and_unchanged(client_as, operator_a, ukm_b, suffix, method, data):
    before = Ukm.objects.values().get(pk=ukm_b.pk)
    client = client_as(operator_a)
    # Through their own post's URL with the other post's id, and through the other post's URL.
    for url in (f"{LIST}{ukm_b.pk}/{suffix}", f"/kelola/tambora/ukm/{ukm_b.pk}/{suffix}"):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, url
        for secret in PRIVATE_B:
            assert secret not in response.content.decode()
    assert Ukm.objects.values().get(pk=ukm_b.pk) == before
    assert not Pendampingan.objects.exists() and not ukm_b.produk_set.exists()


def test_other_posts_product_and_assistance_are_404(client_as, operator_a, ukm_a, ukm_b):
    produk_b = ProdukFactory(ukm=ukm_b)
    item_b = PendampinganFactory(ukm=ukm_b)
    client = client_as(operator_a)
    assert client.get(f"{LIST}{ukm_a.pk}/produk/{produk_b.pk}/ubah/").status_code == 404
    assert client.post(f"{LIST}{ukm_a.pk}/produk/{produk_b.pk}/hapus/").status_code == 404
    assert client.get(f"{LIST}{ukm_a.pk}/pendampingan/{item_b.pk}/ubah/").status_code == 404
    assert ukm_b.produk_set.count() == 1


def test_other_posts_claim_cannot_be_decided(client_as, operator_a, ukm_b, pemilik_ukm):
    Ukm.objects.filter(pk=ukm_b.pk).update(pemilik=None)
    klaim = KlaimFactory(ukm=ukm_b, user=pemilik_ukm)
    response = client_as(operator_a).post(f"{LIST}klaim/{klaim.pk}/putuskan/", {"keputusan": "setujui"})
    assert response.status_code == 404
    klaim.refresh_from_db()
    assert klaim.status == StatusKlaim.MENUNGGU
    assert "Batik Tambora" not in client_as(operator_a).get(f"{LIST}klaim/").content.decode()


# Assistance ----------------------------------------------------------------------------------------


def test_pendampingan_add_edit_and_owner_reads_it(client_as, operator_a, ukm_a, pemilik_ukm):
    client = client_as(operator_a)
    today = timezone.localdate()
    response = client.post(
        f"{LIST}{ukm_a.pk}/pendampingan/tambah/",
        {
            "tanggal": today.isoformat(),
            "jenis": "fasilitasi_ttg",
            "pendamping": "Operator Gambir",
            "catatan": "Demo mesin perajang singkong",
            "tindak_lanjut": today.replace(year=today.year + 1).isoformat(),
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("#pendampingan")
    item = Pendampingan.objects.get()
    assert (item.jenis, item.created_by) == ("fasilitasi_ttg", operator_a)
    client.post(
        f"{LIST}{ukm_a.pk}/pendampingan/{item.pk}/ubah/",
        {
            "tanggal": today.isoformat(),
            "jenis": "pemasaran",
            "pendamping": "Operator Gambir",
            "catatan": "Foto produk",
        },
    )
    item.refresh_from_db()
    assert item.jenis == "pemasaran"
    body = client_as(pemilik_ukm).get(f"/ukm/saya/{ukm_a.pk}/").content.decode()
    assert "Pemasaran" in body and "Foto produk" in body


@pytest.mark.parametrize(
    "data,message",
    [
        ({"tanggal": "2024-02-30", "jenis": "konsultasi", "pendamping": "X"}, "Pilih tanggal dari kalender"),
        ({"tanggal": "2099-01-01", "jenis": "konsultasi", "pendamping": "X"}, "tidak boleh di masa depan"),
        ({"tanggal": "2024-05-01", "jenis": "hiburan", "pendamping": "X"}, "Pilih salah satu dari daftar"),
        ({"tanggal": "2024-05-01", "jenis": "konsultasi", "pendamping": ""}, "Tulis pendamping di sini."),
        (
            {"tanggal": "2024-05-01", "jenis": "konsultasi", "pendamping": "X", "tindak_lanjut": "2024-04-01"},
            "tidak boleh sebelum",
        ),
        ({"tanggal": "2024-05-01", "jenis": "konsultasi", "pendamping": "X" * 151}, "paling banyak 150"),
    ],
)
def test_pendampingan_hostile_input_is_refused(client_as, operator_a, ukm_a, data, message):
    response = client_as(operator_a).post(f"{LIST}{ukm_a.pk}/pendampingan/tambah/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Pendampingan.objects.count() == 0


def test_detail_runs_constant_queries(client_as, operator_a, ukm_a, django_assert_max_num_queries):
    client = client_as(operator_a)
    client.get(f"{LIST}{ukm_a.pk}/")
    for _ in range(3):
        ProdukFactory(ukm=ukm_a)
        PendampinganFactory(ukm=ukm_a)
    with django_assert_max_num_queries(20):
        response = client.get(f"{LIST}{ukm_a.pk}/")
    assert response.content.decode().count('class="card produk"') == 3


# Claims -------------------------------------------------------------------------------------------


def test_claims_list_and_approval(client_as, operator_a, wilayah, pemilik_b):
    ukm = UkmFactory(nama="Toko Lama", nib="9120004445556")
    klaim = KlaimFactory(ukm=ukm, user=pemilik_b, pesan="Saya Budi, 0812 dan KTP siap")
    client = client_as(operator_a)
    body = client.get(f"{LIST}klaim/").content.decode()
    assert "Toko Lama" in body and "pemilik.b@posyantek.test" in body and "KTP siap" in body
    assert "1 klaim kepemilikan menunggu" in client.get(LIST).content.decode()
    response = client.post(f"{LIST}klaim/{klaim.pk}/putuskan/", {"keputusan": "setujui", "catatan": "Sudah ditelepon"})
    assert response.status_code == 302
    ukm.refresh_from_db()
    assert ukm.pemilik == pemilik_b
    assert KlaimUkm.objects.get().catatan_operator == "Sudah ditelepon"


def test_claim_decision_needs_a_valid_choice(client_as, operator_a, wilayah):
    klaim = KlaimFactory()
    client_as(operator_a).post(f"{LIST}klaim/{klaim.pk}/putuskan/", {"keputusan": "hapus"})
    klaim.refresh_from_db()
    assert klaim.status == StatusKlaim.MENUNGGU


def test_every_post_form_carries_a_csrf_token(client_as, operator_a, ukm_a, pemilik_b):
    UkmFactory(nama="Diklaim", nib="9120004440001")
    klaim = KlaimFactory(ukm=Ukm.objects.get(nama="Diklaim"), user=pemilik_b)
    produk = ProdukFactory(ukm=ukm_a)
    from .factories import FotoProdukFactory

    FotoProdukFactory(produk=produk)
    client = client_as(operator_a)
    pages = [
        f"{LIST}{ukm_a.pk}/",
        f"{LIST}{klaim.ukm_id}/",
        f"{LIST}klaim/",
        f"{LIST}{ukm_a.pk}/produk/{produk.pk}/ubah/",
        f"{LIST}impor/",
        f"{LIST}tambah/",
    ]
    for url in pages:
        body = client.get(url).content.decode()
        forms = re.findall(r'<form method="post".*?</form>', body, re.DOTALL)
        assert forms, url
        for form in forms:
            assert 'name="csrfmiddlewaretoken"' in form, (url, form[:120])


def test_klaim_list_same_queries_for_1_and_3(client_as, operator_a, wilayah, django_assert_num_queries):
    client = client_as(operator_a)
    KlaimFactory(ukm__kelurahan=kelurahan("Cideng"))
    client.get(f"{LIST}klaim/")
    with django_assert_num_queries(7):  # + the data version (the post's menu is a cached fragment)
        assert client.get(f"{LIST}klaim/").content.decode().count("Setujui klaim") == 1
    KlaimFactory.create_batch(2, ukm__kelurahan=kelurahan("Gambir"))
    with django_assert_num_queries(7):  # + the data version (the post's menu is a cached fragment)
        assert client.get(f"{LIST}klaim/").content.decode().count("Setujui klaim") == 3


def test_riwayat_same_queries_for_1_and_3_changes(client_as, operator_a, ukm_a, pos_a, django_assert_num_queries):
    from ukm import services

    client = client_as(operator_a)
    client.get(f"{LIST}{ukm_a.pk}/riwayat/")
    with django_assert_num_queries(11):  # + the data version (the post's menu is a cached fragment)
        first = client.get(f"{LIST}{ukm_a.pk}/riwayat/").content.decode().count("<li>\n    <p><strong>")
    for name in ("Nama Dua", "Nama Tiga"):
        services.ukm_ubah(ukm=ukm_a, data={"nama": name}, oleh=operator_a, pos=pos_a)
    with django_assert_num_queries(11):  # + the data version (the post's menu is a cached fragment)
        assert client.get(f"{LIST}{ukm_a.pk}/riwayat/").content.decode().count("<li>\n    <p><strong>") == first + 2


def test_admin_cannot_delete_a_business(client_as, ukm_a):
    from tests.factories import UserFactory

    superuser = UserFactory(email="super@contoh.test", is_superuser=True, is_staff=True, is_admin_provinsi=True)
    client = client_as(superuser)
    assert client.get(f"/admin/ukm/ukm/{ukm_a.pk}/delete/").status_code == 403
    assert client.get("/admin/ukm/ukm/", {"q": "Siti"}).status_code == 200
    assert Ukm.objects.filter(pk=ukm_a.pk).exists()
