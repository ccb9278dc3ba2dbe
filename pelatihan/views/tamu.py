"""Booking without an account, and check-in at the door (#15).

A visitor books a session with a name and a mobile number and lands on their booking's page, whose
address holds a secret token: that page shows the seat or the place on the waiting list, the booking
code, a personal QR code for the door, the session as an ``.ics`` file, and cancels. With an account
that has the same number, the page joins the booking (and the number's other guest bookings) to it.

At the door the post's operator checks people in on the session's check-in page, by the booking code,
or by opening the signed link of a participant's QR code with the phone's camera app.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.generic import FormView, TemplateView

from pelatihan import hadir, ical, selectors, services
from pelatihan.forms import KodePemesananForm, TamuDaftarForm
from pelatihan.models import Jadwal, Pendaftaran
from pelatihan.views.feeds import _base, _response
from pelatihan.views.kelola import JadwalKelolaMixin
from pelatihan.views.mixins import PostOnlyView
from posyantek.forms import add_service_errors, pesan_galat
from posyantek.http import dalam_batas
from posyantek.models import Pos

# A person books a few sessions; a script booking seats away does not get far.
PEMESANAN_PER_JAM_PER_IP = 20


def _jadwal_publik(pk: int) -> Jadwal:
    try:
        return selectors.jadwal_detail_publik(pk=pk)
    except Jadwal.DoesNotExist:
        raise Http404 from None


class TamuDaftarView(FormView):
    """The guest booking form (also shown on the session's page) and its submission."""

    template_name = "pelatihan/tamu_daftar.html"
    form_class = TamuDaftarForm

    def dispatch(self, request, *args, **kwargs):
        self.jadwal = _jadwal_publik(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            jadwal=self.jadwal,
            terbuka=self.jadwal.pendaftaran_terbuka(timezone.now()),
            penuh=self.jadwal.sisa_kursi == 0,
        )
        return ctx

    def post(self, request, *args, **kwargs):
        if not dalam_batas(request, aksi="pemesanan-tamu", batas=PEMESANAN_PER_JAM_PER_IP):
            form = self.get_form()
            form.is_valid()
            form.add_error(None, _("Terlalu banyak pemesanan dari perangkat ini. Coba lagi dalam satu jam."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            pendaftaran = services.pemesanan_tamu_buat(jadwal=self.jadwal, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        if pendaftaran.status == Pendaftaran.Status.TERKONFIRMASI:
            messages.success(self.request, _("Kursi Anda terkonfirmasi. Simpan halaman ini: tautannya rahasia."))
        else:
            messages.warning(self.request, _("Sesi penuh: Anda masuk daftar tunggu. Simpan halaman ini."))
        return redirect(pendaftaran.get_tamu_url())


class _PesananMixin:
    def get_pesanan(self) -> Pendaftaran:
        pesanan = selectors.pemesanan_tamu_untuk_token(token=self.kwargs["token"])
        if pesanan is None:
            raise Http404
        return pesanan


class PesananView(_PesananMixin, TemplateView):
    """A guest's booking page: a secret link, never indexed, never cached by a proxy."""

    template_name = "pelatihan/pesanan.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        response["Referrer-Policy"] = "same-origin"  # the token never leaves the portal in a Referer header
        return response

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        pesanan = self.get_pesanan()
        jadwal = pesanan.jadwal
        now = timezone.now()
        aktif = pesanan.status != Pendaftaran.Status.DIBATALKAN
        terkonfirmasi = pesanan.status == Pendaftaran.Status.TERKONFIRMASI
        ctx.update(
            pesanan=pesanan,
            jadwal=jadwal,
            aktif=aktif,
            qr=hadir.qr_hadir(pesanan) if terkonfirmasi and not jadwal.sudah_selesai(now) else "",
            bisa_batal=aktif and not jadwal.sudah_mulai(now),
            bisa_pesan_lagi=not aktif and jadwal.pendaftaran_terbuka(now),
            tampilkan_tautan=terkonfirmasi and jadwal.ada_daring and jadwal.status == Jadwal.Status.TERBIT,
            bisa_gabung=self.request.user.is_authenticated,
            form_lagi=TamuDaftarForm(
                initial={"nama": pesanan.nama, "telepon": pesanan.telepon, "email": pesanan.email}
            ),
            penuh=not aktif and jadwal.pendaftaran.terkonfirmasi().count() >= jadwal.kapasitas,
        )
        return ctx


class PesananBatalView(_PesananMixin, PostOnlyView):
    def post(self, request, *args, **kwargs):
        pesanan = self.get_pesanan()
        try:
            services.pendaftaran_batalkan(pendaftaran=pesanan, oleh=None)
        except ValidationError as error:
            pesan_galat(request, error)
        else:
            messages.success(request, _("Pemesanan dibatalkan. Anda boleh memesan lagi selama pendaftaran dibuka."))
        return redirect(pesanan.get_tamu_url())


class PesananGabungView(LoginRequiredMixin, _PesananMixin, PostOnlyView):
    """Join this booking (and the number's other guest bookings) to the logged-in account."""

    def post(self, request, *args, **kwargs):
        pesanan = self.get_pesanan()
        try:
            jumlah = services.pemesanan_tamu_gabungkan(pendaftaran=pesanan, oleh=request.user)
        except ValidationError as error:
            pesan_galat(request, error)
            return redirect(pesanan.get_tamu_url())
        messages.success(request, _("%(n)s pemesanan kini tercatat di akun Anda.") % {"n": jumlah})
        return redirect("pelatihan:saya")


class GabungKodeView(LoginRequiredMixin, FormView):
    """ "Pelatihan saya": type a guest booking's code to join it to the account (same phone number)."""

    template_name = "pelatihan/gabung_kode.html"
    form_class = KodePemesananForm

    def form_valid(self, form):
        pesanan = selectors.pendaftaran_untuk_kode(kode=form.cleaned_data["kode"])
        if pesanan is None or pesanan.sumber != Pendaftaran.Sumber.TAMU:
            form.add_error("kode", _("Kode ini tidak ditemukan di pemesanan tanpa akun. Periksa lagi kodenya."))
            return self.form_invalid(form)
        try:
            jumlah = services.pemesanan_tamu_gabungkan(pendaftaran=pesanan, oleh=self.request.user)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(n)s pemesanan kini tercatat di akun Anda.") % {"n": jumlah})
        return redirect("pelatihan:saya")


@require_GET
def pesanan_ics(request, token: str):
    """The booked session as a calendar file; the online link only with a confirmed seat."""
    pesanan = selectors.pemesanan_tamu_untuk_token(token=token)
    if pesanan is None:
        raise Http404
    jadwal = pesanan.jadwal
    body = ical.kalender(
        nama=jadwal.nama,
        jadwal_list=[jadwal],
        base_url=_base(request),
        tautan_untuk={jadwal.pk} if pesanan.status == Pendaftaran.Status.TERKONFIRMASI else set(),
    )
    return _response(body, filename="pelatihan.ics", private=True)


# -- at the door (the post's operators) ------------------------------------------------------------


class MasukView(JadwalKelolaMixin, FormView):
    """The session's check-in page: the door QR code, the count, and a booking code to type."""

    template_name = "pelatihan/kelola/masuk.html"
    form_class = KodePemesananForm

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        jadwal = self.get_jadwal()
        now = timezone.now()
        peserta = jadwal.pendaftaran.terkonfirmasi()
        ctx.update(
            jadwal=jadwal,
            qr_pintu=hadir.qr_pintu(jadwal),
            jumlah=peserta.count(),
            jumlah_hadir=peserta.filter(hadir=True).count(),
            buka=jadwal.sudah_mulai(now) and not jadwal.sudah_selesai(now) and jadwal.status == Jadwal.Status.TERBIT,
        )
        return ctx

    def form_valid(self, form):
        jadwal = self.get_jadwal()
        pesanan = selectors.pendaftaran_untuk_kode(kode=form.cleaned_data["kode"])
        if pesanan is None:
            form.add_error("kode", _("Kode ini tidak dikenal. Periksa lagi, atau cari nama peserta di daftar hadir."))
            return self.form_invalid(form)
        return _catat(self.request, jadwal=jadwal, pesanan=pesanan, form=form, view=self)

    def get_success_url(self):
        return self.request.path


def _catat(request, *, jadwal, pesanan, form=None, view=None):
    try:
        baru = services.kehadiran_catat(jadwal=jadwal, pendaftaran=pesanan, oleh=request.user)
    except ValidationError as error:
        if form is not None:
            add_service_errors(form, error)
            return view.form_invalid(form)
        pesan_galat(request, error)
        return None
    if baru:
        messages.success(request, _("%(nama)s hadir. Selamat datang!") % {"nama": pesanan.nama})
    else:
        messages.info(request, _("%(nama)s sudah tercatat hadir sebelumnya.") % {"nama": pesanan.nama})
    if view is not None:
        return redirect(view.get_success_url())
    return None


class HadirView(LoginRequiredMixin, TemplateView):
    """The signed link in a participant's QR code, opened by the operator's phone camera: shows who
    it is (GET reads only); one tap checks them in (POST). Another post's operator gets 404."""

    template_name = "pelatihan/hadir.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        tanda = hadir.baca_tanda(kwargs["tanda"])
        if tanda is None:
            raise Http404
        pk, jadwal_pk = tanda
        self.pesanan = get_object_or_404(Pendaftaran.objects.select_related("jadwal__pos"), pk=pk, jadwal_id=jadwal_pk)
        pos_list = Pos.objects.for_user(request.user)
        if not pos_list.filter(pk=self.pesanan.jadwal.pos_id).exists():
            raise Http404
        self.jadwal = self.pesanan.jadwal
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(pesanan=self.pesanan, jadwal=self.jadwal, pos=self.jadwal.pos)
        return ctx

    def post(self, request, *args, **kwargs):
        _catat(request, jadwal=self.jadwal, pesanan=self.pesanan)
        return redirect("pelatihan:kelola-masuk", pos_slug=self.jadwal.pos.slug, pk=self.jadwal.pk)
