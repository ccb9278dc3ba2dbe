"""A URL configuration with a view that fails, to see the 500 page as a visitor would."""

from django.urls import include, path


def rusak(request):
    raise RuntimeError("sengaja gagal")


urlpatterns = [path("rusak/", rusak), path("", include("posyantek.urls"))]
handler500 = "posyantek.views.public.error_500"
