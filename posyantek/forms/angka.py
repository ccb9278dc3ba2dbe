"""Numbers as Indonesians type them: one parser for every number field of every form and for the UKM import.

Indonesian writing groups thousands with a point and marks decimals with a comma: ``1.000.000.000``
is one billion and ``87,5`` is eighty-seven and a half. People also type ``1000000000``, ``Rp 1.500.000,-``
and, in decimal fields, the English ``87.5``. ``baca_angka`` reads all of these, and refuses — with a
message that says how it read the text — whatever could mean two different numbers, so a form never
stores a number other than the one the person meant:

- ``1.5`` where only whole numbers are allowed (a point groups thousands, so it is neither 1 nor 15);
- ``1,000`` (English thousands, or the Indonesian decimal 1,000 = 1?) and ``1,000,000``;
- ``1,000.50`` (separators in the English order);
- ``1.00.000`` (a point must be followed by exactly three digits);
- ``1.500`` where decimals are allowed (one thousand five hundred, or 1.5 written the English way?).

``AngkaField`` is the one form field for money, quantities, scores, hours, years and coordinates. It
renders a text input with ``inputmode`` (no browser bubble in English, and "87,5" is not blocked),
shows a stored value back formatted (``1.000.000.000``, ``87,5``; rupiah fields carry an "Rp" prefix),
and checks its range with one Indonesian message. ``angka_model`` is the ``formfield_callback`` that
gives every number column of a ModelForm such a field.
"""

import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation, localcontext

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MAKS_PANJANG = 60  # characters; a longer entry is not a number anybody typed
MAKS_DIGIT_BULAT = 18  # whole numbers below 10^18 always fit a 64-bit column

PESAN = {
    "bukan_angka": _("Masukkan angka, misalnya %(contoh)s."),
    "terlalu_panjang": _("Angka terlalu panjang."),
    "terlalu_besar": _("Angka terlalu besar."),
    "ilmiah": _("“%(v)s” ditulis dalam notasi ilmiah; tulis angka biasa, misalnya %(contoh)s."),
    "spasi": _("“%(v)s”: jangan memakai spasi di dalam angka; tulis misalnya %(contoh)s."),
    "bulat": _("“%(v)s” bukan bilangan bulat; isi bilangan bulat."),
    "sen": _("“%(v)s”: isi rupiah tanpa sen (bilangan bulat), misalnya 1.500.000."),
    "bulat_titik": _(
        "“%(v)s” bukan bilangan bulat. Di sini titik hanya dipakai sebagai pemisah ribuan, misalnya 1.500."
    ),
    "koma_bulat": _(
        "“%(v)s” tidak jelas: koma menandai desimal, sedangkan di sini hanya bilangan bulat. Bila maksudnya "
        "%(ribuan)s, tulis %(ribuan)s atau %(polos)s."
    ),
    "desimal_maks": _("Paling banyak %(n)s angka di belakang koma."),
    "ambigu_titik": _(
        "“%(v)s” tidak jelas: bisa berarti %(ribuan)s (titik sebagai pemisah ribuan) atau %(desimal)s (titik sebagai "
        "koma desimal). Tulis %(ribuan)s atau %(desimal)s."
    ),
    "ambigu_koma": _(
        "“%(v)s” tidak jelas: bisa berarti %(ribuan)s (koma sebagai pemisah ribuan) atau %(desimal)s (koma desimal). "
        "Tulis %(ribuan)s atau %(desimal)s."
    ),
    "koma_ribuan": _(
        "“%(v)s” tidak jelas: koma menandai desimal, jadi hanya boleh ada satu. Untuk pemisah ribuan pakai titik, "
        "misalnya %(saran)s."
    ),
    "urutan": _("“%(v)s” tidak jelas: pakai titik untuk ribuan dan koma untuk desimal, misalnya %(saran)s."),
    "kelompok": _(
        "“%(v)s” tidak jelas: setelah setiap titik pemisah ribuan harus ada tepat tiga angka, misalnya 1.000.000."
    ),
    "tanpa_ribuan": _(
        "“%(v)s”: tulis tanpa pemisah ribuan, dengan paling banyak satu koma desimal, misalnya %(contoh)s."
    ),
}

_RUPIAH_DEPAN = re.compile(r"^(?:rp\.?|idr)\s*", re.IGNORECASE)
_TANPA_SEN = re.compile(r"[.,]-{1,2}$")  # "Rp 150.000,-": no cents
_SATUAN = re.compile(r"^(?P<angka>.*?)\s*(?P<satuan>miliar|milyar|juta|jt|ribu|rb|m)\.?$", re.IGNORECASE)
PENGALI = {"miliar": 10**9, "milyar": 10**9, "m": 10**9, "juta": 10**6, "jt": 10**6, "ribu": 10**3, "rb": 10**3}
_KELOMPOK = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")  # 1.000 / 12.500.000: thousands grouped by points
_KELOMPOK_INGGRIS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")  # 1,000,000.50
_ILMIAH = re.compile(r"[+-]?\d+(?:[.,]\d+)?e[+-]?\d+", re.IGNORECASE)


def _tolak(kode: str, **params) -> ValidationError:
    return ValidationError(PESAN[kode], code=kode, params=params)


def _contoh(desimal: int, rupiah: bool) -> str:
    if rupiah:
        return "1.500.000"
    return "87,5" if desimal else "12"


def format_angka(value, *, ribuan: bool = True) -> str:
    """1000000000 → "1.000.000.000", Decimal("87.50") → "87,5", Decimal("-6.175392") → "-6,175392".

    Always Indonesian, in either language of the interface: it is what ``baca_angka`` reads back.
    ``ribuan=False`` writes no thousands separator: for years and coordinates, and for the values of
    decimal fields, where "1.500" could be misread (``baca_angka`` refuses it there)."""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    sign = "-" if number < 0 else ""
    text = f"{abs(number):f}"
    whole, _point, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    if ribuan:
        whole = f"{int(whole):,}".replace(",", ".")
    return sign + whole + ("," + fraction if fraction else "")


def tulis_angka(value, *, desimal: int = 0, ribuan: bool = True) -> str:
    """``value`` as a field with these options shows it, so that the field reads it back unchanged:
    no thousands separator where decimals are allowed ("1500", never the doubtful "1.500"), and a
    trailing zero where three decimals would look like English thousands ("1,0010", not "1,001")."""
    text = format_angka(value, ribuan=ribuan and not desimal)
    if desimal and ribuan and re.fullmatch(r"-?[1-9]\d{0,2},\d{3}", text):
        text += "0"
    return text


def format_rupiah(value) -> str:
    return "Rp" + format_angka(value)


def baca_angka(value, *, desimal: int = 0, rupiah: bool = False, ribuan: bool = True) -> Decimal:
    """The number a person meant by ``value``, or a ValidationError that says why it is unclear.

    ``desimal``: how many digits may follow the decimal comma (0: whole numbers only). ``rupiah``:
    "Rp"/"IDR" before, ",-" after, and the words "ribu", "juta", "miliar" (or "rb", "jt", "M") are
    understood. ``ribuan=False`` (years, coordinates): no thousands separator, and a point or a comma
    is the decimal mark. Numbers already parsed (a spreadsheet's numeric cell) are checked the same way.
    """
    if isinstance(value, bool):
        raise _tolak("bukan_angka", contoh=_contoh(desimal, rupiah))
    if isinstance(value, (int, Decimal, float)):
        try:
            number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        except InvalidOperation:
            raise _tolak("bukan_angka", contoh=_contoh(desimal, rupiah)) from None
        if not number.is_finite():
            raise _tolak("bukan_angka", contoh=_contoh(desimal, rupiah))
        return _periksa_desimal(number, desimal, str(value), rupiah=rupiah)
    text = " ".join(str(value).replace("\u2212", "-").split())  # Unicode minus; NBSP and tabs are spaces
    if not text:
        raise _tolak("bukan_angka", contoh=_contoh(desimal, rupiah))
    if len(text) > MAKS_PANJANG:
        raise _tolak("terlalu_panjang")
    asli = text
    negatif = text.startswith("-")
    if negatif:
        text = text[1:].lstrip()
    pengali = 1
    if rupiah:
        text = _RUPIAH_DEPAN.sub("", text)
        if not negatif and text.startswith("-"):  # "Rp -5.000"
            negatif, text = True, text[1:].lstrip()
        text = _TANPA_SEN.sub("", text)
        match = _SATUAN.match(text)
        if match and match["angka"]:
            text, pengali = match["angka"], PENGALI[match["satuan"].lower()]
    if _ILMIAH.fullmatch(text):
        raise _tolak("ilmiah", v=asli, contoh=_contoh(desimal, rupiah))
    if " " in text:
        if re.fullmatch(r"[\d.,]+(?: [\d.,]+)+", text):
            raise _tolak("spasi", v=asli, contoh=text.replace(" ", ""))
        raise _tolak("bukan_angka", contoh=_contoh(desimal, rupiah))
    if not re.fullmatch(r"[\d.,]*\d[\d.,]*", text):
        raise _tolak("bukan_angka", contoh=_contoh(desimal, rupiah))
    # A multiplier word takes a mantissa with decimals ("2,5 juta"); the product must still fit.
    tempat = max(desimal, 9) if pengali > 1 else desimal
    whole, fraction = _pisah(text, asli=asli, desimal=tempat, ribuan=ribuan)
    with localcontext() as exact:
        exact.prec = 3 * MAKS_PANJANG  # every digit typed is kept: no rounding, ever
        number = Decimal(f"{whole or '0'}.{fraction or '0'}") * pengali
    if negatif:
        number = -number
    return _periksa_desimal(number, desimal, asli, rupiah=rupiah)


def _pisah(text: str, *, asli: str, desimal: int, ribuan: bool) -> tuple[str, str]:
    """(whole digits, fraction digits) of an unsigned number written with points and commas."""
    titik, koma = text.count("."), text.count(",")
    if not titik and not koma:
        return text, ""
    if not ribuan:
        if titik + koma > 1:
            raise _tolak("tanpa_ribuan", v=asli, contoh="-6,175392" if desimal else "2024")
        whole, _sep, fraction = text.replace(",", ".").partition(".")
        return whole, fraction
    if koma > 1 or (koma and titik and text.index(",") < text.rindex(".")):
        inggris = _KELOMPOK_INGGRIS.fullmatch(text)
        saran = _saran(Decimal(text.replace(",", "")), desimal) if inggris else "1.000.000"
        kode = "urutan" if titik else "koma_ribuan"
        if kode == "urutan" and not inggris:
            saran = "1.000,5"
        raise _tolak(kode, v=asli, saran=saran)
    if koma:  # one comma, after any points: the decimal comma
        whole, fraction = text.split(",")
        if titik and not _KELOMPOK.fullmatch(whole):
            raise _tolak("kelompok", v=asli)
        whole = whole.replace(".", "")
        if not titik and re.fullmatch(r"[1-9]\d{0,2}", whole) and len(fraction) == 3:
            # "1,000" / "87,500": English thousands, or the Indonesian decimal comma?
            if desimal == 0:
                raise _tolak("koma_bulat", v=asli, ribuan=format_angka(int(whole + fraction)), polos=whole + fraction)
            raise _tolak(
                "ambigu_koma", v=asli, ribuan=whole + fraction, desimal=_saran(Decimal(f"{whole}.{fraction}"), desimal)
            )
        if not fraction:
            raise _tolak("bukan_angka", contoh=_contoh(desimal, False))
        return whole, fraction
    if titik > 1:
        if not _KELOMPOK.fullmatch(text):
            raise _tolak("kelompok", v=asli)
        return text.replace(".", ""), ""
    whole, fraction = text.split(".")
    if not fraction:
        raise _tolak("bukan_angka", contoh=_contoh(desimal, False))
    if _KELOMPOK.fullmatch(text):
        if desimal == 0:
            return whole + fraction, ""  # "1.500": thousands, the only reading a whole-number field allows
        raise _tolak("ambigu_titik", v=asli, ribuan=whole + fraction, desimal=_saran(Decimal(text), desimal))
    if desimal == 0:
        raise _tolak("bulat_titik", v=asli)
    return whole, fraction  # "87.5": the English decimal point, where it cannot be a thousands separator


def _saran(number: Decimal, desimal: int) -> str:
    """How to write ``number`` so that this field reads it without doubt."""
    if number != number.to_integral_value():
        return format_angka(number)  # "1.000,5": the comma makes the points unmistakable
    return format_angka(number, ribuan=not desimal)


def _periksa_desimal(number: Decimal, desimal: int, asli: str, *, rupiah: bool = False) -> Decimal:
    if number == number.to_integral_value():
        return Decimal(int(number))
    if desimal == 0:
        raise _tolak("sen" if rupiah else "bulat", v=asli)
    tuple_ = number.as_tuple()
    places, digits = -tuple_.exponent, list(tuple_.digits)
    while places > 0 and digits and digits[-1] == 0:  # 87,50 has one decimal that counts
        digits.pop()
        places -= 1
    if places > desimal:
        raise _tolak("desimal_maks", n=desimal)
    return number


class AngkaInput(forms.TextInput):
    """A text input (never ``type=number``: browsers refuse "87,5" and "1.000.000" with a bubble in
    their own language) that shows a stored number back the Indonesian way."""

    template_name = "posyantek/widgets/angka.html"

    def __init__(self, attrs=None, *, ribuan: bool = True, rupiah: bool = False, desimal: int = 0):
        super().__init__(attrs)
        self.ribuan = ribuan
        self.rupiah = rupiah
        self.desimal = desimal

    def format_value(self, value):
        if isinstance(value, (int, Decimal, float)) and not isinstance(value, bool):
            try:
                return tulis_angka(value, desimal=self.desimal, ribuan=self.ribuan)
            except (InvalidOperation, ValueError):
                return str(value)
        return super().format_value(value)  # what the person typed, shown back unchanged

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["rupiah"] = self.rupiah
        return context


class AngkaField(forms.Field):
    """The one field for numbers people type: money, quantities, scores, hours, years, coordinates.

    ``desimal``: digits allowed after the decimal comma (0 → the cleaned value is an ``int``, else a
    ``Decimal``). ``rupiah``: "Rp 1.500.000" is understood and the input carries an "Rp" prefix.
    ``ribuan=False`` for years and coordinates. ``min_value``/``max_value`` give one message
    ("Nilai harus antara 0 dan 100."). ``max_digits``/``decimal_places`` are accepted so that a model
    field's ``formfield()`` can build it."""

    widget = AngkaInput

    def __init__(
        self,
        *,
        desimal: int = 0,
        rupiah: bool = False,
        ribuan: bool = True,
        min_value=None,
        max_value=None,
        max_digits: int | None = None,
        decimal_places: int | None = None,
        step_size=None,
        **kwargs,
    ):
        self.desimal = decimal_places if decimal_places is not None else desimal
        self.rupiah = rupiah
        self.ribuan = ribuan
        self.min_value = None if min_value is None else _sebagai_desimal(min_value)
        self.max_value = None if max_value is None else _sebagai_desimal(max_value)
        self.max_digits = max_digits if max_digits is not None else (None if self.desimal else MAKS_DIGIT_BULAT)
        kwargs.pop("localize", None)
        super().__init__(**kwargs)
        self.widget.ribuan = ribuan
        self.widget.rupiah = rupiah
        self.widget.desimal = self.desimal

    def widget_attrs(self, widget) -> dict:
        attrs = super().widget_attrs(widget)
        # Phone keypads for numeric/decimal lack a minus sign: a field that takes negatives keeps the full keyboard.
        if self.min_value is None or self.min_value >= 0:
            attrs["inputmode"] = "decimal" if self.desimal else "numeric"
        attrs.setdefault("autocomplete", "off")
        return attrs

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        number = baca_angka(value, desimal=self.desimal, rupiah=self.rupiah, ribuan=self.ribuan)
        return int(number) if self.desimal == 0 else number

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        low, high = self.min_value, self.max_value
        if (low is not None and value < low) or (high is not None and value > high):
            tulis = (
                format_rupiah if self.rupiah else (lambda n: tulis_angka(n, desimal=self.desimal, ribuan=self.ribuan))
            )
            if low is not None and high is not None:
                raise ValidationError(
                    _("Nilai harus antara %(min)s dan %(maks)s."),
                    code="rentang",
                    params={"min": tulis(low), "maks": tulis(high)},
                )
            if low == 0:
                raise ValidationError(_("Tidak boleh negatif."), code="min_value")
            if low is not None:
                raise ValidationError(_("Paling sedikit %(min)s."), code="min_value", params={"min": tulis(low)})
            raise ValidationError(_("Paling banyak %(maks)s."), code="max_value", params={"maks": tulis(high)})
        if self.max_digits is not None:
            digits = len(str(abs(int(value))).lstrip("0"))
            if digits > self.max_digits - (self.desimal if isinstance(value, Decimal) else 0):
                raise ValidationError(PESAN["terlalu_besar"], code="terlalu_besar")


def _sebagai_desimal(value) -> Decimal:
    value = value() if callable(value) else value
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def batas_model(db_field: models.Field) -> tuple[Decimal | None, Decimal | None]:
    """The range a model field declares: its Min/MaxValueValidators, and 0 below a Positive… field.
    (The database's own 64-bit limits are not a range a person should read; ``max_digits`` guards those.)"""
    low = Decimal(0) if isinstance(db_field, models.fields.PositiveIntegerRelDbTypeMixin) else None
    high = None
    for validator in db_field._validators:
        if isinstance(validator, MinValueValidator):
            limit = _sebagai_desimal(validator.limit_value)
            low = limit if low is None else max(low, limit)
        elif isinstance(validator, MaxValueValidator):
            limit = _sebagai_desimal(validator.limit_value)
            high = limit if high is None else min(high, limit)
    return low, high


ANGKA_MODEL = (models.IntegerField, models.DecimalField, models.FloatField)


def angka_model(*, rupiah: Iterable[str] = (), tanpa_ribuan: Iterable[str] = ()) -> Callable:
    """A ModelForm ``formfield_callback``: every number column becomes an ``AngkaField`` with the
    model's range. ``rupiah``: names of money columns; ``tanpa_ribuan``: years and coordinates."""
    rupiah, tanpa_ribuan = frozenset(rupiah), frozenset(tanpa_ribuan)

    def formfield(db_field: models.Field, **kwargs):
        if not isinstance(db_field, ANGKA_MODEL) or db_field.choices or isinstance(db_field, models.AutoField):
            return db_field.formfield(**kwargs)
        low, high = batas_model(db_field)
        opsi = {
            "form_class": AngkaField,
            "min_value": low,
            "max_value": high,
            "rupiah": db_field.name in rupiah,
            "ribuan": db_field.name not in tanpa_ribuan,
        }
        if isinstance(db_field, models.FloatField):
            opsi["desimal"] = 6
        return db_field.formfield(**{**kwargs, **opsi})

    return formfield
