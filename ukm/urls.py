"""Routes of the UKM registry: the public directory, the owner's area, the operator's area of each
post and the admin provinsi's province-wide pages."""

from django.urls import include, path

from .views import direktori, impor, kelola, pemilik, produk

app_name = "ukm"

produk_kelola = [
    path("tambah/", produk.KelolaProdukCreateView.as_view(), name="kelola-produk-tambah"),
    path("<int:produk_pk>/ubah/", produk.KelolaProdukUpdateView.as_view(), name="kelola-produk-ubah"),
    path("<int:produk_pk>/hapus/", produk.KelolaProdukDeleteView.as_view(), name="kelola-produk-hapus"),
    path("<int:produk_pk>/foto/<int:foto_pk>/hapus/", produk.KelolaFotoDeleteView.as_view(), name="kelola-foto-hapus"),
]
produk_saya = [
    path("tambah/", produk.SayaProdukCreateView.as_view(), name="saya-produk-tambah"),
    path("<int:produk_pk>/ubah/", produk.SayaProdukUpdateView.as_view(), name="saya-produk-ubah"),
    path("<int:produk_pk>/hapus/", produk.SayaProdukDeleteView.as_view(), name="saya-produk-hapus"),
    path("<int:produk_pk>/foto/<int:foto_pk>/hapus/", produk.SayaFotoDeleteView.as_view(), name="saya-foto-hapus"),
]
kelola_ukm = [
    path("", kelola.UkmListView.as_view(), name="kelola-list"),
    path("tambah/", kelola.UkmCreateView.as_view(), name="kelola-tambah"),
    path("klaim/", kelola.KlaimListView.as_view(), name="kelola-klaim-list"),
    path("klaim/<int:pk>/putuskan/", kelola.KlaimPutuskanView.as_view(), name="kelola-klaim-putuskan"),
    path("impor/", impor.KelolaImporView.as_view(), name="kelola-impor"),
    path("impor/<int:batch_pk>/", impor.KelolaImporPratinjauView.as_view(), name="kelola-impor-pratinjau"),
    path("impor/<int:batch_pk>/simpan/", impor.KelolaImporSimpanView.as_view(), name="kelola-impor-simpan"),
    path("impor/<int:batch_pk>/batal/", impor.KelolaImporBatalView.as_view(), name="kelola-impor-batal"),
    path("impor/<int:batch_pk>/urungkan/", impor.KelolaImporUrungkanView.as_view(), name="kelola-impor-urungkan"),
    path("ekspor.<str:fmt>", impor.KelolaEksporView.as_view(), name="kelola-ekspor"),
    path("<int:pk>/", kelola.UkmDetailView.as_view(), name="kelola-detail"),
    path("<int:pk>/ubah/", kelola.UkmUpdateView.as_view(), name="kelola-ubah"),
    path("<int:pk>/status/", kelola.UkmStatusView.as_view(), name="kelola-status"),
    path("<int:pk>/verifikasi/", kelola.UkmVerifikasiView.as_view(), name="kelola-verifikasi"),
    path("verifikasi/", kelola.UkmVerifikasiBanyakView.as_view(), name="kelola-verifikasi-banyak"),
    path("<int:pk>/riwayat/", kelola.UkmRiwayatView.as_view(), name="kelola-riwayat"),
    path("<int:pk>/pendampingan/tambah/", kelola.PendampinganCreateView.as_view(), name="kelola-pendampingan-tambah"),
    path(
        "<int:pk>/pendampingan/<int:item_pk>/ubah/",
        kelola.PendampinganUpdateView.as_view(),
        name="kelola-pendampingan-ubah",
    ),
    path("<int:pk>/produk/", include(produk_kelola)),
]
provinsi_ukm = [
    path("", kelola.ProvinsiUkmListView.as_view(), name="provinsi-list"),
    path("impor/", impor.ProvinsiImporView.as_view(), name="provinsi-impor"),
    path("impor/<int:batch_pk>/", impor.ProvinsiImporPratinjauView.as_view(), name="provinsi-impor-pratinjau"),
    path("impor/<int:batch_pk>/simpan/", impor.ProvinsiImporSimpanView.as_view(), name="provinsi-impor-simpan"),
    path("impor/<int:batch_pk>/batal/", impor.ProvinsiImporBatalView.as_view(), name="provinsi-impor-batal"),
    path("impor/<int:batch_pk>/urungkan/", impor.ProvinsiImporUrungkanView.as_view(), name="provinsi-impor-urungkan"),
    path("ekspor.<str:fmt>", impor.ProvinsiEksporView.as_view(), name="provinsi-ekspor"),
]
urlpatterns = [
    path("ukm/", direktori.DirektoriView.as_view(), name="direktori"),
    path("ukm/<int:pk>/", direktori.DirektoriDetailView.as_view(), name="direktori-detail"),
    path("ukm/saya/", pemilik.SayaView.as_view(), name="saya"),
    path("ukm/saya/daftar/", pemilik.SayaDaftarView.as_view(), name="saya-daftar"),
    path("ukm/saya/klaim/", pemilik.SayaKlaimView.as_view(), name="saya-klaim"),
    path("ukm/saya/<int:pk>/", pemilik.SayaDetailView.as_view(), name="saya-detail"),
    path("ukm/saya/<int:pk>/ubah/", pemilik.SayaUbahView.as_view(), name="saya-ubah"),
    path("ukm/saya/<int:pk>/produk/", include(produk_saya)),
    path("kelola/provinsi/ukm/", include(provinsi_ukm)),
    path("kelola/<slug:pos_slug>/ukm/", include(kelola_ukm)),
]
