"""A post's operators (and admins provinsi): sessions, participants and check-in, programmes,
volunteers assigned to the post and their activity. Every view resolves ``self.pos`` through
``KelolaPosMixin`` and fetches child rows through it (another post's rows answer 404)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Avg, Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from pelatihan import selectors, services
from pelatihan.forms import (
    AktivitasFilterForm,
    BatalJadwalForm,
    JadwalForm,
    KehadiranForm,
    PeriodeForm,
    ProgramForm,
    TolakAktivitasForm,
    WalkinForm,
)
from pelatihan.models import AktivitasRelawan, Jadwal, Pendaftaran, Program
from pelatihan.templatetags.pelatihan_tags import jam as format_jam
from pelatihan.views.mixins import KelolaPosActionView
from pelatihan.views.reports import laporan_csv_response
from posyantek.export import ekspor_response
from posyantek.forms import add_service_errors, pesan_galat
from posyantek.paginasi import halaman_kunci
from posyantek.views.kelola import KelolaPosMixin


class JadwalKelolaMixin(KelolaPosMixin):
    """Resolves ``self.jadwal`` through ``self.pos`` (404 for another post's session)."""

    def get_jadwal(self) -> Jadwal:
        if not hasattr(self, "jadwal"):
            self.jadwal = get_object_or_404(
                Jadwal.objects.for_pos(self.pos)
                .select_related("program", "pos")
                .prefetch_related("program__topik_set"),
                pk=self.kwargs["pk"],
            )
        return self.jadwal


class JadwalListView(KelolaPosMixin, TemplateView):
    """The post's coming sessions (drafts and cancelled too) and, paginated, the past ones."""

    template_name = "pelatihan/kelola/jadwal_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page = halaman_kunci(self.request, selectors.jadwal_list_untuk_pos(pos=self.pos, lewat=True), per_halaman=20)
        ctx.update(
            mendatang=selectors.jadwal_list_untuk_pos(pos=self.pos),
            page_obj=page,
            lewat=page.object_list,
            feed_url=self.request.build_absolute_uri(reverse("pelatihan:feed-pos", kwargs={"slug": self.pos.slug})),
        )
        return ctx


class _JadwalFormMixin(KelolaPosMixin):
    template_name = "pelatihan/kelola/jadwal_form.html"
    form_class = JadwalForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["pos"] = self.pos
        return kwargs


class JadwalBaruView(_JadwalFormMixin, FormView):
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Jadwal(pos=self.pos)
        return kwargs

    def get_initial(self):
        initial = super().get_initial()
        program_id = self.request.GET.get("program")
        if program_id and program_id.isdigit():
            initial["program"] = program_id
        return initial

    def form_valid(self, form):
        try:
            jadwal = services.jadwal_buat(
                pos=self.pos,
                oleh=self.request.user,
                data=form.service_data(),
                pelatih=list(form.cleaned_data["pelatih"]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Sesi dibuat."))
        return redirect(jadwal.get_kelola_url())


class JadwalUbahView(JadwalKelolaMixin, _JadwalFormMixin, FormView):
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_jadwal()
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["jadwal"] = self.get_jadwal()
        return ctx

    def form_valid(self, form):
        jadwal = self.get_jadwal()
        if jadwal.status == Jadwal.Status.DIBATALKAN:
            form.add_error(None, _("Sesi yang sudah dibatalkan tidak bisa diubah."))
            return self.form_invalid(form)
        try:
            services.jadwal_ubah(
                jadwal=jadwal,
                oleh=self.request.user,
                data=form.service_data(),
                pelatih=list(form.cleaned_data["pelatih"]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Sesi diperbarui."))
        return redirect(jadwal.get_kelola_url())


class JadwalDetailView(JadwalKelolaMixin, TemplateView):
    """Participants of a session — the check-in list, waiting list, walk-in form and feedback.
    Names and phone numbers are shown here, to this post's operators only."""

    template_name = "pelatihan/kelola/jadwal_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        jadwal = self.get_jadwal()
        peserta = list(selectors.pendaftaran_list_untuk_jadwal(jadwal=jadwal))
        terkonfirmasi = [p for p in peserta if p.status == Pendaftaran.Status.TERKONFIRMASI]
        now = timezone.now()
        ringkas_umpan_balik = selectors.umpan_balik_untuk_jadwal(jadwal=jadwal).aggregate(
            rata=Avg("nilai"), jumlah=Count("pk")
        )
        ctx.update(
            jadwal=jadwal,
            pelatih_list=list(jadwal.pelatih.all()),
            terkonfirmasi=terkonfirmasi,
            menunggu=[p for p in peserta if p.status == Pendaftaran.Status.MENUNGGU],
            dibatalkan=[p for p in peserta if p.status == Pendaftaran.Status.DIBATALKAN],
            jumlah_hadir=sum(1 for p in terkonfirmasi if p.hadir),
            sisa=max(jadwal.kapasitas - len(terkonfirmasi), 0),
            bisa_absen=jadwal.status != Jadwal.Status.DIBATALKAN and jadwal.sudah_mulai(now),
            bisa_batal_peserta=not jadwal.sudah_mulai(now),
            bisa_tambah=jadwal.status != Jadwal.Status.DIBATALKAN and not jadwal.sudah_selesai(now),
            bisa_batalkan_sesi=jadwal.status != Jadwal.Status.DIBATALKAN and not jadwal.sudah_selesai(now),
            bisa_ubah=jadwal.status != Jadwal.Status.DIBATALKAN,
            walkin_form=kwargs.get("walkin_form") or WalkinForm(),
            batal_form=kwargs.get("batal_form") or BatalJadwalForm(),
            umpan_balik=[p.umpan_balik for p in peserta if hasattr(p, "umpan_balik")],
            ringkas_umpan_balik=ringkas_umpan_balik,
        )
        return ctx


class KehadiranView(JadwalKelolaMixin, KelolaPosActionView):
    """Save the check-in list (from the start of the session on)."""

    def post(self, request, *args, **kwargs):
        jadwal = self.get_jadwal()
        form = KehadiranForm(request.POST, peserta=list(jadwal.pendaftaran.terkonfirmasi()))
        if not form.is_valid():
            pesan_galat(request, form)
            return redirect(jadwal.get_kelola_url())
        try:
            hasil = services.kehadiran_tetapkan(
                jadwal=jadwal, oleh=request.user, hadir_ids=set(form.cleaned_data["hadir"])
            )
        except ValidationError as error:
            pesan_galat(request, error)
        else:
            messages.success(
                request,
                _("Kehadiran disimpan: %(hadir)d ditandai hadir, %(tidak)d ditandai tidak hadir.")
                % {"hadir": hasil["hadir"], "tidak": hasil["tidak_hadir"]},
            )
        return redirect(jadwal.get_kelola_url() + "#daftar-hadir")


class WalkinView(JadwalKelolaMixin, KelolaPosActionView):
    """Register a participant without an account (name and phone)."""

    def post(self, request, *args, **kwargs):
        jadwal = self.get_jadwal()
        form = WalkinForm(request.POST)
        if form.is_valid():
            try:
                pendaftaran = services.pendaftaran_tamu_buat(jadwal=jadwal, oleh=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if pendaftaran.status == Pendaftaran.Status.TERKONFIRMASI:
                    messages.success(request, _("%(nama)s terdaftar.") % {"nama": pendaftaran.nama})
                else:
                    messages.warning(
                        request, _("Sesi penuh: %(nama)s masuk daftar tunggu.") % {"nama": pendaftaran.nama}
                    )
                return redirect(jadwal.get_kelola_url())
        pesan_galat(request, form)
        return redirect(jadwal.get_kelola_url() + "#tambah-peserta")


class PesertaBatalView(JadwalKelolaMixin, KelolaPosActionView):
    """The operator cancels a participant's seat (the next person waiting is promoted)."""

    def post(self, request, *args, **kwargs):
        jadwal = self.get_jadwal()
        pendaftaran = get_object_or_404(jadwal.pendaftaran.all(), pk=kwargs["pendaftaran_pk"])
        try:
            promoted = services.pendaftaran_batalkan(pendaftaran=pendaftaran, oleh=request.user)
        except ValidationError as error:
            pesan_galat(request, error)
        else:
            text = _("Pendaftaran %(nama)s dibatalkan.") % {"nama": pendaftaran.nama}
            if promoted:
                text += " " + _("%(nama)s naik dari daftar tunggu.") % {"nama": ", ".join(p.nama for p in promoted)}
            messages.success(request, text)
        return redirect(jadwal.get_kelola_url())


class JadwalBatalkanView(JadwalKelolaMixin, KelolaPosActionView):
    def post(self, request, *args, **kwargs):
        jadwal = self.get_jadwal()
        form = BatalJadwalForm(request.POST)
        if form.is_valid():
            try:
                services.jadwal_batalkan(jadwal=jadwal, oleh=request.user, alasan=form.cleaned_data["alasan"])
            except ValidationError as error:
                pesan_galat(request, error)
            else:
                messages.success(request, _("Sesi dibatalkan. Semua peserta diberi tahu lewat e-mail."))
        else:
            pesan_galat(request, form)
        return redirect(jadwal.get_kelola_url())


class PesertaCsvView(JadwalKelolaMixin, TemplateView):
    """The participant list as CSV — no phone numbers or e-mail addresses (exports never carry them)."""

    def get(self, request, *args, **kwargs):
        jadwal = self.get_jadwal()
        rows = []
        for nomor, p in enumerate(selectors.pendaftaran_list_untuk_jadwal(jadwal=jadwal), start=1):
            sertifikat = getattr(p, "sertifikat", None)
            rows.append(
                [
                    nomor,
                    p.nama,
                    p.get_status_display(),
                    p.posisi or "",
                    p.get_sumber_display(),
                    timezone.localtime(p.created_at).strftime("%Y-%m-%d %H:%M"),
                    _("ya") if p.hadir else _("tidak"),
                    sertifikat.kode if sertifikat and p.hadir else "",
                ]
            )
        header = [
            _("No."),
            _("Nama"),
            _("Status"),
            _("Posisi tunggu"),
            _("Cara mendaftar"),
            _("Terdaftar pada"),
            _("Hadir"),
            _("Kode sertifikat"),
        ]
        return ekspor_response(request, f"peserta-{self.pos.slug}-{jadwal.pk}", header, rows)


class ProgramListView(KelolaPosMixin, TemplateView):
    """Programmes this post may schedule: its own (editable) and the provincial ones."""

    template_name = "pelatihan/kelola/program_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["program_list"] = (
            Program.objects.terbaca_pos(self.pos)
            .prefetch_related("topik_set")
            .annotate(jumlah_sesi=Count("jadwal_set", filter=Q(jadwal_set__pos=self.pos)))
            .order_by("pos", "nama")
        )
        return ctx


class _ProgramFormMixin(KelolaPosMixin):
    template_name = "pelatihan/kelola/program_form.html"
    form_class = ProgramForm

    def get_success_url(self):
        return reverse("pelatihan:kelola-program-list", kwargs={"pos_slug": self.pos.slug})


class ProgramBaruView(_ProgramFormMixin, FormView):
    def form_valid(self, form):
        try:
            services.program_buat(
                pos=self.pos, oleh=self.request.user, data=form.service_data(), topik=form.cleaned_data["topik"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Program dibuat."))
        return redirect(self.get_success_url())


class ProgramUbahView(_ProgramFormMixin, FormView):
    """Only the post's own programmes; provincial ones are changed by the admin provinsi."""

    def get_program(self) -> Program:
        if not hasattr(self, "program"):
            self.program = get_object_or_404(Program.objects.for_pos(self.pos), pk=self.kwargs["pk"])
        return self.program

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_program()
        return kwargs

    def form_valid(self, form):
        try:
            services.program_ubah(
                program=self.get_program(),
                oleh=self.request.user,
                data=form.service_data(),
                topik=form.cleaned_data["topik"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Program diperbarui."))
        return redirect(self.get_success_url())


class RelawanListView(KelolaPosMixin, TemplateView):
    """Volunteers assigned to this post, with contact details and this year's hours here."""

    template_name = "pelatihan/kelola/relawan_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = PeriodeForm(self.request.GET or None)
        dari, sampai = form.periode()
        ctx.update(
            form=form,
            dari=dari,
            sampai=sampai,
            relawan_list=selectors.relawan_list_untuk_pos(pos=self.pos, dari=dari, sampai=sampai),
            jumlah_menunggu=AktivitasRelawan.objects.for_pos(self.pos).menunggu().count(),
        )
        return ctx


class AktivitasListView(KelolaPosMixin, TemplateView):
    """Activity volunteers logged for this post: waiting entries first, to confirm or decline."""

    template_name = "pelatihan/kelola/aktivitas_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = AktivitasFilterForm(self.request.GET or None)
        page = halaman_kunci(
            self.request, selectors.aktivitas_list_untuk_pos(pos=self.pos, status=form.status_value()), per_halaman=30
        )
        ctx.update(form=form, page_obj=page, aktivitas_list=page.object_list, tolak_form=TolakAktivitasForm())
        return ctx


class _AktivitasActionView(KelolaPosActionView):
    def get_aktivitas(self) -> AktivitasRelawan:
        return get_object_or_404(
            AktivitasRelawan.objects.for_pos(self.pos).select_related("relawan__user"), pk=self.kwargs["pk"]
        )

    def back(self):
        return redirect(reverse("pelatihan:kelola-aktivitas-list", kwargs={"pos_slug": self.pos.slug}))


class AktivitasKonfirmasiView(_AktivitasActionView):
    def post(self, request, *args, **kwargs):
        aktivitas = self.get_aktivitas()
        try:
            services.aktivitas_konfirmasi(aktivitas=aktivitas, oleh=request.user)
        except ValidationError as error:
            pesan_galat(request, error)
        else:
            messages.success(
                request,
                _("%(jam)s jam %(nama)s dikonfirmasi.")
                % {"jam": format_jam(aktivitas.jam), "nama": aktivitas.relawan.user},
            )
        return self.back()


class AktivitasTolakView(_AktivitasActionView):
    def post(self, request, *args, **kwargs):
        aktivitas = self.get_aktivitas()
        form = TolakAktivitasForm(request.POST)
        if not form.is_valid():
            pesan_galat(request, form)
            return self.back()
        try:
            services.aktivitas_tolak(aktivitas=aktivitas, oleh=request.user, alasan=form.cleaned_data["alasan"])
        except ValidationError as error:
            pesan_galat(request, error)
        else:
            messages.success(request, _("Aktivitas ditolak."))
        return self.back()


class LaporanView(KelolaPosMixin, TemplateView):
    """Confirmed volunteer hours at this post per volunteer, month and kind, for a period."""

    template_name = "pelatihan/kelola/laporan.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = PeriodeForm(self.request.GET or None)
        dari, sampai = form.periode()
        ctx.update(
            form=form, dari=dari, sampai=sampai, laporan=selectors.laporan_jam(dari=dari, sampai=sampai, pos=self.pos)
        )
        ctx["csv_url"] = reverse("pelatihan:kelola-laporan-csv", kwargs={"pos_slug": self.pos.slug})
        return ctx


class LaporanCsvView(KelolaPosMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        form = PeriodeForm(request.GET or None)
        dari, sampai = form.periode()
        return laporan_csv_response(request, dari=dari, sampai=sampai, pos=self.pos)
