"""Pieces shared by the registry's views."""

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator

from posyantek.permissions import is_admin_provinsi

PER_HALAMAN = 25


def paginate(request, qs, per_page: int = PER_HALAMAN):
    """A page of ``qs`` from ``?page=``; an out-of-range or junk page number shows the nearest page."""
    return Paginator(qs, per_page).get_page(request.GET.get("page"))


class AdminProvinsiMixin(AccessMixin):
    """Province-wide pages of the registry: admin provinsi only (403 for others, login for anonymous)."""

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
