"""/kelola/lomba/: the competitions, their structure, entries, juri and status.

The admin provinsi manages everything here; a juri sees the list and the page of each competition
assigned to them, with the entries they are to score.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from lomba import forms, selectors, services
from lomba.models import JuriPos, Kriteria, Status, Tingkat
from lomba.services.aturan import lomba_draf_pastikan
from lomba.views.base import LombaAreaMixin
from posyantek.forms import add_service_errors, pesan_galat
from posyantek.uploads import download_response


class LombaListView(LombaAreaMixin, TemplateView):
    template_name = "lomba/kelola_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = forms.FilterLombaForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        ctx["filter_form"] = form
        ctx["lomba_list"] = selectors.lomba_list_kelola(
            pengguna=self.request.user,
            tahun=filters.get("tahun"),
            status=filters.get("status", ""),
            tingkat=filters.get("tingkat", ""),
        )
        return ctx


class LombaCreateView(LombaAreaMixin, FormView):
    admin_only = True
    template_name = "lomba/lomba_form.html"
    form_class = forms.LombaCreateForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            lomba = services.lomba_buat(
                tahun=data["tahun"],
                kategori=data["kategori"],
                tingkat=data["tingkat"],
                kota=data.get("kota"),
                sumber_hasil=data["sumber_hasil"],
                nama=data.get("nama", ""),
                deskripsi=data.get("deskripsi", ""),
                oleh=self.request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Lomba dibuat dari templat bawaan. Periksa tahap, kriteria, dan bobotnya."))
        return redirect(lomba.get_kelola_url())


class LombaDetailView(LombaAreaMixin, TemplateView):
    """The admin's control page of a competition, or a juri's list of entries to score."""

    template_name = "lomba/kelola_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        lomba = self.lomba
        if self.is_admin:
            ctx["tahap_list"] = list(lomba.tahap_set.prefetch_related("kriteria_set"))
            ctx["masalah"] = (
                services.lomba_struktur_periksa(lomba=lomba)
                if lomba.status == Status.DRAFT and not lomba.is_impor
                else []
            )
            ctx["peserta_list"] = list(
                lomba.peserta_set.with_relasi()
                .select_related("asal__lomba")
                .annotate(jumlah_dokumen=Count("dokumen_set"))
                .order_by("pos__kecamatan__kode", "nama_luar", "pk")
            )
            ctx["penugasan_list"] = list(
                lomba.penugasan_set.select_related("juri").annotate(jumlah_subset=Count("peserta"))
            )
            if lomba.status == Status.PENILAIAN:
                ctx["matriks"] = selectors.matriks_penilaian(lomba=lomba)
        if self.penugasan is not None:
            ctx["tugas_saya"] = selectors.peserta_untuk_juri(lomba=lomba, penugasan=self.penugasan)
        return ctx


class LombaUpdateView(LombaAreaMixin, FormView):
    admin_only = True
    template_name = "lomba/lomba_update_form.html"
    form_class = forms.LombaUpdateForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.lomba}

    def form_valid(self, form):
        try:
            services.lomba_ubah(lomba=self.lomba, oleh=self.request.user, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Data lomba disimpan."))
        return redirect(self.lomba.get_kelola_url())


class BobotView(LombaAreaMixin, FormView):
    """Every weight on one page; saved only when stages and each stage's criteria add up to 100."""

    admin_only = True
    template_name = "lomba/bobot_form.html"
    form_class = forms.BobotForm

    def get_form_kwargs(self):
        self.tahap_list = list(self.lomba.tahap_set.prefetch_related("kriteria_set"))
        return {**super().get_form_kwargs(), "tahap_list": self.tahap_list}

    @property
    def dapat_diubah(self) -> bool:
        return self.lomba.status == Status.DRAFT

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.dapat_diubah:  # shown read-only, with no save button
            for field in form.fields.values():
                field.disabled = True
        return form

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, dapat_diubah=self.dapat_diubah)

    def post(self, request, *args, **kwargs):
        try:
            lomba_draf_pastikan(lomba=self.lomba)
        except ValidationError as exc:
            pesan_galat(request, exc)
            return redirect(request.path)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.bobot_simpan(
                lomba=self.lomba,
                oleh=self.request.user,
                bobot_tahap=form.bobot_tahap(),
                bobot_kriteria=form.bobot_kriteria(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Bobot disimpan."))
        return redirect(self.lomba.get_kelola_url())


class TahapFormView(LombaAreaMixin, FormView):
    admin_only = True
    template_name = "lomba/tahap_form.html"
    form_class = forms.TahapForm

    def cek_izin(self):
        pk = self.kwargs.get("tahap_pk")
        self.tahap = get_object_or_404(self.lomba.tahap_set, pk=pk) if pk else None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.tahap is not None:
            kwargs["instance"] = self.tahap
        else:
            kwargs["initial"] = {"urutan": self.lomba.tahap_set.count() + 1}
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(tahap=self.tahap, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            if self.tahap is None:
                services.tahap_buat(lomba=self.lomba, oleh=self.request.user, **data)
            else:
                services.tahap_ubah(tahap=self.tahap, oleh=self.request.user, data=data)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Tahap disimpan."))
        return redirect(self.lomba.get_kelola_url())


class KriteriaFormView(LombaAreaMixin, FormView):
    admin_only = True
    template_name = "lomba/kriteria_form.html"
    form_class = forms.KriteriaForm

    def cek_izin(self):
        if "kriteria_pk" in self.kwargs:
            self.kriteria = get_object_or_404(
                Kriteria.objects.select_related("tahap").filter(tahap__lomba=self.lomba), pk=self.kwargs["kriteria_pk"]
            )
            self.tahap = self.kriteria.tahap
        else:
            self.kriteria = None
            self.tahap = get_object_or_404(self.lomba.tahap_set, pk=self.kwargs["tahap_pk"])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.kriteria is not None:
            kwargs["instance"] = self.kriteria
        else:
            kwargs["initial"] = {"urutan": self.tahap.kriteria_set.count() + 1}
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(tahap=self.tahap, kriteria=self.kriteria, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            if self.kriteria is None:
                services.kriteria_buat(tahap=self.tahap, oleh=self.request.user, **data)
            else:
                services.kriteria_ubah(kriteria=self.kriteria, oleh=self.request.user, data=data)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Kriteria disimpan."))
        return redirect(self.lomba.get_kelola_url())


class AksiView(LombaAreaMixin, View):
    """A one-off POST action on the competition; refusals come back as messages."""

    admin_only = True
    http_method_names = ["post"]
    pesan_sukses = ""

    def post(self, request, *args, **kwargs):
        try:
            pesan = self.aksi(request) or self.pesan_sukses
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            messages.success(request, pesan)
        return redirect(self.get_redirect_url())

    def get_redirect_url(self) -> str:
        return self.lomba.get_kelola_url()

    def aksi(self, request) -> str | None:
        raise NotImplementedError


class TahapDeleteView(AksiView):
    def aksi(self, request):
        tahap = get_object_or_404(self.lomba.tahap_set, pk=self.kwargs["tahap_pk"])
        services.tahap_hapus(tahap=tahap, oleh=request.user)
        return _("Tahap “%(t)s” dihapus.") % {"t": tahap.nama}


class KriteriaDeleteView(AksiView):
    def aksi(self, request):
        kriteria = get_object_or_404(Kriteria.objects.filter(tahap__lomba=self.lomba), pk=self.kwargs["kriteria_pk"])
        services.kriteria_hapus(kriteria=kriteria, oleh=request.user)
        return _("Kriteria “%(k)s” dihapus.") % {"k": kriteria.nama}


class StatusView(AksiView):
    """Move the competition along draft → penilaian → final → diumumkan (or back to draft).

    Finalising and announcing cannot be undone, so they need the confirmation box ticked."""

    def aksi(self, request):
        ke = request.POST.get("ke", "")
        services.lomba_status_ubah(
            lomba=self.lomba, ke=ke, oleh=request.user, konfirmasi=request.POST.get("konfirmasi") == "1"
        )
        return str(PESAN_STATUS[ke])


PESAN_STATUS = {
    Status.PENILAIAN: gettext_lazy("Penilaian dibuka: juri dapat mulai menilai."),
    Status.DRAFT: gettext_lazy("Lomba dikembalikan ke draf."),
    Status.FINAL: gettext_lazy("Lomba difinalkan: peringkat ditetapkan dan semua nilai dibekukan."),
    Status.DIUMUMKAN: gettext_lazy("Hasil lomba diumumkan dan tampil di halaman publik."),
}


# --- Entries ---------------------------------------------------------------------------------------


class PesertaCreateView(LombaAreaMixin, FormView):
    admin_only = True
    template_name = "lomba/peserta_form.html"
    form_class = forms.PesertaPosForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "lomba": self.lomba}

    def form_valid(self, form):
        try:
            peserta = services.peserta_pos_buat(
                lomba=self.lomba, pos=form.cleaned_data["pos"], judul=form.cleaned_data["judul"], oleh=self.request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("%(p)s ditambahkan sebagai peserta.") % {"p": peserta.nama})
        if "lagi" in self.request.POST:
            return redirect(reverse("lomba:peserta-create", kwargs={"pk": self.lomba.pk}))
        return redirect(self.lomba.get_kelola_url())


class PesertaLuarCreateView(LombaAreaMixin, FormView):
    """An outside entrant (another province): national competitions only."""

    admin_only = True
    template_name = "lomba/peserta_luar_form.html"
    form_class = forms.PesertaLuarForm

    def cek_izin(self):
        if self.lomba.tingkat != Tingkat.NASIONAL:
            raise Http404

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            peserta = services.peserta_luar_buat(
                lomba=self.lomba,
                nama=data["nama"],
                provinsi=data["provinsi"],
                judul=data["judul"],
                oleh=self.request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("%(p)s ditambahkan sebagai peserta.") % {"p": peserta.nama})
        return redirect(self.lomba.get_kelola_url())


class PesertaBawaView(LombaAreaMixin, FormView):
    """Carry the winners of a finished lower-level competition into this one."""

    admin_only = True
    template_name = "lomba/peserta_bawa_form.html"
    form_class = forms.BawaPemenangForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "lomba": self.lomba}

    def form_valid(self, form):
        try:
            dibawa = services.peserta_pemenang_bawa(
                dari=form.cleaned_data["dari"],
                ke=self.lomba,
                peringkat_maks=form.cleaned_data["peringkat_maks"],
                oleh=self.request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("%(n)s pemenang dibawa sebagai peserta.") % {"n": len(dibawa)})
        return redirect(self.lomba.get_kelola_url())


class PesertaDetailView(LombaAreaMixin, TemplateView):
    """An entry's documents and scores. Before final a juri sees only their own scores."""

    template_name = "lomba/peserta_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        peserta = self.peserta_atau_404(self.kwargs["peserta_pk"])
        semua = self.boleh_lihat_semua_nilai
        matriks = selectors.nilai_peserta_matriks(peserta=peserta, juri=None if semua else self.request.user)
        ctx.update(
            peserta=peserta,
            dokumen_list=peserta.dokumen_set.all(),
            juri_list=matriks.juri_list,
            baris_nilai=matriks.baris,
            semua_nilai=semua,
            riwayat=selectors.riwayat_nilai(peserta=peserta)[:100] if self.is_admin else None,
            boleh_menilai=(
                self.penugasan is not None and self.lomba.status == Status.PENILAIAN and not self.lomba.is_impor
            ),
        )
        return ctx


class PesertaDeleteView(AksiView):
    def aksi(self, request):
        peserta = get_object_or_404(self.lomba.peserta_set.select_related("pos"), pk=self.kwargs["peserta_pk"])
        services.peserta_hapus(peserta=peserta, oleh=request.user)
        return _("%(p)s dihapus dari daftar peserta.") % {"p": peserta.nama}


class PesertaFavoritView(AksiView):
    def aksi(self, request):
        peserta = get_object_or_404(self.lomba.peserta_set.select_related("pos"), pk=self.kwargs["peserta_pk"])
        favorit = request.POST.get("favorit") == "1"
        services.peserta_favorit_tetapkan(peserta=peserta, favorit=favorit, oleh=request.user)
        if favorit:
            return _("%(p)s mendapat penghargaan Favorit.") % {"p": peserta.nama}
        return _("Penghargaan Favorit %(p)s dicabut.") % {"p": peserta.nama}


class DokumenUnduhView(LombaAreaMixin, View):
    """A document of an entry, for the admin and the juri who may open that entry."""

    def get(self, request, *args, **kwargs):
        peserta = self.peserta_atau_404(kwargs["peserta_pk"])
        dokumen = get_object_or_404(peserta.dokumen_set, pk=kwargs["dokumen_pk"])
        return download_response(dokumen.berkas)


# --- Juri ------------------------------------------------------------------------------------------


class PenugasanView(LombaAreaMixin, FormView):
    """The competition's juri: who, national or not, which entries; and the form to add one."""

    admin_only = True
    template_name = "lomba/penugasan.html"
    form_class = forms.PenugasanForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "lomba": self.lomba}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        penugasan = list(self.lomba.penugasan_set.select_related("juri").prefetch_related("peserta__pos"))
        ctx["penugasan_list"] = penugasan
        ctx["ikatan"] = JuriPos.objects.filter(juri__in=[p.juri_id for p in penugasan]).select_related("juri", "pos")
        return ctx

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.penugasan_buat(
                lomba=self.lomba,
                juri=data["juri"],
                is_nasional=data.get("is_nasional", False),
                peserta=list(data["peserta"]),
                oleh=self.request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("%(j)s ditugaskan sebagai juri.") % {"j": data["juri"]})
        return redirect(reverse("lomba:penugasan", kwargs={"pk": self.lomba.pk}))


class PenugasanDeleteView(AksiView):
    def get_redirect_url(self):
        return reverse("lomba:penugasan", kwargs={"pk": self.lomba.pk})

    def aksi(self, request):
        penugasan = get_object_or_404(self.lomba.penugasan_set.select_related("juri"), pk=self.kwargs["penugasan_pk"])
        services.penugasan_hapus(penugasan=penugasan, oleh=request.user)
        return _("Penugasan %(j)s dihapus.") % {"j": penugasan.juri}


class JuriPosView(LombaAreaMixin, FormView):
    """Ties between juri and posts (conflicts of interest), across all competitions."""

    admin_only = True
    template_name = "lomba/juripos.html"
    form_class = forms.JuriPosForm

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["ikatan_list"] = JuriPos.objects.select_related("juri", "pos", "pos__kecamatan__kota")
        return ctx

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.juri_pos_buat(
                juri=data["juri"], pos=data["pos"], keterangan=data["keterangan"], oleh=self.request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Keterkaitan dicatat: %(j)s tidak akan menilai %(p)s.") % {"j": data["juri"], "p": data["pos"]},
        )
        return redirect(reverse("lomba:juripos"))


class JuriPosDeleteView(LombaAreaMixin, View):
    admin_only = True
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        tie = get_object_or_404(JuriPos.objects.select_related("juri", "pos"), pk=kwargs["juripos_pk"])
        services.juri_pos_hapus(juri_pos=tie, oleh=request.user)
        messages.success(request, _("Keterkaitan %(j)s dengan %(p)s dihapus.") % {"j": tie.juri, "p": tie.pos})
        return redirect(reverse("lomba:juripos"))
