"""The operators' and the admin provinsi's own pages, under /kelola/ (namespace ``kelola``).

The apps add their own /kelola/... routes in their URLconfs; this module holds the foundation's:
the province, people and outbox, background files, and one post's own records.
"""

from django.urls import path

from posyantek.views import akun, berkas, kelola, laporan, pos_modul, surel

app_name = "kelola"


def pos_crud(prefix: str, name: str, form_view, hapus_view, list_view, *, pk="pk"):
    """list, tambah, <pk>/ubah, <pk>/hapus of one kind of a post's records."""
    return [
        path(f"<slug:pos_slug>/{prefix}/", list_view.as_view(), name=f"{name}-list"),
        path(f"<slug:pos_slug>/{prefix}/tambah/", form_view.as_view(), name=f"{name}-tambah"),
        path(f"<slug:pos_slug>/{prefix}/<int:{pk}>/ubah/", form_view.as_view(), name=f"{name}-ubah"),
        path(f"<slug:pos_slug>/{prefix}/<int:{pk}>/hapus/", hapus_view.as_view(), name=f"{name}-hapus"),
    ]


urlpatterns = [
    path("", kelola.KelolaIndexView.as_view(), name="index"),
    path("ringkasan/", kelola.RingkasanProvinsiView.as_view(), name="ringkasan"),
    # The yearly reports: the province's (admin provinsi) and each post's.
    path("laporan/", laporan.LaporanProvinsiIndexView.as_view(), name="laporan"),
    path("laporan/<int:tahun>.pdf", laporan.LaporanProvinsiPdfView.as_view(), name="laporan-pdf"),
    path("laporan/<int:tahun>.docx", laporan.LaporanProvinsiDocxView.as_view(), name="laporan-docx"),
    path("<slug:pos_slug>/laporan/", laporan.LaporanPosIndexView.as_view(), name="pos-laporan"),
    path("<slug:pos_slug>/laporan/<int:tahun>.pdf", laporan.LaporanPosPdfView.as_view(), name="pos-laporan-pdf"),
    path("<slug:pos_slug>/laporan/<int:tahun>.docx", laporan.LaporanPosDocxView.as_view(), name="pos-laporan-docx"),
    # People and invitations (admin provinsi).
    path("pengguna/", akun.PenggunaListView.as_view(), name="pengguna-list"),
    path("pengguna/undang/", akun.UndanganKirimView.as_view(), name="pengguna-undang"),
    path(
        "pengguna/<int:pk>/kirim-ulang/", akun.PenggunaAksiView.as_view(aksi="kirim-ulang"), name="pengguna-kirim-ulang"
    ),
    path(
        "pengguna/<int:pk>/nonaktifkan/", akun.PenggunaAksiView.as_view(aksi="nonaktifkan"), name="pengguna-nonaktifkan"
    ),
    path("pengguna/<int:pk>/aktifkan/", akun.PenggunaAksiView.as_view(aksi="aktifkan"), name="pengguna-aktifkan"),
    # The outbox: e-mails not yet delivered (admin provinsi).
    path("surel/", surel.SurelListView.as_view(), name="surel-list"),
    path("surel/<int:pk>/kirim-ulang/", surel.SurelKirimUlangView.as_view(), name="surel-kirim-ulang"),
    # Files built in the background, for the person who asked only.
    path("berkas/", berkas.BerkasListView.as_view(), name="berkas-list"),
    path("berkas/<int:pk>/", berkas.BerkasDetailView.as_view(), name="berkas-detail"),
    path("berkas/<int:pk>/unduh/", berkas.BerkasUnduhView.as_view(), name="berkas-unduh"),
    # One post.
    path("<slug:pos_slug>/", kelola.PosDasborView.as_view(), name="pos-dasbor"),
    path("<slug:pos_slug>/profil/ubah/", kelola.PosProfilUbahView.as_view(), name="pos-profil-ubah"),
    path("<slug:pos_slug>/ringkasan/", kelola.RingkasanPosView.as_view(), name="pos-ringkasan"),
    path("<slug:pos_slug>/percontohan/", kelola.PosPercontohanView.as_view(), name="pos-percontohan"),
    path("<slug:pos_slug>/operator/", kelola.PosOperatorView.as_view(), name="pos-operator"),
    path(
        "<slug:pos_slug>/operator/<int:user_pk>/hapus/",
        kelola.PosOperatorHapusView.as_view(),
        name="pos-operator-hapus",
    ),
    # Board: terms (periode) and their members (anggota).
    path("<slug:pos_slug>/pengurus/", pos_modul.PengurusListView.as_view(), name="pengurus-list"),
    path(
        "<slug:pos_slug>/pengurus/periode/tambah/", pos_modul.KepengurusanFormView.as_view(), name="kepengurusan-tambah"
    ),
    path(
        "<slug:pos_slug>/pengurus/periode/<int:pk>/ubah/",
        pos_modul.KepengurusanFormView.as_view(),
        name="kepengurusan-ubah",
    ),
    path(
        "<slug:pos_slug>/pengurus/periode/<int:pk>/hapus/",
        pos_modul.KepengurusanHapusView.as_view(),
        name="kepengurusan-hapus",
    ),
    path(
        "<slug:pos_slug>/pengurus/periode/<int:periode_pk>/anggota/tambah/",
        pos_modul.PengurusFormView.as_view(),
        name="pengurus-tambah",
    ),
    path("<slug:pos_slug>/pengurus/anggota/<int:pk>/ubah/", pos_modul.PengurusFormView.as_view(), name="pengurus-ubah"),
    path(
        "<slug:pos_slug>/pengurus/anggota/<int:pk>/hapus/", pos_modul.PengurusHapusView.as_view(), name="pengurus-hapus"
    ),
    path("<slug:pos_slug>/inventaris/ekspor.csv", pos_modul.InventarisEksporView.as_view(), name="inventaris-ekspor"),
    *pos_crud(
        "inventaris",
        "inventaris",
        pos_modul.InventarisFormView,
        pos_modul.InventarisHapusView,
        pos_modul.InventarisListView,
    ),
    path("<slug:pos_slug>/layanan/ekspor.csv", pos_modul.LayananEksporView.as_view(), name="layanan-ekspor"),
    *pos_crud("layanan", "layanan", pos_modul.LayananFormView, pos_modul.LayananHapusView, pos_modul.LayananListView),
    *pos_crud("unit-kelurahan", "unit", pos_modul.UnitFormView, pos_modul.UnitHapusView, pos_modul.UnitListView),
    path("<slug:pos_slug>/kemitraan/ekspor.csv", pos_modul.MitraEksporView.as_view(), name="mitra-ekspor"),
    path("<slug:pos_slug>/kemitraan/<int:pk>/mou/", pos_modul.MitraMouUnduhView.as_view(), name="mitra-mou"),
    *pos_crud("kemitraan", "mitra", pos_modul.MitraFormView, pos_modul.MitraHapusView, pos_modul.MitraListView),
    *pos_crud("arsip", "dokumen", pos_modul.DokumenFormView, pos_modul.DokumenHapusView, pos_modul.DokumenListView),
    path("<slug:pos_slug>/arsip/<int:pk>/unduh/", pos_modul.DokumenUnduhView.as_view(), name="dokumen-unduh"),
    *pos_crud("kabar", "kabar", pos_modul.KabarFormView, pos_modul.KabarHapusView, pos_modul.KabarListView),
    path(
        "<slug:pos_slug>/kabar/<int:kabar_pk>/foto/<int:pk>/hapus/",
        pos_modul.KabarFotoHapusView.as_view(),
        name="kabar-foto-hapus",
    ),
]
