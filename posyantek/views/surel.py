"""The outbox for the admin provinsi: e-mails not yet delivered, and resending one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from posyantek import selectors, services
from posyantek.forms import pesan_galat
from posyantek.models import Surel
from posyantek.paginasi import halaman
from posyantek.views.kelola import AdminProvinsiMixin


class SurelListView(AdminProvinsiMixin, TemplateView):
    """Messages waiting to be sent or given up on, oldest first, with the last error."""

    template_name = "kelola/surel_list.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page = halaman(self.request, selectors.surel_list_belum_terkirim(), per_halaman=self.paginate_by)
        ctx.update(page_obj=page, surel_list=page.object_list, pos=None)
        return ctx


class SurelKirimUlangView(AdminProvinsiMixin, View):
    """POST: put one undelivered message back in the queue."""

    http_method_names = ["post"]

    def post(self, request, pk: int):
        surel = get_object_or_404(Surel, pk=pk)
        try:
            services.surel_kirim_ulang(surel=surel, oleh=request.user)
        except ValidationError as error:
            pesan_galat(request, error)
        else:
            messages.success(request, _("Surel dimasukkan lagi ke antrean kirim."))
        return redirect("kelola:surel-list")
