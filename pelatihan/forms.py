"""Forms of the training and Relawan TIK app: input parsing and validation only; views hand the
cleaned data to the services, which apply the rules."""

import re
from datetime import date, timedelta

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pelatihan import selectors
from pelatihan.models import AktivitasRelawan, Bidang, Jadwal, Pendaftaran, Program, Relawan, Tingkat, Topik
from pelatihan.models.jadwal import KODE_PANJANG, kode_pemesanan_rapikan
from pelatihan.services.jadwal import PROGRAM_FIELDS
from posyantek.forms import PilihanBanyakField
from posyantek.forms.angka import angka_model
from posyantek.models import Kecamatan, Kota, Pos
from posyantek.teks import normalisasi_telepon, rapikan_teks

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _kecamatan_choices(blank_label) -> list:
    groups: dict[str, list] = {}
    for kec in Kecamatan.objects.select_related("kota").order_by("kota__kode", "nama"):
        groups.setdefault(kec.kota.nama_pendek, []).append((kec.slug, kec.nama))
    return [("", blank_label), *groups.items()]


class KecamatanField(forms.ChoiceField):
    """A kecamatan chosen from a list grouped by kota; the value is its slug, cleaned to the object."""

    def __init__(self, *, blank_label=_("Pilih kecamatan"), **kwargs):  # noqa: B008 (a lazy string)
        super().__init__(choices=(), **kwargs)
        self.blank_label = blank_label

    def load(self) -> None:
        self.choices = _kecamatan_choices(self.blank_label)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        return Kecamatan.objects.select_related("kota").get(slug=value)


class JadwalFilterForm(forms.Form):
    """Filters of the public schedule (GET). An invalid value is ignored and said so."""

    kota = forms.ChoiceField(label=_("Kota"), required=False)
    kecamatan = KecamatanField(label=_("Kecamatan"), required=False, blank_label=_("Semua"))
    topik = forms.ChoiceField(label=_("Topik"), required=False, choices=[("", _("Semua")), *Topik.choices])
    mode = forms.ChoiceField(label=_("Mode"), required=False, choices=[("", _("Semua")), *Jadwal.Mode.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kota_objects = {kota.slug: kota for kota in Kota.objects.order_by("kode")}
        self.fields["kota"].choices = [
            ("", _("Semua")),
            *((slug, k.nama_pendek) for slug, k in self.kota_objects.items()),
        ]
        self.fields["kecamatan"].load()

    def clean_kota(self):
        return self.kota_objects.get(self.cleaned_data["kota"]) if self.cleaned_data["kota"] else None

    def filters(self) -> dict:
        """The valid filters as selector kwargs (invalid ones dropped)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {key: data[key] for key in ("kota", "kecamatan", "topik", "mode") if data.get(key)}


class ProgramForm(forms.ModelForm):
    topik = forms.MultipleChoiceField(
        label=_("Topik"),
        choices=Topik.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih setidaknya satu topik.")},
    )

    class Meta:
        model = Program
        fields = list(PROGRAM_FIELDS)
        widgets = {"deskripsi": forms.Textarea(attrs={"rows": 4, "maxlength": 3000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("topik", [row.topik for row in self.instance.topik_set.all()])
        self.order_fields(
            ["nama", "jenis", "pilar", "topik", "deskripsi", "is_aktif", "penandatangan_nama", "penandatangan_jabatan"]
        )

    def clean_nama(self) -> str:
        nama = rapikan_teks(self.cleaned_data["nama"])
        if not nama:
            raise ValidationError(_("Nama program wajib diisi."))
        return nama

    def clean_deskripsi(self) -> str:
        text = self.cleaned_data["deskripsi"].strip()
        if len(text) > 3000:
            raise ValidationError(_("Deskripsi paling banyak 3000 karakter."))
        return text

    def clean_penandatangan_nama(self) -> str:
        return rapikan_teks(self.cleaned_data["penandatangan_nama"])

    def clean_penandatangan_jabatan(self) -> str:
        return rapikan_teks(self.cleaned_data["penandatangan_jabatan"])

    def clean(self):
        data = super().clean()
        if data.get("penandatangan_jabatan") and not data.get("penandatangan_nama"):
            self.add_error("penandatangan_nama", _("Tulis juga nama penanda tangan, atau kosongkan jabatannya."))
        return data

    def service_data(self) -> dict:
        keys = ("nama", "jenis", "pilar", "deskripsi", "is_aktif", "penandatangan_nama", "penandatangan_jabatan")
        return {key: self.cleaned_data[key] for key in keys}


class PelatihField(PilihanBanyakField):
    def label_from_instance(self, user) -> str:
        label = user.nama or user.email
        tags = []
        if getattr(user, "tersertifikasi", False):
            tags.append(str(_("★ pelatih bersertifikat ToT — disarankan")))
        if getattr(user, "adalah_relawan", False):
            tags.append(str(_("Relawan TIK")))
        return f"{label} ({', '.join(tags)})" if tags else label


class JadwalForm(forms.ModelForm):
    """A session of the operator's post. Program and trainer choices are limited to what the post
    may use; the service checks the same again."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (Jadwal.Status.TERBIT, _("Terbit — tampil di jadwal umum")),
            (Jadwal.Status.DRAF, _("Draf — belum tampil")),
        ],
        initial=Jadwal.Status.TERBIT,
    )
    pelatih = PelatihField(
        label=_("Pelatih"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Operator pos ini, Relawan TIK yang ditugaskan di sini, dan pelatih bersertifikat ToT (disarankan)."
        ),
    )

    class Meta:
        model = Jadwal
        fields = [
            "program",
            "judul",
            "judul_en",
            "deskripsi",
            "deskripsi_en",
            "mulai",
            "selesai",
            "mode",
            "tempat",
            "tautan_daring",
            "kapasitas",
            "pendaftaran_buka",
            "pendaftaran_tutup",
            "sasaran",
            "sasaran_keterangan",
            "status",
        ]
        widgets = {
            "mulai": DATETIME_WIDGET,
            "selesai": DATETIME_WIDGET,
            "pendaftaran_buka": DATETIME_WIDGET,
            "pendaftaran_tutup": DATETIME_WIDGET,
            "deskripsi": forms.Textarea(attrs={"rows": 4, "maxlength": 3000}),
        }
        formfield_callback = angka_model()
        help_texts = {"mulai": _("Waktu Jakarta (WIB)."), "selesai": _("Waktu Jakarta (WIB).")}

    def __init__(self, *args, pos: Pos, **kwargs):
        super().__init__(*args, **kwargs)
        programs = Program.objects.terbaca_pos(pos).aktif()
        current = [self.instance.program_id] if self.instance.program_id else []
        if current:
            programs = Program.objects.terbaca_pos(pos).filter(pk__in=current) | programs
        self.fields["program"].queryset = programs.order_by("nama")
        already = list(self.instance.pelatih.values_list("pk", flat=True)) if self.instance.pk else []
        self.fields["pelatih"].queryset = selectors.pelatih_pilihan(pos=pos, juga=already)
        if self.instance.pk:
            self.initial.setdefault("pelatih", already)
        for name in ("mulai", "selesai", "pendaftaran_buka", "pendaftaran_tutup"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]

    def clean_deskripsi(self) -> str:
        text = self.cleaned_data["deskripsi"].strip()
        if len(text) > 3000:
            raise ValidationError(_("Keterangan paling banyak 3000 karakter."))
        return text

    def clean_judul(self) -> str:
        return rapikan_teks(self.cleaned_data["judul"])

    def clean_mulai(self):
        mulai = self.cleaned_data["mulai"]
        now = timezone.now()
        if mulai and not (now - timedelta(days=366) <= mulai <= now + timedelta(days=2 * 366)):
            raise ValidationError(_("Tanggal mulai harus dalam rentang setahun lalu sampai dua tahun ke depan."))
        return mulai

    def service_data(self) -> dict:
        return {key: self.cleaned_data[key] for key in self.Meta.fields}


class WalkinForm(forms.Form):
    nama = forms.CharField(label=_("Nama peserta"), max_length=150)
    telepon = forms.CharField(label=_("Telepon/WhatsApp"), max_length=20)
    email = forms.EmailField(
        label=_("E-mail (tidak wajib)"), required=False, help_text=_("Untuk konfirmasi dan pengingat.")
    )

    def clean_nama(self) -> str:
        nama = rapikan_teks(self.cleaned_data["nama"])
        if not nama:
            raise ValidationError(_("Nama wajib diisi."))
        return nama

    def clean_telepon(self) -> str:
        return normalisasi_telepon(self.cleaned_data["telepon"])


class KehadiranForm(forms.Form):
    """The check-in list: which confirmed participants came (ids of this session's registrations)."""

    hadir = forms.TypedMultipleChoiceField(coerce=int, required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, peserta: list[Pendaftaran], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hadir"].choices = [(p.pk, p.nama) for p in peserta if p.status == Pendaftaran.Status.TERKONFIRMASI]
        self.fields["hadir"].error_messages["invalid_choice"] = _("Ada peserta yang tidak terdaftar di sesi ini.")


class BatalJadwalForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan pembatalan"), max_length=300, min_length=5, help_text=_("Dikirim ke semua peserta.")
    )


class UmpanBalikForm(forms.Form):
    nilai = forms.TypedChoiceField(
        label=_("Nilai sesi ini"),
        coerce=int,
        widget=forms.RadioSelect,
        choices=[
            (5, _("5 — sangat baik")),
            (4, _("4 — baik")),
            (3, _("3 — cukup")),
            (2, _("2 — kurang")),
            (1, _("1 — buruk")),
        ],
    )
    komentar = forms.CharField(
        label=_("Komentar (tidak wajib)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Pelatih dan operator pos membaca komentar Anda tanpa nama."),
    )


class RelawanForm(forms.Form):
    """The public Relawan TIK application. ``email`` only when not logged in (otherwise the
    account's address is used). ``situs`` is a honeypot: people never see or fill it."""

    nama = forms.CharField(label=_("Nama lengkap"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), help_text=_("Kami kirim tautan untuk mengaktifkan akun ke alamat ini."))
    telepon = forms.CharField(label=_("Telepon/WhatsApp"), max_length=20)
    domisili = KecamatanField(label=_("Kecamatan domisili"))
    pendidikan = forms.ChoiceField(
        label=_("Pendidikan terakhir"), choices=[("", _("Pilih")), *Relawan.Pendidikan.choices]
    )
    pekerjaan = forms.CharField(
        label=_("Pekerjaan"), max_length=100, help_text=_("Mis. mahasiswa, guru TIK, karyawan, wirausaha.")
    )
    ketersediaan = forms.MultipleChoiceField(
        label=_("Waktu luang untuk kegiatan"),
        choices=Relawan.Ketersediaan.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih setidaknya satu waktu luang.")},
    )
    motivasi = forms.CharField(
        label=_("Motivasi"),
        min_length=20,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Mengapa Anda ingin menjadi Relawan TIK? (20–2000 karakter)"),
    )
    setuju_kode_etik = forms.BooleanField(
        label=_("Saya sudah membaca dan menyetujui kode etik Relawan TIK."),
        error_messages={"required": _("Anda perlu menyetujui kode etik Relawan TIK.")},
    )
    situs = forms.CharField(
        required=False, label=_("Jangan diisi"), widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"})
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user if getattr(user, "is_authenticated", False) else None
        self.fields["domisili"].load()
        for bidang, label in Bidang.choices:
            self.fields[f"keahlian_{bidang}"] = forms.ChoiceField(
                label=label, required=False, choices=[("", _("Tidak")), *Tingkat.choices]
            )
        if self.user is not None:
            del self.fields["email"]
            self.initial.setdefault("nama", self.user.nama)
            self.initial.setdefault("telepon", self.user.telepon)

    @property
    def keahlian_fields(self):
        return [self[f"keahlian_{bidang}"] for bidang in Bidang.values]

    @property
    def umum_fields(self):
        return [
            self[name]
            for name in ("nama", "email", "telepon", "domisili", "pendidikan", "pekerjaan")
            if name in self.fields
        ]

    def clean_nama(self) -> str:
        nama = rapikan_teks(self.cleaned_data["nama"])
        if not nama:
            raise ValidationError(_("Nama wajib diisi."))
        return nama

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean_telepon(self) -> str:
        return normalisasi_telepon(self.cleaned_data["telepon"])

    def clean_pekerjaan(self) -> str:
        value = rapikan_teks(self.cleaned_data["pekerjaan"])
        if not value:
            raise ValidationError(_("Pekerjaan wajib diisi."))
        return value

    def clean_situs(self) -> str:
        if self.cleaned_data["situs"]:
            raise ValidationError(_("Formulir tidak dapat diproses."))
        return ""

    def clean(self):
        cleaned = super().clean()
        if not self.keahlian():
            self.add_error(None, _("Pilih setidaknya satu keahlian beserta tingkatnya."))
        return cleaned

    def keahlian(self) -> dict[str, str]:
        return {b: self.cleaned_data[f"keahlian_{b}"] for b in Bidang.values if self.cleaned_data.get(f"keahlian_{b}")}

    def service_data(self) -> dict:
        return {
            key: self.cleaned_data[key]
            for key in ("telepon", "domisili", "pendidikan", "pekerjaan", "ketersediaan", "motivasi")
        }


def _pos_choices() -> list:
    groups: dict[str, list] = {}
    for pos in Pos.objects.with_wilayah().order_by("kecamatan__kota__kode", "kecamatan__nama"):
        groups.setdefault(pos.kecamatan.kota.nama_pendek, []).append((pos.slug, pos.kecamatan.nama))
    return list(groups.items())


class PenugasanForm(forms.Form):
    """Accepting a volunteer, or changing an accepted one: membership, komisariat and posts."""

    jenis_keanggotaan = forms.ChoiceField(label=_("Jenis keanggotaan"), choices=Relawan.Keanggotaan.choices)
    komisariat = forms.CharField(
        label=_("Komisariat"),
        max_length=150,
        required=False,
        help_text=_("Mis. Komisariat Kecamatan Gambir, kampus, atau sekolah."),
    )
    pos = forms.MultipleChoiceField(
        label=_("Ditugaskan di pos"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tugaskan relawan ke setidaknya satu pos.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pos"].choices = _pos_choices()

    def clean_pos(self) -> list[Pos]:
        return list(Pos.objects.filter(slug__in=self.cleaned_data["pos"]))


class TolakForm(forms.Form):
    alasan = forms.CharField(
        label=_("Alasan penolakan"),
        min_length=10,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Dikirim kepada pemohon."),
    )


class TolakAktivitasForm(forms.Form):
    alasan = forms.CharField(label=_("Alasan"), min_length=5, max_length=300)


class AktivitasForm(forms.ModelForm):
    class Meta:
        model = AktivitasRelawan
        fields = ["pos", "tanggal", "jam", "jenis", "jadwal", "ukm_nama", "catatan"]
        widgets = {
            "tanggal": DATE_WIDGET,
            "catatan": forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        }
        formfield_callback = angka_model()
        help_texts = {
            "ukm_nama": _("Nama usaha yang Anda dampingi, bila ada."),
            "jadwal": _("Sesi pelatihan yang Anda ajar atau bantu, bila ada."),
        }

    def __init__(self, *args, relawan: Relawan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pos"].queryset = Pos.objects.filter(penugasan_relawan__relawan=relawan).order_by("nama")
        self.fields["pos"].empty_label = None
        self.fields["jadwal"].queryset = selectors.jadwal_pilihan_aktivitas(relawan=relawan)
        self.fields["jadwal"].label_from_instance = lambda j: (
            f"{timezone.localtime(j.mulai):%d-%m-%Y} · {j.nama} ({j.pos.nama})"
        )
        self.fields["tanggal"].initial = timezone.localdate()

    def clean_catatan(self) -> str:
        text = self.cleaned_data["catatan"].strip()
        if len(text) > 1000:
            raise ValidationError(_("Catatan paling banyak 1000 karakter."))
        return text

    def service_data(self) -> dict:
        return {key: self.cleaned_data[key] for key in self.Meta.fields}


class PeriodeForm(forms.Form):
    """A reporting period (GET); defaults to this year up to today."""

    dari = forms.DateField(label=_("Dari tanggal"), required=False, widget=DATE_WIDGET)
    sampai = forms.DateField(label=_("Sampai tanggal"), required=False, widget=DATE_WIDGET)

    def periode(self) -> tuple[date, date]:
        today = timezone.localdate()
        default = (date(today.year, 1, 1), today)
        if not self.is_bound or not self.is_valid():
            return default
        dari = self.cleaned_data["dari"] or default[0]
        sampai = self.cleaned_data["sampai"] or default[1]
        return dari, sampai

    def clean(self):
        cleaned = super().clean()
        dari, sampai = cleaned.get("dari"), cleaned.get("sampai")
        if dari and sampai:
            if sampai < dari:
                raise ValidationError(_("Tanggal akhir harus sama atau setelah tanggal awal."))
            if (sampai - dari).days > 366 * 10:
                raise ValidationError(_("Periode paling panjang 10 tahun."))
        return cleaned


class RelawanFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua status")), *Relawan.Status.choices]
    )
    perhatian = forms.BooleanField(label=_("Hanya yang lewat 3 bulan tanpa keputusan"), required=False)

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {"status": self.cleaned_data["status"], "perhatian": self.cleaned_data["perhatian"]}


class AktivitasFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua status")), *AktivitasRelawan.Status.choices]
    )

    def status_value(self) -> str:
        return self.cleaned_data["status"] if self.is_bound and self.is_valid() else ""


class SertifikatCariForm(forms.Form):
    kode = forms.CharField(
        label=_("Kode verifikasi"), max_length=40, help_text=_("16 huruf dan angka, mis. ABCD-EFGH-JKLM-NPQR.")
    )

    def clean_kode(self) -> str:
        kode = normalisasi_kode(self.cleaned_data["kode"])
        if not re.fullmatch(r"[A-Z2-7]{16}", kode):
            raise ValidationError(_("Kode verifikasi terdiri dari 16 huruf dan angka, mis. ABCD-EFGH-JKLM-NPQR."))
        return kode


def normalisasi_kode(kode: str) -> str:
    """How people type a code: any case, with spaces or dashes."""
    return "".join(ch for ch in (kode or "").upper() if ch.isalnum())


class AktivasiForm(SetPasswordForm):
    """Choosing the first password from the activation link (Django's rules: AUTH_PASSWORD_VALIDATORS)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password2"].label = _("Ulangi kata sandi baru")


class TamuDaftarForm(forms.Form):
    """Booking a session without an account: a name and a mobile number; an e-mail only if wanted.
    The service checks and normalises them (one rule for every way in)."""

    nama = forms.CharField(
        label=_("Nama Anda"), max_length=150, help_text=_("Nama yang ditulis di sertifikat kehadiran.")
    )
    telepon = forms.CharField(
        label=_("Nomor HP/WhatsApp"),
        max_length=20,
        help_text=_("Misalnya 0812-3456-7890. Dipakai untuk kode pemesanan Anda, tidak ditampilkan ke umum."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail (tidak wajib)"),
        required=False,
        max_length=254,
        help_text=_("Isi bila ingin konfirmasi dan pengingat lewat e-mail."),
    )


class KodePemesananForm(forms.Form):
    """A booking code typed at the door (or to join a guest booking to an account)."""

    kode = forms.CharField(
        label=_("Kode pemesanan"),
        max_length=20,
        help_text=_("8 huruf/angka dari halaman pemesanan peserta, misalnya K7QX-4MTA."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_kode(self) -> str:
        kode = kode_pemesanan_rapikan(self.cleaned_data["kode"])
        if len(kode) != KODE_PANJANG:
            raise ValidationError(_("Kode pemesanan terdiri dari 8 huruf/angka. Periksa lagi dan ketik ulang."))
        return kode
