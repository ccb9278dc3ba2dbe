from django.urls import path

from lomba.views import kelola, nasional, operator, penilaian, publik

app_name = "lomba"

L = "kelola/lomba/<int:pk>/"

urlpatterns = [
    # Public results: announced competitions only.
    path("lomba/", publik.LombaPublikListView.as_view(), name="publik-list"),
    path("lomba/<int:pk>/", publik.LombaPublikDetailView.as_view(), name="publik-detail"),
    # Juri and admin provinsi.
    path("kelola/lomba/", kelola.LombaListView.as_view(), name="kelola-list"),
    path("kelola/lomba/baru/", kelola.LombaCreateView.as_view(), name="lomba-create"),
    path("kelola/lomba/peringkat/", nasional.PeringkatView.as_view(), name="peringkat"),
    path("kelola/lomba/peringkat/<int:tahun>/unduh/", nasional.PeringkatCsvView.as_view(), name="peringkat-csv"),
    path("kelola/lomba/peringkat/riwayat-nasional/unduh/", nasional.RiwayatCsvView.as_view(), name="riwayat-csv"),
    path("kelola/lomba/keterkaitan-juri/", kelola.JuriPosView.as_view(), name="juripos"),
    path(
        "kelola/lomba/keterkaitan-juri/<int:juripos_pk>/hapus/",
        kelola.JuriPosDeleteView.as_view(),
        name="juripos-delete",
    ),
    path(L, kelola.LombaDetailView.as_view(), name="kelola-detail"),
    path(L + "ubah/", kelola.LombaUpdateView.as_view(), name="lomba-update"),
    path(L + "bobot/", kelola.BobotView.as_view(), name="bobot"),
    path(L + "status/", kelola.StatusView.as_view(), name="status"),
    path(L + "tahap/baru/", kelola.TahapFormView.as_view(), name="tahap-create"),
    path(L + "tahap/<int:tahap_pk>/ubah/", kelola.TahapFormView.as_view(), name="tahap-update"),
    path(L + "tahap/<int:tahap_pk>/hapus/", kelola.TahapDeleteView.as_view(), name="tahap-delete"),
    path(L + "tahap/<int:tahap_pk>/kriteria/baru/", kelola.KriteriaFormView.as_view(), name="kriteria-create"),
    path(L + "kriteria/<int:kriteria_pk>/ubah/", kelola.KriteriaFormView.as_view(), name="kriteria-update"),
    path(L + "kriteria/<int:kriteria_pk>/hapus/", kelola.KriteriaDeleteView.as_view(), name="kriteria-delete"),
    path(L + "peserta/baru/", kelola.PesertaCreateView.as_view(), name="peserta-create"),
    path(L + "peserta/baru-luar-dki/", kelola.PesertaLuarCreateView.as_view(), name="peserta-luar-create"),
    path(L + "peserta/bawa-pemenang/", kelola.PesertaBawaView.as_view(), name="peserta-bawa"),
    path(L + "peserta/<int:peserta_pk>/", kelola.PesertaDetailView.as_view(), name="peserta-detail"),
    path(L + "peserta/<int:peserta_pk>/hapus/", kelola.PesertaDeleteView.as_view(), name="peserta-delete"),
    path(L + "peserta/<int:peserta_pk>/favorit/", kelola.PesertaFavoritView.as_view(), name="peserta-favorit"),
    path(L + "peserta/<int:peserta_pk>/nilai/", penilaian.NilaiView.as_view(), name="nilai"),
    path(
        L + "peserta/<int:peserta_pk>/dokumen/<int:dokumen_pk>/",
        kelola.DokumenUnduhView.as_view(),
        name="dokumen-unduh",
    ),
    path(L + "juri/", kelola.PenugasanView.as_view(), name="penugasan"),
    path(L + "juri/<int:penugasan_pk>/hapus/", kelola.PenugasanDeleteView.as_view(), name="penugasan-delete"),
    path(L + "matriks/", penilaian.MatriksView.as_view(), name="matriks"),
    path(L + "hasil/", penilaian.HasilView.as_view(), name="hasil"),
    path(L + "hasil/unduh/", penilaian.HasilCsvView.as_view(), name="hasil-csv"),
    path(L + "berita-acara/", penilaian.BeritaAcaraView.as_view(), name="berita-acara"),
    path(L + "berita-acara.pdf", penilaian.BeritaAcaraPdfView.as_view(), name="berita-acara-pdf"),
    path(L + "percontohan/", penilaian.PercontohanView.as_view(), name="percontohan"),
    path(L + "impor/", nasional.ImporView.as_view(), name="impor"),
    path(L + "impor/<int:impor_pk>/", nasional.ImporPratinjauView.as_view(), name="impor-pratinjau"),
    path(L + "impor/<int:impor_pk>/batal/", nasional.ImporBatalView.as_view(), name="impor-batal"),
    # A post's own entries, for its operators.
    path("kelola/<slug:pos_slug>/lomba/", operator.PosPesertaListView.as_view(), name="pos-peserta-list"),
    path(
        "kelola/<slug:pos_slug>/lomba/<int:peserta_pk>/",
        operator.PosPesertaDetailView.as_view(),
        name="pos-peserta-detail",
    ),
    path(
        "kelola/<slug:pos_slug>/lomba/<int:peserta_pk>/dokumen/<int:dokumen_pk>/",
        operator.PosDokumenUnduhView.as_view(),
        name="pos-dokumen-unduh",
    ),
    path(
        "kelola/<slug:pos_slug>/lomba/<int:peserta_pk>/dokumen/<int:dokumen_pk>/hapus/",
        operator.PosDokumenHapusView.as_view(),
        name="pos-dokumen-delete",
    ),
    path(
        "kelola/<slug:pos_slug>/laporan/lampirkan/<int:peserta_pk>/",
        operator.PosLaporanLampirkanView.as_view(),
        name="pos-laporan-lampirkan",
    ),
]
