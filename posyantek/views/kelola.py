"""The operators' area. Every /kelola/<pos_slug>/… view inherits KelolaPosMixin."""

from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from posyantek import extensions, services
from posyantek.forms import PosProfilForm
from posyantek.models import Pos
from posyantek.permissions import can_use_kelola, is_admin_provinsi


class KelolaMixin(AccessMixin):
    """Logged-in operators, juri and admins provinsi only; anonymous users go to the login page."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not can_use_kelola(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class KelolaPosMixin(AccessMixin):
    """Resolves ``self.pos`` from the URL through ``Pos.objects.for_user``.

    A post the user may not manage answers 404, exactly like a post that does not exist, so the
    area never tells an operator which other posts exist. Child rows must be fetched through
    ``self.pos`` (``self.pos.ukm_set.get(pk=...)``), never by bare primary key.
    """

    pos: Pos

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.pos = get_object_or_404(Pos.objects.for_user(request.user).with_wilayah(), slug=kwargs["pos_slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["pos"] = self.pos
        ctx["is_admin_provinsi"] = is_admin_provinsi(self.request.user)
        return ctx


class KelolaIndexView(KelolaMixin, TemplateView):
    """Choose among my posts. An operator with exactly one post goes straight to it."""

    template_name = "kelola/index.html"

    def get(self, request, *args, **kwargs):
        pos_list = list(Pos.objects.for_user(request.user).with_wilayah())
        if len(pos_list) == 1 and not is_admin_provinsi(request.user) and not request.user.is_juri:
            return redirect(pos_list[0].get_kelola_url())
        ctx = self.get_context_data(pos_list=pos_list)
        ctx.update(extensions.context_for(extensions.KELOLA_INDEX, request=request, user=request.user))
        return self.render_to_response(ctx)


class PosDasborView(KelolaPosMixin, TemplateView):
    template_name = "kelola/pos_dasbor.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(extensions.context_for(extensions.POS_DASBOR, request=self.request, pos=self.pos))
        return ctx


class PosProfilUbahView(KelolaPosMixin, FormView):
    template_name = "kelola/pos_profil_form.html"
    form_class = PosProfilForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.pos
        return kwargs

    def form_valid(self, form):
        services.pos_profile_update(pos=self.pos, oleh=self.request.user, data=form.cleaned_data)
        messages.success(self.request, _("Profil pos disimpan."))
        return redirect(self.pos.get_kelola_url())


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
        return ctx


class RingkasanPosView(KelolaPosMixin, TemplateView):
    """The same overview for one post, for its operators."""

    template_name = "kelola/ringkasan.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(extensions.context_for(extensions.OVERVIEW, request=self.request, pos=self.pos))
        return ctx
