"""The operators' and curators' area of the catalogue.

Operators (``/kelola/<pos>/teknologi/…``, through ``KelolaPosMixin``) propose technologies and
write their guides while they are drafts, declare what their post demonstrates, and record and
approve the adoptions of their kecamatan. The admin provinsi (``/kelola/teknologi/…``, 403 for
everyone else) edits anything, publishes and unpublishes, and reads the history of changes.
"""

from datetime import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from posyantek.forms import add_service_errors, pesan_galat
from posyantek.models import User
from posyantek.paginasi import halaman
from posyantek.views.kelola import AdminProvinsiMixin, KelolaPosMixin
from teknologi import selectors, services
from teknologi.forms import (
    AdopsiOperatorForm,
    KembalikanForm,
    LangkahFormSet,
    MasalahFormSet,
    PanduanForm,
    PeragaForm,
    PerawatanFormSet,
    TeknologiForm,
)
from teknologi.models import Adopsi, Panduan, StatusAdopsi, StatusTeknologi, Teknologi, TeknologiPos
from teknologi.views.public import detail_context


class KurasiMixin(AdminProvinsiMixin):
    """The province's curation of the catalogue (admin provinsi only)."""

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["kurasi"] = True
        return ctx


class _Teknologi:
    """How an edit page finds its technology and where it goes next, for operators and curators."""

    kurasi = False

    def get_teknologi(self) -> Teknologi:
        if self.kurasi:
            return get_object_or_404(Teknologi, slug=self.kwargs["slug"])
        teknologi = get_object_or_404(Teknologi.objects.terbaca_pos(self.pos), slug=self.kwargs["slug"])
        return teknologi

    def boleh_ubah(self, teknologi: Teknologi) -> bool:
        return self.kurasi or teknologi.status != StatusTeknologi.TERBIT

    def url_kembali(self, teknologi: Teknologi) -> str:
        if self.kurasi:
            return reverse("teknologi:kurasi-pratinjau", kwargs={"slug": teknologi.slug})
        return reverse(
            "teknologi:kelola-teknologi-pratinjau", kwargs={"pos_slug": self.pos.slug, "slug": teknologi.slug}
        )

    def url_panduan(self, teknologi: Teknologi) -> str:
        if self.kurasi:
            return reverse("teknologi:kurasi-panduan-ubah", kwargs={"slug": teknologi.slug})
        return reverse("teknologi:kelola-panduan-ubah", kwargs={"pos_slug": self.pos.slug, "slug": teknologi.slug})


class TeknologiFormMixin(_Teknologi):
    template_name = "teknologi/kelola/teknologi_form.html"
    tambah = False

    def get(self, request, *args, **kwargs):
        teknologi = None if self.tambah else self.get_teknologi()
        if teknologi is not None and not self.boleh_ubah(teknologi):
            messages.warning(request, _("Teknologi yang sudah terbit hanya dapat diubah oleh admin provinsi."))
            return redirect(self.url_kembali(teknologi))
        form = TeknologiForm(instance=teknologi)
        return self.render_to_response(self.get_context_data(form=form, teknologi=teknologi))

    def post(self, request, *args, **kwargs):
        teknologi = None if self.tambah else self.get_teknologi()
        if teknologi is not None and not self.boleh_ubah(teknologi):
            raise PermissionDenied
        form = TeknologiForm(request.POST, request.FILES, instance=teknologi or Teknologi())
        if form.is_valid():
            try:
                teknologi = services.teknologi_simpan(
                    data=form.data_teknologi(),
                    oleh=request.user,
                    teknologi=teknologi,
                    pos=None if self.kurasi else self.pos,
                    foto=form.cleaned_data.get("foto_baru"),
                    foto_tambahan=form.cleaned_data.get("foto_tambahan"),
                    foto_tambahan_keterangan=form.cleaned_data.get("foto_tambahan_keterangan", ""),
                    hapus_foto=form.cleaned_data.get("hapus_foto") or [],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Teknologi disimpan."))
                if self.tambah:
                    messages.info(request, _("Sekarang tulis panduan pemakaiannya."))
                    return redirect(self.url_panduan(teknologi))
                return redirect(self.url_kembali(teknologi))
        return self.render_to_response(self.get_context_data(form=form, teknologi=teknologi))


class KelolaTeknologiTambahView(TeknologiFormMixin, KelolaPosMixin, TemplateView):
    tambah = True


class KelolaTeknologiUbahView(TeknologiFormMixin, KelolaPosMixin, TemplateView):
    pass


class KurasiTeknologiTambahView(TeknologiFormMixin, KurasiMixin, TemplateView):
    kurasi = True
    tambah = True


class KurasiTeknologiUbahView(TeknologiFormMixin, KurasiMixin, TemplateView):
    kurasi = True


class PanduanFormMixin(_Teknologi):
    """Writes the whole guide at once: intro, safety, PDF and three lists (steps, maintenance,
    troubleshooting) as formsets."""

    template_name = "teknologi/kelola/panduan_form.html"

    def _initial(self, teknologi: Teknologi):
        try:
            panduan = teknologi.panduan
        except Panduan.DoesNotExist:
            return None, {}, [], [], []
        return (
            panduan,
            {
                "pengantar": panduan.pengantar,
                "pengantar_en": panduan.pengantar_en,
                "keselamatan": panduan.keselamatan,
                "keselamatan_en": panduan.keselamatan_en,
            },
            [
                {"teks": s.teks, "teks_en": s.teks_en, "foto_lama": s.foto.name, "ORDER": s.urutan}
                for s in panduan.langkah_set.all()
            ],
            [
                {"frekuensi": p.frekuensi, "kegiatan": p.kegiatan, "kegiatan_en": p.kegiatan_en}
                for p in panduan.perawatan_set.all()
            ],
            [
                {f: getattr(m, f) for f in ("masalah", "penyebab", "solusi", "masalah_en", "penyebab_en", "solusi_en")}
                for m in panduan.masalah_set.all()
            ],
        )

    def _forms(self, teknologi, data=None, files=None):
        panduan, initial, langkah, perawatan, masalah = self._initial(teknologi)
        foto_sah = {row["foto_lama"] for row in langkah if row["foto_lama"]}
        return panduan, (
            PanduanForm(data, files, initial=initial),
            LangkahFormSet(data, files, initial=langkah, prefix="langkah", foto_sah=foto_sah),
            PerawatanFormSet(data, initial=perawatan, prefix="perawatan"),
            MasalahFormSet(data, initial=masalah, prefix="masalah"),
        )

    def _render(self, teknologi, panduan, forms_):
        form, langkah, perawatan, masalah = forms_
        return self.render_to_response(
            self.get_context_data(
                teknologi=teknologi,
                panduan=panduan,
                form=form,
                langkah_formset=langkah,
                perawatan_formset=perawatan,
                masalah_formset=masalah,
                url_kembali=self.url_kembali(teknologi),
            )
        )

    def get(self, request, *args, **kwargs):
        teknologi = self.get_teknologi()
        if not self.boleh_ubah(teknologi):
            messages.warning(request, _("Teknologi yang sudah terbit hanya dapat diubah oleh admin provinsi."))
            return redirect(self.url_kembali(teknologi))
        panduan, forms_ = self._forms(teknologi)
        return self._render(teknologi, panduan, forms_)

    def post(self, request, *args, **kwargs):
        teknologi = self.get_teknologi()
        if not self.boleh_ubah(teknologi):
            raise PermissionDenied
        panduan, forms_ = self._forms(teknologi, request.POST, request.FILES)
        form, langkah, perawatan, masalah = forms_
        if all(f.is_valid() for f in forms_):
            steps = [
                {
                    "teks": row["teks"],
                    "teks_en": row.get("teks_en", ""),
                    "foto": row.get("foto"),
                    "foto_lama": row.get("foto_lama", ""),
                }
                for row in langkah.rows()
            ]
            try:
                services.panduan_simpan(
                    teknologi=teknologi,
                    data=form.cleaned_data,
                    langkah=steps,
                    perawatan=perawatan.rows(),
                    masalah=masalah.rows(),
                    pdf=form.cleaned_data.get("pdf"),
                    hapus_pdf=form.cleaned_data.get("hapus_pdf"),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Panduan disimpan."))
                return redirect(self.url_kembali(teknologi))
        return self._render(teknologi, panduan, forms_)


class KelolaPanduanUbahView(PanduanFormMixin, KelolaPosMixin, TemplateView):
    pass


class KurasiPanduanUbahView(PanduanFormMixin, KurasiMixin, TemplateView):
    kurasi = True


class PratinjauMixin(_Teknologi):
    """A technology as the public will see it (drafts included), with the actions allowed on it."""

    template_name = "teknologi/kelola/teknologi_pratinjau.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        teknologi = self.get_teknologi()
        teknologi = (
            selectors.teknologi_list_kartu(qs=Teknologi.objects.filter(pk=teknologi.pk))
            .select_related("panduan", "diusulkan_pos", "diusulkan_oleh")
            .prefetch_related("foto_set", "pos_demo__pos__kecamatan__kota")
            .get()
        )
        ctx.update(detail_context(teknologi))
        ctx.update(
            boleh_ubah=self.boleh_ubah(teknologi),
            url_ubah=self.url_ubah(teknologi),
            url_panduan=self.url_panduan(teknologi),
            kembalikan_form=KembalikanForm(),
        )
        return ctx

    def url_ubah(self, teknologi):
        if self.kurasi:
            return reverse("teknologi:kurasi-ubah", kwargs={"slug": teknologi.slug})
        return reverse("teknologi:kelola-teknologi-ubah", kwargs={"pos_slug": self.pos.slug, "slug": teknologi.slug})


class KelolaTeknologiPratinjauView(PratinjauMixin, KelolaPosMixin, TemplateView):
    pass


class KurasiPratinjauView(PratinjauMixin, KurasiMixin, TemplateView):
    kurasi = True


class KelolaTeknologiAjukanView(_Teknologi, KelolaPosMixin, TemplateView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        teknologi = self.get_teknologi()
        try:
            services.teknologi_ajukan(teknologi=teknologi, oleh=request.user)
        except ValidationError as error:
            pesan_galat(request, error)
        else:
            messages.success(request, _("Usulan dikirim ke admin provinsi untuk diterbitkan."))
        return redirect(self.url_kembali(teknologi))


class KurasiTerbitkanView(_Teknologi, KurasiMixin, TemplateView):
    http_method_names = ["post"]
    kurasi = True

    def post(self, request, *args, **kwargs):
        teknologi = self.get_teknologi()
        try:
            services.teknologi_terbitkan(teknologi=teknologi, oleh=request.user)
        except ValidationError as error:
            pesan_galat(request, error)
        else:
            messages.success(request, _("Teknologi diterbitkan dan tampil di katalog."))
        return redirect(self.url_kembali(teknologi))


class KurasiKembalikanView(_Teknologi, KurasiMixin, TemplateView):
    http_method_names = ["post"]
    kurasi = True

    def post(self, request, *args, **kwargs):
        teknologi = self.get_teknologi()
        form = KembalikanForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(" ".join(form.errors["catatan"]))
            services.teknologi_kembalikan(teknologi=teknologi, oleh=request.user, catatan=form.cleaned_data["catatan"])
        except ValidationError as error:
            pesan_galat(request, error)
        else:
            messages.success(request, _("Teknologi dikembalikan ke draf dan tidak tampil lagi di katalog."))
        return redirect(self.url_kembali(teknologi))


class KurasiListView(KurasiMixin, TemplateView):
    """Every technology by status: the proposals waiting for publication first."""

    template_name = "teknologi/kelola/kurasi_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", "")
        qs = Teknologi.objects.select_related("diusulkan_pos").order_by("status", "nama")
        if status in StatusTeknologi.values:
            qs = qs.filter(status=status)
        tanpa_inggris = self.request.GET.get("inggris") == "belum"
        if tanpa_inggris:
            qs = qs.filter(Teknologi.tanpa_inggris_q())
        ctx["tanpa_inggris"] = tanpa_inggris
        ctx["page_obj"] = halaman(self.request, qs, per_halaman=50)
        ctx["status_aktif"] = status if status in StatusTeknologi.values else ""
        ctx["status_choices"] = StatusTeknologi.choices
        ctx["jumlah_diajukan"] = Teknologi.objects.filter(status=StatusTeknologi.DIAJUKAN).count()
        return ctx


class KurasiRiwayatView(_Teknologi, KurasiMixin, TemplateView):
    """The history of changes of a technology and its guide: who changed which fields, when."""

    template_name = "teknologi/kelola/riwayat.html"
    kurasi = True

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        teknologi = self.get_teknologi()
        ctx["teknologi"] = teknologi
        ctx["riwayat"] = _riwayat(list(teknologi.history.select_related("history_user").order_by("-history_date")[:60]))
        ctx["riwayat_panduan"] = _riwayat(
            list(
                Panduan.history.filter(teknologi_id=teknologi.pk)
                .select_related("history_user")
                .order_by("-history_date")[:30]
            )
        )
        return ctx


def _riwayat(records: list) -> list[dict]:
    """Each record with the fields it changed compared with the one before it, as readable text:
    choice labels, people's names (one query for all of them), local dates."""
    rows, user_ids = [], set()
    for i, record in enumerate(records):
        older = records[i + 1] if i + 1 < len(records) else None
        changes = []
        if older is not None:
            for change in record.diff_against(older).changes:
                field = record.instance_type._meta.get_field(change.field)
                changes.append((field, change.old, change.new))
                if field.is_relation and field.related_model is User:
                    user_ids.update(v for v in (change.old, change.new) if v)
        rows.append({"record": record, "changes": changes})
    users = {u.pk: str(u) for u in User.objects.filter(pk__in=user_ids)} if user_ids else {}
    for row in rows:
        row["changes"] = [
            {"field": field.verbose_name, "lama": _tampil(field, old, users), "baru": _tampil(field, new, users)}
            for field, old, new in row["changes"]
        ]
    return rows


def _tampil(field, value, users: dict) -> str:
    if value in (None, ""):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation and field.related_model is User:
        return users.get(value, "—")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "j M Y H.i")
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    return str(value)


# --- Per post: what it proposes, demonstrates, and which UKM use what -----------------------------


class KelolaTeknologiListView(KelolaPosMixin, TemplateView):
    template_name = "teknologi/kelola/teknologi_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["usulan_list"] = Teknologi.objects.terbaca_pos(self.pos).order_by("status", "nama")
        ctx["peraga_list"] = (
            TeknologiPos.objects.for_pos(self.pos).select_related("teknologi").order_by("teknologi__nama")
        )
        ctx["jumlah_menunggu"] = Adopsi.objects.for_pos(self.pos).filter(status=StatusAdopsi.MENUNGGU).count()
        return ctx


class KelolaPeragaView(KelolaPosMixin, TemplateView):
    """The technologies this post demonstrates, and the form to add one."""

    template_name = "teknologi/kelola/peraga_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["peraga_list"] = (
            TeknologiPos.objects.for_pos(self.pos).select_related("teknologi").order_by("teknologi__nama")
        )
        ctx.setdefault("form", PeragaForm())
        return ctx

    def post(self, request, *args, **kwargs):
        form = PeragaForm(request.POST)
        if form.is_valid():
            try:
                services.peraga_simpan(pos=self.pos, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Teknologi peraga disimpan."))
                return redirect("teknologi:kelola-peraga", pos_slug=self.pos.slug)
        return self.render_to_response(self.get_context_data(form=form))


class KelolaPeragaHapusView(KelolaPosMixin, TemplateView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        # Looked up through this post only: another post's row (or one already gone) is a 404 and
        # deletes nothing, never a success message for a deletion that did not happen.
        peraga = get_object_or_404(TeknologiPos.objects.for_pos(self.pos), pk=kwargs["pk"])
        services.peraga_hapus(peraga=peraga)
        messages.success(request, _("Teknologi dihapus dari daftar peraga pos."))
        return redirect("teknologi:kelola-peraga", pos_slug=self.pos.slug)


class KelolaAdopsiView(KelolaPosMixin, TemplateView):
    """The UKM of this kecamatan that use a technology: owners' reports to approve, and new records."""

    template_name = "teknologi/kelola/adopsi_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rows = Adopsi.objects.for_pos(self.pos).select_related("teknologi", "pemilik").order_by("status", "-created_at")
        ctx["menunggu_list"] = [a for a in rows if a.status == StatusAdopsi.MENUNGGU]
        ctx["adopsi_list"] = [a for a in rows if a.status != StatusAdopsi.MENUNGGU]
        ctx.setdefault("form", AdopsiOperatorForm(pos=self.pos))
        return ctx

    def post(self, request, *args, **kwargs):
        form = AdopsiOperatorForm(request.POST, pos=self.pos)
        if form.is_valid():
            try:
                services.adopsi_catat(pos=self.pos, oleh=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Pemakaian teknologi dicatat."))
                return redirect("teknologi:kelola-adopsi", pos_slug=self.pos.slug)
        return self.render_to_response(self.get_context_data(form=form))


class KelolaAdopsiPutuskanView(KelolaPosMixin, TemplateView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        adopsi = get_object_or_404(Adopsi.objects.for_pos(self.pos), pk=kwargs["pk"])
        aksi = request.POST.get("aksi")
        try:
            if aksi == "hapus":
                services.adopsi_hapus(adopsi=adopsi)
            elif aksi in ("setujui", "tolak"):
                services.adopsi_putuskan(adopsi=adopsi, oleh=request.user, setujui=aksi == "setujui")
            else:
                raise ValidationError(_("Aksi tidak dikenal."))
        except ValidationError as error:
            pesan_galat(request, error)
        else:
            messages.success(request, _("Catatan pemakaian diperbarui."))
        return redirect("teknologi:kelola-adopsi", pos_slug=self.pos.slug)
