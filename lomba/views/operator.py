"""/kelola/<pos_slug>/lomba/: a post's own entries, for its operators.

Every view inherits KelolaPosMixin; entries are fetched through ``self.pos``, documents through the
entry. Ranks and totals show only once the competition is announced; scores never.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from lomba import forms, selectors, services
from lomba.models import Peserta
from posyantek.forms import add_service_errors
from posyantek.uploads import download_response
from posyantek.views.kelola import KelolaPosMixin


class PosPesertaListView(KelolaPosMixin, TemplateView):
    template_name = "lomba/pos_peserta_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(peserta_list=selectors.peserta_pos(pos=self.pos), **kwargs)


class PosPesertaDetailView(KelolaPosMixin, TemplateView):
    """The entry's title, video link and documents; the operator keeps them until final."""

    template_name = "lomba/pos_peserta_detail.html"

    def get_peserta(self) -> Peserta:
        return get_object_or_404(
            Peserta.objects.for_pos(self.pos).select_related("lomba"), pk=self.kwargs["peserta_pk"]
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        peserta = kwargs.get("peserta") or self.get_peserta()
        ctx.update(
            peserta=peserta,
            lomba=peserta.lomba,
            dokumen_list=peserta.dokumen_set.select_related("diunggah_oleh"),
            profil_form=kwargs.get("profil_form") or forms.PesertaOperatorForm(instance=peserta, prefix="profil"),
            dokumen_form=kwargs.get("dokumen_form") or forms.DokumenForm(prefix="dokumen"),
            boleh_ubah=not peserta.lomba.is_selesai,
        )
        return ctx

    def post(self, request, *args, **kwargs):
        peserta = self.get_peserta()
        url = reverse("lomba:pos-peserta-detail", kwargs={"pos_slug": self.pos.slug, "peserta_pk": peserta.pk})
        if peserta.lomba.is_selesai:
            messages.error(request, _("Lomba sudah final: data dan dokumen tidak dapat diubah lagi."))
            return redirect(url)
        if request.POST.get("aksi") == "dokumen":
            form = forms.DokumenForm(request.POST, request.FILES, prefix="dokumen")
            if form.is_valid():
                try:
                    services.dokumen_unggah(
                        peserta=peserta,
                        judul=form.cleaned_data["judul"],
                        berkas=form.cleaned_data["berkas"],
                        oleh=request.user,
                    )
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    messages.success(request, _("Dokumen diunggah."))
                    return redirect(url)
            return self.render_to_response(self.get_context_data(peserta=peserta, dokumen_form=form))
        form = forms.PesertaOperatorForm(request.POST, instance=Peserta.objects.get(pk=peserta.pk), prefix="profil")
        if form.is_valid():
            try:
                services.peserta_ubah(
                    peserta=peserta,
                    judul=form.cleaned_data["judul"],
                    tautan_video=form.cleaned_data["tautan_video"],
                    oleh=request.user,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Data peserta disimpan."))
                return redirect(url)
        return self.render_to_response(self.get_context_data(peserta=peserta, profil_form=form))


class PosDokumenUnduhView(KelolaPosMixin, View):
    def get(self, request, *args, **kwargs):
        peserta = get_object_or_404(Peserta.objects.for_pos(self.pos), pk=kwargs["peserta_pk"])
        dokumen = get_object_or_404(peserta.dokumen_set, pk=kwargs["dokumen_pk"])
        return download_response(dokumen.berkas)


class PosDokumenHapusView(KelolaPosMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        peserta = get_object_or_404(Peserta.objects.for_pos(self.pos).select_related("lomba"), pk=kwargs["peserta_pk"])
        dokumen = get_object_or_404(peserta.dokumen_set, pk=kwargs["dokumen_pk"])
        try:
            services.dokumen_hapus(dokumen=dokumen, oleh=request.user)
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("Dokumen “%(d)s” dihapus.") % {"d": dokumen.judul})
        return redirect(
            reverse("lomba:pos-peserta-detail", kwargs={"pos_slug": self.pos.slug, "peserta_pk": peserta.pk})
        )


class PosLaporanLampirkanView(KelolaPosMixin, View):
    """POST: attach the post's yearly report to one of its entries, from /kelola/<slug>/laporan/."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        peserta = get_object_or_404(
            Peserta.objects.for_pos(self.pos).select_related("lomba", "pos"), pk=kwargs["peserta_pk"]
        )
        try:
            dokumen = services.laporan_lampirkan(peserta=peserta, oleh=request.user)
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            messages.success(
                request,
                _("“%(d)s” dilampirkan pada keikutsertaan %(lomba)s.") % {"d": dokumen.judul, "lomba": peserta.lomba},
            )
        return redirect(reverse("kelola:pos-laporan", kwargs={"pos_slug": self.pos.slug}))
