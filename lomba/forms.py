"""Forms of the Lomba: parsing and validating input before the services apply their rules."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lomba.models import (
    TINGKAT_URUTAN,
    Kriteria,
    Lomba,
    Peserta,
    Status,
    SumberHasil,
    Tahap,
    Tingkat,
    angka,
)
from posyantek.forms import PilihanBanyakField
from posyantek.forms.angka import AngkaField, angka_model
from posyantek.models import Kota, Pos, User
from posyantek.uploads import clean_document


class NilaiField(AngkaField):
    """A score or weight: up to 2 decimals ("87,5" or "87.5"), within ``rentang`` (one message for both ends)."""

    def __init__(self, *, rentang: tuple[Decimal, Decimal], **kwargs):
        super().__init__(desimal=2, max_digits=6, min_value=rentang[0], max_value=rentang[1], **kwargs)


SERATUS = (Decimal(0), Decimal(100))


def _tahun_sekarang() -> int:
    return timezone.localdate().year


class LombaCreateForm(forms.ModelForm):
    nama = forms.CharField(
        label=_("Nama lomba"),
        max_length=200,
        required=False,
        help_text=_(
            "Kosongkan untuk nama otomatis, misalnya “Lomba Posyantek Berprestasi Tingkat Provinsi DKI Jakarta 2026”."
        ),
    )

    class Meta:
        model = Lomba
        fields = ["tahun", "kategori", "tingkat", "kota", "sumber_hasil", "nama", "deskripsi"]
        formfield_callback = angka_model(tanpa_ribuan=["tahun"])
        widgets = {"deskripsi": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "sumber_hasil": _(
                "Hasil lomba nasional dapat dinilai akun juri nasional di portal atau diimpor dari CSV panitia "
                "nasional."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].initial = _tahun_sekarang()
        self.fields["kota"].queryset = Kota.objects.order_by("kode")

    def clean(self):
        cleaned = super().clean()
        tingkat, kota = cleaned.get("tingkat"), cleaned.get("kota")
        if tingkat == Tingkat.KOTA and kota is None:
            self.add_error("kota", _("Pilih kota/kabupaten untuk lomba tingkat kota."))
        if tingkat and tingkat != Tingkat.KOTA and kota is not None:
            self.add_error("kota", _("Kota hanya diisi untuk lomba tingkat kota."))
        if cleaned.get("sumber_hasil") == SumberHasil.IMPOR and tingkat != Tingkat.NASIONAL:
            self.add_error("sumber_hasil", _("Impor hasil dari CSV hanya untuk lomba tingkat nasional."))
        return cleaned

    def validate_unique(self):
        """The service checks duplicates with a clearer message."""


class LombaUpdateForm(forms.ModelForm):
    class Meta:
        model = Lomba
        fields = ["nama", "deskripsi", "tempat", "seri_tahap", "seri_kriteria"]
        widgets = {"deskripsi": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lomba = self.instance
        self.fields["seri_tahap"].queryset = Tahap.objects.filter(lomba=lomba)
        self.fields["seri_kriteria"].queryset = Kriteria.objects.filter(tahap__lomba=lomba).select_related("tahap")
        self.fields["seri_kriteria"].label_from_instance = lambda k: f"{k.tahap.nama} · {k.nama}"
        if lomba.status != Status.DRAFT:
            for name in ("seri_tahap", "seri_kriteria"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Penentu seri hanya dapat diubah selama lomba berstatus draf.")


class TahapForm(forms.ModelForm):
    bobot = NilaiField(label=_("Bobot (%)"), rentang=SERATUS)

    class Meta:
        model = Tahap
        fields = ["nama", "urutan", "bobot", "keterangan"]
        formfield_callback = angka_model()


class KriteriaForm(forms.ModelForm):
    bobot = NilaiField(label=_("Bobot dalam tahap (%)"), rentang=SERATUS)
    skala_min = NilaiField(label=_("Nilai terendah"), rentang=(Decimal(0), Decimal(1000)), initial=Decimal(0))
    skala_maks = NilaiField(label=_("Nilai tertinggi"), rentang=(Decimal("0.01"), Decimal(1000)), initial=Decimal(100))

    class Meta:
        model = Kriteria
        fields = ["nama", "deskripsi", "urutan", "bobot", "skala_min", "skala_maks"]
        formfield_callback = angka_model()

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("skala_min"), cleaned.get("skala_maks")
        if low is not None and high is not None and high <= low:
            self.add_error("skala_maks", _("Nilai tertinggi harus lebih besar daripada nilai terendah."))
        return cleaned


class BobotForm(forms.Form):
    """Every weight of a competition on one page; the sums are checked here and in the service."""

    def __init__(self, *args, tahap_list, **kwargs):
        super().__init__(*args, **kwargs)
        self.tahap_list = tahap_list
        self.groups = []
        for t in tahap_list:
            name = f"tahap_{t.pk}"
            self.fields[name] = NilaiField(label=t.nama, rentang=SERATUS, initial=t.bobot)
            names = []
            for k in t.kriteria_set.all():
                kname = f"kriteria_{k.pk}"
                self.fields[kname] = NilaiField(label=k.nama, rentang=SERATUS, initial=k.bobot)
                names.append(kname)
            self.groups.append((t, name, names))

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        total = sum((cleaned[f"tahap_{t.pk}"] for t in self.tahap_list), Decimal(0))
        if total != 100:
            raise ValidationError(_("Jumlah bobot tahap harus 100%% (sekarang %(n)s%%).") % {"n": angka(total)})
        for t, _name, names in self.groups:
            if names:
                jumlah = sum((cleaned[n] for n in names), Decimal(0))
                if jumlah != 100:
                    self.add_error(
                        names[0],
                        _("Jumlah bobot kriteria tahap “%(t)s” harus 100%% (sekarang %(n)s%%).")
                        % {"t": t.nama, "n": angka(jumlah)},
                    )
        return cleaned

    def bobot_tahap(self) -> dict[int, Decimal]:
        return {t.pk: self.cleaned_data[f"tahap_{t.pk}"] for t in self.tahap_list}

    def bobot_kriteria(self) -> dict[int, Decimal]:
        return {k.pk: self.cleaned_data[f"kriteria_{k.pk}"] for t in self.tahap_list for k in t.kriteria_set.all()}

    def grouped(self):
        """[(tahap, bound stage field, [bound criterion fields])] for the template."""
        return [(t, self[name], [self[n] for n in names]) for t, name, names in self.groups]


class PesertaPosForm(forms.Form):
    pos = forms.ModelChoiceField(label=_("Pos yang didaftarkan"), queryset=Pos.objects.none())
    judul = forms.CharField(label=_("Judul karya/inovasi"), max_length=200, required=False)

    def __init__(self, *args, lomba: Lomba, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Pos.objects.with_wilayah().exclude(pk__in=lomba.peserta_set.filter(pos__isnull=False).values("pos_id"))
        if lomba.tingkat == Tingkat.KOTA:
            qs = qs.filter(kecamatan__kota=lomba.kota)
        self.fields["pos"].queryset = qs.order_by("kecamatan__kode")
        self.fields["pos"].label_from_instance = lambda p: f"{p.nama} ({p.kecamatan.kota.nama_pendek})"


class PesertaLuarForm(forms.Form):
    nama = forms.CharField(
        label=_("Nama peserta"), max_length=150, help_text=_("Misalnya “Posyantek Kecamatan Singosari”.")
    )
    provinsi = forms.CharField(label=_("Provinsi"), max_length=100)
    judul = forms.CharField(label=_("Judul karya/inovasi"), max_length=200, required=False)


class BawaPemenangForm(forms.Form):
    dari = forms.ModelChoiceField(label=_("Dari lomba"), queryset=Lomba.objects.none())
    peringkat_maks = AngkaField(
        label=_("Bawa peringkat 1 sampai"),
        min_value=1,
        max_value=10,
        initial=1,
        help_text=_("1 = hanya Juara I; 3 = Juara I–III."),
    )

    def __init__(self, *args, lomba: Lomba, **kwargs):
        super().__init__(*args, **kwargs)
        lebih_rendah = [t for t, urut in TINGKAT_URUTAN.items() if urut < TINGKAT_URUTAN[Tingkat(lomba.tingkat)]]
        self.fields["dari"].queryset = (
            Lomba.objects.selesai()
            .filter(kategori=lomba.kategori, tingkat__in=lebih_rendah, tahun__in=[lomba.tahun, lomba.tahun - 1])
            .select_related("kota")
        )


class PesertaOperatorForm(forms.ModelForm):
    class Meta:
        model = Peserta
        fields = ["judul", "tautan_video"]
        help_texts = {
            "tautan_video": _("Tautan video profil pos (YouTube atau penyimpanan daring), bila diminta panitia.")
        }


class DokumenForm(forms.Form):
    judul = forms.CharField(label=_("Judul dokumen"), max_length=150, help_text=_("Misalnya “SK pembentukan pos”."))
    berkas = forms.FileField(
        label=_("Berkas"),
        help_text=_("PDF atau gambar (JPEG, PNG, WebP), paling besar 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,.webp"}),
    )

    def clean_judul(self) -> str:
        judul = " ".join(self.cleaned_data["judul"].split())
        if not judul:
            raise ValidationError(_("Judul dokumen wajib diisi."))
        return judul

    def clean_berkas(self):
        return clean_document(self.cleaned_data["berkas"])


class PenugasanForm(forms.Form):
    juri = forms.ModelChoiceField(label=_("Juri"), queryset=User.objects.none())
    is_nasional = forms.BooleanField(label=_("Akun juri nasional"), required=False)
    peserta = PilihanBanyakField(
        label=_("Hanya menilai peserta berikut"),
        queryset=Peserta.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kosongkan bila juri menilai semua peserta."),
    )

    def __init__(self, *args, lomba: Lomba, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["juri"].queryset = (
            User.objects.filter(is_juri=True, is_active=True)
            .exclude(pk__in=lomba.penugasan_set.values("juri_id"))
            .order_by("nama", "email")
        )
        self.fields["juri"].label_from_instance = lambda u: f"{u.nama or u.email} ({u.email})"
        self.fields["peserta"].queryset = lomba.peserta_set.with_relasi().order_by("pos__kecamatan__kode", "nama_luar")
        if lomba.tingkat == Tingkat.NASIONAL:
            self.fields["is_nasional"].initial = True
            self.fields["is_nasional"].help_text = _("Lomba tingkat nasional hanya dinilai akun juri nasional.")
        else:
            del self.fields["is_nasional"]


class JuriPosForm(forms.Form):
    juri = forms.ModelChoiceField(label=_("Juri"), queryset=User.objects.filter(is_juri=True).order_by("nama", "email"))
    pos = forms.ModelChoiceField(
        label=_("Pos terkait"), queryset=Pos.objects.with_wilayah().order_by("kecamatan__kode")
    )
    keterangan = forms.CharField(
        label=_("Keterangan keterkaitan"),
        max_length=200,
        required=False,
        help_text=_("Misalnya “berdomisili di kecamatan ini” atau “mantan pengurus”."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["juri"].label_from_instance = lambda u: f"{u.nama or u.email} ({u.email})"


class NilaiForm(forms.Form):
    """One field per criterion, within its scale. A blank field means "not scored yet"."""

    def __init__(self, *args, tahap_list, nilai_awal: dict[int, Decimal], **kwargs):
        super().__init__(*args, **kwargs)
        self.tahap_list = tahap_list
        self.groups = []
        for t in tahap_list:
            names = []
            for k in t.kriteria_set.all():
                name = f"kriteria_{k.pk}"
                field = NilaiField(
                    label=k.nama,
                    required=False,
                    rentang=(k.skala_min, k.skala_maks),
                    initial=nilai_awal.get(k.pk),
                    help_text=_("Skala %(min)s–%(maks)s. %(desk)s")
                    % {
                        "min": angka(k.skala_min),
                        "maks": angka(k.skala_maks),
                        "desk": k.deskripsi,
                    },
                )
                self.fields[name] = field
                names.append(name)
            self.groups.append((t, names))

    def nilai(self) -> dict[int, Decimal | None]:
        return {int(name.split("_", 1)[1]): value for name, value in self.cleaned_data.items()}

    def grouped(self):
        return [(t, [self[n] for n in names]) for t, names in self.groups]


class PercontohanForm(forms.Form):
    peserta = PilihanBanyakField(
        label=_("Tetapkan sebagai pos percontohan"),
        queryset=Peserta.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    alasan = forms.CharField(
        label=_("Alasan (opsional)"),
        max_length=255,
        required=False,
        help_text=_("Kosongkan untuk alasan otomatis, misalnya “Juara I — Lomba … 2025”."),
    )

    def __init__(self, *args, lomba: Lomba, **kwargs):
        super().__init__(*args, **kwargs)
        qs = lomba.peserta_set.filter(pos__isnull=False, peringkat__isnull=False).with_relasi().order_by("peringkat")
        self.fields["peserta"].queryset = qs
        self.fields["peserta"].label_from_instance = lambda p: (
            f"{p.peringkat}. {p.nama} ({p.wilayah})"
            + (f" — {p.penghargaan}" if p.penghargaan else "")
            + (" ✓" if p.pos.is_percontohan else "")
        )
        if not self.is_bound:
            self.initial["peserta"] = [p.pk for p in usulan_percontohan(lomba, list(qs))]


def usulan_percontohan(lomba: Lomba, ranked: list[Peserta]) -> list[Peserta]:
    """The suggested model posts: Juara I of a kota competition; the best-ranked post of each kota in
    a provincial one; DKI's Juara I–III nationally."""
    if lomba.tingkat == Tingkat.KOTA:
        return [p for p in ranked if p.peringkat == 1]
    if lomba.tingkat == Tingkat.PROVINSI:
        terbaik: dict[int, Peserta] = {}
        for p in ranked:
            terbaik.setdefault(p.pos.kecamatan.kota_id, p)
        return list(terbaik.values())
    return [p for p in ranked if p.peringkat <= 3]


class ImporForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas CSV hasil panitia nasional"),
        help_text=_(
            "Kolom: peserta, provinsi, total, peringkat (pemisah koma atau titik koma, UTF-8). Paling besar 1 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        if berkas.size > 1024 * 1024:
            raise ValidationError(_("Berkas terlalu besar (maksimal 1 MB)."))
        return berkas


class BandingkanForm(forms.Form):
    """Two entries to compare per criterion (GET)."""

    a = forms.TypedChoiceField(label=_("Peserta"), coerce=int, required=False)
    b = forms.TypedChoiceField(label=_("dibandingkan dengan"), coerce=int, required=False)

    def __init__(self, *args, peserta_list, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(p.pk, p.nama) for p in peserta_list]
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices


class FilterLombaForm(forms.Form):
    tahun = AngkaField(label=_("Tahun"), required=False, min_value=2000, max_value=2100, ribuan=False)
    tingkat = forms.ChoiceField(label=_("Tingkat"), required=False, choices=[("", _("Semua"))] + Tingkat.choices)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Semua"))] + Status.choices)
