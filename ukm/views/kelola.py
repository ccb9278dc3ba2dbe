"""The operator's area: the post's UKM under /kelola/<pos_slug>/ukm/.

Every view inherits ``KelolaPosMixin`` (the post comes from ``Pos.objects.for_user``; another post
answers 404) and fetches businesses through ``self.pos`` only. Admin provinsi has the same pages for
every post, and the province-wide list under /kelola/provinsi/ukm/.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView, View

from posyantek import versi
from posyantek.forms import add_service_errors, pesan_galat
from posyantek.paginasi import halaman, halaman_kunci
from posyantek.views.kelola import AdminProvinsiMixin, KelolaPosMixin

from .. import ringkasan, selectors, services
from ..forms import KlaimPutusanForm, PendampinganForm, UkmFilterForm, UkmOperatorForm
from ..models import KlaimUkm, Pendampingan, StatusKlaim, Ukm
from ..riwayat import riwayat_ukm


class UkmScopeMixin:
    """Resolves ``self.ukm`` through the post of the URL; another post's business is a 404."""

    def get_ukm(self) -> Ukm:
        if not hasattr(self, "ukm"):
            try:
                self.ukm = Ukm.objects.for_pos(self.pos).select_related("kelurahan", "pos").get(pk=self.kwargs["pk"])
            except Ukm.DoesNotExist:
                raise Http404 from None
            self.nama_tersimpan = self.ukm.nama  # a form bound to the instance changes it in memory
        return self.ukm


class _UkmListBase(TemplateView):
    """The list is a {% fragmen %} per post (None: the province) and query string, rendered after
    the access check; its data is built lazily, so a cache hit runs none of its queries."""

    template_name = "ukm/ukm_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(versi.konteks_malas(self.daftar, *self.NAMA))
        ctx["query"] = self.request.GET.urlencode()
        return ctx

    NAMA = ("form", "page_obj", "ukm_list", "filtered", "saring_aktif", "saran")

    def daftar(self) -> dict:
        form = UkmFilterForm(self.request.GET or None, pos=self.pos)
        params = form.params() if self.request.GET else {}
        filtered = any(
            params.get(k) for k in ("q", "kelurahan", "kecamatan", "bidang", "kelas", "tahap", "status", "verifikasi")
        )
        # Unfiltered, the registry's size is in the summary rows (ukm/ringkasan.py); filtered, counted.
        page = halaman_kunci(
            self.request,
            selectors.ukm_list_kelola(pos=self.pos, params=params),
            hitung=None if filtered else lambda: ringkasan.angka(pos=self.pos).total,
        )
        return {
            "form": form,
            "page_obj": page,
            "ukm_list": page.object_list,
            "filtered": filtered,
            "saran": selectors.ukm_saran(pos=self.pos, q=params["q"])
            if params.get("q") and not page.paginator.count
            else [],
            "saring_aktif": any(
                params.get(k) for k in ("kelurahan", "kecamatan", "bidang", "kelas", "tahap", "status", "verifikasi")
            )
            or params.get("urut") not in (None, "", "nama"),
        }


class UkmListView(KelolaPosMixin, _UkmListBase):
    """The post's registry: search, filters, sorting and pages, with a constant number of queries."""

    NAMA = (*_UkmListBase.NAMA, "klaim_menunggu")

    def daftar(self) -> dict:
        return {
            **super().daftar(),
            "klaim_menunggu": KlaimUkm.objects.filter(ukm__pos=self.pos, status=StatusKlaim.MENUNGGU).count(),
        }


class ProvinsiUkmListView(AdminProvinsiMixin, _UkmListBase):
    """All businesses of the province, for an admin provinsi (search a NIB across the posts)."""


class UkmCreateView(KelolaPosMixin, FormView):
    template_name = "ukm/ukm_form.html"
    form_class = UkmOperatorForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "pos": self.pos}

    def form_valid(self, form):
        try:
            ukm = services.ukm_buat(
                data=form.cleaned_data,
                oleh=self.request.user,
                pos=self.pos,
                abaikan_ganda=self.request.POST.get("tetap_simpan") == "1",
            )
        except services.UkmMungkinGanda as exc:
            # Nothing saved: the same form again, filled in, with the likely duplicates and "Tetap simpan".
            return self.render_to_response(self.get_context_data(form=form, mungkin_ganda=exc.ukm_list))
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("UKM “%(nama)s” didaftarkan.") % {"nama": ukm.nama})
        return redirect(ukm.get_kelola_url())


class UkmUpdateView(KelolaPosMixin, UkmScopeMixin, FormView):
    template_name = "ukm/ukm_form.html"
    form_class = UkmOperatorForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "pos": self.pos, "instance": self.get_ukm()}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["ukm"] = self.get_ukm()
        ctx["nama_tersimpan"] = self.nama_tersimpan
        return ctx

    def form_valid(self, form):
        try:
            ukm = services.ukm_ubah(ukm=self.get_ukm(), data=form.cleaned_data, oleh=self.request.user, pos=self.pos)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Perubahan disimpan."))
        return redirect(ukm.get_kelola_url())


class UkmDetailView(KelolaPosMixin, TemplateView):
    """A business as its post sees it: data (NIK masked), products, assistance, claims and history."""

    template_name = "ukm/ukm_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        try:
            ukm = selectors.ukm_detail_kelola(pos=self.pos, pk=self.kwargs["pk"])
        except Ukm.DoesNotExist:
            raise Http404 from None
        ctx.update(
            ukm=ukm,
            pendampingan_form=PendampinganForm(
                initial={"pendamping": self.request.user.nama or self.request.user.email}
            ),
            riwayat=riwayat_ukm(ukm, limit=8),
            layanan_list=selectors.layanan_list_untuk_ukm(ukm=ukm),
            layanan_jumlah=ukm.layanan_set.count(),
            produk_base=reverse("ukm:kelola-detail", kwargs={"pos_slug": self.pos.slug, "pk": ukm.pk}),
        )
        return ctx


class UkmStatusView(KelolaPosMixin, UkmScopeMixin, View):
    """POST: deactivate or reactivate. A business with history is never deleted."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        ukm = self.get_ukm()
        aktif = request.POST.get("aktif") == "1"
        services.ukm_status_tetapkan(ukm=ukm, aktif=aktif, oleh=request.user)
        messages.success(
            request,
            _("UKM diaktifkan kembali.") if aktif else _("UKM dinonaktifkan. Data dan riwayatnya tetap tersimpan."),
        )
        return redirect(ukm.get_kelola_url())


class UkmVerifikasiView(KelolaPosMixin, UkmScopeMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        ukm = self.get_ukm()
        verified = request.POST.get("verified", "1") == "1"
        services.ukm_verifikasi(ukm=ukm, oleh=request.user, verified=verified)
        messages.success(request, _("UKM ditandai terverifikasi.") if verified else _("Tanda verifikasi dicabut."))
        return redirect(ukm.get_kelola_url())


class UkmVerifikasiBanyakView(KelolaPosMixin, View):
    """Verify the pending businesses ticked in the post's list (only this post's, only pending ones)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        ids = [v for v in request.POST.getlist("ukm") if v.isdigit() and len(v) <= 12]
        try:
            hasil = services.ukm_terpilih_verifikasi(pos=self.pos, ukm_ids=[int(v) for v in ids], oleh=request.user)
        except ValidationError as exc:
            pesan_galat(request, exc)
        else:
            messages.success(
                request,
                ngettext("%(n)s UKM ditandai terverifikasi.", "%(n)s UKM ditandai terverifikasi.", len(hasil))
                % {"n": len(hasil)},
            )
        return redirect("ukm:kelola-list", pos_slug=self.pos.slug)


class UkmRiwayatView(KelolaPosMixin, UkmScopeMixin, TemplateView):
    template_name = "ukm/ukm_riwayat.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ukm = self.get_ukm()
        ctx["ukm"] = ukm
        ctx["page_obj"] = halaman(self.request, riwayat_ukm(ukm), per_halaman=30)
        return ctx


class PendampinganCreateView(KelolaPosMixin, UkmScopeMixin, FormView):
    template_name = "ukm/pendampingan_form.html"
    form_class = PendampinganForm

    def get_initial(self):
        return {"pendamping": self.request.user.nama or self.request.user.email}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "ukm": self.get_ukm()}

    def form_valid(self, form):
        ukm = self.get_ukm()
        try:
            services.pendampingan_buat(ukm=ukm, data=form.cleaned_data, oleh=self.request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Pendampingan dicatat."))
        return redirect(ukm.get_kelola_url() + "#pendampingan")


class PendampinganUpdateView(KelolaPosMixin, UkmScopeMixin, FormView):
    template_name = "ukm/pendampingan_form.html"
    form_class = PendampinganForm

    def get_pendampingan(self) -> Pendampingan:
        return get_object_or_404(self.get_ukm().pendampingan_set, pk=self.kwargs["item_pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_pendampingan()}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "ukm": self.get_ukm(), "is_update": True}

    def form_valid(self, form):
        ukm = self.get_ukm()
        try:
            services.pendampingan_ubah(
                pendampingan=self.get_pendampingan(), data=form.cleaned_data, oleh=self.request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Pendampingan diperbarui."))
        return redirect(ukm.get_kelola_url() + "#pendampingan")


class KlaimListView(KelolaPosMixin, TemplateView):
    """Claims of the post's businesses: pending first, with what the operator needs to decide."""

    template_name = "ukm/klaim_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["klaim_list"] = selectors.klaim_list_menunggu(pos=self.pos)
        ctx["klaim_terakhir"] = selectors.klaim_list_terakhir(pos=self.pos)
        return ctx


class KlaimPutuskanView(KelolaPosMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        klaim = get_object_or_404(KlaimUkm.objects.filter(ukm__pos=self.pos), pk=kwargs["pk"])
        form = KlaimPutusanForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Pilih setujui atau tolak."))
            return redirect("ukm:kelola-klaim-list", pos_slug=self.pos.slug)
        setujui = form.cleaned_data["keputusan"] == "setujui"
        try:
            services.klaim_putuskan(
                klaim=klaim, oleh=request.user, setujui=setujui, catatan=form.cleaned_data["catatan"]
            )
        except ValidationError as exc:
            pesan_galat(request, exc)
        else:
            if setujui:
                messages.success(request, _("Klaim disetujui: usaha kini tertaut ke akun pemiliknya."))
            else:
                messages.success(request, _("Klaim ditolak."))
        if request.POST.get("kembali") == "detail":
            return redirect(klaim.ukm.get_kelola_url())
        return redirect("ukm:kelola-klaim-list", pos_slug=self.pos.slug)
