"""Writes of the Lomba. Keyword-only, typed, atomic; refusals raise ValidationError in Indonesian.

Who may call what is checked by the views (admin provinsi for the structure, entries, juri and
status; the assigned juri for scores; the post's operator for its documents). The rules that keep a
ranking trustworthy live here, so no view can skip them:

- the structure (stages, criteria, weights, tie-break) changes only while the competition is a
  draft, and it cannot open for scoring unless every weight adds up to 100;
- a juri scores only the competitions and entries assigned to them, never a post they are tied to,
  and only within each criterion's scale;
- finalising needs every expected score, stores the ranking on the entries, and from then on every
  score edit is refused (the history of every score stays);
- the national results CSV is applied all-or-nothing.
"""

from lomba.services.nasional import (  # noqa: F401
    impor_nasional_batalkan,
    impor_nasional_pratinjau,
    impor_nasional_terapkan,
)
from lomba.services.penilaian import (  # noqa: F401
    juri_pos_buat,
    juri_pos_hapus,
    lomba_draf_kembalikan,
    lomba_finalkan,
    lomba_penilaian_mulai,
    lomba_percontohan_tandai,
    lomba_umumkan,
    nilai_simpan,
    penugasan_buat,
    penugasan_hapus,
)
from lomba.services.peserta import (  # noqa: F401
    dokumen_hapus,
    dokumen_unggah,
    laporan_lampirkan,
    peserta_favorit_tetapkan,
    peserta_hapus,
    peserta_luar_buat,
    peserta_pemenang_bawa,
    peserta_pos_buat,
    peserta_ubah,
)
from lomba.services.status import lomba_status_ubah  # noqa: F401
from lomba.services.struktur import (  # noqa: F401
    bobot_simpan,
    kriteria_buat,
    kriteria_hapus,
    kriteria_ubah,
    lomba_buat,
    lomba_struktur_periksa,
    lomba_ubah,
    nama_bawaan_buat,
    tahap_buat,
    tahap_hapus,
    tahap_ubah,
)

__all__ = [
    "laporan_lampirkan",
    "nama_bawaan_buat",
    "lomba_buat",
    "lomba_ubah",
    "lomba_struktur_periksa",
    "tahap_buat",
    "tahap_ubah",
    "tahap_hapus",
    "kriteria_buat",
    "kriteria_ubah",
    "kriteria_hapus",
    "bobot_simpan",
    "peserta_pos_buat",
    "peserta_luar_buat",
    "peserta_hapus",
    "peserta_ubah",
    "peserta_favorit_tetapkan",
    "peserta_pemenang_bawa",
    "dokumen_unggah",
    "dokumen_hapus",
    "penugasan_buat",
    "penugasan_hapus",
    "juri_pos_buat",
    "juri_pos_hapus",
    "nilai_simpan",
    "lomba_penilaian_mulai",
    "lomba_draf_kembalikan",
    "lomba_finalkan",
    "lomba_umumkan",
    "lomba_percontohan_tandai",
    "impor_nasional_pratinjau",
    "impor_nasional_terapkan",
    "impor_nasional_batalkan",
]
