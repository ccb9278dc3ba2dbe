"""Search keys: case, accents, the old spelling and place-name variants fold together."""

import pytest

from posyantek.teks import normalisasi_teks
from ukm.pencarian import kunci_cari, teks_pencarian, token_cari

from .factories import kelurahan


@pytest.mark.parametrize(
    "a,b",
    [
        ("Soekarno", "Sukarno"),
        ("Djaja Makmur", "Jaya Makmur"),
        ("Tjahjo", "Cahyo"),
        ("Achmad", "Ahmad"),
        ("Akhmad", "Ahmad"),
        ("Muhammad", "Muhamad"),
        ("KOPI  KENANGAN", "kopi kenangan"),
        ("Café Mañana", "cafe manana"),
    ],
)
def test_kunci_cari_folds_spelling_variants(a, b):
    assert kunci_cari(a) == kunci_cari(b)


def test_kunci_cari_keeps_digits_and_distinct_words():
    assert kunci_cari("NIB 9120001234567") == "nib 9120001234567"
    assert kunci_cari("Batik") != kunci_cari("Bakso")


def test_normalisasi_teks_drops_punctuation():
    assert normalisasi_teks("Warung-Makan 'Bu Siti', No.1!") == "warung makan bu siti no 1"


def test_token_cari_dedupes_and_caps():
    assert token_cari("a b c d e f g h i j k") == ["a", "b", "c", "d", "e", "f", "g", "h"]
    assert token_cari("kopi Kopi KOPI") == ["kopi"]


def test_teks_pencarian_includes_kelurahan_and_aliases(wilayah):
    text = teks_pencarian(nama="Toko Maju", pemilik_nama="Dewi", nib="", kelurahan=kelurahan("Harapan Mulia"))
    for typed in ("Harapan Mulya", "harapanmulia", "Harapan Mulia", "toko maju dewi"):
        assert all(token in text for token in token_cari(typed)), typed
