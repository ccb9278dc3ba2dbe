from django.urls import path

from pelatihan.views import admin, akun, feeds, kelola, public, relawan, tamu

app_name = "pelatihan"

kelola_pos = "kelola/<slug:pos_slug>"
jadwal_kelola = f"{kelola_pos}/pelatihan/jadwal/<int:pk>"

urlpatterns = [
    # Public schedule, registration and certificates.
    path("pelatihan/", public.JadwalListView.as_view(), name="jadwal-list"),
    path("pelatihan/kalender/", public.KalenderBulanView.as_view(), name="kalender-bulan"),
    path("pelatihan/kalender.ics", feeds.feed_semua, name="feed-semua"),
    path("pelatihan/kalender/<str:token>.ics", feeds.feed_pribadi, name="feed-pribadi"),
    path("pos/<slug:slug>/kalender.ics", feeds.feed_pos, name="feed-pos"),
    path("pelatihan/jadwal/<int:pk>/", public.JadwalDetailView.as_view(), name="jadwal-detail"),
    path("pelatihan/jadwal/<int:pk>/kalender.ics", feeds.jadwal_ics, name="jadwal-ics"),
    path("pelatihan/jadwal/<int:pk>/daftar/", public.DaftarView.as_view(), name="daftar"),
    path("pelatihan/jadwal/<int:pk>/batal/", public.BatalView.as_view(), name="batal"),
    # Without an account: book with a phone number, the booking's secret page, check-in at the door.
    path("pelatihan/jadwal/<int:pk>/pesan/", tamu.TamuDaftarView.as_view(), name="tamu-daftar"),
    path("pelatihan/pesanan/<str:token>/", tamu.PesananView.as_view(), name="pesanan"),
    path("pelatihan/pesanan/<str:token>/batal/", tamu.PesananBatalView.as_view(), name="pesanan-batal"),
    path("pelatihan/pesanan/<str:token>/gabung/", tamu.PesananGabungView.as_view(), name="pesanan-gabung"),
    path("pelatihan/pesanan/<str:token>/kalender.ics", tamu.pesanan_ics, name="pesanan-ics"),
    path("pelatihan/saya/gabung/", tamu.GabungKodeView.as_view(), name="gabung-kode"),
    path("pelatihan/hadir/<str:tanda>/", tamu.HadirView.as_view(), name="hadir"),
    path("pelatihan/jadwal/<int:pk>/umpan-balik/", public.UmpanBalikView.as_view(), name="umpan-balik"),
    path("pelatihan/saya/", akun.PendaftaranSayaView.as_view(), name="saya"),
    path("pelatihan/saya/kalender/ganti/", akun.KalenderTokenGantiView.as_view(), name="kalender-token-ganti"),
    path("pelatihan/mengajar/", akun.MengajarView.as_view(), name="mengajar"),
    path("sertifikat/", public.SertifikatCariView.as_view(), name="sertifikat-cari"),
    path("sertifikat/<str:kode>.pdf", public.sertifikat_pdf, name="sertifikat-pdf"),
    path("sertifikat/<str:kode>/", public.SertifikatView.as_view(), name="sertifikat"),
    # Relawan TIK: public enrolment and the volunteer's own pages.
    path("relawan/", relawan.RelawanInfoView.as_view(), name="relawan-info"),
    path("relawan/daftar/", relawan.RelawanDaftarView.as_view(), name="relawan-daftar"),
    path("relawan/daftar/terkirim/", relawan.RelawanTerkirimView.as_view(), name="relawan-terkirim"),
    path("relawan/aktivasi/<str:uidb64>/<str:token>/", relawan.RelawanAktivasiView.as_view(), name="relawan-aktivasi"),
    path("relawan/saya/", relawan.RelawanSayaView.as_view(), name="relawan-saya"),
    path("relawan/saya/aktivitas/baru/", relawan.AktivitasBaruView.as_view(), name="aktivitas-baru"),
    path("relawan/saya/aktivitas/<int:pk>/ubah/", relawan.AktivitasUbahView.as_view(), name="aktivitas-ubah"),
    path("relawan/saya/aktivitas/<int:pk>/hapus/", relawan.AktivitasHapusView.as_view(), name="aktivitas-hapus"),
    # Admin provinsi: applications, provincial programmes, province-wide reports.
    path("kelola/relawan/", admin.RelawanListView.as_view(), name="admin-relawan-list"),
    path("kelola/relawan/laporan/", admin.LaporanView.as_view(), name="admin-laporan"),
    path("kelola/relawan/laporan.csv", admin.LaporanCsvView.as_view(), name="admin-laporan-csv"),
    path("kelola/relawan/<int:pk>/", admin.RelawanDetailView.as_view(), name="admin-relawan-detail"),
    path("kelola/relawan/<int:pk>/tinjau/", admin.RelawanTinjauView.as_view(), name="admin-relawan-tinjau"),
    path("kelola/relawan/<int:pk>/terima/", admin.RelawanTerimaView.as_view(), name="admin-relawan-terima"),
    path("kelola/relawan/<int:pk>/tolak/", admin.RelawanTolakView.as_view(), name="admin-relawan-tolak"),
    path("kelola/relawan/<int:pk>/penugasan/", admin.RelawanPenugasanView.as_view(), name="admin-relawan-penugasan"),
    path("kelola/program-pelatihan/", admin.ProgramListView.as_view(), name="admin-program-list"),
    path("kelola/program-pelatihan/baru/", admin.ProgramBaruView.as_view(), name="admin-program-baru"),
    path("kelola/program-pelatihan/<int:pk>/ubah/", admin.ProgramUbahView.as_view(), name="admin-program-ubah"),
    # A post's operators: sessions, participants, attendance, programmes, volunteers.
    path(f"{kelola_pos}/pelatihan/", kelola.JadwalListView.as_view(), name="kelola-jadwal-list"),
    path(f"{kelola_pos}/pelatihan/jadwal/baru/", kelola.JadwalBaruView.as_view(), name="kelola-jadwal-baru"),
    path(f"{jadwal_kelola}/", kelola.JadwalDetailView.as_view(), name="kelola-jadwal-detail"),
    path(f"{jadwal_kelola}/ubah/", kelola.JadwalUbahView.as_view(), name="kelola-jadwal-ubah"),
    path(f"{jadwal_kelola}/batalkan/", kelola.JadwalBatalkanView.as_view(), name="kelola-jadwal-batalkan"),
    path(f"{jadwal_kelola}/hadir/", kelola.KehadiranView.as_view(), name="kelola-kehadiran"),
    path(f"{jadwal_kelola}/masuk/", tamu.MasukView.as_view(), name="kelola-masuk"),
    path(f"{jadwal_kelola}/peserta/tambah/", kelola.WalkinView.as_view(), name="kelola-walkin"),
    path(
        f"{jadwal_kelola}/peserta/<int:pendaftaran_pk>/batal/",
        kelola.PesertaBatalView.as_view(),
        name="kelola-peserta-batal",
    ),
    path(f"{jadwal_kelola}/peserta.csv", kelola.PesertaCsvView.as_view(), name="kelola-peserta-csv"),
    path(f"{kelola_pos}/pelatihan/program/", kelola.ProgramListView.as_view(), name="kelola-program-list"),
    path(f"{kelola_pos}/pelatihan/program/baru/", kelola.ProgramBaruView.as_view(), name="kelola-program-baru"),
    path(
        f"{kelola_pos}/pelatihan/program/<int:pk>/ubah/", kelola.ProgramUbahView.as_view(), name="kelola-program-ubah"
    ),
    path(f"{kelola_pos}/relawan/", kelola.RelawanListView.as_view(), name="kelola-relawan-list"),
    path(f"{kelola_pos}/relawan/aktivitas/", kelola.AktivitasListView.as_view(), name="kelola-aktivitas-list"),
    path(
        f"{kelola_pos}/relawan/aktivitas/<int:pk>/konfirmasi/",
        kelola.AktivitasKonfirmasiView.as_view(),
        name="kelola-aktivitas-konfirmasi",
    ),
    path(
        f"{kelola_pos}/relawan/aktivitas/<int:pk>/tolak/",
        kelola.AktivitasTolakView.as_view(),
        name="kelola-aktivitas-tolak",
    ),
    path(f"{kelola_pos}/relawan/laporan/", kelola.LaporanView.as_view(), name="kelola-laporan"),
    path(f"{kelola_pos}/relawan/laporan.csv", kelola.LaporanCsvView.as_view(), name="kelola-laporan-csv"),
]
