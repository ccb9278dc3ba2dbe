"""Public pages of the foundation: home, the posts, health."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, TemplateView

from posyantek import extensions, selectors
from posyantek.models import Pos


class BerandaView(TemplateView):
    template_name = "beranda.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["kota_list"] = selectors.kota_list_with_pos_count()
        ctx.update(extensions.context_for(extensions.BERANDA, request=self.request))
        return ctx


class PosListView(TemplateView):
    """The 44 posts by kota. The grid is reference data: rendered once per process and language, and
    again only when a post changes (``pos_versi``); a hit costs one small query."""

    template_name = "posyantek/pos_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["kota_list"] = selectors.kota_list_with_pos()  # lazy: not read on a cache hit
        ctx["pos_versi"] = selectors.pos_versi()
        return ctx


class PosDetailView(DetailView):
    template_name = "posyantek/pos_detail.html"
    context_object_name = "pos"

    def get_queryset(self):
        return Pos.objects.with_wilayah().prefetch_related("kecamatan__kelurahan_set")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(extensions.context_for(extensions.POS_DETAIL, request=self.request, pos=self.object))
        return ctx


@never_cache
def healthz(request):
    """200 when the database answers, 503 when it does not. For load balancers and uptime checks."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def bench_ok(request):
    """The benchmark's baseline: "ok" through the full middleware stack (only when enabled)."""
    return HttpResponse("ok", content_type="text/plain")


def error_404(request, exception):
    return render(request, "404.html", status=404)


def error_403(request, exception):
    return render(request, "403.html", status=403)


def error_500(request):
    return render(request, "500.html", status=500)


class AkunSayaView(LoginRequiredMixin, TemplateView):
    """The signed-in person's own page: who they are, their roles, and where their work is."""

    template_name = "akun/saya.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["pos_dikelola"] = (
            Pos.objects.for_user(user).with_wilayah() if user.is_operator and not user.is_admin_provinsi else []
        )
        ctx.update(extensions.context_for(extensions.AKUN_SAYA, request=self.request, user=user))
        return ctx
