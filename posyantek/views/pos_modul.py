"""A post's records in the operators' area: board, equipment, service log, kelurahan units,
partners, document archive and news. Every view resolves the post through KelolaPosMixin and every
row through ``for_pos(self.pos)``; writes go through ``posyantek.services``."""

from datetime import timedelta

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from posyantek import selectors, services
from posyantek.export import ekspor_response
from posyantek.forms.pos import (
    DokumenFilterForm,
    DokumenForm,
    InventarisFilterForm,
    InventarisForm,
    KabarForm,
    KepengurusanForm,
    LayananFilterForm,
    LayananForm,
    MitraForm,
    PengurusForm,
    UnitForm,
)
from posyantek.models import (
    Dokumen,
    Inventaris,
    JenisMitra,
    Kabar,
    KabarFoto,
    Kepengurusan,
    LogLayanan,
    Mitra,
    Pengurus,
    UnitKelurahan,
    tambah_tahun,
)
from posyantek.paginasi import halaman, halaman_kunci
from posyantek.uploads import download_response
from posyantek.views.kelola import PosChildDeleteView, PosChildFormView, PosChildMixin

# Board ---------------------------------------------------------------------------------------------


class PengurusListView(PosChildMixin, TemplateView):
    """The current board first (with a warning when a core position is empty), then past and
    future terms. Past boards are kept as history."""

    template_name = "posyantek/pengurus_list.html"
    model = Kepengurusan
    list_url_name = "kelola:pengurus-list"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        hari_ini = timezone.localdate()
        periode = list(selectors.kepengurusan_list(pos=self.pos))
        for item in periode:
            item.status_kini = item.status(hari_ini)
        ctx["kini"] = next((p for p in periode if p.status_kini == "berjalan"), None)
        ctx["lainnya"] = [p for p in periode if p is not ctx["kini"]]
        return ctx


class KepengurusanFormView(PosChildFormView):
    model = Kepengurusan
    form_class = KepengurusanForm
    list_url_name = "kelola:pengurus-list"
    title_create = gettext_lazy("Masa bakti pengurus baru")
    title_update = gettext_lazy("Ubah masa bakti pengurus")
    success_message = gettext_lazy("Masa bakti pengurus disimpan.")

    def get_initial(self):
        if "pk" in self.kwargs:
            return {}
        mulai = timezone.localdate()
        return {"mulai": mulai, "selesai": tambah_tahun(mulai, 3)}

    def save(self, form):
        if self.object is not None:
            return services.kepengurusan_ubah(kepengurusan=self.object, oleh=self.request.user, data=form.cleaned_data)
        return services.kepengurusan_buat(pos=self.pos, oleh=self.request.user, data=form.cleaned_data)


class KepengurusanHapusView(PosChildDeleteView):
    model = Kepengurusan
    list_url_name = "kelola:pengurus-list"
    success_message = gettext_lazy("Masa bakti pengurus dihapus.")

    def describe(self, obj) -> str:
        return _("Masa bakti %(mulai)s – %(selesai)s") % {
            "mulai": obj.mulai.strftime("%d-%m-%Y"),
            "selesai": obj.selesai.strftime("%d-%m-%Y"),
        }

    def delete(self, obj) -> None:
        services.kepengurusan_hapus(kepengurusan=obj, oleh=self.request.user)


class PengurusFormView(PosChildFormView):
    """Add a member to a term (``periode_pk`` in the URL) or edit one (``pk``)."""

    model = Pengurus
    form_class = PengurusForm
    list_url_name = "kelola:pengurus-list"
    title_create = gettext_lazy("Tambah anggota pengurus")
    title_update = gettext_lazy("Ubah anggota pengurus")
    success_message = gettext_lazy("Anggota pengurus disimpan.")

    def get_queryset(self):
        return Pengurus.objects.filter(kepengurusan__pos=self.pos).select_related("kepengurusan")

    def new_instance(self):
        self.kepengurusan = get_object_or_404(Kepengurusan.objects.for_pos(self.pos), pk=self.kwargs["periode_pk"])
        return Pengurus(kepengurusan=self.kepengurusan)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        periode = self.object.kepengurusan if self.object else self.kepengurusan
        ctx["subtitle"] = _("Masa bakti %(mulai)s – %(selesai)s") % {
            "mulai": periode.mulai.strftime("%d-%m-%Y"),
            "selesai": periode.selesai.strftime("%d-%m-%Y"),
        }
        return ctx

    def save(self, form):
        if self.object is not None:
            return services.pengurus_ubah(pengurus=self.object, oleh=self.request.user, data=form.cleaned_data)
        return services.pengurus_buat(kepengurusan=self.kepengurusan, oleh=self.request.user, data=form.cleaned_data)


class PengurusHapusView(PosChildDeleteView):
    model = Pengurus
    list_url_name = "kelola:pengurus-list"
    success_message = gettext_lazy("Anggota pengurus dihapus.")

    def get_queryset(self):
        return Pengurus.objects.filter(kepengurusan__pos=self.pos)

    def delete(self, obj) -> None:
        services.pengurus_hapus(pengurus=obj, oleh=self.request.user)


# Equipment -----------------------------------------------------------------------------------------


def _inventaris_filtered(view):
    form = InventarisFilterForm(view.request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = Inventaris.objects.for_pos(view.pos)
    if filters.get("jenis"):
        qs = qs.filter(jenis=filters["jenis"])
    if filters.get("kondisi"):
        qs = qs.filter(kondisi=filters["kondisi"])
    return form, qs


class InventarisListView(PosChildMixin, TemplateView):
    template_name = "posyantek/inventaris_list.html"
    model = Inventaris
    list_url_name = "kelola:inventaris-list"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form, qs = _inventaris_filtered(self)
        page = halaman(self.request, qs, per_halaman=100)
        ctx.update(filter_form=form, page_obj=page, inventaris_list=page.object_list)
        return ctx


class InventarisEksporView(PosChildMixin, TemplateView):
    model = Inventaris

    def get(self, request, *args, **kwargs):
        _form, qs = _inventaris_filtered(self)
        header = [
            _("Nama barang"),
            _("Jenis"),
            _("Merek/tipe"),
            _("Kode inventaris"),
            _("Jumlah"),
            _("Kondisi"),
            _("Tanggal diperoleh"),
            _("Sumber perolehan"),
            _("Catatan"),
        ]
        rows = (
            [
                i.nama,
                i.get_jenis_display(),
                i.merek,
                i.nomor_inventaris,
                i.jumlah,
                i.get_kondisi_display(),
                i.tanggal_perolehan.isoformat() if i.tanggal_perolehan else "",
                i.sumber,
                i.catatan,
            ]
            for i in qs
        )
        return ekspor_response(request, f"inventaris-{self.pos.slug}", header, rows)


class InventarisFormView(PosChildFormView):
    model = Inventaris
    form_class = InventarisForm
    list_url_name = "kelola:inventaris-list"
    title_create = gettext_lazy("Tambah barang inventaris")
    title_update = gettext_lazy("Ubah barang inventaris")
    success_message = gettext_lazy("Barang inventaris disimpan.")

    def save(self, form):
        if self.object is not None:
            return services.inventaris_ubah(inventaris=self.object, oleh=self.request.user, data=form.cleaned_data)
        return services.inventaris_buat(pos=self.pos, oleh=self.request.user, data=form.cleaned_data)


class InventarisHapusView(PosChildDeleteView):
    model = Inventaris
    list_url_name = "kelola:inventaris-list"
    success_message = gettext_lazy("Barang inventaris dihapus.")

    def delete(self, obj) -> None:
        services.inventaris_hapus(inventaris=obj, oleh=self.request.user)


# Service log ---------------------------------------------------------------------------------------


def _layanan_filtered(view):
    form = LayananFilterForm(view.request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.layanan_list(
        pos=view.pos, jenis=filters.get("jenis", ""), bulan=filters.get("bulan"), q=filters.get("q", "")
    )
    return form, qs


class LayananListView(PosChildMixin, TemplateView):
    """The service log, filtered by duty and month, with a summary per duty."""

    template_name = "posyantek/layanan_list.html"
    model = LogLayanan
    list_url_name = "kelola:layanan-list"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form, qs = _layanan_filtered(self)
        page = halaman_kunci(self.request, qs, per_halaman=50)
        rekap = selectors.layanan_rekap(qs=qs)
        ctx.update(
            filter_form=form,
            page_obj=page,
            log_list=page.object_list,
            rekap=rekap,
            ekspor_query=self.request.GET.urlencode(),
        )
        return ctx


class LayananEksporView(PosChildMixin, TemplateView):
    """The filtered service log as CSV (names of those served, no phone or address)."""

    model = LogLayanan

    def get(self, request, *args, **kwargs):
        _form, qs = _layanan_filtered(self)
        header = [
            _("Tanggal"),
            _("Jenis layanan"),
            _("Topik atau kebutuhan"),
            _("Penerima layanan"),
            _("Jumlah orang"),
            _("Kelurahan"),
            _("Dilayani oleh"),
            _("Catatan"),
        ]
        rows = (
            [
                log.tanggal.isoformat(),
                log.get_jenis_display(),
                log.topik,
                log.penerima,
                log.jumlah_penerima,
                log.kelurahan.nama if log.kelurahan else "",
                log.petugas,
                log.catatan,
            ]
            for log in qs.iterator(chunk_size=500)
        )
        return ekspor_response(request, f"log-layanan-{self.pos.slug}", header, rows)


class LayananFormView(PosChildFormView):
    model = LogLayanan
    form_class = LayananForm
    form_takes_pos = True
    list_url_name = "kelola:layanan-list"
    title_create = gettext_lazy("Catat layanan")
    title_update = gettext_lazy("Ubah catatan layanan")
    success_message = gettext_lazy("Catatan layanan disimpan.")

    def get_initial(self):
        if "pk" in self.kwargs:
            return {}
        initial = {"tanggal": timezone.localdate(), "petugas": self.request.user.nama}
        # "Catat layanan" on a business's or a technology's page fills these (checked again on save).
        for field in ("ukm", "teknologi", "penerima", "jenis"):
            value = self.request.GET.get(field, "")[:150]
            if value:
                initial[field] = value
        return initial

    def save(self, form):
        if self.object is not None:
            return services.layanan_ubah(log=self.object, oleh=self.request.user, data=form.cleaned_data)
        return services.layanan_buat(pos=self.pos, oleh=self.request.user, data=form.cleaned_data)


class LayananHapusView(PosChildDeleteView):
    model = LogLayanan
    list_url_name = "kelola:layanan-list"
    success_message = gettext_lazy("Catatan layanan dihapus.")

    def delete(self, obj) -> None:
        services.layanan_hapus(log=obj, oleh=self.request.user)


# Kelurahan units -----------------------------------------------------------------------------------


class UnitListView(PosChildMixin, TemplateView):
    template_name = "posyantek/unit_list.html"
    model = UnitKelurahan
    list_url_name = "kelola:unit-list"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        units = list(UnitKelurahan.objects.for_pos(self.pos).select_related("kelurahan"))
        ada = {u.kelurahan_id for u in units}
        ctx["unit_list"] = units
        ctx["tanpa_unit"] = [k for k in self.pos.kecamatan.kelurahan_set.all() if k.pk not in ada]
        return ctx


class UnitFormView(PosChildFormView):
    model = UnitKelurahan
    form_class = UnitForm
    form_takes_pos = True
    list_url_name = "kelola:unit-list"
    title_create = gettext_lazy("Tambah unit kelurahan")
    title_update = gettext_lazy("Ubah unit kelurahan")
    success_message = gettext_lazy("Unit kelurahan disimpan.")

    def get_initial(self):
        if "pk" not in self.kwargs and self.request.GET.get("kelurahan", "").isdigit():
            return {"kelurahan": int(self.request.GET["kelurahan"])}
        return {}

    def save(self, form):
        if self.object is not None:
            return services.unit_ubah(unit=self.object, oleh=self.request.user, data=form.cleaned_data)
        return services.unit_buat(pos=self.pos, oleh=self.request.user, data=form.cleaned_data)


class UnitHapusView(PosChildDeleteView):
    model = UnitKelurahan
    list_url_name = "kelola:unit-list"
    success_message = gettext_lazy("Unit kelurahan dihapus.")

    def delete(self, obj) -> None:
        services.unit_hapus(unit=obj, oleh=self.request.user)


# Partners ------------------------------------------------------------------------------------------


class MitraListView(PosChildMixin, TemplateView):
    template_name = "posyantek/mitra_list.html"
    model = Mitra
    list_url_name = "kelola:mitra-list"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        jenis = _jenis_mitra(self.request)
        ctx.update(
            mitra_list=_mitra_terpilih(self.pos, jenis),
            jenis_aktif=jenis,
            jenis_query=f"jenis={jenis}" if jenis else "",
            hari_ini=timezone.localdate(),
            sebulan=timezone.localdate() + timedelta(days=31),
            jenis_pilihan=JenisMitra.choices,
            ada_mitra=jenis and Mitra.objects.for_pos(self.pos).exists(),  # unfiltered: the list itself says
        )
        return ctx


def _jenis_mitra(request) -> str:
    """The partner kind asked for with ``?jenis=`` (a shareable filter); anything else: every kind."""
    jenis = request.GET.get("jenis", "")
    return jenis if jenis in JenisMitra.values else ""


def _mitra_terpilih(pos, jenis: str):
    qs = Mitra.objects.for_pos(pos)
    return qs.filter(jenis=jenis) if jenis else qs


class MitraEksporView(PosChildMixin, TemplateView):
    model = Mitra

    def get(self, request, *args, **kwargs):
        header = [
            _("Nama mitra"),
            _("Jenis mitra"),
            _("Bentuk kerja sama"),
            _("Mulai"),
            _("Selesai"),
            _("Masih berjalan"),
            _("Nama kontak"),
            _("Telepon kontak"),
            _("E-mail kontak"),
        ]
        rows = (
            [
                m.nama,
                m.get_jenis_display(),
                m.kerja_sama,
                m.mulai.isoformat() if m.mulai else "",
                m.selesai.isoformat() if m.selesai else "",
                _("ya") if m.is_aktif else _("tidak"),
                m.kontak_nama,
                m.kontak_telepon,
                m.kontak_email,
            ]
            for m in _mitra_terpilih(self.pos, _jenis_mitra(request))
        )
        return ekspor_response(request, f"kemitraan-{self.pos.slug}", header, rows)


class MitraFormView(PosChildFormView):
    model = Mitra
    form_class = MitraForm
    list_url_name = "kelola:mitra-list"
    title_create = gettext_lazy("Tambah mitra")
    title_update = gettext_lazy("Ubah mitra")
    success_message = gettext_lazy("Mitra disimpan.")

    def save(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "mou_baru"}
        mou = form.cleaned_data.get("mou_baru")
        if self.object is not None:
            return services.mitra_ubah(mitra=self.object, oleh=self.request.user, data=data, mou=mou)
        return services.mitra_buat(pos=self.pos, oleh=self.request.user, data=data, mou=mou)


class MitraMouUnduhView(PosChildMixin, TemplateView):
    """The partner's MoU, from private storage, as an attachment (never rendered on our origin)."""

    model = Mitra

    def get(self, request, *args, **kwargs):
        mitra = self.get_object()
        if not mitra.mou:
            raise Http404
        return download_response(mitra.mou, filename=mitra.nama_unduhan_mou)


class MitraHapusView(PosChildDeleteView):
    model = Mitra
    list_url_name = "kelola:mitra-list"
    success_message = gettext_lazy("Mitra dihapus.")

    def delete(self, obj) -> None:
        services.mitra_hapus(mitra=obj, oleh=self.request.user)


# Document archive ----------------------------------------------------------------------------------


class DokumenListView(PosChildMixin, TemplateView):
    """The archive, searchable by words of the title, number or description."""

    template_name = "posyantek/dokumen_list.html"
    model = Dokumen
    list_url_name = "kelola:dokumen-list"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = DokumenFilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        qs = selectors.dokumen_list(
            pos=self.pos, q=filters.get("q", ""), kategori=filters.get("kategori", ""), tahun=filters.get("tahun")
        )
        page = halaman(self.request, qs, per_halaman=50)
        ctx.update(
            filter_form=form,
            page_obj=page,
            dokumen_list=page.object_list,
            filtered=bool(filters and any(filters.values())),
        )
        return ctx


class DokumenFormView(PosChildFormView):
    model = Dokumen
    form_class = DokumenForm
    list_url_name = "kelola:dokumen-list"
    title_create = gettext_lazy("Unggah dokumen")
    title_update = gettext_lazy("Ubah dokumen")
    success_message = gettext_lazy("Dokumen disimpan di arsip.")

    def save(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "berkas_baru"}
        berkas = form.cleaned_data.get("berkas_baru")
        if self.object is not None:
            return services.dokumen_ubah(dokumen=self.object, oleh=self.request.user, data=data, berkas=berkas)
        return services.dokumen_buat(pos=self.pos, oleh=self.request.user, data=data, berkas=berkas)


class DokumenUnduhView(PosChildMixin, TemplateView):
    """The file, as an attachment with a sandboxing CSP: never rendered on the portal's origin."""

    model = Dokumen

    def get(self, request, *args, **kwargs):
        dokumen = self.get_object()
        return download_response(dokumen.berkas, filename=dokumen.nama_unduhan)


class DokumenHapusView(PosChildDeleteView):
    model = Dokumen
    list_url_name = "kelola:dokumen-list"
    success_message = gettext_lazy("Dokumen dihapus dari arsip.")

    def delete(self, obj) -> None:
        services.dokumen_hapus(dokumen=obj, oleh=self.request.user)


# News ----------------------------------------------------------------------------------------------


class KabarListView(PosChildMixin, TemplateView):
    template_name = "posyantek/kabar_kelola_list.html"
    model = Kabar
    list_url_name = "kelola:kabar-list"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page = halaman_kunci(self.request, selectors.kabar_list_kelola(pos=self.pos), per_halaman=30)
        ctx.update(page_obj=page, kabar_list=page.object_list, hari_ini=timezone.localdate())
        return ctx


class KabarFormView(PosChildFormView):
    model = Kabar
    form_class = KabarForm
    list_url_name = "kelola:kabar-list"
    template_name = "posyantek/kabar_form.html"
    title_create = gettext_lazy("Tulis kabar kegiatan")
    title_update = gettext_lazy("Ubah kabar kegiatan")
    success_message = gettext_lazy("Kabar kegiatan disimpan.")

    def get_initial(self):
        return {} if "pk" in self.kwargs else {"tanggal": timezone.localdate(), "is_terbit": True}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["foto_list"] = list(self.object.foto_set.all()) if self.object else []
        return ctx

    def save(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k not in {"foto", "keterangan_foto"}}
        foto = form.cleaned_data.get("foto") or []
        keterangan = form.cleaned_data.get("keterangan_foto", "")
        if self.object is not None:
            return services.kabar_ubah(
                kabar=self.object, oleh=self.request.user, data=data, foto=foto, keterangan_foto=keterangan
            )
        return services.kabar_buat(
            pos=self.pos, oleh=self.request.user, data=data, foto=foto, keterangan_foto=keterangan
        )


class KabarHapusView(PosChildDeleteView):
    model = Kabar
    list_url_name = "kelola:kabar-list"
    success_message = gettext_lazy("Kabar kegiatan dihapus.")

    def delete(self, obj) -> None:
        services.kabar_hapus(kabar=obj, oleh=self.request.user)


class KabarFotoHapusView(PosChildDeleteView):
    model = KabarFoto
    list_url_name = "kelola:kabar-list"
    template_name = "posyantek/kabar_foto_hapus.html"
    success_message = gettext_lazy("Foto dihapus.")

    def get_queryset(self):
        return KabarFoto.objects.filter(kabar__pos=self.pos, kabar_id=self.kwargs["kabar_pk"]).select_related("kabar")

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_list_url(self) -> str:
        return reverse("kelola:kabar-ubah", kwargs={"pos_slug": self.pos.slug, "pk": self.kwargs["kabar_pk"]})

    def delete(self, obj) -> None:
        services.kabar_foto_hapus(foto=obj, oleh=self.request.user)
