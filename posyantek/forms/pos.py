"""Forms of a post's records in the operators' area.

Each ModelForm gets an instance already bound to the post the view resolved (``Model(pos=pos)``),
so the model's own rules (term of at most 3 years, kelurahan of this kecamatan…) run while the form
validates and the person sees the message beside the field. Choices that point at other rows are
limited to this post's (its kecamatan's kelurahan); anything else is "not a valid choice".
"""

from datetime import date

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from posyantek.models import (
    FOTO_MAKS_PER_KABAR,
    Dokumen,
    Inventaris,
    JenisInventaris,
    JenisLayanan,
    Kabar,
    KategoriDokumen,
    Kelurahan,
    Kepengurusan,
    KondisiInventaris,
    LogLayanan,
    Mitra,
    Pengurus,
    Pos,
    UnitKelurahan,
)
from posyantek.uploads import clean_document, clean_image

from .angka import AngkaField, angka_model

DATE_WIDGET = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}


def _pesan_wajib(field: forms.Field) -> str:
    """The message for an empty required field says what to do ("Tulis judul di sini.", "Pilih tanggal."),
    not what is wrong ("Bidang ini tidak boleh kosong.")."""
    label = str(field.label or "")
    if not label:
        return str(field.error_messages["required"])
    if not label[:2].isupper():  # "Tanggal" → "tanggal", but "NIB" stays
        label = label[:1].lower() + label[1:]
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.DateField):
        return _("Pilih %(label)s.") % {"label": label}
    if isinstance(field, forms.FileField):
        return _("Pilih berkas untuk %(label)s.") % {"label": label}
    return _("Tulis %(label)s di sini.") % {"label": label}


def pesan_menuntun(fields) -> None:
    """Messages that say what to do: an empty required field, a choice not in the list and a date that
    cannot be read each tell the person what to fill in or pick (operators' and owners' forms)."""
    for field in fields.values():
        if field.required:
            field.error_messages["required"] = _pesan_wajib(field)
        if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
            field.error_messages["invalid_choice"] = _("Pilih salah satu dari daftar.")
        if isinstance(field, forms.DateField):
            field.error_messages["invalid"] = _("Pilih tanggal dari kalender, atau tulis seperti 2026-03-31.")


class PortalModelForm(forms.ModelForm):
    """Dates as native date pickers; text areas keep the model's length limit in the browser too;
    an empty required field asks for what is missing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pesan_menuntun(self.fields)
        for field in self.fields.values():
            if isinstance(field, forms.DateField) and not isinstance(field.widget, forms.HiddenInput):
                field.widget = forms.DateInput(**DATE_WIDGET)
            # Django's own default is rows="10" (a string); a form that wants tall boxes says so with an int.
            if isinstance(field.widget, forms.Textarea) and field.widget.attrs.get("rows") == "10":
                field.widget.attrs["rows"] = 4
            # Radio buttons never offer the blank "---------" choice; the field stays required.
            if isinstance(field.widget, forms.RadioSelect) and hasattr(field, "choices"):
                field.choices = [(value, label) for value, label in field.choices if value != ""]


def _kelurahan_pos(pos: Pos):
    return Kelurahan.objects.filter(kecamatan_id=pos.kecamatan_id).order_by("nama")


class PosProfilForm(PortalModelForm):
    """What an operator keeps current on their post's public profile."""

    class Meta:
        model = Pos
        fields = [
            "deskripsi",
            "layanan",
            "jam_layanan",
            "alamat",
            "telepon",
            "email",
            "latitude",
            "longitude",
            "situs",
            "instagram",
            "facebook",
            "youtube",
            "nomor_sk",
            "tanggal_sk",
            "nomor_terdaftar",
            "tanggal_terdaftar",
        ]
        widgets = {"deskripsi": forms.Textarea(attrs={"rows": 5}), "layanan": forms.Textarea(attrs={"rows": 5})}
        formfield_callback = angka_model(tanpa_ribuan=["latitude", "longitude"])

    def clean(self):
        cleaned = super().clean()
        lat, lon = cleaned.get("latitude"), cleaned.get("longitude")
        if (lat is None) != (lon is None):
            raise forms.ValidationError(_("Isi lintang dan bujur bersama-sama, atau kosongkan keduanya."))
        return cleaned


class PercontohanForm(forms.Form):
    is_percontohan = forms.BooleanField(label=_("Tetapkan sebagai pos percontohan"), required=False)
    tahun = AngkaField(label=_("Tahun penetapan"), required=False, min_value=2000, max_value=2100, ribuan=False)
    alasan = forms.CharField(
        label=_("Alasan penetapan"),
        required=False,
        max_length=255,
        help_text=_("Misalnya: sekretariat permanen dan pengurus aktif."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_percontohan") and not cleaned.get("tahun"):
            self.add_error("tahun", _("Isi tahun penetapan pos percontohan."))
        return cleaned


class KelolaPosFilterForm(forms.Form):
    """Filters of the admin's list of all posts (GET)."""

    q = forms.CharField(label=_("Cari pos"), required=False, max_length=80)
    kota = forms.ChoiceField(label=_("Kota"), required=False)
    percontohan = forms.ChoiceField(
        label=_("Percontohan"),
        required=False,
        choices=[("", _("Semua pos")), ("1", _("Hanya percontohan")), ("0", _("Bukan percontohan"))],
    )

    def __init__(self, *args, kota_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kota"].choices = [("", _("Semua kota")), *kota_choices]


# Board ---------------------------------------------------------------------------------------------


class KepengurusanForm(PortalModelForm):
    class Meta:
        model = Kepengurusan
        fields = ["mulai", "selesai", "nomor_sk", "tanggal_sk", "catatan"]


class PengurusForm(PortalModelForm):
    class Meta:
        model = Pengurus
        fields = ["jabatan", "jabatan_lain", "nama", "telepon", "email"]
        help_texts = {"telepon": _("Hanya terlihat oleh operator, tidak tampil di halaman publik.")}


# Equipment -----------------------------------------------------------------------------------------


class InventarisForm(PortalModelForm):
    class Meta:
        model = Inventaris
        fields = [
            "nama",
            "jenis",
            "merek",
            "nomor_inventaris",
            "jumlah",
            "kondisi",
            "tanggal_perolehan",
            "sumber",
            "catatan",
        ]
        formfield_callback = angka_model()

    def clean_tanggal_perolehan(self):
        value = self.cleaned_data.get("tanggal_perolehan")
        if value and value > timezone.localdate():
            raise ValidationError(_("Tanggal diperoleh tidak boleh di masa depan."))
        return value


class InventarisFilterForm(forms.Form):
    jenis = forms.ChoiceField(
        label=_("Jenis"), required=False, choices=[("", _("Semua jenis")), *JenisInventaris.choices]
    )
    kondisi = forms.ChoiceField(
        label=_("Kondisi"), required=False, choices=[("", _("Semua kondisi")), *KondisiInventaris.choices]
    )


# Service log ---------------------------------------------------------------------------------------


class LayananForm(PortalModelForm):
    class Meta:
        model = LogLayanan
        fields = [
            "tanggal",
            "jenis",
            "topik",
            "penerima",
            "jumlah_penerima",
            "kelurahan",
            "ukm",
            "teknologi",
            "petugas",
            "catatan",
        ]
        # A post's registry may hold thousands of businesses: the id is typed (or filled by the link
        # "Catat layanan" on the business's or the technology's page), never a list of every row.
        widgets = {
            "jenis": forms.RadioSelect,
            "ukm": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            "teknologi": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }
        help_texts = {
            "tanggal": _("Hari layanan diberikan."),
            "jenis": _("Pilih satu: teknis (alat, perbaikan), informasi, promosi, atau orientasi TTG."),
            "topik": _("Singkat saja, misalnya: cara memakai alat pengering."),
            "jumlah_penerima": _("Berapa orang yang dilayani. Tulis angka, misalnya 3."),
            "kelurahan": _("Asal penerima, bila tahu."),
            "ukm": _("ID registri UKM yang dilayani (tertulis di halaman UKM), bila terdaftar di pos ini."),
            "teknologi": _("Nomor teknologi yang diperagakan (tertulis di halaman teknologi), bila ada."),
            "catatan": _("Boleh dikosongkan."),
        }
        formfield_callback = angka_model()

    def __init__(self, *args, pos: Pos, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kelurahan"].queryset = _kelurahan_pos(pos)
        self.fields["kelurahan"].empty_label = _("— tidak dicatat —")
        # The apps' models by label: the foundation imports no app.
        Ukm, Teknologi = apps.get_model("ukm", "Ukm"), apps.get_model("teknologi", "Teknologi")
        self.fields["ukm"].queryset = Ukm.objects.for_pos(pos)
        self.fields["ukm"].error_messages["invalid_choice"] = _(
            "Tidak ada UKM dengan ID ini di registri pos Anda. Salin ID dari halaman UKM."
        )
        self.fields["teknologi"].queryset = Teknologi.objects.published() | Teknologi.objects.terbaca_pos(pos)
        self.fields["teknologi"].error_messages["invalid_choice"] = _(
            "Tidak ada teknologi dengan nomor ini di katalog atau usulan pos Anda."
        )


class BulanField(forms.Field):
    """A month as ``YYYY-MM`` (the native month picker), cleaned to the first day of the month."""

    widget = forms.TextInput(
        attrs={"type": "month", "placeholder": "2026-01", "pattern": r"\d{4}-\d{2}", "maxlength": 7}
    )

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        try:
            year, month = (int(part) for part in value.split("-"))
            return date(year, month, 1)
        except (TypeError, ValueError):
            raise ValidationError(_("Tulis bulan sebagai TTTT-BB, misalnya 2026-03.")) from None


class LayananFilterForm(forms.Form):
    jenis = forms.ChoiceField(
        label=_("Jenis layanan"), required=False, choices=[("", _("Semua jenis")), *JenisLayanan.choices]
    )
    bulan = BulanField(label=_("Bulan"), required=False)
    q = forms.CharField(label=_("Cari penerima atau topik"), required=False, max_length=80)


# Kelurahan units and partners ----------------------------------------------------------------------


class UnitForm(PortalModelForm):
    class Meta:
        model = UnitKelurahan
        fields = [
            "kelurahan",
            "alamat",
            "koordinator",
            "telepon",
            "nomor_sk",
            "tanggal_dibentuk",
            "is_aktif",
            "catatan",
        ]
        help_texts = {"telepon": _("Hanya terlihat oleh operator.")}

    def __init__(self, *args, pos: Pos, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kelurahan"].queryset = _kelurahan_pos(pos)


class MitraForm(PortalModelForm):
    mou_baru = forms.FileField(
        label=_("Berkas MoU/PKS (PDF atau foto, tidak wajib)"),
        required=False,
        help_text=_("Hanya operator pos yang bisa mengunduhnya."),
        widget=forms.FileInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}),
    )

    class Meta:
        model = Mitra
        fields = [
            "nama",
            "jenis",
            "kerja_sama",
            "mulai",
            "selesai",
            "is_aktif",
            "kontak_nama",
            "kontak_telepon",
            "kontak_email",
            "mou_berakhir",
        ]
        help_texts = {
            "kontak_nama": _(
                "Kontak hanya terlihat oleh operator; nama mitra dan kerja samanya tampil di halaman publik."
            )
        }

    def clean_mou_baru(self):
        upload = self.cleaned_data.get("mou_baru")
        return clean_document(upload) if upload else None


# Document archive ----------------------------------------------------------------------------------

DOKUMEN_ACCEPT = "application/pdf,image/jpeg,image/png,image/webp"


class DokumenForm(PortalModelForm):
    """Details of a document and its file (PDF or a photo/scan), checked by content."""

    berkas_baru = forms.FileField(
        label=_("Berkas (PDF, JPEG, PNG, atau WebP, maks. 10 MB)"),
        widget=forms.FileInput(attrs={"accept": DOKUMEN_ACCEPT}),
    )

    class Meta:
        model = Dokumen
        fields = ["judul", "kategori", "nomor", "tanggal", "keterangan"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["berkas_baru"].required = False
            self.fields["berkas_baru"].label = _("Ganti berkas (opsional)")

    def clean_berkas_baru(self):
        upload = self.cleaned_data.get("berkas_baru")
        if not upload:
            return None
        return clean_document(upload)


class DokumenFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari judul, nomor, atau keterangan"), required=False, max_length=80)
    kategori = forms.ChoiceField(
        label=_("Kategori"), required=False, choices=[("", _("Semua kategori")), *KategoriDokumen.choices]
    )
    tahun = AngkaField(label=_("Tahun"), required=False, min_value=1945, max_value=2100, ribuan=False)


# News ----------------------------------------------------------------------------------------------


class MultipleImageInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several photos in one field; each one goes through ``clean_image`` (content, size, EXIF)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleImageInput(attrs={"accept": "image/jpeg,image/png,image/webp"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if self.required and not uploads:
            raise ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleImageField, self).clean(item, initial) for item in uploads]


class KabarForm(PortalModelForm):
    foto = MultipleImageField(
        label=_("Foto (boleh lebih dari satu)"),
        required=False,
        help_text=_("JPEG, PNG, atau WebP, maks. 8 MB per foto, paling banyak %(n)s foto per kabar.")
        % {"n": FOTO_MAKS_PER_KABAR},
    )
    keterangan_foto = forms.CharField(
        label=_("Keterangan foto"),
        required=False,
        max_length=200,
        help_text=_("Apa yang tampak di foto, untuk pembaca layar. Kosong: judul kabar dipakai."),
    )

    class Meta:
        model = Kabar
        fields = ["judul", "judul_en", "tanggal", "isi", "is_terbit"]
        widgets = {"isi": forms.Textarea(attrs={"rows": 10})}
        help_texts = {
            "judul": _("Pendek dan jelas, misalnya: Pelatihan jualan daring di aula kecamatan."),
            "tanggal": _("Hari kegiatan berlangsung."),
            "isi": _("Ceritakan apa, siapa, dan hasilnya. Tampil di halaman publik pos."),
        }

    def clean_foto(self):
        uploads = self.cleaned_data.get("foto") or []
        # Counted before any photo is decoded: decoding is what costs.
        sudah = self.instance.foto_set.count() if self.instance.pk else 0
        if sudah + len(uploads) > FOTO_MAKS_PER_KABAR:
            raise ValidationError(
                _("Paling banyak %(n)s foto per kabar (sudah ada %(ada)s).") % {"n": FOTO_MAKS_PER_KABAR, "ada": sudah}
            )
        cleaned = []
        errors = []
        for upload in uploads:
            try:
                cleaned.append(clean_image(upload))
            except ValidationError as error:
                if error.code == "batas_unggahan":  # the request's or the account's limit: once, not per photo
                    raise
                errors.append(f"{upload.name}: {error.messages[0]}")
        if errors:
            raise ValidationError(errors)
        return cleaned
