"""Forms of invitations and the people list (admin provinsi)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from posyantek.forms import PilihanBanyakField
from posyantek.models import Peran, Pos


class PosChoiceField(PilihanBanyakField):
    def label_from_instance(self, obj: Pos) -> str:
        return f"{obj.kecamatan.nama} ({obj.kecamatan.kota.nama_pendek})"


class UndanganForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    nama = forms.CharField(
        label=_("Nama lengkap"), max_length=150, required=False, help_text=_("Wajib untuk orang yang belum punya akun.")
    )
    peran = forms.ChoiceField(
        label=_("Diundang sebagai"), choices=Peran.choices, widget=forms.RadioSelect, initial=Peran.OPERATOR
    )
    pos = PosChoiceField(
        label=_("Pos yang dikelola (untuk operator)"),
        required=False,
        queryset=Pos.objects.with_wilayah().order_by("kecamatan__kode"),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-columns"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("peran") == Peran.OPERATOR and not cleaned.get("pos"):
            self.add_error("pos", _("Pilih minimal satu pos untuk operator."))
        return cleaned


class UndanganOperatorForm(forms.Form):
    """Invite an operator of the one post whose page this is."""

    email = forms.EmailField(label=_("E-mail"), max_length=254)
    nama = forms.CharField(
        label=_("Nama lengkap"), max_length=150, required=False, help_text=_("Wajib untuk orang yang belum punya akun.")
    )


class PenggunaFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nama atau e-mail"), required=False, max_length=80)
    peran = forms.ChoiceField(
        label=_("Peran"),
        required=False,
        choices=[
            ("", _("Semua peran")),
            ("operator", _("Operator")),
            ("juri", _("Juri")),
            ("admin_provinsi", _("Admin provinsi")),
        ],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("Semua status")),
            ("aktif", _("Aktif")),
            ("menunggu", _("Belum mengatur kata sandi")),
            ("nonaktif", _("Nonaktif")),
        ],
    )
