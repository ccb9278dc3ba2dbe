"""Products and their photos, kept by the post's operators and by the business's owner.

The same views serve both areas; a subclass says how the business is found (through the post of
the URL, or among the owner's own) and where to go back to.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from posyantek.forms import add_service_errors
from posyantek.views.kelola import KelolaPosMixin

from .. import services
from ..forms import ProdukForm
from ..models import FotoProduk, Produk, Ukm
from .kelola import UkmScopeMixin


class PemilikUkmMixin(LoginRequiredMixin):
    """The owner's own business from the URL; anyone else's (or none) is a 404."""

    base_template = "layouts/public.html"
    area = "saya"

    def get_ukm(self) -> Ukm:
        if not hasattr(self, "ukm"):
            try:
                self.ukm = (
                    Ukm.objects.for_pemilik(self.request.user)
                    .select_related("kelurahan", "pos")
                    .get(pk=self.kwargs["pk"])
                )
            except Ukm.DoesNotExist:
                raise Http404 from None
        return self.ukm

    def ukm_url(self, ukm: Ukm) -> str:
        return reverse("ukm:saya-detail", kwargs={"pk": ukm.pk})

    def produk_url(self, name: str, **kwargs) -> str:
        return reverse(f"ukm:saya-{name}", kwargs={"pk": self.get_ukm().pk, **kwargs})


class OperatorUkmMixin(KelolaPosMixin, UkmScopeMixin):
    base_template = "layouts/kelola.html"
    area = "kelola"

    def ukm_url(self, ukm: Ukm) -> str:
        return ukm.get_kelola_url()

    def produk_url(self, name: str, **kwargs) -> str:
        return reverse(f"ukm:kelola-{name}", kwargs={"pos_slug": self.pos.slug, "pk": self.get_ukm().pk, **kwargs})


class _ProdukFormBase(FormView):
    template_name = "ukm/produk_form.html"
    form_class = ProdukForm

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            base_template=self.base_template,
            ukm=self.get_ukm(),
            kembali_url=self.ukm_url(self.get_ukm()),
            area=self.area,
        )
        return ctx


class _ProdukCreate(_ProdukFormBase):
    def form_valid(self, form):
        ukm = self.get_ukm()
        data = form.cleaned_data
        try:
            services.produk_buat(
                ukm=ukm,
                data=data,
                oleh=self.request.user,
                foto=data.get("foto"),
                keterangan_foto=data.get("keterangan_foto", ""),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Produk “%(nama)s” ditambahkan.") % {"nama": data["nama"]})
        return redirect(self.ukm_url(ukm) + "#produk")


class _ProdukUpdate(_ProdukFormBase):
    def get_produk(self) -> Produk:
        if not hasattr(self, "produk"):
            self.produk = get_object_or_404(
                self.get_ukm().produk_set.prefetch_related("foto_set"), pk=self.kwargs["produk_pk"]
            )
            self.nama_tersimpan = self.produk.nama
        return self.produk

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_produk()}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        produk = self.get_produk()
        ctx.update(
            produk=produk,
            nama_tersimpan=self.nama_tersimpan,
            foto_list=[
                (foto, self.produk_url("foto-hapus", produk_pk=produk.pk, foto_pk=foto.pk))
                for foto in produk.foto_set.all()
            ],
            hapus_url=self.produk_url("produk-hapus", produk_pk=produk.pk),
        )
        return ctx

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.produk_ubah(
                produk=self.get_produk(),
                data=data,
                oleh=self.request.user,
                foto=data.get("foto"),
                keterangan_foto=data.get("keterangan_foto", ""),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Produk disimpan."))
        return redirect(self.ukm_url(self.get_ukm()) + "#produk")


class _ProdukDelete(View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        ukm = self.get_ukm()
        produk = get_object_or_404(ukm.produk_set, pk=kwargs["produk_pk"])
        services.produk_hapus(produk=produk, oleh=request.user)
        messages.success(request, _("Produk “%(nama)s” dihapus.") % {"nama": produk.nama})
        return redirect(self.ukm_url(ukm) + "#produk")


class _FotoDelete(View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        ukm = self.get_ukm()
        foto = get_object_or_404(
            FotoProduk.objects.filter(produk__ukm=ukm, produk_id=kwargs["produk_pk"]), pk=kwargs["foto_pk"]
        )
        services.foto_produk_hapus(foto=foto, oleh=request.user)
        messages.success(request, _("Foto dihapus."))
        return redirect(self.produk_url("produk-ubah", produk_pk=kwargs["produk_pk"]))


class KelolaProdukCreateView(OperatorUkmMixin, _ProdukCreate):
    pass


class KelolaProdukUpdateView(OperatorUkmMixin, _ProdukUpdate):
    pass


class KelolaProdukDeleteView(OperatorUkmMixin, _ProdukDelete):
    pass


class KelolaFotoDeleteView(OperatorUkmMixin, _FotoDelete):
    pass


class SayaProdukCreateView(PemilikUkmMixin, _ProdukCreate):
    pass


class SayaProdukUpdateView(PemilikUkmMixin, _ProdukUpdate):
    pass


class SayaProdukDeleteView(PemilikUkmMixin, _ProdukDelete):
    pass


class SayaFotoDeleteView(PemilikUkmMixin, _FotoDelete):
    pass
