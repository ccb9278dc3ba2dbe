"""The operators' area. Every /kelola/<pos_slug>/… view inherits KelolaPosMixin."""

from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from posyantek import extensions, selectors, services
from posyantek.forms import PosProfilForm, add_service_errors, pesan_galat
from posyantek.forms.akun import UndanganOperatorForm
from posyantek.forms.pos import KelolaPosFilterForm, PercontohanForm
from posyantek.models import Kota, Peran, Pos, User
from posyantek.permissions import can_use_kelola, is_admin_provinsi


def safe_next(request, default: str) -> str:
    """The ``next`` parameter when it is a path of this site, else ``default``.

    Only absolute paths are taken: ``redirect()`` would try to reverse a bare word such as ``0`` as a
    URL name and answer 500."""
    target = request.POST.get("next") or request.GET.get("next")
    if (
        target
        and target.startswith("/")
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return default


class KelolaMixin(AccessMixin):
    """Logged-in operators, juri and admins provinsi only; anonymous users go to the login page."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not can_use_kelola(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AdminProvinsiMixin(AccessMixin):
    """The one admin-only mixin of every app's province-wide pages: admins provinsi only; anonymous
    users go to the login page, everyone else gets 403. The page is nobody's post (``pos`` is None
    in the context, which the /kelola/ layout reads as the province)."""

    pos = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not is_admin_provinsi(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["pos"] = None
        ctx["is_admin_provinsi"] = True
        return ctx


class KelolaPosMixin(AccessMixin):
    """Resolves ``self.pos`` from the URL through ``Pos.objects.for_user``.

    A post the user may not manage answers 404, exactly like a post that does not exist, so the
    area never tells an operator which other posts exist. Child rows must be fetched through
    ``self.pos`` (``self.pos.ukm_set.get(pk=...)``), never by bare primary key.
    """

    pos: Pos
    admin_only = False  # True: the post's own operators get 403 (e.g. marking a percontohan)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.pos = get_object_or_404(Pos.objects.for_user(request.user).with_wilayah(), slug=kwargs["pos_slug"])
        if self.admin_only and not is_admin_provinsi(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["pos"] = self.pos
        ctx["is_admin_provinsi"] = is_admin_provinsi(self.request.user)
        return ctx


# Generic list / form / delete views of a post's records -------------------------------------------


class PosChildMixin(KelolaPosMixin):
    """A view of one kind of row that belongs to the post (``model.objects.for_pos``)."""

    model = None
    list_url_name = ""  # e.g. "kelola:inventaris-list"

    def get_queryset(self):
        return self.model.objects.for_pos(self.pos)

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_list_url(self) -> str:
        return reverse(self.list_url_name, kwargs={"pos_slug": self.pos.slug})

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["list_url"] = self.get_list_url()
        return ctx


class PosChildFormView(PosChildMixin, FormView):
    """Create (no ``pk`` in the URL) or edit a row through a service.

    Subclasses set ``form_class``, ``title_create``/``title_update`` and implement ``save(form)``,
    which calls the service and returns the saved row. A service's refusal lands on the form."""

    template_name = "kelola/form.html"
    form_takes_pos = False
    title_create = ""
    title_update = ""
    success_message = gettext_lazy("Tersimpan.")
    object = None

    def get_instance(self):
        if "pk" in self.kwargs:
            self.object = self.object or self.get_object()
            return self.object
        return self.new_instance()

    def new_instance(self):
        return self.model(pos=self.pos)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_instance()
        if self.form_takes_pos:
            kwargs["pos"] = self.pos
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = self.title_update if "pk" in self.kwargs else self.title_create
        ctx["object"] = self.object
        return ctx

    def form_valid(self, form):
        try:
            saved = self.save(form)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url(saved))

    def get_success_url(self, saved=None) -> str:
        return self.get_list_url()

    def save(self, form):
        raise NotImplementedError


class PosChildDeleteView(PosChildMixin, TemplateView):
    """GET asks for confirmation, POST deletes through ``delete(obj)`` (a service)."""

    template_name = "kelola/hapus.html"
    success_message = gettext_lazy("Terhapus.")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["object"] = self.object
        ctx["describe"] = self.describe(self.object)
        return ctx

    def describe(self, obj) -> str:
        return str(obj)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        try:
            self.delete(self.object)
        except ValidationError as error:
            pesan_galat(request, error)
            return redirect(self.get_list_url())
        messages.success(request, self.success_message)
        return redirect(self.get_list_url())

    def delete(self, obj) -> None:
        raise NotImplementedError


# Index, dashboard, profile, overview ----------------------------------------------------------------


class KelolaIndexView(KelolaMixin, TemplateView):
    """Choose among my posts. An operator with exactly one post goes straight to it; an admin
    provinsi sees every post, with search by name/kota and a percontohan filter."""

    template_name = "kelola/index.html"

    def get(self, request, *args, **kwargs):
        admin = is_admin_provinsi(request.user)
        if not admin:
            pos_list = list(Pos.objects.for_user(request.user).with_wilayah())
            if len(pos_list) == 1 and not request.user.is_juri:
                return redirect(pos_list[0].get_kelola_url())
            ctx = self.get_context_data(pos_list=pos_list)
        else:
            kota_list = list(Kota.objects.order_by("kode"))
            form = KelolaPosFilterForm(request.GET or None, kota_choices=[(k.slug, k.nama_pendek) for k in kota_list])
            filters = form.cleaned_data if form.is_valid() else {}
            pos_list = list(
                selectors.pos_list_kelola(
                    pengguna=request.user,
                    q=filters.get("q", ""),
                    kota=filters.get("kota", ""),
                    percontohan=filters.get("percontohan", ""),
                )
            )
            ctx = self.get_context_data(pos_list=pos_list, filter_form=form, filtered=bool(request.GET))
        ctx["is_admin_provinsi"] = admin
        ctx.update(extensions.context_for(extensions.KELOLA_INDEX, request=request, user=request.user))
        return self.render_to_response(ctx)


class PosDasborView(KelolaPosMixin, TemplateView):
    template_name = "kelola/pos_dasbor.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # The cards are a {% fragmen %} per post (and role): what they show is under ``data_dasbor``,
        # built on a cache miss only. Access is checked before (KelolaPosMixin), and the fragment is
        # keyed by the post, so one post's figures are never served for another.
        ctx["data_dasbor"] = SimpleLazyObject(
            lambda: {
                "dasbor_pos": selectors.pos_dasbor(pos=self.pos, hari_ini=timezone.localdate()),
                **extensions.context_for(extensions.POS_DASBOR, request=self.request, pos=self.pos),
            }
        )
        return ctx


class PosProfilUbahView(KelolaPosMixin, FormView):
    template_name = "kelola/pos_profil_form.html"
    form_class = PosProfilForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.pos
        return kwargs

    def form_valid(self, form):
        try:
            services.pos_profil_ubah(pos=self.pos, oleh=self.request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Profil pos disimpan."))
        return redirect(self.pos.get_kelola_url())


class PosPercontohanView(KelolaPosMixin, FormView):
    """Mark a model post (year, reason). Admin provinsi only; shown as a badge on public pages."""

    template_name = "kelola/pos_percontohan_form.html"
    form_class = PercontohanForm
    admin_only = True

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["riwayat_percontohan"] = selectors.percontohan_riwayat(pos=self.pos)
        return ctx

    def get_initial(self):
        return {
            "is_percontohan": self.pos.is_percontohan,
            "tahun": self.pos.percontohan_tahun or timezone.localdate().year,
            "alasan": self.pos.percontohan_alasan,
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.pos_percontohan_ubah(
                pos=self.pos,
                oleh=self.request.user,
                is_percontohan=data["is_percontohan"],
                tahun=data.get("tahun"),
                alasan=data.get("alasan", ""),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        if data["is_percontohan"]:
            messages.success(self.request, _("%(pos)s ditetapkan sebagai pos percontohan.") % {"pos": self.pos})
        else:
            messages.success(self.request, _("Tanda percontohan %(pos)s dicabut.") % {"pos": self.pos})
        return redirect(self.pos.get_kelola_url())


class PosOperatorView(KelolaPosMixin, FormView):
    """The post's operators, for the admin provinsi: who runs it, invite one more, remove one."""

    template_name = "kelola/pos_operator.html"
    form_class = UndanganOperatorForm
    admin_only = True

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["operator_list"] = selectors.operator_list(pos=self.pos)
        return ctx

    def form_valid(self, form):
        try:
            services.undangan_kirim(
                email=form.cleaned_data["email"],
                nama=form.cleaned_data["nama"],
                peran=Peran.OPERATOR,
                pos_list=[self.pos],
                oleh=self.request.user,
                request=self.request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Undangan dikirim ke %(email)s.") % {"email": form.cleaned_data["email"]})
        return redirect("kelola:pos-operator", pos_slug=self.pos.slug)


class PosOperatorHapusView(KelolaPosMixin, TemplateView):
    """POST: take this post away from one of its operators (admin provinsi only)."""

    admin_only = True
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        user = get_object_or_404(User, pk=kwargs["user_pk"], operatorpos__pos=self.pos)
        try:
            services.operator_hapus(pos=self.pos, pengguna=user, oleh=request.user)
        except ValidationError as error:
            pesan_galat(request, error)
        else:
            messages.success(request, _("%(nama)s bukan lagi operator %(pos)s.") % {"nama": user, "pos": self.pos})
        return redirect(safe_next(request, reverse("kelola:pos-operator", kwargs={"pos_slug": self.pos.slug})))


class RingkasanProvinsiView(KelolaMixin, TemplateView):
    """The province overview: key numbers across all posts, from what every app holds.

    Admin provinsi only. Each app contributes its section through ``extensions.OVERVIEW``."""

    template_name = "kelola/ringkasan.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_admin_provinsi(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["pos"] = None
        ctx.update(extensions.context_for(extensions.OVERVIEW, request=self.request, pos=None))
        ctx.update(peta_ringkasan(self.request.GET.get("peta", "")))
        return ctx


def peta_ringkasan(kunci: str) -> dict:
    """The province overview's map: one metric per kecamatan, chosen with ``?peta=<key>`` (links,
    no script); an unknown key shows the first. Each kecamatan links to its post's overview."""
    from posyantek.models import Pos
    from posyantek.peta import metrik_semua, peta_choropleth

    semua = metrik_semua()
    if not semua:
        return {}
    metrik = semua.get(kunci) or next(iter(semua.values()))
    slug_per_kode = dict(Pos.objects.values_list("kecamatan__kode", "slug"))
    peta = peta_choropleth(
        metrik=metrik,
        nilai=metrik.hitung(),
        url=lambda kode: (
            reverse("kelola:pos-ringkasan", kwargs={"pos_slug": slug_per_kode[kode]}) if kode in slug_per_kode else ""
        ),
    )
    return {"peta": peta, "peta_pilihan": list(semua.values()), "peta_kunci": metrik.kunci}


class RingkasanPosView(KelolaPosMixin, TemplateView):
    """The same overview for one post, for its operators."""

    template_name = "kelola/ringkasan.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(extensions.context_for(extensions.OVERVIEW, request=self.request, pos=self.pos))
        return ctx
