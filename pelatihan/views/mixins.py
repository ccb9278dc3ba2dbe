"""Access mixins of this app, on top of the foundation's KelolaMixin/KelolaPosMixin."""

from django.core.exceptions import PermissionDenied
from django.views import View

from posyantek.permissions import is_admin_provinsi
from posyantek.views.kelola import KelolaMixin, KelolaPosMixin


class AdminProvinsiMixin(KelolaMixin):
    """Admin provinsi only: anonymous → login page, anyone else → 403."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_admin_provinsi(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PostOnlyView(View):
    """A one-off action: POST only (GET answers 405)."""

    http_method_names = ["post"]


class KelolaPosActionView(KelolaPosMixin, PostOnlyView):
    """A POST action under /kelola/<pos_slug>/…; ``self.pos`` resolved through ``for_user``."""
