"""Search keys: how a typed name and a stored name are made comparable.

Both the stored ``Ukm.search_text`` and every query go through ``kunci_cari``, so the comparison is
a plain substring test that a trigram (pg_trgm) index can answer. The key ignores case, accents and
punctuation, and folds the spelling variants Indonesians meet every day:

* the old spelling (Ejaan Soewandi and earlier) still used in names: oe → u, tj → c, dj → j,
  j/y (old "j" is today's "y": "Djaja" = "Jaya"), ch/kh → h ("Achmad", "Akhmad", "Ahmad");
* doubled letters ("Muhammad"/"Muhamad", "Hasanuddin"/"Hasanudin");
* place names written with or without spaces ("Rawa Badak"/"Rawabadak"): the stored text carries
  both forms of the kelurahan's name and of each of its known aliases ("Harapan Mulya").

Folding merges a few distinct names ("Jati"/"Yati"); for finding a business that is the right
trade: a search that misses is worse than one that shows a neighbour.
"""

import re

from posyantek.teks import normalisasi_nama, normalisasi_teks

_EJAAN = (("oe", "u"), ("tj", "c"), ("dj", "j"), ("ch", "h"), ("kh", "h"), ("j", "y"))


def _kunci_kata(kata: str) -> str:
    if kata.isdigit():
        return kata
    for lama, baru in _EJAAN:
        kata = kata.replace(lama, baru)
    return re.sub(r"([a-z])\1+", r"\1", kata)


def kunci_cari(teks: str) -> str:
    """The search key of a text: normalised words, each folded for spelling variants."""
    return " ".join(_kunci_kata(kata) for kata in normalisasi_teks(teks).split())


def token_cari(query: str, *, maks: int = 8) -> list[str]:
    """The keys a query is split into (every one must match); at most ``maks``, longest first."""
    tokens = list(dict.fromkeys(kunci_cari(query).split()))
    tokens.sort(key=len, reverse=True)
    return tokens[:maks]


def teks_pencarian(*, nama: str, pemilik_nama: str, nib: str, kelurahan) -> str:
    """The stored search text of a business: its name, owner, NIB and kelurahan with its aliases."""
    bagian = [nama, pemilik_nama, nib]
    if kelurahan is not None:
        for nama_tempat in [kelurahan.nama, *(kelurahan.alias or [])]:
            bagian.append(nama_tempat)
            bagian.append(normalisasi_nama(nama_tempat))  # "rawabadakutara" for "Rawa Badak Utara"
    kata = []
    for potong in bagian:
        for k in kunci_cari(potong).split():
            if k not in kata:
                kata.append(k)
    return " ".join(kata)
