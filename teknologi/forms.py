"""Forms of the catalogue, guides, adoption and urun beli. Uploads are checked by content
(``posyantek.uploads``); choices of other rows are always limited to what the user may pick."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from posyantek.forms import PilihanBanyakField
from posyantek.forms.angka import AngkaField, angka_model
from posyantek.models import Pos
from posyantek.teks import rapikan_teks
from posyantek.uploads import clean_image, clean_pdf
from teknologi.models import (
    Frekuensi,
    KampanyeUrunBeli,
    StatusTeknologi,
    Teknologi,
)
from teknologi.services import TEKNOLOGI_FIELDS
from ukm import selectors as ukm_selectors
from ukm.models import Ukm

HARGA_MAKS = 10_000_000_000  # Rp10 miliar: beyond that it is a typo, not a TTG price


class TeknologiForm(forms.ModelForm):
    foto_baru = forms.FileField(
        label=_("Foto utama"),
        required=False,
        help_text=_("JPEG, PNG, atau WebP, maksimal 8 MB. Kosongkan bila tidak diganti."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    foto_tambahan = forms.FileField(
        label=_("Tambah foto lain"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    foto_tambahan_keterangan = forms.CharField(label=_("Keterangan foto lain"), max_length=150, required=False)
    hapus_foto = PilihanBanyakField(
        label=_("Hapus foto lain"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Teknologi
        fields = TEKNOLOGI_FIELDS
        widgets = {
            "deskripsi": forms.Textarea(attrs={"rows": 6}),
            "deskripsi_en": forms.Textarea(attrs={"rows": 4}),
            "cara_kerja": forms.Textarea(attrs={"rows": 5}),
            "cara_kerja_en": forms.Textarea(attrs={"rows": 4}),
            "spesifikasi_lain": forms.Textarea(attrs={"rows": 4}),
            "spesifikasi_lain_en": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            f: _("Tidak wajib. Untuk pengunjung yang memilih bahasa Inggris; bila kosong, teks Indonesia yang tampil.")
            for f in (
                "nama_en",
                "ringkasan_en",
                "deskripsi_en",
                "cara_kerja_en",
                "kapasitas_en",
                "daya_en",
                "dimensi_en",
                "spesifikasi_lain_en",
            )
        }
        formfield_callback = angka_model(rupiah=["harga_min", "harga_max"], tanpa_ribuan=["penghargaan_tahun"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["hapus_foto"].queryset = self.instance.foto_set.all()
            self.fields["hapus_foto"].label_from_instance = lambda foto: (
                foto.keterangan or foto.foto.name.rsplit("/", 1)[-1]
            )
        else:
            self.fields["hapus_foto"].queryset = self.instance.foto_set.model.objects.none()
            del self.fields["hapus_foto"]

    def clean_nama(self) -> str:
        nama = rapikan_teks(self.cleaned_data["nama"])
        if not nama:
            raise ValidationError(_("Nama wajib diisi."))
        return nama

    def clean_ringkasan(self) -> str:
        return rapikan_teks(self.cleaned_data["ringkasan"])

    def clean_video_url(self) -> str:
        url = self.cleaned_data.get("video_url", "")
        if url and not url.startswith("https://"):
            raise ValidationError(_("Tautan video harus diawali https://."))
        return url

    def _clean_harga(self, name: str):
        value = self.cleaned_data.get(name)
        if value is not None and value > HARGA_MAKS:
            raise ValidationError(
                _("Harga terlalu besar untuk sebuah alat TTG (paling banyak %(maks)s); periksa jumlah nol.")
                % {"maks": f"Rp{HARGA_MAKS:,}".replace(",", ".")}
            )
        return value

    def clean_harga_min(self):
        return self._clean_harga("harga_min")

    def clean_harga_max(self):
        return self._clean_harga("harga_max")

    def clean_foto_baru(self):
        upload = self.cleaned_data.get("foto_baru")
        return clean_image(upload) if upload else None

    def clean_foto_tambahan(self):
        upload = self.cleaned_data.get("foto_tambahan")
        return clean_image(upload) if upload else None

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("harga_min"), cleaned.get("harga_max")
        if low is not None and high is not None and high < low:
            self.add_error("harga_max", _("Harga tertinggi tidak boleh lebih kecil dari harga terendah."))
        if cleaned.get("penghargaan"):
            if not cleaned.get("penghargaan_tahun"):
                self.add_error("penghargaan_tahun", _("Isi tahun penghargaan."))
            if not cleaned.get("penghargaan_tingkat"):
                self.add_error("penghargaan_tingkat", _("Isi tingkat penghargaan."))
        return cleaned

    def data_teknologi(self) -> dict:
        return {name: self.cleaned_data[name] for name in TEKNOLOGI_FIELDS if name in self.cleaned_data}


class PanduanForm(forms.Form):
    pengantar = forms.CharField(
        label=_("Pengantar"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
    pengantar_en = forms.CharField(
        label=_("Pengantar (Inggris, tidak wajib)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    keselamatan = forms.CharField(
        label=_("Catatan keselamatan"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Satu catatan per baris."),
    )
    keselamatan_en = forms.CharField(
        label=_("Catatan keselamatan (Inggris, tidak wajib)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu catatan per baris, urutannya sama dengan yang berbahasa Indonesia."),
    )
    pdf = forms.FileField(
        label=_("Panduan PDF (opsional)"),
        required=False,
        help_text=_("Berkas PDF, maksimal 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    hapus_pdf = forms.BooleanField(label=_("Hapus PDF yang ada"), required=False)

    def clean_pdf(self):
        upload = self.cleaned_data.get("pdf")
        return clean_pdf(upload) if upload else None


class LangkahForm(forms.Form):
    teks = forms.CharField(label=_("Langkah"), max_length=1500, widget=forms.Textarea(attrs={"rows": 2}))
    teks_en = forms.CharField(
        label=_("Langkah (Inggris, tidak wajib)"),
        required=False,
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    foto = forms.FileField(
        label=_("Foto langkah (opsional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    foto_lama = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, foto_sah: set[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.foto_sah = foto_sah or set()

    def clean_foto(self):
        upload = self.cleaned_data.get("foto")
        return clean_image(upload) if upload else None

    def clean_foto_lama(self) -> str:
        # Only a photo this guide already has may be kept: never a path someone typed.
        name = self.cleaned_data.get("foto_lama", "")
        return name if name in self.foto_sah else ""


class PerawatanForm(forms.Form):
    # An empty first choice keeps an untouched extra row unchanged (and so skipped).
    frekuensi = forms.ChoiceField(label=_("Kapan"), choices=[("", "—")] + Frekuensi.choices)
    kegiatan = forms.CharField(label=_("Kegiatan perawatan"), max_length=300)
    kegiatan_en = forms.CharField(label=_("Kegiatan (Inggris, tidak wajib)"), max_length=300, required=False)


class MasalahForm(forms.Form):
    masalah = forms.CharField(label=_("Masalah"), max_length=200)
    penyebab = forms.CharField(label=_("Penyebab"), max_length=300)
    solusi = forms.CharField(label=_("Solusi"), max_length=500)
    masalah_en = forms.CharField(label=_("Masalah (Inggris, tidak wajib)"), max_length=200, required=False)
    penyebab_en = forms.CharField(label=_("Penyebab (Inggris, tidak wajib)"), max_length=300, required=False)
    solusi_en = forms.CharField(label=_("Solusi (Inggris, tidak wajib)"), max_length=500, required=False)


class _BaseFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict]:
        """The filled, not-deleted rows in the order given."""
        forms_ = [f for f in self.forms if f.has_changed() or f.initial]
        forms_ = [f for f in forms_ if f.cleaned_data and not (self.can_delete and self._should_delete_form(f))]
        if self.can_order:
            forms_.sort(key=lambda f: (f.cleaned_data.get("ORDER") is None, f.cleaned_data.get("ORDER") or 0))
        return [f.cleaned_data for f in forms_]


class _LangkahFormSet(_BaseFormSet):
    def __init__(self, *args, foto_sah=None, **kwargs):
        self.foto_sah = foto_sah or set()
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "foto_sah": self.foto_sah}


# absolute_max = max_num: a forged TOTAL_FORMS (say 1000) must not make the server build and render
# a thousand forms (Django's default ceiling is max_num + 1000); it gets the "at most" error instead.
LangkahFormSet = forms.formset_factory(
    LangkahForm,
    formset=_LangkahFormSet,
    extra=2,
    can_delete=True,
    can_order=True,
    max_num=40,
    absolute_max=40,
    validate_max=True,
)
PerawatanFormSet = forms.formset_factory(
    PerawatanForm, formset=_BaseFormSet, extra=2, can_delete=True, max_num=30, absolute_max=30, validate_max=True
)
MasalahFormSet = forms.formset_factory(
    MasalahForm, formset=_BaseFormSet, extra=2, can_delete=True, max_num=30, absolute_max=30, validate_max=True
)


class KembalikanForm(forms.Form):
    catatan = forms.CharField(
        label=_("Catatan untuk pengusul"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


def teknologi_terbit_choices():
    return Teknologi.objects.filter(status=StatusTeknologi.TERBIT).order_by("nama")


class PeragaForm(forms.Form):
    teknologi = forms.ModelChoiceField(label=_("Teknologi"), queryset=Teknologi.objects.none())
    ada_unit_demo = forms.BooleanField(label=_("Pos punya unit demo yang bisa dicoba"), required=False)
    keterangan = forms.CharField(label=_("Keterangan"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teknologi"].queryset = teknologi_terbit_choices()


class _AdopsiFields(forms.Form):
    nama_usaha = forms.CharField(label=_("Nama usaha"), max_length=150)
    sejak = forms.DateField(
        label=_("Dipakai sejak"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    rating = forms.TypedChoiceField(
        label=_("Penilaian"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("— tanpa penilaian —"))] + [(n, "★" * n + f" ({n})") for n in range(5, 0, -1)],
    )
    catatan = forms.CharField(
        label=_("Ulasan atau catatan"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Pengalaman memakai alat ini: hasil, kendala, saran."),
    )

    def clean_nama_usaha(self) -> str:
        nama = rapikan_teks(self.cleaned_data["nama_usaha"])
        if not nama and self.fields["nama_usaha"].required:
            raise ValidationError(_("Nama usaha wajib diisi."))
        return nama

    def clean_sejak(self):
        sejak = self.cleaned_data.get("sejak")
        if sejak and sejak > timezone.localdate():
            raise ValidationError(_("Tanggal mulai pakai tidak boleh di masa depan."))
        return sejak


class AdopsiOperatorForm(_AdopsiFields):
    """An operator's record: the business picked from their own post's UKM registry (a business not
    yet registered may still be named in free text)."""

    teknologi = forms.ModelChoiceField(label=_("Teknologi"), queryset=Teknologi.objects.none())
    ukm = forms.ModelChoiceField(
        label=_("UKM terdaftar"),
        required=False,
        queryset=Ukm.objects.none(),
        empty_label=_("— belum terdaftar: tulis nama usaha —"),
        help_text=_("Pilih dari registri UKM pos ini; nama usaha diambil dari registri."),
    )
    field_order = ["teknologi", "ukm", "nama_usaha", "sejak", "rating", "catatan"]

    def __init__(self, *args, pos: Pos, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teknologi"].queryset = teknologi_terbit_choices()
        self.fields["ukm"].queryset = ukm_selectors.ukm_pilihan_pos(pos=pos)
        self.fields["nama_usaha"].required = False

    def clean(self):
        data = super().clean()
        if data.get("ukm"):
            data["nama_usaha"] = data["ukm"].nama
        elif not data.get("nama_usaha") and "ukm" not in self.errors and "nama_usaha" not in self.errors:
            self.add_error("nama_usaha", _("Pilih UKM dari registri atau tulis nama usaha."))
        return data


class AdopsiPemilikForm(_AdopsiFields):
    pos = forms.ModelChoiceField(
        label=_("Kecamatan tempat usaha"),
        queryset=Pos.objects.none(),
        help_text=_("Operator pos kecamatan ini akan memeriksa laporan Anda."),
    )
    ukm = forms.ModelChoiceField(
        label=_("Usaha saya"),
        required=False,
        queryset=Ukm.objects.none(),
        empty_label=_("— belum terdaftar: tulis nama dan kecamatannya —"),
        help_text=_("Usaha yang tertaut ke akun Anda di registri UKM."),
    )
    field_order = ["ukm", "nama_usaha", "pos", "sejak", "rating", "catatan"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pos"].queryset = Pos.objects.with_wilayah().order_by("kecamatan__nama")
        self.fields["pos"].label_from_instance = lambda pos: f"{pos.kecamatan.nama} ({pos.kecamatan.kota.nama_pendek})"
        self.fields["ukm"].queryset = ukm_selectors.ukm_pilihan_pemilik(pengguna=user)
        self.fields["nama_usaha"].required = False
        self.fields["pos"].required = False

    def clean(self):
        data = super().clean()
        ukm = data.get("ukm")
        if ukm:
            data["nama_usaha"], data["pos"] = ukm.nama, ukm.pos
        elif "ukm" not in self.errors:
            if not data.get("nama_usaha") and "nama_usaha" not in self.errors:
                self.add_error("nama_usaha", _("Pilih usaha Anda atau tulis nama usaha."))
            if not data.get("pos") and "pos" not in self.errors:
                self.add_error("pos", _("Pilih kecamatan tempat usaha."))
        return data


class KampanyeForm(forms.ModelForm):
    teknologi = forms.ModelChoiceField(label=_("Teknologi"), queryset=Teknologi.objects.none())
    batas_waktu = forms.DateTimeField(
        label=_("Batas waktu"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    class Meta:
        model = KampanyeUrunBeli
        fields = [
            "teknologi",
            "judul",
            "deskripsi",
            "harga_satuan",
            "target_jumlah",
            "maksimum_jumlah",
            "batas_waktu",
            "catatan_pengambilan",
        ]
        widgets = {
            "deskripsi": forms.Textarea(attrs={"rows": 4}),
            "catatan_pengambilan": forms.Textarea(attrs={"rows": 3}),
        }
        formfield_callback = angka_model(rupiah=["harga_satuan"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teknologi"].queryset = teknologi_terbit_choices()

    def clean_judul(self) -> str:
        judul = rapikan_teks(self.cleaned_data["judul"])
        if not judul:
            raise ValidationError(_("Judul wajib diisi."))
        return judul

    def clean_harga_satuan(self):
        value = self.cleaned_data["harga_satuan"]
        if value > HARGA_MAKS:
            raise ValidationError(
                _("Harga terlalu besar (paling banyak %(maks)s); periksa jumlah nol.")
                % {"maks": f"Rp{HARGA_MAKS:,}".replace(",", ".")}
            )
        return value

    def clean_target_jumlah(self):
        value = self.cleaned_data["target_jumlah"]
        if value > 10000:
            raise ValidationError(_("Target paling banyak 10.000 unit."))
        return value

    def clean_batas_waktu(self):
        value = self.cleaned_data["batas_waktu"]
        if value <= timezone.now():
            raise ValidationError(_("Batas waktu harus di masa depan."))
        return value

    def clean(self):
        cleaned = super().clean()
        target, maks = cleaned.get("target_jumlah"), cleaned.get("maksimum_jumlah")
        if target and maks is not None and maks < target:
            self.add_error("maksimum_jumlah", _("Jumlah maksimum tidak boleh kurang dari target."))
        return cleaned

    def _post_clean(self):
        # The service builds and validates the row; the model form only parses the fields.
        pass


class JanjiForm(forms.Form):
    jumlah = AngkaField(label=_("Jumlah unit"), min_value=1, max_value=1000, initial=1)
    nama_usaha = forms.CharField(
        label=_("Nama usaha (opsional)"),
        max_length=150,
        required=False,
        help_text=_("Hanya terlihat oleh pos penyelenggara."),
    )

    def clean_nama_usaha(self) -> str:
        return rapikan_teks(self.cleaned_data.get("nama_usaha", ""))
