"""Forms of the foundation, and the one form renderer every page uses."""

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from posyantek.models import Pos


class PortalFormRenderer(TemplatesSetting):
    """Every field, label, help text and error is rendered by templates/includes/_field.html."""

    form_template_name = "includes/_form.html"
    field_template_name = "includes/_field.html"


class DaftarForm(forms.Form):
    """Extra fields of allauth's self-sign-up. Only public roles sign themselves up."""

    PERAN_PEMILIK_UKM = "pemilik_ukm"
    PERAN_RELAWAN = "relawan"
    nama = forms.CharField(label=_("Nama lengkap"), max_length=150)
    peran = forms.ChoiceField(
        label=_("Saya mendaftar sebagai"),
        choices=[(PERAN_PEMILIK_UKM, _("Pemilik UKM")), (PERAN_RELAWAN, _("Calon Relawan TIK"))],
        widget=forms.RadioSelect,
        initial=PERAN_PEMILIK_UKM,
    )
    field_order = ["nama", "email", "password1", "password2", "peran"]

    def clean_nama(self) -> str:
        nama = " ".join(self.cleaned_data["nama"].split())
        if not nama:
            raise forms.ValidationError(_("Nama wajib diisi."))
        return nama

    def signup(self, request, user) -> None:
        user.nama = self.cleaned_data["nama"]
        user.is_pemilik_ukm = self.cleaned_data["peran"] == self.PERAN_PEMILIK_UKM
        user.save(update_fields=["nama", "is_pemilik_ukm"])


class PosProfilForm(forms.ModelForm):
    """What an operator keeps current on their post's public profile."""

    class Meta:
        model = Pos
        fields = [
            "deskripsi", "layanan", "jam_layanan", "alamat", "telepon", "email",
            "latitude", "longitude", "situs", "instagram", "facebook", "youtube",
            "nomor_sk", "tanggal_sk", "nomor_terdaftar", "tanggal_terdaftar",
        ]
        widgets = {
            "deskripsi": forms.Textarea(attrs={"rows": 5}),
            "layanan": forms.Textarea(attrs={"rows": 5}),
            "tanggal_sk": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "tanggal_terdaftar": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self):
        cleaned = super().clean()
        lat, lon = cleaned.get("latitude"), cleaned.get("longitude")
        if (lat is None) != (lon is None):
            raise forms.ValidationError(_("Isi lintang dan bujur bersama-sama, atau kosongkan keduanya."))
        return cleaned
