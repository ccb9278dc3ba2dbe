"""Admin provinsi: Relawan TIK applications and decisions, provincial programmes, and
province-wide volunteer-hour reports. Everyone else gets 403."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from pelatihan import selectors, services
from pelatihan.forms import PenugasanForm, PeriodeForm, ProgramForm, RelawanFilterForm, TolakForm
from pelatihan.models import Program, Relawan
from pelatihan.views.mixins import PostOnlyView
from pelatihan.views.reports import laporan_csv_response
from posyantek.forms import add_service_errors, pesan_galat
from posyantek.paginasi import halaman
from posyantek.views.kelola import AdminProvinsiMixin


class RelawanListView(AdminProvinsiMixin, TemplateView):
    """Every application, undecided first; flags for more than 3 months without a decision and for
    a lapsed 6-month candidacy."""

    template_name = "pelatihan/admin/relawan_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = RelawanFilterForm(self.request.GET or None)
        page = halaman(self.request, selectors.relawan_list_admin(**form.filters()), per_halaman=30)
        ctx.update(
            form=form,
            page_obj=page,
            relawan_list=page.object_list,
            hitung=selectors.relawan_hitung_status(),
            now=timezone.now(),
        )
        return ctx


class RelawanDetailView(AdminProvinsiMixin, TemplateView):
    template_name = "pelatihan/admin/relawan_detail.html"

    def get_relawan(self) -> Relawan:
        try:
            return selectors.relawan_detail_admin(pk=self.kwargs["pk"])
        except Relawan.DoesNotExist:
            raise Http404 from None

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        relawan = self.get_relawan()
        initial = {
            "jenis_keanggotaan": relawan.jenis_keanggotaan,
            "komisariat": relawan.komisariat or (f"Komisariat Kecamatan {relawan.domisili.nama}"),
            "pos": [t.pos.slug for t in relawan.penugasan.all()]
            or ([relawan.domisili.pos.slug] if hasattr(relawan.domisili, "pos") else []),
        }
        ctx.update(
            relawan=relawan,
            penugasan_form=kwargs.get("penugasan_form") or PenugasanForm(initial=initial),
            tolak_form=kwargs.get("tolak_form") or TolakForm(),
            riwayat=relawan.history.select_related("history_user").order_by("-history_date")[:20],
        )
        return ctx


class _RelawanActionView(AdminProvinsiMixin, PostOnlyView):
    """One decision on an application: validate the posted form (if any), call the service, and
    report the outcome as a message; refusals write nothing and say why."""

    form_class = None

    def get_relawan(self) -> Relawan:
        return get_object_or_404(Relawan.objects.select_related("user"), pk=self.kwargs["pk"])

    def back(self, relawan: Relawan):
        return redirect(relawan.get_admin_url())

    def act(self, relawan: Relawan, data: dict) -> str:
        """Run the service; return the success message."""
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        relawan = self.get_relawan()
        data = {}
        if self.form_class is not None:
            form = self.form_class(request.POST)
            if not form.is_valid():
                pesan_galat(request, form)
                return self.back(relawan)
            data = form.cleaned_data
        try:
            message = self.act(relawan, data)
        except ValidationError as error:
            pesan_galat(request, error)
        else:
            messages.success(request, message)
        return self.back(relawan)


class RelawanTinjauView(_RelawanActionView):
    def act(self, relawan, data):
        services.relawan_tinjau(relawan=relawan, oleh=self.request.user)
        return _("Lamaran ditandai sedang ditinjau.")


class RelawanTerimaView(_RelawanActionView):
    form_class = PenugasanForm

    def act(self, relawan, data):
        services.relawan_terima(
            relawan=relawan,
            oleh=self.request.user,
            jenis_keanggotaan=data["jenis_keanggotaan"],
            komisariat=data["komisariat"],
            pos_list=data["pos"],
        )
        return _("%(nama)s diterima sebagai Relawan TIK.") % {"nama": relawan.user}


class RelawanTolakView(_RelawanActionView):
    form_class = TolakForm

    def act(self, relawan, data):
        services.relawan_tolak(relawan=relawan, oleh=self.request.user, alasan=data["alasan"])
        return _("Lamaran ditolak; pemohon diberi tahu alasannya.")


class RelawanPenugasanView(_RelawanActionView):
    form_class = PenugasanForm

    def act(self, relawan, data):
        services.relawan_penugasan_tetapkan(
            relawan=relawan,
            oleh=self.request.user,
            pos_list=data["pos"],
            jenis_keanggotaan=data["jenis_keanggotaan"],
            komisariat=data["komisariat"],
        )
        return _("Keanggotaan dan penugasan disimpan.")


class LaporanView(AdminProvinsiMixin, TemplateView):
    """Confirmed volunteer hours across the province: per volunteer, post, month and kind."""

    template_name = "pelatihan/kelola/laporan.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = PeriodeForm(self.request.GET or None)
        dari, sampai = form.periode()
        ctx.update(
            form=form, dari=dari, sampai=sampai, laporan=selectors.laporan_jam(dari=dari, sampai=sampai), pos=None
        )
        ctx["csv_url"] = reverse("pelatihan:admin-laporan-csv")
        return ctx


class LaporanCsvView(AdminProvinsiMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        dari, sampai = PeriodeForm(request.GET or None).periode()
        return laporan_csv_response(request, dari=dari, sampai=sampai)


class ProgramListView(AdminProvinsiMixin, TemplateView):
    """Provincial programmes (every post can schedule them)."""

    template_name = "pelatihan/kelola/program_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["program_list"] = (
            Program.objects.provinsi()
            .prefetch_related("topik_set")
            .annotate(jumlah_sesi=Count("jadwal_set"))
            .order_by("nama")
        )
        ctx["provinsi"] = True
        return ctx


class _ProgramFormMixin(AdminProvinsiMixin):
    template_name = "pelatihan/kelola/program_form.html"
    form_class = ProgramForm

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["provinsi"] = True
        return ctx


class ProgramBaruView(_ProgramFormMixin, FormView):
    def form_valid(self, form):
        try:
            services.program_buat(
                pos=None, oleh=self.request.user, data=form.service_data(), topik=form.cleaned_data["topik"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Program provinsi dibuat."))
        return redirect("pelatihan:admin-program-list")


class ProgramUbahView(_ProgramFormMixin, FormView):
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        self.program = get_object_or_404(Program.objects.provinsi(), pk=self.kwargs["pk"])
        kwargs["instance"] = self.program
        return kwargs

    def form_valid(self, form):
        try:
            services.program_ubah(
                program=self.program, oleh=self.request.user, data=form.service_data(), topik=form.cleaned_data["topik"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Program provinsi diperbarui."))
        return redirect("pelatihan:admin-program-list")
