from django.urls import path

from teknologi.views import kelola, public, urunbeli

app_name = "teknologi"

P = "kelola/<slug:pos_slug>/"

urlpatterns = [
    # Public catalogue and guides.
    path("teknologi/", public.TeknologiListView.as_view(), name="teknologi-list"),
    path("teknologi/<slug:slug>/", public.TeknologiDetailView.as_view(), name="teknologi-detail"),
    path("teknologi/<slug:slug>/panduan/", public.PanduanDetailView.as_view(), name="panduan-detail"),
    path("teknologi/<slug:slug>/panduan/qr.svg", public.panduan_qr, name="panduan-qr"),
    path("teknologi/<slug:slug>/panduan/unduh.pdf", public.panduan_pdf, name="panduan-pdf"),
    path("teknologi/<slug:slug>/poster.pdf", public.panduan_poster, name="panduan-poster"),
    path("teknologi/<slug:slug>/saya-pakai/", public.AdopsiLaporView.as_view(), name="adopsi-lapor"),
    # Urun beli.
    path("urun-beli/", urunbeli.KampanyeListView.as_view(), name="kampanye-list"),
    path("urun-beli/<int:pk>/", urunbeli.KampanyeDetailView.as_view(), name="kampanye-detail"),
    path("urun-beli/<int:pk>/janji/", urunbeli.JanjiSimpanView.as_view(), name="janji-simpan"),
    path("urun-beli/<int:pk>/tarik/", urunbeli.janji_tarik, name="janji-tarik"),
    # Curation by the admin provinsi (before the per-post routes: "teknologi" is no post's slug).
    path("kelola/teknologi/", kelola.KurasiListView.as_view(), name="kurasi-list"),
    path("kelola/teknologi/tambah/", kelola.KurasiTeknologiTambahView.as_view(), name="kurasi-tambah"),
    path("kelola/teknologi/<slug:slug>/", kelola.KurasiPratinjauView.as_view(), name="kurasi-pratinjau"),
    path("kelola/teknologi/<slug:slug>/ubah/", kelola.KurasiTeknologiUbahView.as_view(), name="kurasi-ubah"),
    path("kelola/teknologi/<slug:slug>/panduan/", kelola.KurasiPanduanUbahView.as_view(), name="kurasi-panduan-ubah"),
    path("kelola/teknologi/<slug:slug>/terbitkan/", kelola.KurasiTerbitkanView.as_view(), name="kurasi-terbitkan"),
    path("kelola/teknologi/<slug:slug>/kembalikan/", kelola.KurasiKembalikanView.as_view(), name="kurasi-kembalikan"),
    path("kelola/teknologi/<slug:slug>/riwayat/", kelola.KurasiRiwayatView.as_view(), name="kurasi-riwayat"),
    # A post's operators.
    path(P + "teknologi/", kelola.KelolaTeknologiListView.as_view(), name="kelola-teknologi-list"),
    path(P + "teknologi/tambah/", kelola.KelolaTeknologiTambahView.as_view(), name="kelola-teknologi-tambah"),
    path(P + "teknologi/peraga/", kelola.KelolaPeragaView.as_view(), name="kelola-peraga"),
    path(P + "teknologi/peraga/<int:pk>/hapus/", kelola.KelolaPeragaHapusView.as_view(), name="kelola-peraga-hapus"),
    path(P + "teknologi/pemakaian/", kelola.KelolaAdopsiView.as_view(), name="kelola-adopsi"),
    path(P + "teknologi/pemakaian/<int:pk>/", kelola.KelolaAdopsiPutuskanView.as_view(), name="kelola-adopsi-putuskan"),
    path(
        P + "teknologi/<slug:slug>/", kelola.KelolaTeknologiPratinjauView.as_view(), name="kelola-teknologi-pratinjau"
    ),
    path(P + "teknologi/<slug:slug>/ubah/", kelola.KelolaTeknologiUbahView.as_view(), name="kelola-teknologi-ubah"),
    path(P + "teknologi/<slug:slug>/panduan/", kelola.KelolaPanduanUbahView.as_view(), name="kelola-panduan-ubah"),
    path(
        P + "teknologi/<slug:slug>/ajukan/", kelola.KelolaTeknologiAjukanView.as_view(), name="kelola-teknologi-ajukan"
    ),
    path(P + "urun-beli/", urunbeli.KelolaKampanyeListView.as_view(), name="kelola-kampanye-list"),
    path(P + "urun-beli/tambah/", urunbeli.KelolaKampanyeTambahView.as_view(), name="kelola-kampanye-tambah"),
    path(P + "urun-beli/<int:pk>/", urunbeli.KelolaKampanyeDetailView.as_view(), name="kelola-kampanye-detail"),
    path(P + "urun-beli/<int:pk>/status/", urunbeli.KelolaKampanyeStatusView.as_view(), name="kelola-kampanye-status"),
    path(
        P + "urun-beli/<int:pk>/janji.<str:fmt>",
        urunbeli.KelolaKampanyeEksporView.as_view(),
        name="kelola-kampanye-ekspor",
    ),
]
