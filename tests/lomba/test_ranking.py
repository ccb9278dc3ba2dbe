"""The ranking function against examples worked out by hand (the arithmetic is in the comments)."""

import random
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from lomba.ranking import (
    DIPUTUS_KRITERIA,
    DIPUTUS_NAMA,
    DIPUTUS_TAHAP,
    AturanSeri,
    Kriteria,
    Peserta,
    Skor,
    Tahap,
    bulat,
    hitung_peringkat,
    rata_rata,
)

# Two stages: Administrasi (40 %) with a1 (60 %) and a2 (40 %); Paparan (60 %) with p1 (50 %) and
# Inovasi p2 (50 %). Scale 0–100. Tie-break: Paparan, then Inovasi.
ADM = Tahap(1, "Administrasi", D(40), (Kriteria(11, "a1", D(60)), Kriteria(12, "a2", D(40))))
PAP = Tahap(2, "Paparan", D(60), (Kriteria(21, "p1", D(50)), Kriteria(22, "Inovasi", D(50))))
TAHAP = [ADM, PAP]
ATURAN = AturanSeri(tahap_id=2, kriteria_id=22)


def scores(peserta_id: int, per_juri: dict[int, tuple]) -> list[Skor]:
    """per_juri = {juri: (a1, a2, p1, p2)}"""
    out = []
    for juri, values in per_juri.items():
        for kriteria_id, value in zip((11, 12, 21, 22), values, strict=True):
            if value is not None:
                out.append(Skor(juri, peserta_id, kriteria_id, D(str(value))))
    return out


# X: means a1 = (80+90)/2 = 85, a2 = 70, p1 = (90+70)/2 = 80, p2 = (60+80)/2 = 70
#    Adm = .6×85 + .4×70 = 51 + 28 = 79.00 ; Pap = .5×80 + .5×70 = 75.00 ; total = .4×79 + .6×75 = 31.6 + 45 = 76.60
X = scores(1, {7: (80, 70, 90, 60), 8: (90, 70, 70, 80)})
# Y: means 70, 80, 80, 75 → Adm = 42 + 32 = 74.00 ; Pap = 40 + 37.5 = 77.50 ; total = 29.6 + 46.5 = 76.10
Y = scores(2, {7: (70, 80, 80, 80), 8: (70, 80, 80, 70)})
# Z: means 80, 70, 74, 80 → Adm = 48 + 28 = 76.00 ; Pap = 37 + 40 = 77.00 ; total = 30.4 + 46.2 = 76.60 (= X)
Z = scores(3, {7: (80, 70, 74, 80), 8: (80, 70, 74, 80)})
# U: means 85, 70, 70, 80 → Adm = 79.00 ; Pap = 35 + 40 = 75.00 ; total = 76.60 (= X, same Paparan, higher Inovasi)
U = scores(4, {7: (85, 70, 70, 80), 8: (85, 70, 70, 80)})


def test_ranking_weighted_totals_match_hand_worked_values():
    hasil = hitung_peringkat(
        tahap=TAHAP, peserta=[Peserta(1, "Melati"), Peserta(2, "Kenanga")], skor=X + Y, aturan=ATURAN
    )
    by_id = {h.peserta.id: h for h in hasil}
    assert by_id[1].rata_kriteria == {11: D("85.00"), 12: D("70.00"), 21: D("80.00"), 22: D("70.00")}
    assert by_id[1].per_tahap == {1: D("79.00"), 2: D("75.00")}
    assert by_id[1].total == D("76.60")
    assert by_id[2].per_tahap == {1: D("74.00"), 2: D("77.50")}
    assert by_id[2].total == D("76.10")
    assert [(h.peserta.nama, h.peringkat) for h in hasil] == [("Melati", 1), ("Kenanga", 2)]
    assert by_id[1].jumlah_juri == {11: 2, 12: 2, 21: 2, 22: 2}


def test_ranking_tie_on_total_is_broken_by_paparan_stage():
    hasil = hitung_peringkat(
        tahap=TAHAP, peserta=[Peserta(1, "Melati"), Peserta(3, "Anyelir")], skor=X + Z, aturan=ATURAN
    )
    # Both 76.60; Anyelir's Paparan 77.00 beats Melati's 75.00. The name would have put Anyelir first too,
    # so check again with the names swapped.
    assert [(h.peserta.id, h.total, h.peringkat) for h in hasil] == [(3, D("76.60"), 1), (1, D("76.60"), 2)]
    assert hasil[1].diputus_oleh == DIPUTUS_TAHAP
    swapped = hitung_peringkat(
        tahap=TAHAP, peserta=[Peserta(1, "Anyelir"), Peserta(3, "Melati")], skor=X + Z, aturan=ATURAN
    )
    assert [h.peserta.nama for h in swapped] == ["Melati", "Anyelir"]  # Paparan wins over the alphabet


def test_ranking_tie_on_total_and_paparan_is_broken_by_inovasi_criterion():
    # X and U: total 76.60, Paparan 75.00; Inovasi 70.00 (X) < 80.00 (U) → U first. X is named "Anggrek",
    # so the alphabet alone would have put X first.
    hasil = hitung_peringkat(
        tahap=TAHAP, peserta=[Peserta(1, "Anggrek"), Peserta(4, "Teratai")], skor=X + U, aturan=ATURAN
    )
    assert [(h.peserta.nama, h.peringkat) for h in hasil] == [("Teratai", 1), ("Anggrek", 2)]
    assert hasil[1].diputus_oleh == DIPUTUS_KRITERIA


def test_ranking_full_tie_falls_back_to_name_then_province_then_id():
    same = scores(5, {7: (85, 70, 80, 70), 8: (85, 70, 80, 70)})  # = X's means exactly
    hasil = hitung_peringkat(
        tahap=TAHAP,
        peserta=[Peserta(1, "melati"), Peserta(5, "Anggrek")],
        skor=X + same,
        aturan=ATURAN,
    )
    assert [h.peserta.nama for h in hasil] == ["Anggrek", "melati"]  # case does not matter
    assert hasil[1].diputus_oleh == DIPUTUS_NAMA
    # Same name: the province decides, then the entry number.
    twins = [scores(i, {7: (85, 70, 80, 70)}) for i in (9, 6, 8)]
    hasil = hitung_peringkat(
        tahap=TAHAP,
        peserta=[
            Peserta(9, "Posyantek Maju", "Jawa Timur"),
            Peserta(6, "Posyantek Maju", "Bali"),
            Peserta(8, "Posyantek Maju", "Bali"),
        ],
        skor=[s for t in twins for s in t],
        aturan=ATURAN,
    )
    assert [h.peserta.id for h in hasil] == [6, 8, 9]


def test_ranking_four_entries_with_every_kind_of_tie():
    hasil = hitung_peringkat(
        tahap=TAHAP,
        peserta=[Peserta(1, "Melati"), Peserta(2, "Kenanga"), Peserta(3, "Anyelir"), Peserta(4, "Teratai")],
        skor=X + Y + Z + U,
        aturan=ATURAN,
    )
    # 76.60 ×3: Anyelir (Paparan 77) > Teratai (Paparan 75, Inovasi 80) > Melati (Paparan 75, Inovasi 70);
    # then Kenanga 76.10.
    assert [(h.peringkat, h.peserta.nama, str(h.total), h.diputus_oleh) for h in hasil] == [
        (1, "Anyelir", "76.60", ""),
        (2, "Teratai", "76.60", DIPUTUS_TAHAP),
        (3, "Melati", "76.60", DIPUTUS_KRITERIA),
        (4, "Kenanga", "76.10", ""),
    ]


def test_ranking_without_tie_rules_uses_name_directly():
    hasil = hitung_peringkat(tahap=TAHAP, peserta=[Peserta(1, "Melati"), Peserta(3, "Anyelir")], skor=X + Z)
    assert [h.peserta.nama for h in hasil] == ["Anyelir", "Melati"]
    assert hasil[1].diputus_oleh == DIPUTUS_NAMA


def test_ranking_rounds_half_up_at_each_step():
    # Mean of 70 and 70.01 = 70.005 → 70.01 (half up; banker's rounding would give 70.00).
    assert rata_rata([D("70"), D("70.01")]) == D("70.01")
    # Three juri: 70, 71, 71 → 212 / 3 = 70.666… → 70.67.
    assert rata_rata([D("70"), D("71"), D("71")]) == D("70.67")
    assert bulat(D("2.675")) == D("2.68")
    # A 1–10 scale: mean 7.5 → (7.5 − 1) / 9 × 100 = 72.222… → stage 72.22 → total 72.22.
    tahap = [Tahap(1, "Paparan", D(100), (Kriteria(1, "k", D(100), D(1), D(10)),))]
    hasil = hitung_peringkat(
        tahap=tahap, peserta=[Peserta(1, "A")], skor=[Skor(1, 1, 1, D("7")), Skor(2, 1, 1, D("8"))]
    )
    assert (hasil[0].rata_kriteria[1], hasil[0].per_tahap[1], hasil[0].total) == (D("7.50"), D("72.22"), D("72.22"))


def test_ranking_weights_of_thirds_sum_from_rounded_steps():
    # Criteria 33.33 / 33.33 / 33.34 with means 90, 80, 71:
    # 29.997 + 26.664 + 23.6714 = 80.3324 → 80.33 ; one stage at 100 % → total 80.33.
    tahap = [
        Tahap(
            1, "T", D(100), (Kriteria(1, "a", D("33.33")), Kriteria(2, "b", D("33.33")), Kriteria(3, "c", D("33.34")))
        )
    ]
    skor = [Skor(1, 1, 1, D(90)), Skor(1, 1, 2, D(80)), Skor(1, 1, 3, D(71))]
    hasil = hitung_peringkat(tahap=tahap, peserta=[Peserta(1, "A")], skor=skor)
    assert hasil[0].total == D("80.33")


def test_ranking_mean_counts_only_the_juri_who_scored_the_criterion():
    # Juri 8 skipped a1: a1 mean = 80 (juri 7 only); others over both juri.
    skor = scores(1, {7: (80, 70, 80, 70), 8: (None, 90, 80, 70)})
    hasil = hitung_peringkat(tahap=TAHAP, peserta=[Peserta(1, "A")], skor=skor, aturan=ATURAN)
    assert hasil[0].rata_kriteria[11] == D("80.00") and hasil[0].jumlah_juri[11] == 1
    assert hasil[0].rata_kriteria[12] == D("80.00")  # (70 + 90) / 2
    # Adm = .6×80 + .4×80 = 80.00 ; Pap = 75.00 ; total = 32 + 45 = 77.00
    assert hasil[0].total == D("77.00")


def test_ranking_incomplete_entry_has_no_total_and_comes_last():
    incomplete = scores(5, {7: (100, 100, 100, None)})  # nobody scored Inovasi
    hasil = hitung_peringkat(
        tahap=TAHAP, peserta=[Peserta(5, "AAA"), Peserta(2, "Kenanga")], skor=Y + incomplete, aturan=ATURAN
    )
    assert [(h.peserta.nama, h.lengkap, h.total) for h in hasil] == [
        ("Kenanga", True, D("76.10")),
        ("AAA", False, None),
    ]
    assert hasil[1].per_tahap == {1: D("100.00"), 2: None}


def test_ranking_ignores_scores_of_unknown_criteria():
    extra = [Skor(7, 1, 999, D("5"))]
    assert hitung_peringkat(tahap=TAHAP, peserta=[Peserta(1, "A")], skor=X + extra)[0].total == D("76.60")


def test_ranking_does_not_depend_on_input_order():
    peserta = [Peserta(1, "Melati"), Peserta(2, "Kenanga"), Peserta(3, "Anyelir"), Peserta(4, "Teratai")]
    skor = X + Y + Z + U
    expected = [h.peserta.id for h in hitung_peringkat(tahap=TAHAP, peserta=peserta, skor=skor, aturan=ATURAN)]
    rng = random.Random(7)
    for _ in range(20):
        rng.shuffle(peserta)
        rng.shuffle(skor)
        assert [
            h.peserta.id for h in hitung_peringkat(tahap=TAHAP, peserta=peserta, skor=skor, aturan=ATURAN)
        ] == expected


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 100), st.integers(0, 100), st.integers(0, 100), st.integers(0, 100)),
        min_size=1,
        max_size=8,
    )
)
def test_ranking_totals_are_ordered_and_within_scale(rows):
    skor = [s for i, values in enumerate(rows) for s in scores(i + 1, {1: values})]
    hasil = hitung_peringkat(
        tahap=TAHAP, peserta=[Peserta(i + 1, f"P{i}") for i in range(len(rows))], skor=skor, aturan=ATURAN
    )
    assert [h.peringkat for h in hasil] == list(range(1, len(rows) + 1))
    totals = [h.total for h in hasil]
    assert totals == sorted(totals, reverse=True)
    assert all(D(0) <= t <= D(100) for t in totals)
