"""Public results at /lomba/: announced competitions only, with ranks, awards and totals."""

from django.views.generic import DetailView, TemplateView

from lomba import selectors
from posyantek import versi


class LombaPublikListView(TemplateView):
    template_name = "lomba/lomba_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # The list is a {% fragmen %}; the queryset is built only on a cache miss.
        ctx.update(versi.konteks_malas(lambda: {"lomba_list": selectors.lomba_list_publik()}, "lomba_list"))
        return ctx


class LombaPublikDetailView(DetailView):
    """An announced competition's stored result. Never a juri's individual score."""

    template_name = "lomba/lomba_detail.html"
    context_object_name = "lomba"

    def get_queryset(self):
        return selectors.lomba_detail_publik()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        lomba = self.object
        tahap_list = list(lomba.tahap_set.prefetch_related("kriteria_set"))
        rows = [(p, p.nilai_tahap_list(tahap_list)) for p in selectors.hasil_tersimpan(lomba=lomba)]
        ctx.update(
            tahap_list=tahap_list,
            rows=rows,
            chart=[(p.nama_pendek, p.nilai_akhir) for p, _stages in rows if p.nilai_akhir is not None][:15],
            favorit=[p for p, _stages in rows if p.is_favorit],
        )
        return ctx
