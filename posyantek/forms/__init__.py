"""Forms of the foundation, and the one form renderer every page uses.

``akun``: invitations and the people list. ``pos``: a post's records in the operators' area.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

BIGINT = 2**63  # primary keys are 64-bit integers


class PilihanBanyakField(forms.ModelMultipleChoiceField):
    """``ModelMultipleChoiceField`` that refuses an id outside the 64-bit range before the lookup: a
    forged ``9223372036854775808`` otherwise crashes SQLite's ``IN (...)`` (OverflowError, a 500)."""

    def _check_values(self, value):
        if (self.to_field_name or "pk") == "pk":
            for pk in value:
                try:
                    number = int(str(pk))
                except ValueError:
                    continue  # the parent answers "not a valid value" for these
                if not -BIGINT <= number < BIGINT:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                    )
        return super()._check_values(value)


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's refusal on a form: each message on the field it names when the form has that
    field, otherwise at the top of the form.

    The one way every view hands a service's ``ValidationError`` to its form. ``form.add_error(None,
    error)`` with a field the form lacks raises ``ValueError`` (a 500), so names the form does not
    know are dropped to the top instead.
    """
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def pesan_galat(request, galat) -> None:
    """Show a refusal as one error message on the next page, for an action without a form of its own
    (a button): a service's ``ValidationError``, or a bound form's errors, each message prefixed with
    its field's label."""
    if isinstance(galat, forms.BaseForm):
        bagian = []
        for field, errors in galat.errors.items():
            label = galat.fields[field].label if field in galat.fields else ""
            bagian += [f"{label}: {error}" if label else str(error) for error in errors]
        teks = " ".join(bagian)
    else:
        teks = " ".join(galat.messages)
    messages.error(request, teks)


class PortalFormRenderer(TemplatesSetting):
    """Every field, label, help text and error is rendered by templates/includes/_field.html."""

    form_template_name = "includes/_form.html"
    field_template_name = "includes/_field.html"


class DaftarForm(forms.Form):
    """Extra fields of allauth's self-sign-up. Only public roles sign themselves up: whatever else
    a POST carries (``is_admin_provinsi``, ``is_staff``…) is not a field here and is ignored."""

    PERAN_PEMILIK_UKM = "pemilik_ukm"
    PERAN_RELAWAN = "relawan"
    nama = forms.CharField(label=_("Nama lengkap"), max_length=150)
    peran = forms.ChoiceField(
        label=_("Saya mendaftar sebagai"),
        choices=[(PERAN_PEMILIK_UKM, _("Pemilik UKM")), (PERAN_RELAWAN, _("Calon Relawan TIK"))],
        widget=forms.RadioSelect,
        initial=PERAN_PEMILIK_UKM,
    )
    telepon = forms.CharField(
        label=_("Nomor HP/WhatsApp (tidak wajib)"),
        max_length=20,
        required=False,
        help_text=_("Pernah memesan pelatihan tanpa akun? Isi nomor yang sama untuk menggabungkannya ke akun ini."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    field_order = ["nama", "email", "telepon", "password1", "password2", "peran"]

    def clean_nama(self) -> str:
        nama = " ".join(self.cleaned_data["nama"].split())
        if not nama:
            raise forms.ValidationError(_("Nama wajib diisi."))
        return nama

    def clean_telepon(self) -> str:
        from posyantek.teks import normalisasi_telepon

        telepon = self.cleaned_data["telepon"].strip()
        return normalisasi_telepon(telepon) if telepon else ""

    def signup(self, request, user) -> None:
        user.nama = self.cleaned_data["nama"]
        user.telepon = self.cleaned_data.get("telepon", "")
        user.is_pemilik_ukm = self.cleaned_data["peran"] == self.PERAN_PEMILIK_UKM
        user.save(update_fields=["nama", "telepon", "is_pemilik_ukm"])


from .pos import PosProfilForm  # noqa: E402  (DaftarForm above is loaded by allauth's settings path)

__all__ = ["DaftarForm", "PortalFormRenderer", "PosProfilForm"]
