"""The signed-in person's own training pages: registrations, private feed, sessions they teach."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from pelatihan import selectors, services
from pelatihan.models import Pendaftaran
from pelatihan.views.mixins import PostOnlyView


class PendaftaranSayaView(LoginRequiredMixin, TemplateView):
    """My registrations (coming and past), certificates, feedback links, and my private feed."""

    template_name = "pelatihan/pendaftaran_saya.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        now = timezone.now()
        semua = list(selectors.pendaftaran_list_untuk_pengguna(pengguna=self.request.user))
        mendatang = [p for p in semua if p.jadwal.selesai > now and p.status != Pendaftaran.Status.DIBATALKAN]
        mendatang.sort(key=lambda p: p.jadwal.mulai)
        lewat = [p for p in semua if p.jadwal.selesai <= now and p.status == Pendaftaran.Status.TERKONFIRMASI]
        dibatalkan = [p for p in semua if p.status == Pendaftaran.Status.DIBATALKAN]
        ctx.update(mendatang=mendatang, lewat=lewat, dibatalkan=dibatalkan, now=now, feed_url=None, webcal_url=None)
        kalender = selectors.kalender_pribadi(pengguna=self.request.user)
        if kalender is not None:
            feed_path = kalender.get_absolute_url()
            ctx.update(
                feed_url=self.request.build_absolute_uri(feed_path),
                webcal_url="webcal://" + self.request.get_host() + feed_path,
            )
        return ctx


class KalenderTokenGantiView(LoginRequiredMixin, PostOnlyView):
    """Create my private feed, or give it a new secret (when the old link leaked; the old one then
    answers 404)."""

    def post(self, request, *args, **kwargs):
        ada = selectors.kalender_pribadi(pengguna=request.user) is not None
        services.kalender_pribadi_buat_ulang(oleh=request.user)
        if ada:
            messages.success(request, _("Tautan kalender pribadi diganti. Tautan lama tidak berlaku lagi."))
        else:
            messages.success(request, _("Tautan kalender pribadi dibuat."))
        return redirect(reverse("pelatihan:saya") + "#kalender-pribadi")


class MengajarView(LoginRequiredMixin, TemplateView):
    """Sessions I teach (as a volunteer or operator) with their feedback — ratings and comments,
    without participants' names."""

    template_name = "pelatihan/mengajar.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        now = timezone.now()
        sesi = list(selectors.jadwal_list_mengajar(pengguna=self.request.user))
        ctx["mendatang"] = [j for j in reversed(sesi) if j.selesai > now]
        ctx["lewat"] = [j for j in sesi if j.selesai <= now]
        return ctx
