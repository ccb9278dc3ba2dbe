"""The public directory /ukm/: verified, consenting, active businesses with public fields only.

Never shown here: NIK, phone, e-mail, street address, coordinates, figures or the owner's name.
"""

from django.core.files.storage import default_storage
from django.http import Http404
from django.views.generic import TemplateView

from posyantek import versi
from posyantek.paginasi import halaman_kunci

from .. import selectors
from ..forms import DirektoriFilterForm
from ..models import Ukm


class DirektoriView(TemplateView):
    template_name = "ukm/direktori_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = DirektoriFilterForm(self.request.GET or None)

        def daftar():  # lazy: the list is a {% fragmen %}, and a cache hit needs none of this
            params = form.params() if self.request.GET else {}
            qs = selectors.ukm_list_direktori(
                q=params.get("q", ""), kecamatan=params.get("kecamatan"), bidang=params.get("bidang", "")
            )
            filtered = any(params.get(k) for k in ("q", "kecamatan", "bidang"))
            # The whole directory's size is in the summary rows; a filtered one is counted.
            page = halaman_kunci(
                self.request, qs, per_halaman=24, hitung=None if filtered else selectors.jumlah_direktori
            )
            for ukm in page.object_list:
                ukm.sampul_url = default_storage.url(ukm.foto_sampul) if ukm.foto_sampul else ""
            return {
                "page_obj": page,
                "ukm_list": page.object_list,
                "filtered": filtered,
            }

        ctx["form"] = form
        ctx.update(versi.konteks_malas(daftar, "page_obj", "ukm_list", "filtered"))
        return ctx


class DirektoriDetailView(TemplateView):
    template_name = "ukm/direktori_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        try:
            ctx["ukm"] = selectors.ukm_detail_direktori(pk=self.kwargs["pk"])
        except Ukm.DoesNotExist:
            raise Http404 from None
        return ctx
