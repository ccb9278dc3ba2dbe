"""Urun beli: public campaign pages with pledging, and the organising post's management pages."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, FormView, TemplateView
from django.views.generic.edit import FormMixin

from posyantek.export import ekspor_response, format_diminta
from posyantek.forms import add_service_errors, pesan_galat
from posyantek.views.kelola import KelolaPosMixin
from teknologi import selectors, services
from teknologi.forms import JanjiForm, KampanyeForm
from teknologi.models import KampanyeUrunBeli, StatusJanji, StatusKampanye


class KampanyeListView(TemplateView):
    """Every campaign of a published technology, open ones first. Expired ones show as cancelled
    (from their deadline); closing them is ``manage.py tutup_urun_beli``'s work, never a read's."""

    template_name = "teknologi/kampanye_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", "")
        ctx["kampanye_list"] = selectors.kampanye_list_publik(status=status)[:60]
        ctx["status_aktif"] = status if status in StatusKampanye.values else ""
        ctx["status_choices"] = StatusKampanye.choices
        return ctx


def _kampanye_public(pk: int) -> KampanyeUrunBeli:
    try:
        return selectors.kampanye_detail_publik(pk=pk)
    except KampanyeUrunBeli.DoesNotExist:
        raise Http404 from None


class KampanyeDetailView(FormMixin, DetailView):
    """A campaign of a published technology (404 otherwise), with the visitor's pledge form."""

    template_name = "teknologi/kampanye_detail.html"
    context_object_name = "kampanye"
    form_class = JanjiForm

    def get_object(self, queryset=None) -> KampanyeUrunBeli:
        return _kampanye_public(self.kwargs["pk"])

    @cached_property
    def janji(self):
        return selectors.janji_milik(kampanye=self.object, pengguna=self.request.user)

    def get_initial(self):
        return {
            "jumlah": self.janji.jumlah if self.janji else 1,
            "nama_usaha": self.janji.nama_usaha if self.janji else "",
        }

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            janji=self.janji,
            boleh_janji=selectors.kampanye_boleh_janji(
                kampanye=self.object, pengguna=self.request.user, janji=self.janji
            ),
        )
        return ctx


class JanjiSimpanView(KampanyeDetailView):
    """Pledge (or change one's pledge): form → ``services.janji_simpan`` → back to the campaign.
    Owners only (the form comes back with 403 for anyone else); the service holds the row lock."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not request.user.is_authenticated:
            return redirect_to_login(self.object.get_absolute_url())
        form = self.get_form()
        if form.is_valid():
            try:
                services.janji_simpan(
                    kampanye=self.object,
                    oleh=request.user,
                    jumlah=form.cleaned_data["jumlah"],
                    nama_usaha=form.cleaned_data["nama_usaha"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Janji Anda tercatat. Terima kasih!"))
                return redirect(self.object.get_absolute_url() + "#kemajuan")
        response = self.form_invalid(form)
        if not request.user.is_pemilik_ukm:
            response.status_code = 403
        return response


@require_POST
def janji_tarik(request, pk: int):
    kampanye = _kampanye_public(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(kampanye.get_absolute_url())
    try:
        services.janji_tarik(kampanye=kampanye, oleh=request.user)
    except ValidationError as error:
        pesan_galat(request, error)
    else:
        messages.success(request, _("Janji Anda sudah ditarik."))
    return redirect(kampanye.get_absolute_url())


# --- The organising post ------------------------------------------------------------------------


class KelolaKampanyeListView(KelolaPosMixin, TemplateView):
    template_name = "teknologi/kelola/kampanye_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["kampanye_list"] = (
            KampanyeUrunBeli.objects.for_pos(self.pos).select_related("teknologi").order_by("-created_at")
        )
        return ctx


class KelolaKampanyeTambahView(KelolaPosMixin, FormView):
    template_name = "teknologi/kelola/kampanye_form.html"
    form_class = KampanyeForm

    def form_valid(self, form):
        try:
            kampanye = services.kampanye_buat(pos=self.pos, oleh=self.request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Kampanye urun beli dibuka."))
        return redirect("teknologi:kelola-kampanye-detail", pos_slug=self.pos.slug, pk=kampanye.pk)


class _KampanyeScoped(KelolaPosMixin):
    def get_kampanye(self) -> KampanyeUrunBeli:
        return get_object_or_404(
            KampanyeUrunBeli.objects.for_pos(self.pos).select_related("teknologi"), pk=self.kwargs["pk"]
        )


class KelolaKampanyeDetailView(_KampanyeScoped, TemplateView):
    template_name = "teknologi/kelola/kampanye_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        kampanye = self.get_kampanye()
        janji = list(selectors.janji_list_kampanye(kampanye=kampanye))
        kampanye.jumlah_penjanji = sum(1 for j in janji if j.status == StatusJanji.AKTIF)
        ctx.update(
            kampanye=kampanye,
            janji_list=janji,
            jumlah_penjanji=kampanye.jumlah_penjanji,
            transisi=[
                (status, label)
                for status, label in StatusKampanye.choices
                if kampanye.status in services.TRANSISI.get(status, set())
            ],
        )
        return ctx


class KelolaKampanyeStatusView(_KampanyeScoped, TemplateView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        kampanye = self.get_kampanye()
        try:
            services.kampanye_status_ubah(kampanye=kampanye, status=request.POST.get("status", ""), oleh=request.user)
        except ValidationError as error:
            pesan_galat(request, error)
        else:
            messages.success(request, _("Status kampanye diperbarui."))
        return redirect("teknologi:kelola-kampanye-detail", pos_slug=self.pos.slug, pk=kampanye.pk)


class KelolaKampanyeEksporView(_KampanyeScoped, TemplateView):
    """The pledges of a campaign as CSV or XLSX, for the organising post (no phone, no address)."""

    def get(self, request, *args, **kwargs):
        fmt = format_diminta(request, dari_url=kwargs["fmt"])
        kampanye = self.get_kampanye()
        header = [
            _("Nama"),
            _("E-mail"),
            _("Nama usaha"),
            _("Jumlah unit"),
            _("Harga satuan"),
            _("Total"),
            _("Status"),
            _("Tanggal janji"),
        ]
        rows = [
            [
                j.pengguna.nama,
                j.pengguna.email,
                j.nama_usaha,
                j.jumlah,
                kampanye.harga_satuan,
                j.jumlah * kampanye.harga_satuan,
                j.get_status_display(),
                timezone.localtime(j.created_at).strftime("%Y-%m-%d %H:%M"),
            ]
            for j in selectors.janji_list_kampanye(kampanye=kampanye)
        ]
        return ekspor_response(request, f"urun-beli-{kampanye.pk}-janji", header, rows, sheet=_("Janji"), dari_url=fmt)
