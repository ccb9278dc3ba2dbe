"""Relawan TIK: the public information page and enrolment, account activation, and the
volunteer's own page with their assignments, teaching schedule, hours and activity log."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from pelatihan import selectors, services
from pelatihan.forms import AktivasiForm, AktivitasForm, RelawanForm
from pelatihan.models import AktivitasRelawan
from pelatihan.permissions import relawan_of
from pelatihan.views.mixins import PostOnlyView
from posyantek.forms import add_service_errors, pesan_galat
from posyantek.http import dalam_batas
from posyantek.models import User
from posyantek.paginasi import halaman_kunci

# Anonymous applications create accounts and send mail: a few per hour per address is plenty.
LAMARAN_PER_JAM_PER_IP = 10


class RelawanInfoView(TemplateView):
    """What Relawan TIK do, how enrolment works, and the code of conduct."""

    template_name = "pelatihan/relawan_info.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["relawan"] = relawan_of(self.request.user)
        return ctx


class RelawanDaftarView(FormView):
    """The public application. Logged in (operators too): linked to the account. Anonymous: an
    account is created for a new e-mail (activation link by e-mail); an e-mail that already has an
    account is asked, by e-mail, to log in first — the page never says which happened."""

    template_name = "pelatihan/relawan_form.html"
    form_class = RelawanForm

    def dispatch(self, request, *args, **kwargs):
        self.relawan = relawan_of(request.user)
        if self.relawan is not None and not self.relawan.boleh_mengajukan_ulang:
            messages.info(request, _("Anda sudah mengajukan lamaran Relawan TIK. Statusnya ada di halaman ini."))
            return redirect("pelatihan:relawan-saya")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["relawan"] = self.relawan
        ctx["login_url"] = reverse("account_login") + "?next=" + reverse("pelatihan:relawan-daftar")
        return ctx

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated and not dalam_batas(
            request, aksi="relawan-daftar", batas=LAMARAN_PER_JAM_PER_IP
        ):
            form = self.get_form()
            form.is_valid()
            form.add_error(None, _("Terlalu banyak pendaftaran dari alamat ini. Coba lagi satu jam lagi."))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        user = self.request.user if self.request.user.is_authenticated else None
        try:
            services.relawan_ajukan(
                oleh=user,
                nama=form.cleaned_data["nama"],
                email=form.cleaned_data.get("email", ""),
                data=form.service_data(),
                keahlian=form.keahlian(),
                setuju_kode_etik=form.cleaned_data["setuju_kode_etik"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        if user is not None:
            messages.success(self.request, _("Lamaran Relawan TIK Anda terkirim. Admin provinsi akan meninjaunya."))
            return redirect("pelatihan:relawan-saya")
        # The anonymous page is the same whatever happened (new account or existing e-mail), so it
        # never tells a visitor which addresses have accounts.
        return redirect("pelatihan:relawan-terkirim")


class RelawanTerkirimView(TemplateView):
    template_name = "pelatihan/relawan_terkirim.html"


class RelawanAktivasiView(FormView):
    """The link e-mailed to a new applicant: confirms their e-mail and lets them choose a password
    (Django's token: single use, expires after PASSWORD_RESET_TIMEOUT)."""

    template_name = "pelatihan/relawan_aktivasi.html"
    form_class = AktivasiForm

    def dispatch(self, request, *args, **kwargs):
        self.calon = None
        try:
            pk = force_str(urlsafe_base64_decode(kwargs["uidb64"]))
            user = User.objects.filter(pk=int(pk), is_active=True).first()
        except (TypeError, ValueError, OverflowError):
            user = None
        if user is not None and default_token_generator.check_token(user, kwargs["token"]):
            self.calon = user
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.calon
        return kwargs

    def get(self, request, *args, **kwargs):
        if self.calon is None:
            return self._tidak_berlaku()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.calon is None:
            return self._tidak_berlaku()
        return super().post(request, *args, **kwargs)

    def _tidak_berlaku(self):
        response = self.render_to_response({"tidak_berlaku": True})
        response.status_code = 400
        return response

    def form_valid(self, form):
        user = services.relawan_aktifkan(oleh=self.calon, password=form.cleaned_data["new_password1"])
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, _("E-mail terkonfirmasi dan kata sandi tersimpan. Selamat datang!"))
        return redirect("pelatihan:relawan-saya")


class RelawanSayaView(LoginRequiredMixin, TemplateView):
    """The volunteer's own page: application status, or assignments, teaching schedule and hours."""

    template_name = "pelatihan/relawan_saya.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        relawan = relawan_of(self.request.user)
        ctx["relawan"] = relawan
        if relawan is None or not relawan.is_diterima:
            return ctx
        today = timezone.localdate()
        totals = relawan.aktivitas.aggregate(
            jam_total=Sum("jam", filter=Q(status=AktivitasRelawan.Status.DIKONFIRMASI)),
            jam_tahun_ini=Sum("jam", filter=Q(status=AktivitasRelawan.Status.DIKONFIRMASI, tanggal__year=today.year)),
            jam_menunggu=Sum("jam", filter=Q(status=AktivitasRelawan.Status.DIAJUKAN)),
        )
        page = halaman_kunci(self.request, selectors.aktivitas_list_untuk_relawan(relawan=relawan), per_halaman=20)
        ctx.update(
            penugasan=selectors.penugasan_untuk_relawan(relawan=relawan),
            mengajar=self.request.user.jadwal_mengajar.upcoming()
            .exclude(status="dibatalkan")
            .select_related("pos", "program")
            .order_by("mulai")[:20],
            totals={key: value or Decimal(0) for key, value in totals.items()},
            page_obj=page,
            aktivitas_list=page.object_list,
        )
        return ctx


class _RelawanAktifMixin(LoginRequiredMixin):
    """Accepted volunteers only (403 for other signed-in people)."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.relawan = relawan_of(request.user)
        if self.relawan is None or not self.relawan.is_diterima:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AktivitasBaruView(_RelawanAktifMixin, FormView):
    template_name = "pelatihan/aktivitas_form.html"
    form_class = AktivitasForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["relawan"] = self.relawan
        return kwargs

    def form_valid(self, form):
        try:
            services.aktivitas_buat(relawan=self.relawan, data=form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Aktivitas dicatat. Operator pos akan mengonfirmasinya."))
        return redirect("pelatihan:relawan-saya")


class AktivitasUbahView(_RelawanAktifMixin, FormView):
    template_name = "pelatihan/aktivitas_form.html"
    form_class = AktivitasForm

    def get_aktivitas(self) -> AktivitasRelawan:
        if not hasattr(self, "aktivitas"):
            self.aktivitas = get_object_or_404(self.relawan.aktivitas.all(), pk=self.kwargs["pk"])
            if not self.aktivitas.bisa_diubah:
                raise Http404
        return self.aktivitas

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["relawan"] = self.relawan
        kwargs["instance"] = self.get_aktivitas()
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["aktivitas"] = self.get_aktivitas()
        return ctx

    def form_valid(self, form):
        try:
            services.aktivitas_ubah(aktivitas=self.get_aktivitas(), relawan=self.relawan, data=form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Aktivitas diperbarui."))
        return redirect("pelatihan:relawan-saya")


class AktivitasHapusView(_RelawanAktifMixin, PostOnlyView):
    def post(self, request, *args, **kwargs):
        aktivitas = get_object_or_404(self.relawan.aktivitas.all(), pk=kwargs["pk"])
        try:
            services.aktivitas_hapus(aktivitas=aktivitas, relawan=self.relawan)
        except ValidationError as error:
            pesan_galat(request, error)
        else:
            messages.success(request, _("Aktivitas dihapus."))
        return redirect("pelatihan:relawan-saya")
