"""Scoring and results: the juri's score form, who has scored what, the ranking, the berita acara,
the CSV export and the model posts."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from lomba import forms, selectors, services
from lomba.models import Nilai, Status
from lomba.views.base import LombaAreaMixin
from posyantek.export import ekspor_response
from posyantek.forms import add_service_errors


class NilaiView(LombaAreaMixin, FormView):
    """A juri scores one entry: every criterion of every stage, within its scale.

    Only the assigned juri (an admin who is not assigned gets 403), only entries their assignment
    covers (404 otherwise), never a post they are tied to (403 with the reason). The form shows the
    juri's own scores only."""

    template_name = "lomba/nilai_form.html"
    form_class = forms.NilaiForm

    def cek_izin(self):
        if self.penugasan is None:
            raise PermissionDenied

    def get_form_kwargs(self):
        self.peserta = self.peserta_atau_404(self.kwargs["peserta_pk"], sebagai_juri=True)
        self.tahap_list = list(self.lomba.tahap_set.prefetch_related("kriteria_set"))
        nilai_awal = dict(
            Nilai.objects.filter(juri=self.request.user, peserta=self.peserta).values_list("kriteria_id", "nilai")
        )
        self.terisi = len(nilai_awal)
        return {**super().get_form_kwargs(), "tahap_list": self.tahap_list, "nilai_awal": nilai_awal}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.terbuka:
            for field in form.fields.values():
                field.disabled = True
        return form

    @property
    def terbuka(self) -> bool:
        return self.lomba.status == Status.PENILAIAN

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            peserta=self.peserta,
            terbuka=self.terbuka,
            terisi=self.terisi,
            jumlah_kriteria=sum(len(t.kriteria_set.all()) for t in self.tahap_list),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not self.terbuka:
            # Frozen after final, not yet open in a draft: the service says which, and writes nothing.
            try:
                services.nilai_simpan(oleh=request.user, peserta=self.peserta, nilai={})
            except ValidationError as exc:
                add_service_errors(form, exc)
            return self.form_invalid(form)
        return self.form_valid(form) if form.is_valid() else self.form_invalid(form)

    def form_valid(self, form):
        try:
            changed = services.nilai_simpan(oleh=self.request.user, peserta=self.peserta, nilai=form.nilai())
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Nilai untuk %(p)s disimpan (%(n)s perubahan).") % {"p": self.peserta.nama, "n": changed}
        )
        return redirect(self.lomba.get_kelola_url())


class MatriksView(LombaAreaMixin, TemplateView):
    """Who has scored what: juri × entries with completion (admin only)."""

    admin_only = True
    template_name = "lomba/matriks.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(matriks=selectors.matriks_penilaian(lomba=self.lomba), **kwargs)


class HasilAksesMixin:
    """The ranking: the admin at any time (provisional while scoring); a juri once final."""

    def cek_izin(self):
        if not self.boleh_lihat_semua_nilai:
            raise PermissionDenied


class HasilView(HasilAksesMixin, LombaAreaMixin, TemplateView):
    template_name = "lomba/hasil.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        lomba = self.lomba
        hasil = None if lomba.is_impor else selectors.hasil_lomba(lomba=lomba)
        baris = selectors.baris_tampil(lomba=lomba, hasil=hasil)
        ctx.update(hasil=hasil, baris=baris)
        ctx["chart_total"] = [(b.peserta.nama_pendek, b.total) for b in baris if b.total is not None]
        if hasil is not None:
            ctx["tahap_list"] = hasil.tahap_list
            ctx["kriteria_list"] = hasil.kriteria_list
            ctx["cocok"] = hasil.sama_dengan_tersimpan() if lomba.is_selesai else None
            peserta_list = [b.peserta for b in baris]
            form = forms.BandingkanForm(self.request.GET or None, peserta_list=peserta_list)
            a = b = None
            if form.is_valid():
                a, b = form.cleaned_data.get("a"), form.cleaned_data.get("b")
            by_id = {row.peserta.pk: row for row in baris}
            if not (a in by_id and b in by_id and a != b) and len(baris) >= 2:
                a, b = baris[0].peserta.pk, baris[1].peserta.pk
                form = forms.BandingkanForm(initial={"a": a, "b": b}, peserta_list=peserta_list)
            ctx["bandingkan_form"] = form
            if a in by_id and b in by_id:
                ra, rb = by_id[a], by_id[b]
                ctx["bandingkan"] = (ra, rb)
                ctx["bandingkan_series"] = [ra.peserta.nama_pendek, rb.peserta.nama_pendek]
                ctx["bandingkan_groups"] = [
                    (f"{k.tahap.nama.split()[0]} · {k.nama}", [va, vb])
                    for k, va, vb in zip(hasil.kriteria_list, ra.per_kriteria, rb.per_kriteria, strict=True)
                ]
        return ctx


class HasilCsvView(HasilAksesMixin, LombaAreaMixin, View):
    """The ranking as CSV: ranks, awards, totals, stage scores and criterion means."""

    def get(self, request, *args, **kwargs):
        lomba = self.lomba
        hasil = None if lomba.is_impor else selectors.hasil_lomba(lomba=lomba)
        baris = selectors.baris_tampil(lomba=lomba, hasil=hasil)
        tahap_list = hasil.tahap_list if hasil else []
        kriteria_list = hasil.kriteria_list if hasil else []
        header = [
            _("Peringkat"),
            _("Penghargaan"),
            _("Favorit"),
            _("Peserta"),
            _("Kota/Provinsi"),
            _("Judul"),
            *[_("Tahap: %(t)s") % {"t": t.nama} for t in tahap_list],
            _("Nilai akhir"),
            *[f"{k.tahap.nama} · {k.nama}" for k in kriteria_list],
            _("Status"),
        ]
        status = _("Final") if lomba.is_selesai else _("Sementara")
        rows = [
            [
                b.peringkat or "",
                b.penghargaan,
                _("Ya") if b.peserta.is_favorit else "",
                b.peserta.nama,
                b.peserta.wilayah,
                b.peserta.judul,
                *[v if v is not None else "" for v in b.per_tahap],
                b.total if b.total is not None else "",
                *[v if v is not None else "" for v in b.per_kriteria],
                status,
            ]
            for b in baris
        ]
        return ekspor_response(request, f"peringkat-{slugify(lomba.nama)[:60]}", header, rows)


class BeritaAcaraView(LombaAreaMixin, TemplateView):
    """The printable record of the result: ranking, formula, tie rules, and the juri's signatures."""

    template_name = "lomba/berita_acara.html"

    def cek_izin(self):
        if not self.lomba.is_selesai:
            raise PermissionDenied

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        lomba = self.lomba
        tahap_list = list(lomba.tahap_set.all())
        ctx.update(
            tahap_list=tahap_list,
            baris=[(p, p.nilai_tahap_list(tahap_list)) for p in selectors.hasil_tersimpan(lomba=lomba)],
            juri_list=[p.juri for p in lomba.penugasan_set.select_related("juri")],
            tanggal=timezone.localtime(lomba.difinalkan_at).date() if lomba.difinalkan_at else None,
        )
        return ctx


class BeritaAcaraPdfView(BeritaAcaraView):
    """The same record as an A4 PDF, ready to print, sign and stamp (same access rules as the page)."""

    def render_to_response(self, context, **response_kwargs):
        from posyantek.pdf import buat_pdf, pdf_response

        pdf = buat_pdf("pdf/berita_acara.html", context)
        return pdf_response(pdf, nama_berkas=f"berita-acara-{self.lomba.tahun}-{self.lomba.pk}.pdf")


class PercontohanView(LombaAreaMixin, FormView):
    """Mark the winners as model posts in one step (suggested: Juara I, or the best post of each kota)."""

    admin_only = True
    template_name = "lomba/percontohan_form.html"
    form_class = forms.PercontohanForm

    def cek_izin(self):
        if not self.lomba.is_selesai:
            raise PermissionDenied

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "lomba": self.lomba}

    def form_valid(self, form):
        try:
            pos_list = services.lomba_percontohan_tandai(
                lomba=self.lomba,
                peserta_ids=[p.pk for p in form.cleaned_data["peserta"]],
                alasan=form.cleaned_data["alasan"],
                oleh=self.request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(n)s pos ditetapkan sebagai pos percontohan %(t)s.") % {"n": len(pos_list), "t": self.lomba.tahun},
        )
        return redirect(reverse("lomba:hasil", kwargs={"pk": self.lomba.pk}))
