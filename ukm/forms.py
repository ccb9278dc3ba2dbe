"""Forms of the UKM registry: what operators and owners type, checked before any service runs."""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from posyantek.forms.angka import angka_model
from posyantek.forms.pos import pesan_menuntun
from posyantek.models import Kecamatan, Kelurahan, Pos
from posyantek.uploads import clean_image

from .klasifikasi import Kelas
from .models import (
    Bidang,
    JenisPendampingan,
    KlaimUkm,
    Pendampingan,
    Produk,
    StatusUkm,
    TahapJakpreneur,
    Ukm,
    nib_validator,
)
from .selectors import TANPA_KELAS
from .services import FIELDS_OPERATOR, FIELDS_PEMILIK

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class KelurahanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Kelurahan) -> str:
        return obj.nama


class _PerKecamatan(ModelChoiceIterator):
    """Options grouped by kecamatan (one query, evaluated only when the select is rendered)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups: dict[str, list] = {}
        for kel in self.queryset:
            groups.setdefault(f"{kel.kecamatan.nama} ({kel.kecamatan.kota.nama_pendek})", []).append(self.choice(kel))
        yield from groups.items()


class KelurahanGroupedField(forms.ModelChoiceField):
    """Every kelurahan of the province, grouped by kecamatan (for owners, who may live anywhere)."""

    iterator = _PerKecamatan

    def label_from_instance(self, obj: Kelurahan) -> str:
        return obj.nama


class _UkmFormBase(forms.ModelForm):
    """The fields both operators and owners fill. NIK is shown in full only in this form."""

    class Meta:
        model = Ukm
        fields = FIELDS_OPERATOR
        widgets = {
            "deskripsi": forms.Textarea(attrs={"rows": 4}),
            "pemilik_nik": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 16}),
            "nib": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 13}),
            "kbli": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 5}),
            "pemilik_telepon": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "dasar_kelas": forms.RadioSelect,
        }
        formfield_callback = angka_model(
            rupiah=["modal_usaha", "hasil_penjualan_tahunan"],
            tanpa_ribuan=["tahun_berdiri", "latitude", "longitude"],
        )

    KELOMPOK = [
        (_("Usaha"), ["nama", "deskripsi", "bidang", "kbli", "nib", "bentuk_usaha", "tahun_berdiri", "jumlah_pekerja"]),
        (_("Pemilik"), ["pemilik_nama", "pemilik_nik", "pemilik_telepon", "pemilik_email"]),
        (_("Lokasi"), ["kelurahan", "alamat", "latitude", "longitude"]),
        (_("Klasifikasi (PP 7/2021 Pasal 35)"), ["dasar_kelas", "modal_usaha", "hasil_penjualan_tahunan"]),
        (_("Pembinaan"), ["tahap_jakpreneur", "status"]),
        (
            _("Media sosial dan toko daring"),
            ["situs", "instagram", "facebook", "tiktok", "tokopedia", "shopee", "marketplace_lain"],
        ),
        (_("Direktori publik"), ["tampil_publik"]),
    ]

    def kelompok(self):
        """The visible fields in labelled groups, for a long form people can scan."""
        for title, names in self.KELOMPOK:
            fields = [self[name] for name in names if name in self.fields]
            if fields:
                yield title, fields

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("nama", "pemilik_nama", "alamat"):
            self.fields[name].widget.attrs.setdefault("autocomplete", "off")
        for name in Ukm.TAUTAN:
            self.fields[name].widget.attrs["placeholder"] = "https://"
            self.fields[name].assume_scheme = "https"
        self.fields["bidang"].choices = [("", _("Pilih bidang usaha")), *Bidang.choices]
        if "tahap_jakpreneur" in self.fields:
            self.fields["tahap_jakpreneur"].choices = [("", _("Belum ada tahap")), *TahapJakpreneur.choices]
        self.fields["latitude"].widget.attrs["placeholder"] = "-6.175392"
        self.fields["longitude"].widget.attrs["placeholder"] = "106.827153"
        self.fields["latitude"].help_text = _("Opsional. Angka desimal dari peta, mis. -6.175392 dan 106.827153.")
        self.fields["pemilik_telepon"].help_text = _(
            "Nomor HP atau WhatsApp, misalnya 0812-3456-7890. Tidak pernah tampil di halaman publik."
        )
        pesan_menuntun(self.fields)

    def clean_nama(self) -> str:
        return " ".join(self.cleaned_data["nama"].split())

    def clean_pemilik_nama(self) -> str:
        return " ".join(self.cleaned_data["pemilik_nama"].split())

    def clean_pemilik_nik(self) -> str:
        return "".join(self.cleaned_data["pemilik_nik"].split())

    def clean_nib(self) -> str:
        return "".join(self.cleaned_data["nib"].split())


class UkmOperatorForm(_UkmFormBase):
    """An operator's form: kelurahan limited to the post's kecamatan, plus stage and status."""

    kelurahan = KelurahanChoiceField(
        queryset=Kelurahan.objects.none(), label=_("Kelurahan"), empty_label=_("Pilih kelurahan")
    )

    class Meta(_UkmFormBase.Meta):
        fields = FIELDS_OPERATOR

    def __init__(self, *args, pos: Pos, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kelurahan"].queryset = Kelurahan.objects.filter(kecamatan_id=pos.kecamatan_id).order_by("nama")


class UkmPemilikForm(_UkmFormBase):
    """An owner's own business: any kelurahan of the province; no stage, status or verification."""

    kelurahan = KelurahanGroupedField(
        queryset=Kelurahan.objects.select_related("kecamatan__kota").order_by(
            "kecamatan__kota__kode", "kecamatan__nama", "nama"
        ),
        label=_("Kelurahan"),
        empty_label=_("Pilih kelurahan"),
    )

    class Meta(_UkmFormBase.Meta):
        fields = FIELDS_PEMILIK


class UkmFilterForm(forms.Form):
    """The list's search and filters (GET). Unknown values are dropped, never an error page."""

    q = forms.CharField(
        label=_("Cari"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Nama usaha, pemilik, NIB, atau kelurahan")}),
    )
    kelurahan = KelurahanChoiceField(
        queryset=Kelurahan.objects.none(), required=False, label=_("Kelurahan"), empty_label=_("Semua")
    )
    kecamatan = forms.ModelChoiceField(
        queryset=Kecamatan.objects.none(), required=False, label=_("Kecamatan"), empty_label=_("Semua")
    )
    bidang = forms.ChoiceField(label=_("Bidang"), required=False, choices=[("", _("Semua")), *Bidang.choices])
    kelas = forms.ChoiceField(
        label=_("Kelas"),
        required=False,
        choices=[("", _("Semua")), *Kelas.choices, (TANPA_KELAS, _("Belum dapat ditentukan"))],
    )
    tahap = forms.ChoiceField(
        label=_("Tahap Jakpreneur"),
        required=False,
        choices=[("", _("Semua")), *TahapJakpreneur.choices, (TANPA_KELAS, _("Belum ada tahap"))],
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Semua")), *StatusUkm.choices])
    verifikasi = forms.ChoiceField(
        label=_("Verifikasi"),
        required=False,
        choices=[("", _("Semua")), ("ya", _("Terverifikasi")), ("belum", _("Belum diverifikasi"))],
    )
    urut = forms.ChoiceField(
        label=_("Urutkan"),
        required=False,
        choices=[
            ("nama", _("Nama A–Z")),
            ("-nama", _("Nama Z–A")),
            ("terbaru", _("Terakhir diubah")),
            ("dibuat", _("Terakhir didaftarkan")),
            ("kelas", _("Kelas")),
            ("kelurahan", _("Kelurahan")),
        ],
    )

    def __init__(self, *args, pos: Pos | None, **kwargs):
        super().__init__(*args, **kwargs)
        if pos is not None:
            del self.fields["kecamatan"]
            self.fields["kelurahan"].queryset = Kelurahan.objects.filter(kecamatan_id=pos.kecamatan_id).order_by("nama")
        else:
            del self.fields["kelurahan"]
            self.fields["kecamatan"].queryset = Kecamatan.objects.order_by("nama")

    def params(self) -> dict:
        """Cleaned values; a tampered field is simply ignored."""
        if self.is_valid():
            return self.cleaned_data
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}


class DirektoriFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Cari usaha"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Nama usaha atau kelurahan")}),
    )
    kecamatan = forms.ModelChoiceField(
        queryset=Kecamatan.objects.order_by("nama"),
        required=False,
        to_field_name="slug",
        label=_("Kecamatan"),
        empty_label=_("Semua kecamatan"),
    )
    bidang = forms.ChoiceField(
        label=_("Bidang usaha"), required=False, choices=[("", _("Semua bidang")), *Bidang.choices]
    )

    def params(self) -> dict:
        if self.is_valid():
            return self.cleaned_data
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}


class ProdukForm(forms.ModelForm):
    """A product, with one optional photo per save (more can be added later, up to the cap)."""

    foto = forms.FileField(
        label=_("Foto produk"),
        required=False,
        help_text=_("JPEG, PNG, atau WebP, paling besar 8 MB. Data lokasi (GPS) dalam foto dihapus otomatis."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    keterangan_foto = forms.CharField(
        label=_("Keterangan foto"),
        required=False,
        max_length=150,
        help_text=_("Apa yang tampak di foto, untuk pembaca layar."),
    )

    class Meta:
        model = Produk
        fields = ["nama", "deskripsi", "harga"]
        widgets = {"deskripsi": forms.Textarea(attrs={"rows": 3})}
        formfield_callback = angka_model(rupiah=["harga"])

    def clean_foto(self):
        upload = self.cleaned_data.get("foto")
        if not upload:
            return None
        return clean_image(upload)


class PendampinganForm(forms.ModelForm):
    class Meta:
        model = Pendampingan
        fields = ["tanggal", "jenis", "pendamping", "catatan", "tindak_lanjut"]
        widgets = {"tanggal": DATE, "tindak_lanjut": DATE, "catatan": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jenis"].choices = JenisPendampingan.choices
        pesan_menuntun(self.fields)

    def clean_tanggal(self):
        tanggal = self.cleaned_data["tanggal"]
        if tanggal > timezone.localdate():
            raise forms.ValidationError(
                _("Tanggal pendampingan tidak boleh di masa depan; catat tindak lanjut sebagai tanggal tindak lanjut.")
            )
        if tanggal.year < 2000:
            raise forms.ValidationError(_("Tanggal terlalu lampau."))
        return tanggal

    def clean(self):
        cleaned = super().clean()
        tanggal, lanjut = cleaned.get("tanggal"), cleaned.get("tindak_lanjut")
        if tanggal and lanjut and lanjut < tanggal:
            self.add_error("tindak_lanjut", _("Tanggal tindak lanjut tidak boleh sebelum tanggal pendampingan."))
        return cleaned


class KlaimForm(forms.Form):
    nib = forms.CharField(
        label=_("NIB usaha Anda"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("13 digit, tertera pada dokumen NIB dari OSS."),
    )
    pesan = forms.CharField(
        label=_("Pesan untuk operator pos"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=KlaimUkm._meta.get_field("pesan").help_text,
    )

    def clean_nib(self) -> str:
        nib = "".join(self.cleaned_data["nib"].split())
        nib_validator(nib)
        return nib


class KlaimPutusanForm(forms.Form):
    keputusan = forms.ChoiceField(choices=[("setujui", _("Setujui")), ("tolak", _("Tolak"))])
    catatan = forms.CharField(label=_("Catatan"), required=False, max_length=500)


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas CSV atau XLSX"),
        help_text=_(
            "Paling banyak 5.000 baris dan 5 MB. Judul kolom dalam bahasa Indonesia; kolom wajib: Nama Usaha, Nama "
            "Pemilik, Kelurahan."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )
    tandai_terverifikasi = forms.BooleanField(
        label=_("Tandai semua usaha di berkas ini sebagai terverifikasi"),
        required=False,
        help_text=_("Hanya bila data berasal dari pendataan resmi dan sudah diperiksa."),
    )
