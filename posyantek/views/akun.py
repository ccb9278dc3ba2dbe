"""People and invitations: the admin provinsi's list of managing users, invitations, and the page
where an invited person sets their password through the one-time link."""

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.views import PasswordResetConfirmView
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from posyantek import selectors, services
from posyantek.forms import add_service_errors, pesan_galat
from posyantek.forms.akun import PenggunaFilterForm, UndanganForm
from posyantek.models import User
from posyantek.paginasi import halaman
from posyantek.permissions import can_use_kelola
from posyantek.tokens import undangan_token
from posyantek.views.kelola import AdminProvinsiMixin, safe_next


class PenggunaListView(AdminProvinsiMixin, TemplateView):
    """Operators, juri and admins provinsi, with their posts and invitation status."""

    template_name = "kelola/pengguna_list.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = PenggunaFilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        qs = selectors.pengguna_list(
            q=filters.get("q", ""), peran=filters.get("peran", ""), status=filters.get("status", "")
        )
        page = halaman(self.request, qs, per_halaman=self.paginate_by)
        ctx.update(filter_form=form, page_obj=page, pengguna_list=page.object_list, pos=None)
        return ctx


class UndanganKirimView(AdminProvinsiMixin, FormView):
    """Invite an operator (of chosen posts), a juri or another admin provinsi."""

    template_name = "kelola/pengguna_undang.html"
    form_class = UndanganForm

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("peran") in {"operator", "juri", "admin_provinsi"}:
            initial["peran"] = self.request.GET["peran"]
        return initial

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.undangan_kirim(
                email=data["email"],
                nama=data["nama"],
                peran=data["peran"],
                pos_list=list(data["pos"]),
                oleh=self.request.user,
                request=self.request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Undangan dikirim ke %(email)s.") % {"email": data["email"]})
        return redirect("kelola:pengguna-list")


class PenggunaAksiView(AdminProvinsiMixin, View):
    """POST-only actions on one person: resend the invitation, deactivate, reactivate."""

    http_method_names = ["post"]
    aksi = ""

    def post(self, request, pk: int):
        user = get_object_or_404(User, pk=pk)
        try:
            if self.aksi == "kirim-ulang":
                services.undangan_kirim_ulang(pengguna=user, oleh=request.user, request=request)
                messages.success(request, _("Undangan baru dikirim ke %(email)s.") % {"email": user.email})
            elif self.aksi == "nonaktifkan":
                services.pengguna_nonaktifkan(pengguna=user, oleh=request.user)
                messages.success(request, _("Akun %(email)s dinonaktifkan.") % {"email": user.email})
            elif self.aksi == "aktifkan":
                services.pengguna_aktifkan(pengguna=user, oleh=request.user)
                messages.success(request, _("Akun %(email)s diaktifkan kembali.") % {"email": user.email})
        except ValidationError as error:
            pesan_galat(request, error)
        return redirect(safe_next(request, reverse("kelola:pengguna-list")))


class UndanganTerimaView(PasswordResetConfirmView):
    """The one-time link of an invitation: set a password (the validators apply), which also marks
    the e-mail verified and logs the person in. Like Django's reset view, the token moves into the
    session and out of the URL before the form shows, so it never leaks through a Referer header.
    A used, expired or altered link shows a clear message instead of the form."""

    template_name = "akun/undangan_terima.html"
    token_generator = undangan_token
    reset_url_token = "atur-sandi"
    post_reset_login = False  # done below, after the e-mail is marked verified
    title = ""

    def form_valid(self, form):
        from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN

        user = services.undangan_terima(oleh=self.user, password=form.cleaned_data["new_password1"])
        self.request.session.pop(INTERNAL_RESET_SESSION_TOKEN, None)
        auth_login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            self.request,
            _("Selamat datang, %(nama)s. Kata sandi Anda sudah tersimpan.") % {"nama": user.get_short_name()},
        )
        if can_use_kelola(user):
            return redirect("kelola:index")
        return redirect("akun-saya")
