"""Rankings for the admin provinsi (by year, and Jakarta's national history) and the import of
national results from the national committee's CSV."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from lomba import forms, selectors, services
from lomba.models import ImporStatus, Kategori, Tingkat
from lomba.views.base import LombaAreaMixin
from posyantek.export import ekspor_response
from posyantek.forms import add_service_errors
from posyantek.models import Pos


class ImporMixin:
    """Only national competitions whose results come from the national committee's CSV."""

    def cek_izin(self):
        if self.lomba.tingkat != Tingkat.NASIONAL or not self.lomba.is_impor:
            raise Http404


class ImporView(ImporMixin, LombaAreaMixin, FormView):
    admin_only = True
    template_name = "lomba/impor_form.html"
    form_class = forms.ImporForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(impor_list=self.lomba.impor_set.select_related("created_by")[:10], **kwargs)

    def form_valid(self, form):
        berkas = form.cleaned_data["berkas"]
        berkas.seek(0)
        try:
            impor = services.impor_nasional_pratinjau(
                lomba=self.lomba, nama_berkas=berkas.name, data=berkas.read(), oleh=self.request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        return redirect(reverse("lomba:impor-pratinjau", kwargs={"pk": self.lomba.pk, "impor_pk": impor.pk}))


class ImporPratinjauView(ImporMixin, LombaAreaMixin, TemplateView):
    """What the file says, before anything changes; applying it is one POST, all or nothing."""

    admin_only = True
    template_name = "lomba/impor_pratinjau.html"

    def get_impor(self):
        return get_object_or_404(self.lomba.impor_set, pk=self.kwargs["impor_pk"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        impor = self.get_impor()
        pos_map = Pos.objects.in_bulk([b["pos_id"] for b in impor.baris if b.get("pos_id")])
        ctx.update(
            impor=impor,
            baris=[(b, pos_map.get(b.get("pos_id"))) for b in impor.baris],
            boleh_terapkan=impor.status == ImporStatus.PRATINJAU
            and not impor.kesalahan
            and bool(impor.baris)
            and not self.lomba.is_selesai,
        )
        return ctx

    def post(self, request, *args, **kwargs):
        impor = self.get_impor()
        try:
            services.impor_nasional_terapkan(impor=impor, oleh=request.user)
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
            return redirect(reverse("lomba:impor-pratinjau", kwargs={"pk": self.lomba.pk, "impor_pk": impor.pk}))
        messages.success(
            request, _("Hasil nasional diterapkan: %(n)s peserta berperingkat, lomba final.") % {"n": len(impor.baris)}
        )
        return redirect(reverse("lomba:hasil", kwargs={"pk": self.lomba.pk}))


class ImporBatalView(ImporMixin, LombaAreaMixin, View):
    admin_only = True
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        impor = get_object_or_404(self.lomba.impor_set, pk=kwargs["impor_pk"])
        try:
            services.impor_nasional_batalkan(impor=impor, oleh=request.user)
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("Impor dibatalkan; tidak ada yang berubah."))
        return redirect(reverse("lomba:impor", kwargs={"pk": self.lomba.pk}))


def _tahun_dipilih(request, tahun_list: list[int]) -> int:
    try:
        tahun = int(request.GET.get("tahun", ""))
    except ValueError:
        tahun = 0
    if tahun in tahun_list:
        return tahun
    return tahun_list[0] if tahun_list else timezone.localdate().year


class PeringkatView(LombaAreaMixin, TemplateView):
    """Provincial and national rankings of a year with their stage breakdown, charts, and Jakarta's
    best national rank across the years (admin provinsi)."""

    admin_only = True
    template_name = "lomba/peringkat.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun_list = selectors.tahun_list()
        tahun = _tahun_dipilih(self.request, tahun_list)
        blok = []
        for lomba in selectors.lomba_peringkat_tahun(tahun=tahun):
            tahap_list = list(lomba.tahap_set.all())
            rows = [(p, p.nilai_tahap_list(tahap_list)) for p in lomba.peserta_urut]
            blok.append(
                {
                    "lomba": lomba,
                    "tahap_list": tahap_list,
                    "rows": rows,
                    "chart": [(p.nama_pendek, p.nilai_akhir) for p, _stages in rows if p.nilai_akhir is not None][:15],
                }
            )
        riwayat = selectors.riwayat_nasional_dki()
        ctx.update(
            tahun=tahun,
            tahun_list=tahun_list,
            blok=blok,
            riwayat=riwayat,
            riwayat_chart=[
                (f"{r.tahun} · {Kategori(r.lomba.kategori).label}", r.terbaik.peringkat)
                for r in riwayat
                if r.terbaik is not None
            ],
        )
        return ctx


class PeringkatCsvView(LombaAreaMixin, View):
    """Every finished ranking of a year in one CSV."""

    admin_only = True

    def get(self, request, *args, **kwargs):
        tahun = kwargs["tahun"]
        header = [
            _("Tahun"),
            _("Lomba"),
            _("Tingkat"),
            _("Kategori"),
            _("Peringkat"),
            _("Penghargaan"),
            _("Favorit"),
            _("Peserta"),
            _("Kota/Provinsi"),
            _("Nilai akhir"),
        ]
        rows = []
        for lomba in selectors.lomba_peringkat_tahun(tahun=tahun):
            for p in lomba.peserta_urut:
                rows.append(
                    [
                        lomba.tahun,
                        lomba.nama,
                        lomba.get_tingkat_display(),
                        lomba.get_kategori_display(),
                        p.peringkat or "",
                        p.penghargaan,
                        _("Ya") if p.is_favorit else "",
                        p.nama,
                        p.wilayah,
                        p.nilai_akhir if p.nilai_akhir is not None else "",
                    ]
                )
        return ekspor_response(request, f"peringkat-lomba-{tahun}", header, rows)


class RiwayatCsvView(LombaAreaMixin, View):
    """Jakarta's entries in every finished national competition, with their ranks."""

    admin_only = True

    def get(self, request, *args, **kwargs):
        header = [
            _("Tahun"),
            _("Lomba"),
            _("Kategori"),
            _("Jumlah peserta"),
            _("Peserta DKI"),
            _("Peringkat"),
            _("Penghargaan"),
            _("Nilai akhir"),
        ]
        rows = []
        for r in selectors.riwayat_nasional_dki():
            for p in r.peserta_dki or [None]:
                rows.append(
                    [
                        r.tahun,
                        r.lomba.nama,
                        r.lomba.get_kategori_display(),
                        r.jumlah_peserta,
                        p.nama if p else "",
                        (p.peringkat or "") if p else "",
                        p.penghargaan if p else "",
                        p.nilai_akhir if p and p.nilai_akhir is not None else "",
                    ]
                )
        return ekspor_response(request, "riwayat-nasional-dki", header, rows)
