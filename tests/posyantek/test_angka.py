"""Numbers as Indonesians type them (posyantek/forms/angka.py): the parser, the field, and that every
number field of every form uses it.

The property tests state the rule of the issue: what a person writes either reads as the number they
meant, or is refused — never a third number."""

import importlib
import inspect
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from hypothesis import example, given, settings
from hypothesis import strategies as st

from posyantek.forms.angka import AngkaField, AngkaInput, baca_angka, format_angka, tulis_angka

FORM_MODULES = [
    "posyantek.forms",
    "posyantek.forms.akun",
    "posyantek.forms.pos",
    "lomba.forms",
    "ukm.forms",
    "teknologi.forms",
    "pelatihan.forms",
]


def dibaca(text, **opsi):
    """The number read, or the refusal's code."""
    try:
        return baca_angka(text, **opsi)
    except ValidationError as exc:
        return exc.code


# What the issue lists ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1.000.000.000",
        "Rp 1.000.000.000",
        "1000000000",
        "Rp1.000.000.000",
        "rp. 1.000.000.000,-",
        "IDR 1.000.000.000",
        "1.000.000.000,00",
        "1 miliar",
        "1000 juta",
        "1,0 M",
        " 1.000.000.000 ",
    ],
)
def test_baca_angka_rupiah_one_billion_every_way(text):
    assert baca_angka(text, rupiah=True) == 1_000_000_000


@pytest.mark.parametrize("text", ["87,5", "87.5", "87,50", " 87,5 "])
def test_baca_angka_decimal_comma_and_point(text):
    assert baca_angka(text, desimal=2) == Decimal("87.5")


@pytest.mark.parametrize(
    "text,opsi,expected",
    [
        ("3,5", {"desimal": 2}, Decimal("3.5")),
        ("0,25", {"desimal": 2}, Decimal("0.25")),
        (",5", {"desimal": 2}, Decimal("0.5")),
        ("1.234.567,5", {"desimal": 2}, Decimal("1234567.5")),
        ("1.500", {}, 1500),
        ("-6.175392", {"desimal": 6, "ribuan": False}, Decimal("-6.175392")),
        ("106,827153", {"desimal": 6, "ribuan": False}, Decimal("106.827153")),
        ("2024", {"ribuan": False}, 2024),
        ("2,5 juta", {"rupiah": True}, 2_500_000),
        ("Rp 150.000.000", {"rupiah": True}, 150_000_000),
        ("-Rp 5.000", {"rupiah": True}, -5000),
        (1500000.0, {"rupiah": True}, 1_500_000),
    ],
)
def test_baca_angka_reads_what_was_meant(text, opsi, expected):
    assert baca_angka(text, **opsi) == expected


@pytest.mark.parametrize(
    "text,opsi,code,message",
    [
        (
            "1.5",
            {},
            "bulat_titik",
            "“1.5” bukan bilangan bulat. Di sini titik hanya dipakai sebagai pemisah ribuan, misalnya 1.500.",
        ),
        (
            "1,000",
            {"rupiah": True},
            "koma_bulat",
            "“1,000” tidak jelas: koma menandai desimal, sedangkan di sini hanya bilangan bulat. Bila maksudnya "
            "1.000, tulis 1.000 atau 1000.",
        ),
        (
            "1,000,000",
            {"rupiah": True},
            "koma_ribuan",
            "“1,000,000” tidak jelas: koma menandai desimal, jadi hanya boleh ada satu. Untuk pemisah ribuan pakai "
            "titik, misalnya 1.000.000.",
        ),
        (
            "1,000.50",
            {"desimal": 2},
            "urutan",
            "“1,000.50” tidak jelas: pakai titik untuk ribuan dan koma untuk desimal, misalnya 1.000,5.",
        ),
        (
            "1.00.000",
            {},
            "kelompok",
            "“1.00.000” tidak jelas: setelah setiap titik pemisah ribuan harus ada tepat tiga angka, misalnya "
            "1.000.000.",
        ),
        (
            "1.500",
            {"desimal": 2},
            "ambigu_titik",
            "“1.500” tidak jelas: bisa berarti 1500 (titik sebagai pemisah ribuan) atau 1,5 (titik sebagai koma "
            "desimal). Tulis 1500 atau 1,5.",
        ),
        (
            "87,500",
            {"desimal": 2},
            "ambigu_koma",
            "“87,500” tidak jelas: bisa berarti 87500 (koma sebagai pemisah ribuan) atau 87,5 (koma desimal). Tulis "
            "87500 atau 87,5.",
        ),
        (
            "1.500.000,50",
            {"rupiah": True},
            "sen",
            "“1.500.000,50”: isi rupiah tanpa sen (bilangan bulat), misalnya 1.500.000.",
        ),
        ("1,5", {}, "bulat", "“1,5” bukan bilangan bulat; isi bilangan bulat."),
        ("50,5555", {"desimal": 2}, "desimal_maks", "Paling banyak 2 angka di belakang koma."),
        ("1e999", {"desimal": 2}, "ilmiah", "“1e999” ditulis dalam notasi ilmiah; tulis angka biasa, misalnya 87,5."),
        ("1 000", {}, "spasi", "“1 000”: jangan memakai spasi di dalam angka; tulis misalnya 1000."),
        ("2.024", {"ribuan": False}, "bulat", "“2.024” bukan bilangan bulat; isi bilangan bulat."),
        (
            "1.234,5",
            {"desimal": 2, "ribuan": False},
            "tanpa_ribuan",
            "“1.234,5”: tulis tanpa pemisah ribuan, dengan paling banyak satu koma desimal, misalnya -6,175392.",
        ),
        ("satu juta", {"rupiah": True}, "bukan_angka", "Masukkan angka, misalnya 1.500.000."),
        ("Rp", {"rupiah": True}, "bukan_angka", "Masukkan angka, misalnya 1.500.000."),
        ("<script>", {}, "bukan_angka", "Masukkan angka, misalnya 12."),
        ("5.", {}, "bukan_angka", "Masukkan angka, misalnya 12."),
        ("--5", {}, "bukan_angka", "Masukkan angka, misalnya 12."),
        ("9" * 61, {}, "terlalu_panjang", "Angka terlalu panjang."),
        (True, {}, "bukan_angka", "Masukkan angka, misalnya 12."),
        (float("nan"), {"desimal": 2}, "bukan_angka", "Masukkan angka, misalnya 87,5."),
        (Decimal("Infinity"), {"desimal": 2}, "bukan_angka", "Masukkan angka, misalnya 87,5."),
    ],
)
def test_baca_angka_refuses_what_could_mean_two_numbers_and_says_why(text, opsi, code, message):
    with pytest.raises(ValidationError) as info:
        baca_angka(text, **opsi)
    assert (info.value.code, info.value.messages) == (code, [message])


@pytest.mark.parametrize(
    "value,opsi,text",
    [
        (1_000_000_000, {}, "1.000.000.000"),
        (Decimal("87.50"), {}, "87,5"),
        (Decimal("3.00"), {}, "3"),
        (-1234567, {}, "-1.234.567"),
        (0, {}, "0"),
        (Decimal("-6.175392"), {"ribuan": False}, "-6,175392"),
        (2024, {"ribuan": False}, "2024"),
        (0.1, {}, "0,1"),
    ],
)
def test_format_angka_writes_the_indonesian_way(value, opsi, text):
    assert format_angka(value, **opsi) == text


# Properties --------------------------------------------------------------------------------------

BILANGAN = st.integers(min_value=-(10**17), max_value=10**17)


@given(BILANGAN)
@example(1_000_000_000)
@example(1000)
@example(0)
def test_every_integer_written_the_indonesian_way_reads_back(n):
    ditulis = format_angka(n)
    assert baca_angka(ditulis) == n
    assert baca_angka(str(n)) == n
    assert baca_angka("Rp" + ditulis, rupiah=True) == n
    assert baca_angka(f"Rp {ditulis},-", rupiah=True) == n
    assert baca_angka(f"{ditulis},00", rupiah=True) == n


def desimal_dengan(places: int):
    return st.decimals(
        min_value=Decimal(-(10**9)), max_value=Decimal(10**9), places=places, allow_nan=False, allow_infinity=False
    )


@given(st.integers(min_value=1, max_value=6).flatmap(lambda p: st.tuples(st.just(p), desimal_dengan(p))))
@example((2, Decimal("87.5")))
@example((2, Decimal("1500")))
def test_every_decimal_with_the_allowed_places_reads_back(case):
    places, d = case
    assert baca_angka(tulis_angka(d, desimal=places), desimal=places) == d  # what the field shows back
    # Grouped, it reads back too — except "1.500" or "647,969", which could mean another number and
    # are refused rather than guessed.
    assert dibaca(format_angka(d), desimal=places) in (d, "ambigu_titik", "ambigu_koma")


def tulisan(n: Decimal) -> dict[str, str]:
    """Ways a person might write ``n``: Indonesian, plain, and English (which can collide)."""
    sign = "-" if n < 0 else ""
    a = abs(n)
    whole, _point, fraction = f"{a:f}".partition(".")
    # Nobody writes the whole number 1 as "1.000": in a whole-number field the points group thousands.
    fraction = fraction.rstrip("0")
    en_whole = f"{int(whole):,}"
    ways = {
        "indonesia": format_angka(n),
        "indonesia_tanpa_ribuan": format_angka(n, ribuan=False),
        "polos_titik": sign + whole + ("." + fraction if fraction else ""),
        "inggris": sign + en_whole + ("." + fraction if fraction else ""),
        "inggris_rp": "Rp " + sign + en_whole + ("." + fraction if fraction else ""),
        "indonesia_rp": "Rp" + format_angka(n),
    }
    if "," in format_angka(n):
        ways["indonesia_nol"] = format_angka(n) + "0"  # 87,50
    return ways


ANGKA_DITULIS = st.one_of(
    st.integers(min_value=-(10**13), max_value=10**13).map(Decimal),
    st.decimals(min_value=Decimal(-(10**7)), max_value=Decimal(10**7), places=1),
    st.decimals(min_value=Decimal(-(10**7)), max_value=Decimal(10**7), places=2),
    st.decimals(min_value=Decimal(-999), max_value=Decimal(999), places=3),
)
JENIS_FIELD = [
    {},  # whole numbers: quantities, capacities
    {"rupiah": True},
    {"desimal": 2},  # scores, weights, hours
    {"desimal": 1},
]


@settings(max_examples=300)
@given(ANGKA_DITULIS, st.sampled_from(JENIS_FIELD))
@example(Decimal(1000), {"rupiah": True})
@example(Decimal("1.5"), {})
@example(Decimal("1000.5"), {"desimal": 2})
@example(Decimal("87.5"), {"desimal": 2})
@example(Decimal("1.500"), {"desimal": 2})
def test_any_writing_reads_as_the_number_meant_or_is_refused(n, opsi):
    bulat = n == n.to_integral_value()
    for cara, text in tulisan(n).items():
        if "rp" in cara and not opsi.get("rupiah"):
            continue
        hasil = dibaca(text, **opsi)
        if not opsi.get("desimal") and not bulat:
            # A whole-number field cannot hold n. Written with a decimal comma it is refused; a lone
            # point there groups thousands ("1.001" is 1001), the one reading such a field has.
            if "," in text:
                assert isinstance(hasil, str), (cara, text, opsi, hasil)
            continue
        assert hasil == n or isinstance(hasil, str), (cara, text, opsi, hasil)


@given(st.decimals(min_value=Decimal("-999.999999"), max_value=Decimal("999.999999"), places=6))
def test_fields_without_thousands_read_every_value_they_hold(d):
    # Years and coordinates: below 1000 in magnitude, written with a point or a comma.
    for text in (format_angka(d, ribuan=False), f"{d:f}"):
        assert baca_angka(text, desimal=6, ribuan=False) == d


@settings(max_examples=400)
@given(
    st.text(alphabet="0123456789.,- Rpjutamiliarb", max_size=24),
    st.sampled_from(JENIS_FIELD + [{"desimal": 6, "ribuan": False}]),
)
def test_any_text_is_read_or_refused_and_what_is_read_is_stable(text, opsi):
    hasil = dibaca(text, **opsi)
    if isinstance(hasil, str):
        return
    assert isinstance(hasil, Decimal)
    shown = tulis_angka(hasil, desimal=opsi.get("desimal", 0), ribuan=opsi.get("ribuan", True))
    assert baca_angka(shown, **opsi) == hasil


# The field ---------------------------------------------------------------------------------------


class ContohForm(forms.Form):
    modal = AngkaField(label="Modal", rupiah=True, required=False, min_value=0, max_value=10**15)
    nilai = AngkaField(label="Nilai", desimal=2, required=False, min_value=0, max_value=100)
    jumlah = AngkaField(label="Jumlah", required=False, min_value=1)
    lintang = AngkaField(label="Lintang", desimal=6, ribuan=False, required=False, min_value=-90, max_value=90)


def test_angka_field_cleans_to_int_or_decimal():
    form = ContohForm({"modal": "Rp 1.000.000.000", "nilai": "87,5", "jumlah": "1.500", "lintang": "-6.175392"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "modal": 1_000_000_000,
        "nilai": Decimal("87.5"),
        "jumlah": 1500,
        "lintang": Decimal("-6.175392"),
    }
    assert type(form.cleaned_data["modal"]) is int


@pytest.mark.parametrize(
    "data,errors",
    [
        ({"nilai": "100,5"}, {"nilai": ["Nilai harus antara 0 dan 100."]}),
        ({"modal": "-5"}, {"modal": ["Nilai harus antara Rp0 dan Rp1.000.000.000.000.000."]}),
        ({"jumlah": "0"}, {"jumlah": ["Paling sedikit 1."]}),
        ({"lintang": "-91"}, {"lintang": ["Nilai harus antara -90 dan 90."]}),
        ({"jumlah": "9" * 19}, {"jumlah": ["Angka terlalu besar."]}),
        (
            {"modal": "1,000"},
            {
                "modal": [
                    "“1,000” tidak jelas: koma menandai desimal, sedangkan di sini hanya bilangan bulat. Bila "
                    "maksudnya 1.000, tulis 1.000 atau 1000."
                ]
            },
        ),
    ],
)
def test_angka_field_refuses_with_one_indonesian_message(data, errors):
    form = ContohForm(data)
    assert not form.is_valid()
    assert form.errors == errors


def test_angka_field_renders_a_text_input_with_the_value_shown_back_formatted():
    form = ContohForm(
        initial={"modal": 1_000_000_000, "nilai": Decimal("87.50"), "jumlah": 1500, "lintang": Decimal("-6.175392")}
    )
    html = {name: str(form[name]) for name in form.fields}
    assert html["modal"] == (
        '<span class="input-rupiah"><span class="input-rupiah-label" aria-hidden="true">Rp</span><input type="text" '
        'name="modal" '
        'value="1.000.000.000" inputmode="numeric" autocomplete="off" id="id_modal"></span>'
    )
    assert (
        '<input type="text" name="nilai" value="87,5" inputmode="decimal" autocomplete="off" id="id_nilai">'
        == html["nilai"]
    )
    assert 'value="1.500" inputmode="numeric"' in html["jumlah"]
    # Negative coordinates: a phone's numeric keypad has no minus sign, so no inputmode.
    assert '<input type="text" name="lintang" value="-6,175392" autocomplete="off" id="id_lintang">' == html["lintang"]
    assert not any("number" in h or " min=" in h or " step=" in h for h in html.values())


def test_angka_field_shows_what_was_typed_back_when_refused():
    form = ContohForm({"modal": "1,000"})
    assert 'value="1,000"' in str(form["modal"])


def test_every_number_field_of_every_form_is_an_angka_field():
    """No form of the portal keeps Django's IntegerField/DecimalField/FloatField or a type=number input."""
    found = []
    for module_name in FORM_MODULES:
        module = importlib.import_module(module_name)
        for name, cls in vars(module).items():
            if not (inspect.isclass(cls) and issubclass(cls, forms.BaseForm) and cls.__module__ == module_name):
                continue
            for field_name, field in cls.base_fields.items():
                if isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)) or isinstance(
                    field.widget, forms.NumberInput
                ):
                    found.append(f"{module_name}.{name}.{field_name}")
                if isinstance(field, AngkaField):
                    assert isinstance(field.widget, AngkaInput), f"{name}.{field_name}"
    assert found == []
