from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from posyantek.feeds import KabarAtomFeed
from posyantek.views import akun, public

# The Django admin logs in through allauth, so it shares the login rate limits.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Posyantek DKI Jakarta"


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
    path("kelola/", include("posyantek.urls_kelola")),
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
