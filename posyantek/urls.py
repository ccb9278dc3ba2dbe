from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from posyantek.views import kelola, public

# The Django admin logs in through allauth, so it shares the login rate limits.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Posyantek DKI Jakarta"

kelola_patterns = [
    path("", kelola.KelolaIndexView.as_view(), name="index"),
    path("ringkasan/", kelola.RingkasanProvinsiView.as_view(), name="ringkasan"),
    path("<slug:pos_slug>/", kelola.PosDasborView.as_view(), name="pos-dasbor"),
    path("<slug:pos_slug>/profil/ubah/", kelola.PosProfilUbahView.as_view(), name="pos-profil-ubah"),
    path("<slug:pos_slug>/ringkasan/", kelola.RingkasanPosView.as_view(), name="pos-ringkasan"),
]

urlpatterns = [
    path("", public.BerandaView.as_view(), name="beranda"),
    path("healthz", public.healthz, name="healthz"),
    path("pos/", public.PosListView.as_view(), name="pos-list"),
    path("pos/<slug:slug>/", public.PosDetailView.as_view(), name="pos-detail"),
    path("", include("ukm.urls")),
    path("", include("teknologi.urls")),
    path("", include("pelatihan.urls")),
    path("", include("posyantek.lomba.urls")),
    path("kelola/", include((kelola_patterns, "kelola"))),
    path("akun/saya/", public.AkunSayaView.as_view(), name="akun-saya"),
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
