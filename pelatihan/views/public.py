"""Public pages: the schedule (list and month calendar), a session, registration, feedback and
certificate verification."""

import calendar
from datetime import UTC, date, timedelta
from urllib.parse import quote, urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from pelatihan import ical, selectors, services
from pelatihan.forms import JadwalFilterForm, SertifikatCariForm, TamuDaftarForm, UmpanBalikForm, normalisasi_kode
from pelatihan.models import Jadwal, Pendaftaran, Sertifikat
from pelatihan.permissions import alasan_tidak_boleh_daftar, can_manage_pos
from pelatihan.views.mixins import PostOnlyView
from posyantek import versi
from posyantek.forms import add_service_errors, pesan_galat
from posyantek.paginasi import halaman
from posyantek.whatsapp import tautan_bagi_wa

PER_HALAMAN = 20


class JadwalListView(TemplateView):
    """Upcoming published sessions, filtered by place, topic and mode, with seats left."""

    template_name = "pelatihan/jadwal_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)

        def daftar():  # lazy: the list is a {% fragmen %}, and a cache hit needs none of this
            form = JadwalFilterForm(self.request.GET or None)  # its choices cost two queries
            filters = form.filters()
            page = halaman(self.request, selectors.jadwal_list_publik(**filters), per_halaman=PER_HALAMAN)
            return {
                "form": form,
                "page_obj": page,
                "jadwal_list": page.object_list,
                "ada_filter": bool(filters),
                "filter_qs": _filter_qs(filters),
            }

        ctx.update(versi.konteks_malas(daftar, "form", "page_obj", "jadwal_list", "ada_filter", "filter_qs"))
        ctx.update(_langganan(self.request))
        return ctx


def _langganan(request) -> dict:
    """The calendar feed that matches the schedule on screen: filtered by a kecamatan, that post's
    own feed; otherwise the whole province's."""
    pos = selectors.pos_untuk_kecamatan(slug=request.GET.get("kecamatan", ""))
    path = reverse("pelatihan:feed-pos", kwargs={"slug": pos.slug}) if pos else reverse("pelatihan:feed-semua")
    return {
        "feed_pos": pos,
        "feed_path": path,
        "feed_url": request.build_absolute_uri(path),
        "webcal_url": "webcal://" + request.get_host() + path,
    }


def _filter_qs(filters: dict) -> str:
    """The valid filters as a query string (slugs for places), to carry between list and calendar."""
    return urlencode({key: getattr(value, "slug", value) for key, value in filters.items()})


def _bulan_dari(text: str) -> date:
    """The first day of the month in ``?bulan=YYYY-MM``; this month for anything else."""
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in (text or "").split("-"))
        if 2011 <= year <= today.year + 5 and 1 <= month <= 12:
            return date(year, month, 1)
    except ValueError:
        pass
    return today.replace(day=1)


class KalenderBulanView(TemplateView):
    """A month calendar of published sessions (a server-rendered table, no JavaScript)."""

    template_name = "pelatihan/kalender_bulan.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = JadwalFilterForm(self.request.GET or None)
        awal = _bulan_dari(self.request.GET.get("bulan", ""))
        weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(awal.year, awal.month)
        per_hari: dict[date, list[Jadwal]] = {}
        for jadwal in selectors.jadwal_list_rentang(awal=weeks[0][0], akhir=weeks[-1][-1], **form.filters()):
            per_hari.setdefault(timezone.localtime(jadwal.mulai).date(), []).append(jadwal)
        today = timezone.localdate()
        ctx["minggu"] = [
            [
                {
                    "tanggal": day,
                    "jadwal": per_hari.get(day, []),
                    "bulan_ini": day.month == awal.month,
                    "hari_ini": day == today,
                }
                for day in week
            ]
            for week in weeks
        ]
        sebelum = (awal - timedelta(days=1)).replace(day=1)
        sesudah = (awal + timedelta(days=32)).replace(day=1)
        filters = form.filters()
        jumlah = sum(len(v) for d, v in per_hari.items() if d.month == awal.month)
        akhir_bulan = sesudah - timedelta(days=1)
        ctx.update(
            form=form,
            awal=awal,
            ada_filter=bool(filters),
            filter_qs=_filter_qs(filters),
            jumlah=jumlah,
            berikutnya=None if jumlah else selectors.jadwal_berikutnya(setelah=akhir_bulan, **filters),
            bulan_sebelum=f"{sebelum:%Y-%m}",
            bulan_sesudah=f"{sesudah:%Y-%m}",
            bulan_ini=f"{today:%Y-%m}",
            nama_hari=[_("Sen"), _("Sel"), _("Rab"), _("Kam"), _("Jum"), _("Sab"), _("Min")],
        )
        ctx.update(_langganan(self.request))
        return ctx


def _gcal_url(jadwal: Jadwal, url: str) -> str:
    fmt = "%Y%m%dT%H%M%SZ"
    params = {
        "action": "TEMPLATE",
        "text": jadwal.nama,
        "dates": f"{jadwal.mulai.astimezone(UTC):{fmt}}/{jadwal.selesai.astimezone(UTC):{fmt}}",
        "details": url,
        "location": ical.lokasi(jadwal),
        "ctz": "Asia/Jakarta",
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(params)


class JadwalDetailView(TemplateView):
    """A session: time, place, seats left, trainers; register/cancel; share and add to calendar.
    The online link is shown only to people with a confirmed seat (and the post's operators)."""

    template_name = "pelatihan/jadwal_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        try:
            jadwal = selectors.jadwal_detail_publik(pk=kwargs["pk"])
        except Jadwal.DoesNotExist:
            raise Http404 from None
        user = self.request.user
        now = timezone.now()
        saya = selectors.pendaftaran_saya(jadwal=jadwal, pengguna=user)
        aktif = saya is not None and saya.status != Pendaftaran.Status.DIBATALKAN
        terkonfirmasi = saya is not None and saya.status == Pendaftaran.Status.TERKONFIRMASI
        pengelola = user.is_authenticated and can_manage_pos(user, jadwal.pos)
        absolute = self.request.build_absolute_uri(jadwal.get_absolute_url())
        waktu = timezone.localtime(jadwal.mulai)
        judul_bagi = f"{jadwal.nama} — {waktu:%d-%m-%Y %H.%M} WIB, {jadwal.pos.nama}"
        ctx.update(
            jadwal=jadwal,
            saya=saya if aktif else None,
            pernah_batal=saya is not None and not aktif,
            terbuka=jadwal.pendaftaran_terbuka(now),
            belum_buka=bool(jadwal.pendaftaran_buka and now < jadwal.pendaftaran_buka),
            alasan_tidak_boleh=alasan_tidak_boleh_daftar(user, jadwal) if user.is_authenticated else "",
            penuh=jadwal.sisa_kursi == 0,
            tampilkan_tautan=(terkonfirmasi or pengelola)
            and jadwal.ada_daring
            and jadwal.status == Jadwal.Status.TERBIT,
            bisa_batal=aktif and not jadwal.sudah_mulai(now),
            bisa_umpan_balik=terkonfirmasi and saya.hadir and jadwal.sudah_mulai(now),
            pengelola=pengelola,
            pelatih_list=list(jadwal.pelatih.all()),
            wa_url=tautan_bagi_wa(judul=judul_bagi, path=absolute),
            gcal_url=_gcal_url(jadwal, absolute),
            login_url=reverse("account_login") + "?next=" + quote(jadwal.get_absolute_url()),
            form_tamu=TamuDaftarForm(),
        )
        return ctx


class _JadwalActionView(PostOnlyView):
    def dispatch(self, request, *args, **kwargs):
        self.jadwal = get_object_or_404(
            Jadwal.objects.select_related("pos"),
            pk=kwargs["pk"],
            status__in=[Jadwal.Status.TERBIT, Jadwal.Status.DIBATALKAN],
        )
        if not request.user.is_authenticated:
            return redirect_to_login(self.jadwal.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)


class DaftarView(_JadwalActionView):
    """One-step registration of the logged-in person (seat or waiting list)."""

    def post(self, request, *args, **kwargs):
        try:
            pendaftaran = services.pendaftaran_buat(jadwal=self.jadwal, oleh=request.user)
        except ValidationError as error:
            pesan_galat(request, error)
        else:
            if pendaftaran.status == Pendaftaran.Status.TERKONFIRMASI:
                messages.success(
                    request, _("Anda terdaftar. Konfirmasi dan berkas kalender kami kirim ke e-mail Anda.")
                )
            else:
                messages.warning(
                    request, _("Sesi penuh: Anda masuk daftar tunggu. Kami kabari lewat e-mail bila ada kursi.")
                )
        return redirect(self.jadwal.get_absolute_url())


class BatalView(_JadwalActionView):
    """The participant cancels their own seat (or waiting-list place) before the session starts."""

    def post(self, request, *args, **kwargs):
        pendaftaran = Pendaftaran.objects.filter(jadwal=self.jadwal, user=request.user).first()
        if pendaftaran is None:
            raise Http404
        try:
            services.pendaftaran_batalkan(pendaftaran=pendaftaran, oleh=request.user)
        except ValidationError as error:
            pesan_galat(request, error)
        else:
            messages.success(request, _("Pendaftaran Anda dibatalkan."))
        return redirect(self.jadwal.get_absolute_url())


class UmpanBalikView(LoginRequiredMixin, FormView):
    """A participant who attended rates the session and may comment."""

    template_name = "pelatihan/umpan_balik_form.html"
    form_class = UmpanBalikForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.pendaftaran = get_object_or_404(
            Pendaftaran.objects.select_related("jadwal__pos", "jadwal__program", "umpan_balik"),
            jadwal_id=kwargs["pk"],
            user=request.user,
            status=Pendaftaran.Status.TERKONFIRMASI,
        )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        umpan_balik = getattr(self.pendaftaran, "umpan_balik", None)
        return {"nilai": umpan_balik.nilai, "komentar": umpan_balik.komentar} if umpan_balik else {}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["jadwal"] = self.pendaftaran.jadwal
        ctx["boleh"] = self.pendaftaran.hadir and self.pendaftaran.jadwal.sudah_mulai()
        return ctx

    def form_valid(self, form):
        try:
            services.umpan_balik_kirim(
                pendaftaran=self.pendaftaran,
                oleh=self.request.user,
                nilai=form.cleaned_data["nilai"],
                komentar=form.cleaned_data["komentar"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Terima kasih atas umpan balik Anda."))
        return redirect(reverse("pelatihan:saya"))


class SertifikatCariView(FormView):
    """Type a certificate code to check it."""

    template_name = "pelatihan/sertifikat_cari.html"
    form_class = SertifikatCariForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if "kode" in self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_bound and form.is_valid():
            return redirect(reverse("pelatihan:sertifikat", kwargs={"kode": form.cleaned_data["kode"]}))
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        return self.get(request, *args, **kwargs)


def _sertifikat_sah(kode: str) -> Sertifikat | None:
    return (
        Sertifikat.objects.select_related("pendaftaran__jadwal__pos__kecamatan__kota", "pendaftaran__jadwal__program")
        .filter(kode=kode, pendaftaran__hadir=True)
        .first()
    )


def sertifikat_pdf(request, kode: str):
    """The certificate as an A4 PDF (landscape): name, session, post, signatory and a QR code that
    leads to the public verification page. Public like the page: the code is the secret."""
    from posyantek.pdf import buat_pdf, pdf_response, qr_data_uri, url_mutlak

    sertifikat = _sertifikat_sah(normalisasi_kode(kode))
    if sertifikat is None:
        raise Http404
    jadwal = sertifikat.pendaftaran.jadwal
    nama_ttd, jabatan_ttd = selectors.penandatangan_sertifikat(jadwal=jadwal)
    verifikasi_url = url_mutlak(sertifikat.get_absolute_url())
    pdf = buat_pdf(
        "pdf/sertifikat.html",
        {
            "sertifikat": sertifikat,
            "jadwal": jadwal,
            "verifikasi_url": verifikasi_url,
            "qr": qr_data_uri(verifikasi_url),
            "nama_ttd": nama_ttd,
            "jabatan_ttd": jabatan_ttd,
        },
    )
    return pdf_response(pdf, nama_berkas=f"sertifikat-{sertifikat.kode}.pdf", cache="private, max-age=3600")


class SertifikatView(TemplateView):
    """A certificate of attendance, printable, verifiable by anyone with its code. Shows name,
    session, date and post only — nothing more private."""

    template_name = "pelatihan/sertifikat.html"

    def get(self, request, *args, **kwargs):
        kode = normalisasi_kode(kwargs["kode"])
        if kode != kwargs["kode"] and kode:
            return redirect(reverse("pelatihan:sertifikat", kwargs={"kode": kode}), permanent=True)
        self.sertifikat = _sertifikat_sah(kode)
        if self.sertifikat is None:
            response = self.render_to_response({"kode": kwargs["kode"][:40], "sertifikat": None})
            response.status_code = 404
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        import qrcode
        import qrcode.image.svg
        from django.utils.safestring import mark_safe

        ctx = super().get_context_data(**kwargs)
        url = self.request.build_absolute_uri(self.sertifikat.get_absolute_url())
        image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
        ctx.update(
            sertifikat=self.sertifikat,
            jadwal=self.sertifikat.pendaftaran.jadwal,
            verifikasi_url=url,
            qr_svg=mark_safe(image.to_string(encoding="unicode")),  # generated from our own URL
        )
        return ctx
