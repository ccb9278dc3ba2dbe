from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from posyantek.feeds import KabarAtomFeed
from posyantek.views import akun, berkas, kelola, pos_modul, public, surel

# The Django admin logs in through allauth, so it shares the login rate limits.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Posyantek DKI Jakarta"


def pos_crud(prefix: str, name: str, form_view, hapus_view, list_view, *, pk="pk"):
    """list, tambah, <pk>/ubah, <pk>/hapus of one kind of a post's records."""
    return [
        path(f"<slug:pos_slug>/{prefix}/", list_view.as_view(), name=f"{name}-list"),
        path(f"<slug:pos_slug>/{prefix}/tambah/", form_view.as_view(), name=f"{name}-tambah"),
        path(f"<slug:pos_slug>/{prefix}/<int:{pk}>/ubah/", form_view.as_view(), name=f"{name}-ubah"),
        path(f"<slug:pos_slug>/{prefix}/<int:{pk}>/hapus/", hapus_view.as_view(), name=f"{name}-hapus"),
    ]


kelola_patterns = [
    path("", kelola.KelolaIndexView.as_view(), name="index"),
    path("ringkasan/", kelola.RingkasanProvinsiView.as_view(), name="ringkasan"),
    # People and invitations (admin provinsi).
    path("pengguna/", akun.PenggunaListView.as_view(), name="pengguna-list"),
    path("pengguna/undang/", akun.UndanganKirimView.as_view(), name="pengguna-undang"),
    path("pengguna/<int:pk>/kirim-ulang/", akun.PenggunaAksiView.as_view(aksi="kirim-ulang"), name="pengguna-kirim-ulang"),
    path("pengguna/<int:pk>/nonaktifkan/", akun.PenggunaAksiView.as_view(aksi="nonaktifkan"), name="pengguna-nonaktifkan"),
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
    path("<slug:pos_slug>/operator/<int:user_pk>/hapus/", kelola.PosOperatorHapusView.as_view(), name="pos-operator-hapus"),
    # Board: terms (periode) and their members (anggota).
    path("<slug:pos_slug>/pengurus/", pos_modul.PengurusListView.as_view(), name="pengurus-list"),
    path("<slug:pos_slug>/pengurus/periode/tambah/", pos_modul.KepengurusanFormView.as_view(), name="kepengurusan-tambah"),
    path("<slug:pos_slug>/pengurus/periode/<int:pk>/ubah/", pos_modul.KepengurusanFormView.as_view(), name="kepengurusan-ubah"),
    path("<slug:pos_slug>/pengurus/periode/<int:pk>/hapus/", pos_modul.KepengurusanHapusView.as_view(), name="kepengurusan-hapus"),
    path("<slug:pos_slug>/pengurus/periode/<int:periode_pk>/anggota/tambah/", pos_modul.PengurusFormView.as_view(), name="pengurus-tambah"),
    path("<slug:pos_slug>/pengurus/anggota/<int:pk>/ubah/", pos_modul.PengurusFormView.as_view(), name="pengurus-ubah"),
    path("<slug:pos_slug>/pengurus/anggota/<int:pk>/hapus/", pos_modul.PengurusHapusView.as_view(), name="pengurus-hapus"),
    path("<slug:pos_slug>/inventaris/ekspor.csv", pos_modul.InventarisEksporView.as_view(), name="inventaris-ekspor"),
    *pos_crud("inventaris", "inventaris", pos_modul.InventarisFormView, pos_modul.InventarisHapusView, pos_modul.InventarisListView),
    path("<slug:pos_slug>/layanan/ekspor.csv", pos_modul.LayananEksporView.as_view(), name="layanan-ekspor"),
    *pos_crud("layanan", "layanan", pos_modul.LayananFormView, pos_modul.LayananHapusView, pos_modul.LayananListView),
    *pos_crud("unit-kelurahan", "unit", pos_modul.UnitFormView, pos_modul.UnitHapusView, pos_modul.UnitListView),
    path("<slug:pos_slug>/kemitraan/ekspor.csv", pos_modul.MitraEksporView.as_view(), name="mitra-ekspor"),
    *pos_crud("kemitraan", "mitra", pos_modul.MitraFormView, pos_modul.MitraHapusView, pos_modul.MitraListView),
    *pos_crud("arsip", "dokumen", pos_modul.DokumenFormView, pos_modul.DokumenHapusView, pos_modul.DokumenListView),
    path("<slug:pos_slug>/arsip/<int:pk>/unduh/", pos_modul.DokumenUnduhView.as_view(), name="dokumen-unduh"),
    *pos_crud("kabar", "kabar", pos_modul.KabarFormView, pos_modul.KabarHapusView, pos_modul.KabarListView),
    path("<slug:pos_slug>/kabar/<int:kabar_pk>/foto/<int:pk>/hapus/", pos_modul.KabarFotoHapusView.as_view(), name="kabar-foto-hapus"),
]

urlpatterns = [
    path("", public.BerandaView.as_view(), name="beranda"),
    path("healthz", public.healthz, name="healthz"),
    path("cari/", public.CariView.as_view(), name="cari"),
    path("pos/", public.PosListView.as_view(), name="pos-list"),
    path("pos/<slug:slug>/", public.PosDetailView.as_view(), name="pos-detail"),
    path("pos/<slug:slug>/kabar/", public.PosKabarListView.as_view(), name="pos-kabar-list"),
    path("pos/<slug:slug>/kabar/<int:pk>/", public.PosKabarDetailView.as_view(), name="pos-kabar-detail"),
    path("pos/<slug:slug>/kabar.atom", KabarAtomFeed(), name="pos-kabar-feed"),
    path("", include("ukm.urls")),
    path("", include("teknologi.urls")),
    path("", include("pelatihan.urls")),
    path("", include("lomba.urls")),
    path("kelola/", include((kelola_patterns, "kelola"))),
    path("akun/saya/", public.AkunSayaView.as_view(), name="akun-saya"),
    path("akun/undangan/<uidb64>/<token>/", akun.UndanganTerimaView.as_view(), name="undangan-terima"),
    path("akun/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.BENCH_VIEW_ENABLED:
    urlpatterns.append(path("bench/ok", public.bench_ok, name="bench-ok"))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler403 = "posyantek.views.public.error_403"
handler404 = "posyantek.views.public.error_404"
handler500 = "posyantek.views.public.error_500"
