"""The yearly reports (``posyantek/laporan.py``): a post's, for its operators and the admin provinsi,
and the province's, for the admin provinsi. GET only reads: a report is made afresh from the records
on every request and never stored (attaching one to a Lomba entry is the Lomba's POST)."""

from django.db.models import Min
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from posyantek import extensions, laporan
from posyantek.pdf import pdf_response

from .kelola import AdminProvinsiMixin, KelolaPosMixin

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_response(data: bytes, *, nama_berkas: str) -> HttpResponse:
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{nama_berkas}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def tahun_dari(kwargs) -> int:
    tahun = kwargs["tahun"]
    if not laporan.tahun_sah(tahun):
        raise Http404
    return tahun


def daftar_tahun(pos=None) -> list[int]:
    """This year and every earlier year back to the first record (service log, training, news), newest
    first; at most back to ``laporan.TAHUN_AWAL``."""
    from pelatihan.models import Jadwal
    from posyantek.models import Kabar, LogLayanan

    ini = timezone.localdate().year
    lingkup = laporan.Lingkup(pos=pos)
    awal = [
        lingkup.saring(LogLayanan.objects.all()).aggregate(a=Min("tanggal"))["a"],
        lingkup.saring(Kabar.objects.all()).aggregate(a=Min("tanggal"))["a"],
        lingkup.saring(Jadwal.objects.all()).aggregate(a=Min("mulai"))["a"],
    ]
    pertama = min((a.year for a in awal if a is not None), default=ini)
    return list(range(ini, max(pertama, laporan.TAHUN_AWAL) - 1, -1))


class LaporanPosIndexView(KelolaPosMixin, TemplateView):
    """/kelola/<slug>/laporan/: the post's years, each as PDF and DOCX, and what the apps add beside
    them (the Lomba: attach the report to the year's entry)."""

    template_name = "kelola/laporan_index.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun_list = daftar_tahun(self.pos)
        ctx["tahun_list"] = tahun_list
        ctx.update(
            extensions.context_for(extensions.LAPORAN_POS, request=self.request, pos=self.pos, tahun_list=tahun_list)
        )
        return ctx


class LaporanPosPdfView(KelolaPosMixin, View):
    def get(self, request, *args, **kwargs):
        tahun = tahun_dari(kwargs)
        return pdf_response(
            laporan.buat_pdf_pos(self.pos, tahun),
            nama_berkas=laporan.nama_berkas(pos=self.pos, tahun=tahun, ekstensi="pdf"),
        )


class LaporanPosDocxView(KelolaPosMixin, View):
    def get(self, request, *args, **kwargs):
        tahun = tahun_dari(kwargs)
        data = laporan.buat_docx(laporan.konteks_pos(self.pos, tahun))
        return docx_response(data, nama_berkas=laporan.nama_berkas(pos=self.pos, tahun=tahun, ekstensi="docx"))


class LaporanProvinsiIndexView(AdminProvinsiMixin, TemplateView):
    template_name = "kelola/laporan_provinsi_index.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["tahun_list"] = daftar_tahun()
        return ctx


class LaporanProvinsiPdfView(AdminProvinsiMixin, View):
    def get(self, request, *args, **kwargs):
        tahun = tahun_dari(kwargs)
        return pdf_response(
            laporan.buat_pdf_provinsi(tahun), nama_berkas=laporan.nama_berkas(tahun=tahun, ekstensi="pdf")
        )


class LaporanProvinsiDocxView(AdminProvinsiMixin, View):
    def get(self, request, *args, **kwargs):
        tahun = tahun_dari(kwargs)
        data = laporan.buat_docx(laporan.konteks_provinsi(tahun))
        return docx_response(data, nama_berkas=laporan.nama_berkas(tahun=tahun, ekstensi="docx"))
