"""Public pages of the foundation: home, the posts, health."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView

from posyantek import extensions, selectors
from posyantek.models import Pos
from posyantek.permissions import can_manage_pos


class BerandaView(TemplateView):
    template_name = "beranda.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # Everything the sections show is under ``beranda`` and built on first use: the sections are
        # {% fragmen %}s, and a cache hit builds none of the querysets (~8 ms of ORM work).
        ctx["beranda"] = SimpleLazyObject(
            lambda: {
                "kota_list": selectors.kota_list_dengan_jumlah_pos(),
                "kabar_terbaru": selectors.kabar_list_terbaru(jumlah=3),
                "pos_percontohan": selectors.pos_list_percontohan(),
                **extensions.context_for(extensions.BERANDA, request=self.request),
            }
        )
        return ctx


class PosListView(TemplateView):
    """The 44 posts by kota. The grid is reference data: rendered once per process and language, and
    again only when data changes (``posyantek.versi``); a hit costs one small query."""

    template_name = "posyantek/pos_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        kota_list = SimpleLazyObject(lambda: list(selectors.kota_list_dengan_pos()))  # not read on a cache hit
        ctx["kota_list"] = kota_list
        ctx["peta"] = SimpleLazyObject(lambda: peta_pos_dari(kota_list))
        # A search (?q=) is its own fragment, keyed by what was typed: never the unfiltered grid's.
        ctx["q"] = q = (self.request.GET.get("q") or "").strip()[:100]
        ctx["hasil"] = SimpleLazyObject(lambda: selectors.pos_cari_publik(q=q))
        return ctx


def peta_pos_dari(kota_list):
    """The clickable map of posts from the /pos/ page's own kota list (no further query)."""
    from posyantek.peta import peta_pos

    return peta_pos(
        pos_per_kode={
            kec.kode: (kec.pos.nama, kec.pos.get_absolute_url(), kec.pos.is_percontohan)
            for kota in kota_list
            for kec in kota.kecamatan_set.all()
            if getattr(kec, "pos", None)
        },
        nama_kota={kota.kode: kota.nama_pendek for kota in kota_list},
    )


class CariView(TemplateView):
    """The home page's search (/cari/?q=): the posts a place name or postcode means, and what every
    app finds (technologies, businesses), on one page. Each app adds its part through
    ``extensions.CARI``; the page is a {% fragmen %} keyed by the query, built lazily."""

    template_name = "cari.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["q"] = q = (self.request.GET.get("q") or "").strip()[:100]
        ctx["cari"] = SimpleLazyObject(
            lambda: (
                {
                    "pos": selectors.pos_cari_publik(q=q),
                    **extensions.context_for(extensions.CARI, request=self.request, q=q),
                }
                if q
                else {}
            )
        )
        return ctx


class PosDetailView(DetailView):
    """A post's public profile: contact, services, current board, partners, kelurahan served
    (with their units), the latest news and its Atom feed."""

    template_name = "posyantek/pos_detail.html"
    context_object_name = "pos"

    def get_queryset(self):
        return Pos.objects.with_wilayah()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_manage"] = can_manage_pos(self.request.user, self.object)
        ctx["riwayat_percontohan"] = (
            selectors.percontohan_riwayat(pos=self.object) if self.object.is_percontohan else []
        )
        # The sections below the header are a {% fragmen %}: what they show is under ``data_pos``,
        # built on first use, so a cache hit runs none of their queries.
        ctx["data_pos"] = SimpleLazyObject(
            lambda: {
                **selectors.pos_publik(pos=self.object, hari_ini=timezone.localdate()),
                **extensions.context_for(extensions.POS_DETAIL, request=self.request, pos=self.object),
            }
        )
        return ctx


class PosKabarMixin:
    def dispatch(self, request, *args, **kwargs):
        self.pos = get_object_or_404(Pos.objects.with_wilayah(), slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["pos"] = self.pos
        return ctx


class PosKabarListView(PosKabarMixin, ListView):
    """All published news of one post."""

    template_name = "posyantek/kabar_list.html"
    context_object_name = "kabar_list"
    paginate_by = 12

    def get_queryset(self):
        return selectors.kabar_list_publik(pos=self.pos)


class PosKabarDetailView(PosKabarMixin, DetailView):
    """One published news item; a draft or a future-dated item answers 404."""

    template_name = "posyantek/kabar_detail.html"
    context_object_name = "kabar"

    def get_queryset(self):
        return selectors.kabar_list_publik(pos=self.pos)


def periksa_kesehatan() -> dict[str, str]:
    """What the portal needs to serve and to work outside the request: the database, the shared
    cache (sessions' rate limits, allauth) and the task broker. ``ok``, ``unavailable``, or for the
    broker ``eager`` when none is configured (tasks run in-process). Any exception means down."""
    from django.conf import settings

    from posyantek.celery import app as celery_app

    hasil = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        hasil["database"] = "ok"
    except Exception:
        hasil["database"] = "unavailable"
    hasil["cache"] = "ok" if _cache_answers() else "unavailable"
    if settings.CELERY_TASK_ALWAYS_EAGER:
        hasil["broker"] = "eager"
    else:
        try:
            with celery_app.connection_for_write(url=settings.CELERY_BROKER_URL) as conn:
                conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
            hasil["broker"] = "ok"
        except Exception:
            hasil["broker"] = "unavailable"
    return hasil


@never_cache
def healthz(request):
    """200 when the database, the cache and the broker answer; 503 naming what failed. For load
    balancers and uptime checks."""
    hasil = periksa_kesehatan()
    gagal = [nama for nama, status in hasil.items() if status == "unavailable"]
    if gagal:
        return JsonResponse({"status": "error", **hasil, "failed": gagal}, status=503)
    return JsonResponse({"status": "ok", **hasil})


def _cache_answers() -> bool:
    """The shared cache holds the login rate limits: without it every login answers 500. A read
    only (a GET writes nothing), which fails on a missing cache table or an unreachable Redis."""
    try:
        caches["default"].get("posyantek:healthz")
    except Exception:  # any cache failure means "not healthy"
        return False
    return True


def bench_ok(request):
    """The benchmark's baseline: "ok" through the full middleware stack (only when enabled)."""
    return HttpResponse("ok", content_type="text/plain")


def error_404(request, exception):
    return render(request, "404.html", status=404)


def error_403(request, exception):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason: str = ""):
    """A refused form (expired page, cookies blocked): explained in Indonesian, never Django's page."""
    return render(request, "403_csrf.html", status=403)


# The last resort when even the template cannot be loaded.
_500_FALLBACK = (
    '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Terjadi kesalahan · Posyantek</title></head>'
    "<body><h1>Terjadi kesalahan di server</h1><p>Maaf, permintaan Anda tidak dapat diproses. "
    'Silakan coba lagi beberapa saat lagi.</p><p><a href="/">Kembali ke beranda</a></p></body></html>'
)


def error_500(request):
    """Rendered without a request context: no context processor, session, user or database lookup
    runs, because any of them may be what just failed. The template is static Indonesian HTML."""
    try:
        html = loader.get_template("500.html").render({})
    except Exception:  # the error page must never raise in turn
        html = _500_FALLBACK
    return HttpResponseServerError(html)


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
