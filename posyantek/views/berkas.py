"""Files built in the background for the person who asked: their status and the download.

Each job belongs to one user. Anyone else — another admin included — gets 404, exactly like a job
that does not exist. The pages only read; the download is ``private, no-store`` so no shared cache
or browser history keeps it.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views import View
from django.views.generic import TemplateView

from posyantek import selectors
from posyantek.models import BerkasTugas
from posyantek.uploads import download_response


class BerkasListView(LoginRequiredMixin, TemplateView):
    """The person's recent jobs, newest first."""

    template_name = "kelola/berkas_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(tugas_list=selectors.berkas_tugas_milik(pengguna=self.request.user)[:20], pos=None)
        return ctx


class BerkasDetailView(LoginRequiredMixin, TemplateView):
    """Progress of one job; reloads itself every 3 s (``<meta http-equiv="refresh">``) while it runs."""

    template_name = "kelola/berkas_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(tugas=get_object_or_404(BerkasTugas, pk=kwargs["pk"], user=self.request.user), pos=None)
        return ctx

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        add_never_cache_headers(response)  # a reload must show the new progress
        return response


class BerkasUnduhView(LoginRequiredMixin, View):
    http_method_names = ["get"]

    def get(self, request, pk: int):
        tugas = get_object_or_404(BerkasTugas, pk=pk, user=request.user)
        if not tugas.siap:
            raise Http404
        response = download_response(tugas.berkas, filename=tugas.nama_unduhan)
        patch_cache_control(response, private=True, no_store=True)
        return response
