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
    impor_nasional_batal,
    impor_nasional_pratinjau,
    impor_nasional_terapkan,
)
from lomba.services.penilaian import (  # noqa: F401
    juri_pos_create,
    juri_pos_delete,
    lomba_finalkan,
    lomba_kembali_draf,
    lomba_mulai_penilaian,
    lomba_tandai_percontohan,
    lomba_umumkan,
    nilai_simpan,
    penugasan_create,
    penugasan_delete,
)
from lomba.services.peserta import (  # noqa: F401
    dokumen_delete,
    dokumen_upload,
    peserta_bawa_pemenang,
    peserta_create_luar,
    peserta_create_pos,
    peserta_delete,
    peserta_set_favorit,
    peserta_update,
)
from lomba.services.status import lomba_status_ubah  # noqa: F401
from lomba.services.struktur import (  # noqa: F401
    bobot_simpan,
    kriteria_create,
    kriteria_delete,
    kriteria_update,
    lomba_create,
    lomba_update,
    nama_bawaan,
    periksa_struktur,
    tahap_create,
    tahap_delete,
    tahap_update,
)

__all__ = [
    "nama_bawaan",
    "lomba_create",
    "lomba_update",
    "periksa_struktur",
    "tahap_create",
    "tahap_update",
    "tahap_delete",
    "kriteria_create",
    "kriteria_update",
    "kriteria_delete",
    "bobot_simpan",
    "peserta_create_pos",
    "peserta_create_luar",
    "peserta_delete",
    "peserta_update",
    "peserta_set_favorit",
    "peserta_bawa_pemenang",
    "dokumen_upload",
    "dokumen_delete",
    "penugasan_create",
    "penugasan_delete",
    "juri_pos_create",
    "juri_pos_delete",
    "nilai_simpan",
    "lomba_mulai_penilaian",
    "lomba_kembali_draf",
    "lomba_finalkan",
    "lomba_umumkan",
    "lomba_tandai_percontohan",
    "impor_nasional_pratinjau",
    "impor_nasional_terapkan",
    "impor_nasional_batal",
]
