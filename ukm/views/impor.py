"""Import (preview, then all-or-nothing commit) and export of the registry.

An operator imports and exports their own post (/kelola/<pos_slug>/ukm/impor/, …/ekspor/); an
admin provinsi does the same for the whole province (/kelola/provinsi/ukm/…). A preview belongs to
the person who uploaded it and to its scope: nobody else can open or commit it.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from posyantek.export import ekspor_response, format_diminta
from posyantek.forms import pesan_galat
from posyantek.views.kelola import AdminProvinsiMixin, KelolaPosMixin

from .. import selectors, services
from ..ekspor import KOLOM_EKSPOR, baris_ekspor
from ..forms import ImporForm, UkmFilterForm
from ..impor import JUDUL_BANTUAN, WAJIB
from ..models import ImporBatch, StatusImpor

TAMPIL_PER_JENIS = 300


class _Scope:
    """Names the URLs and the previews of the scope: one post, or the province (``pos`` None)."""

    def url(self, name: str, **kwargs) -> str:
        if self.pos is None:
            return reverse(f"ukm:provinsi-{name}", kwargs=kwargs)
        return reverse(f"ukm:kelola-{name}", kwargs={"pos_slug": self.pos.slug, **kwargs})

    def batches(self):
        qs = ImporBatch.objects.filter(dibuat_oleh=self.request.user)
        return qs.filter(pos__isnull=True) if self.pos is None else qs.filter(pos=self.pos)

    def get_batch(self) -> ImporBatch:
        return get_object_or_404(self.batches(), pk=self.kwargs["batch_pk"])


class _ImporView(_Scope, FormView):
    template_name = "ukm/impor_form.html"
    form_class = ImporForm

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["riwayat_impor"] = self.batches().defer("rows")[:5]
        ctx["list_url"] = self.url("list")
        ctx["scope_url"] = self.url
        ctx["kolom_wajib"] = [judul for field, judul in JUDUL_BANTUAN.items() if field in WAJIB]
        ctx["kolom_lain"] = [judul for field, judul in JUDUL_BANTUAN.items() if field not in WAJIB]
        return ctx

    def form_valid(self, form):
        try:
            batch = services.impor_pratinjau(
                upload=form.cleaned_data["berkas"],
                oleh=self.request.user,
                pos=self.pos,
                tandai_terverifikasi=form.cleaned_data["tandai_terverifikasi"],
            )
        except ValidationError as exc:
            form.add_error("berkas", exc)
            return self.form_invalid(form)
        return redirect(self.url("impor-pratinjau", batch_pk=batch.pk))


class _PratinjauView(_Scope, TemplateView):
    template_name = "ukm/impor_pratinjau.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        batch = self.get_batch()
        rows = batch.rows
        galat = [r for r in rows if r["aksi"] == "galat"]
        perbarui = [r for r in rows if r["aksi"] == "perbarui"]
        baru = [r for r in rows if r["aksi"] == "baru"]
        ctx.update(
            batch=batch,
            galat=galat,  # every row with errors is shown
            perbarui=perbarui[:TAMPIL_PER_JENIS],
            perbarui_sisa=max(0, len(perbarui) - TAMPIL_PER_JENIS),
            baru=baru[:TAMPIL_PER_JENIS],
            baru_sisa=max(0, len(baru) - TAMPIL_PER_JENIS),
            peringatan=sum(1 for r in rows if r["peringatan"]),
            simpan_url=self.url("impor-simpan", batch_pk=batch.pk),
            batal_url=self.url("impor-batal", batch_pk=batch.pk),
            impor_url=self.url("impor"),
            list_url=self.url("list"),
            bisa_disimpan=batch.status == StatusImpor.PRATINJAU and not galat and rows,
            bisa_diurungkan=services.impor_urungkan_periksa(batch=batch, oleh=self.request.user),
            urungkan_url=self.url("impor-urungkan", batch_pk=batch.pk),
        )
        return ctx


class _SimpanView(_Scope, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        batch = self.get_batch()
        if batch.jumlah_baru + batch.jumlah_perbarui > settings.IMPOR_LATAR_MIN_BARIS:
            # A large file: committed by a background task; the batch page follows it.
            try:
                services.impor_antre(batch=batch, oleh=request.user)
            except ValidationError as exc:
                pesan_galat(request, exc)
            return redirect(self.url("impor-pratinjau", batch_pk=batch.pk))
        try:
            batch = services.impor_terapkan(batch=batch, oleh=request.user)
        except ValidationError as exc:
            pesan_galat(request, exc)
            return redirect(self.url("impor-pratinjau", batch_pk=batch.pk))
        messages.success(
            request,
            _("Impor tersimpan: %(baru)s UKM baru, %(perbarui)s UKM diperbarui.")
            % {"baru": batch.jumlah_baru, "perbarui": batch.jumlah_perbarui},
        )
        return redirect(self.url("list"))


class _BatalView(_Scope, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        batch = self.get_batch()
        try:
            services.impor_batalkan(batch=batch, oleh=request.user)
        except ValidationError as exc:
            pesan_galat(request, exc)
        else:
            messages.success(request, _("Impor dibatalkan; tidak ada data yang disimpan."))
        return redirect(self.url("impor"))


class _UrungkanView(_Scope, View):
    """Undo a committed import (``services.impor_urungkan``: the same person, within a day, nothing changed)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        batch = self.get_batch()
        try:
            services.impor_urungkan(batch=batch, oleh=request.user)
        except ValidationError as exc:
            pesan_galat(request, exc)
            return redirect(self.url("impor-pratinjau", batch_pk=batch.pk))
        messages.success(
            request,
            _("Impor diurungkan: %(baru)s UKM baru dihapus, %(perbarui)s UKM dikembalikan ke data sebelumnya.")
            % {"baru": batch.jumlah_baru, "perbarui": batch.jumlah_perbarui},
        )
        return redirect(self.url("list"))


class _EksporView(View):
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        format_diminta(request, dari_url=kwargs["fmt"])  # 404 for an unknown format before any query
        form = UkmFilterForm(request.GET or None, pos=self.pos)
        params = form.params() if request.GET else {}
        qs = selectors.ukm_list_ekspor(pos=self.pos, params=params)
        name = f"ukm-{self.pos.slug if self.pos else 'dki-jakarta'}-{timezone.localdate():%Y%m%d}"
        return ekspor_response(request, name, KOLOM_EKSPOR, baris_ekspor(qs), sheet="UKM", dari_url=kwargs["fmt"])


class KelolaImporView(KelolaPosMixin, _ImporView):
    pass


class KelolaImporPratinjauView(KelolaPosMixin, _PratinjauView):
    pass


class KelolaImporSimpanView(KelolaPosMixin, _SimpanView):
    pass


class KelolaImporBatalView(KelolaPosMixin, _BatalView):
    pass


class KelolaImporUrungkanView(KelolaPosMixin, _UrungkanView):
    pass


class KelolaEksporView(KelolaPosMixin, _EksporView):
    pass


class ProvinsiImporView(AdminProvinsiMixin, _ImporView):
    pass


class ProvinsiImporPratinjauView(AdminProvinsiMixin, _PratinjauView):
    pass


class ProvinsiImporSimpanView(AdminProvinsiMixin, _SimpanView):
    pass


class ProvinsiImporBatalView(AdminProvinsiMixin, _BatalView):
    pass


class ProvinsiImporUrungkanView(AdminProvinsiMixin, _UrungkanView):
    pass


class ProvinsiEksporView(AdminProvinsiMixin, _EksporView):
    """The whole province. Above ``settings.EKSPOR_LATAR_MIN_BARIS`` rows the GET builds nothing and
    writes nothing: it shows a page whose button POSTs here, which queues a background job and
    leads to its status page (``/kelola/berkas/<id>/``). Below it, the download as before."""

    http_method_names = ["get", "post"]

    def _nama_dan_qs(self, request):
        form = UkmFilterForm(request.GET or None, pos=None)
        params = form.params() if request.GET else {}
        return f"ukm-dki-jakarta-{timezone.localdate():%Y%m%d}", selectors.ukm_list_ekspor(pos=None, params=params)

    def get(self, request, *args, **kwargs):
        fmt = format_diminta(request, dari_url=kwargs["fmt"])
        jumlah = self._nama_dan_qs(request)[1].count()
        if jumlah <= settings.EKSPOR_LATAR_MIN_BARIS:
            return super().get(request, *args, **kwargs)
        return render(
            request, "ukm/ekspor_latar.html", {"jumlah": jumlah, "format": fmt, "pos": None, "is_admin_provinsi": True}
        )

    def post(self, request, *args, **kwargs):
        fmt = format_diminta(request, dari_url=kwargs["fmt"])
        nama, qs = self._nama_dan_qs(request)
        tugas = services.ukm_ekspor_latar_minta(
            oleh=request.user, query=request.GET.urlencode(), fmt=fmt, nama_berkas=nama, baris_total=qs.count()
        )
        messages.success(
            request, _("Berkas sedang disiapkan. Halaman ini memperbarui dirinya sendiri sampai berkas siap.")
        )
        return redirect("kelola:berkas-detail", pk=tugas.pk)
