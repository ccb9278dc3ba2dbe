"""Public pages of the TTG catalogue: search, detail, the printable guide with its QR code and PDF,
and an owner's report that their UKM uses a technology."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from posyantek import versi
from posyantek.forms import add_service_errors
from posyantek.models import Pos
from posyantek.paginasi import nomor_halaman
from posyantek.uploads import download_response
from teknologi import selectors, services
from teknologi.forms import AdopsiPemilikForm
from teknologi.models import Panduan, Teknologi
from teknologi.selectors import URUTAN, Filter

PER_HALAMAN = 12


class TeknologiListView(TemplateView):
    """The catalogue: search, facets with counts, sorting, pagination. Published technologies only.

    The results and facets are rendered into the ``fragments`` cache under the data version and the
    full query string (``posyantek.versi``); the queries run lazily, so a hit runs none of them."""

    template_name = "teknologi/teknologi_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        f = Filter.dari(self.request.GET)
        nomor = nomor_halaman(self.request)

        def katalog():
            hasil = selectors.teknologi_katalog(f=f, halaman=nomor, per_halaman=PER_HALAMAN)
            return {
                "page_obj": hasil.page,
                "teknologi_list": hasil.page.object_list,
                "facet": hasil.facet,
                "saran": hasil.saran,
            }

        ctx.update(versi.konteks_malas(katalog, "page_obj", "teknologi_list", "facet", "saran"))
        ctx.update(
            filter=f,
            urutan=[(key, label) for key, (label, _o) in URUTAN.items() if key != "relevansi" or f.q],
            ada_filter=bool(f.q or f.bidang or f.harga or f.kecamatan or f.panduan or f.penghargaan),
        )
        return ctx


class TeknologiDetailView(TemplateView):
    template_name = "teknologi/teknologi_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        try:
            teknologi = selectors.teknologi_detail_publik(slug=kwargs["slug"])
        except Teknologi.DoesNotExist:
            raise Http404 from None
        ctx.update(detail_context(teknologi))
        ctx["kampanye_list"] = selectors.kampanye_list_publik().filter(teknologi=teknologi)[:3]
        # An operator (of one post, or the first of theirs) can log a demonstration from here.
        user = self.request.user
        if user.is_authenticated and getattr(user, "is_operator", False):
            ctx["pengelola_pos"] = Pos.objects.filter(operatorpos__user=user).order_by("kecamatan__kode").first()
        return ctx


def detail_context(teknologi: Teknologi) -> dict:
    """What the detail page (and the curators' preview) shows besides the technology itself."""
    try:
        panduan = teknologi.panduan
    except Panduan.DoesNotExist:
        panduan = None
    return {
        "teknologi": teknologi,
        "panduan": panduan,
        "adopsi": selectors.adopsi_ringkasan(teknologi=teknologi),
        "ulasan_list": selectors.ulasan_list_publik(teknologi=teknologi),
        "terkait_list": selectors.teknologi_terkait(teknologi=teknologi),
        "peragaan": teknologi.layanan_set.count(),  # the posts' service-log entries naming it
    }


class PanduanDetailView(TemplateView):
    """The user guide, printable on A4 with a QR code that leads back to it."""

    template_name = "teknologi/panduan_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        try:
            panduan = selectors.panduan_publik(slug=kwargs["slug"])
        except Panduan.DoesNotExist:
            raise Http404 from None
        ctx["panduan"] = panduan
        ctx["teknologi"] = panduan.teknologi
        ctx["url_absolut"] = absolute_url(panduan.teknologi.get_panduan_url())
        ctx["url_bagian"] = url_bagian(ctx["url_absolut"])
        return ctx


def url_bagian(url: str) -> list[str]:
    """The guide's address as printed under its QR code: without "https://" (nobody types it) and
    cut after each "/", so the caption wraps between path segments, never inside a word."""
    tanpa_skema = url.split("://", 1)[-1]
    bagian = tanpa_skema.split("/")
    return [part + "/" for part in bagian[:-1]] + ([bagian[-1]] if bagian[-1] else [])


def absolute_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def panduan_qr(request, slug: str):
    """The guide's QR code as SVG, made on the server (for the printed poster at the post)."""
    import qrcode
    import qrcode.image.svg

    if not Teknologi.objects.published().filter(slug=slug, panduan__isnull=False).exists():
        raise Http404
    url = absolute_url(Teknologi(slug=slug).get_panduan_url())
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, border=2, box_size=10)
    response = HttpResponse(image.to_string(encoding="unicode"), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


def panduan_pdf(request, slug: str):
    """The guide's PDF, always as a download (never rendered inline on the portal's origin)."""
    panduan = get_object_or_404(
        Panduan.objects.select_related("teknologi"), teknologi__slug=slug, teknologi__status="terbit"
    )
    if not panduan.pdf:
        raise Http404
    return download_response(panduan.pdf, filename=f"panduan-{panduan.teknologi.slug}.pdf")


def panduan_poster(request, slug: str):
    """The guide's notice-board poster as a PDF (A4, or A3 with ``?ukuran=a3``): the name, a photo,
    the first three steps, the safety notes and a large QR code that opens the guide on a phone."""
    from posyantek.pdf import buat_pdf, pdf_response, qr_data_uri

    try:
        panduan = selectors.panduan_publik(slug=slug)
    except Panduan.DoesNotExist:
        raise Http404 from None
    ukuran = "A3" if request.GET.get("ukuran", "").lower() == "a3" else "A4"
    teknologi = panduan.teknologi
    foto = teknologi.foto or next((f.foto for f in teknologi.foto_set.order_by("urutan", "pk")[:1]), None)
    url = absolute_url(teknologi.get_panduan_url())
    pdf = buat_pdf(
        "pdf/poster_panduan.html",
        {
            "teknologi": teknologi,
            "panduan": panduan,
            "langkah": list(panduan.langkah_set.order_by("urutan", "pk")[:3]),
            "foto_url": foto.url if foto else "",
            "qr": qr_data_uri(url),
            "url_absolut": url,
        },
        ukuran=ukuran,
    )
    nama = f"poster-{teknologi.slug}-{ukuran.lower()}.pdf"
    return pdf_response(pdf, nama_berkas=nama, cache="public, max-age=3600")


class AdopsiLaporView(LoginRequiredMixin, FormView):
    """A UKM owner reports that their business uses a technology; an operator of their post approves."""

    template_name = "teknologi/adopsi_form.html"
    form_class = AdopsiPemilikForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_pemilik_ukm:
            raise PermissionDenied
        self.teknologi = get_object_or_404(Teknologi.objects.published(), slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(teknologi=self.teknologi, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.adopsi_catat(
                teknologi=self.teknologi,
                pos=data["pos"],
                nama_usaha=data["nama_usaha"],
                ukm=data.get("ukm"),
                oleh=self.request.user,
                pemilik=self.request.user,
                sejak=data["sejak"],
                rating=data["rating"],
                catatan=data["catatan"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Terima kasih. Laporan Anda akan tampil setelah diperiksa operator pos."))
        return redirect(self.teknologi.get_absolute_url())
