"""Pieces shared by the registry's views."""

from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator

from posyantek.permissions import is_admin_provinsi

PER_HALAMAN = 25


def paginate(request, qs, per_page: int = PER_HALAMAN):
    """A page of ``qs`` from ``?page=``; an out-of-range or junk page number shows the nearest page."""
    return Paginator(qs, per_page).get_page(request.GET.get("page"))


def add_service_error(form, exc: ValidationError) -> None:
    """Put a service's refusal on the form: per field when it names one the form has."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


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
