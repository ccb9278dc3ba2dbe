"""The owner's area under /ukm/saya/: register or claim a business, keep it and its products, and
read its assistance history. An owner reaches only businesses linked to their own account."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from posyantek.forms import add_service_errors

from .. import selectors, services
from ..forms import KlaimForm, UkmPemilikForm
from ..models import Ukm
from .produk import PemilikUkmMixin


class SayaView(LoginRequiredMixin, TemplateView):
    template_name = "ukm/saya_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["ukm_list"] = selectors.ukm_list_pemilik(pengguna=self.request.user)
        ctx["klaim_list"] = selectors.klaim_list_pemilik(pengguna=self.request.user)
        return ctx


class SayaDaftarView(LoginRequiredMixin, FormView):
    """An owner registers their business; the post of its kelurahan verifies it."""

    template_name = "ukm/saya_form.html"
    form_class = UkmPemilikForm

    def form_valid(self, form):
        try:
            ukm = services.ukm_buat(data=form.cleaned_data, oleh=self.request.user, sebagai_pemilik=True)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Usaha “%(nama)s” terdaftar. %(pos)s akan memverifikasinya.") % {"nama": ukm.nama, "pos": ukm.pos.nama},
        )
        return redirect("ukm:saya-detail", pk=ukm.pk)


class SayaKlaimView(LoginRequiredMixin, FormView):
    """Claim a business already in the registry by its NIB."""

    template_name = "ukm/klaim_form.html"
    form_class = KlaimForm

    def form_valid(self, form):
        try:
            klaim = services.klaim_ajukan(
                oleh=self.request.user, nib=form.cleaned_data["nib"], pesan=form.cleaned_data["pesan"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Klaim dikirim ke %(pos)s. Operator pos akan memeriksa dan memutuskannya.") % {"pos": klaim.ukm.pos.nama},
        )
        return redirect("ukm:saya")


class SayaDetailView(PemilikUkmMixin, TemplateView):
    template_name = "ukm/saya_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        try:
            ctx["ukm"] = selectors.ukm_detail_pemilik(pengguna=self.request.user, pk=self.kwargs["pk"])
        except Ukm.DoesNotExist:
            raise Http404 from None
        return ctx


class SayaUbahView(PemilikUkmMixin, FormView):
    template_name = "ukm/saya_form.html"
    form_class = UkmPemilikForm

    def get_form_kwargs(self):
        ukm = self.get_ukm()
        self.nama_tersimpan = ukm.nama
        return {**super().get_form_kwargs(), "instance": ukm}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(ukm=self.get_ukm(), nama_tersimpan=self.nama_tersimpan)
        return ctx

    def form_valid(self, form):
        was_verified = self.get_ukm().verified_at is not None
        try:
            ukm = services.ukm_ubah(
                ukm=self.get_ukm(), data=form.cleaned_data, oleh=self.request.user, sebagai_pemilik=True
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        if was_verified and ukm.verified_at is None:
            messages.warning(
                self.request,
                _(
                    "Perubahan disimpan. Karena nama, pemilik, NIK, NIB, atau kelurahan berubah, pos akan "
                    "memverifikasi ulang usaha Anda."
                ),
            )
        else:
            messages.success(self.request, _("Perubahan disimpan."))
        return redirect(reverse("ukm:saya-detail", kwargs={"pk": ukm.pk}))
