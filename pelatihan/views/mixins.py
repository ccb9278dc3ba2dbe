"""Access mixins of this app, on top of the foundation's KelolaMixin/KelolaPosMixin."""

from django.views import View

from posyantek.views.kelola import KelolaPosMixin


class PostOnlyView(View):
    """A one-off action: POST only (GET answers 405)."""

    http_method_names = ["post"]


class KelolaPosActionView(KelolaPosMixin, PostOnlyView):
    """A POST action under /kelola/<pos_slug>/…; ``self.pos`` resolved through ``for_user``."""
