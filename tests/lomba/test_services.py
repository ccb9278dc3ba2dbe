"""The rules of the Lomba services: every refusal says why, in Indonesian, and writes nothing."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from lomba import services
from lomba.models import Kriteria, Lomba, Nilai, Peserta, Status, Tahap
from posyantek.models import Pos
from posyantek.services import operator_tetapkan
from tests.lomba.factories import JuriFactory, kriteria_ids, lomba_dengan_templat, nilai_semua

pytestmark = pytest.mark.django_db


def snapshot(lomba):
    """Everything scoring can touch, to prove a refusal wrote nothing."""
    return (
        Lomba.objects.filter(pk=lomba.pk).values_list("status", "difinalkan_at").get(),
        sorted(Nilai.objects.filter(peserta__lomba=lomba).values_list("juri_id", "peserta_id", "kriteria_id", "nilai")),
        Nilai.history.filter(peserta__lomba=lomba).count(),
        sorted(Peserta.objects.filter(lomba=lomba).values_list("pk", "peringkat", "nilai_akhir")),
    )


# --- Weights -------------------------------------------------------------------------------------


def test_default_template_weights_add_up_and_are_labelled(admin_provinsi):
    lomba = lomba_dengan_templat(oleh=admin_provinsi)
    assert services.lomba_struktur_periksa(lomba=lomba) == []
    assert lomba.pakai_templat_bawaan
    assert [t.nama for t in lomba.tahap_set.all()] == ["Administrasi dan dokumen", "Verifikasi lapangan", "Paparan"]
    assert (lomba.seri_tahap.nama, lomba.seri_kriteria.nama, lomba.seri_kriteria.tahap.nama) == (
        "Paparan",
        "Inovasi dan TTG",
        "Paparan",
    )
    assert Kriteria.objects.filter(tahap__lomba=lomba).count() == 15


def test_bobot_simpan_refuses_stage_weights_not_adding_up_and_writes_nothing(admin_provinsi):
    lomba = lomba_dengan_templat(oleh=admin_provinsi)
    tahap = list(lomba.tahap_set.all())
    with pytest.raises(ValidationError) as info:
        services.bobot_simpan(
            lomba=lomba,
            oleh=admin_provinsi,
            bobot_kriteria={},
            bobot_tahap={tahap[0].pk: Decimal(50), tahap[1].pk: Decimal(30), tahap[2].pk: Decimal(40)},
        )
    assert "Jumlah bobot tahap harus 100% (sekarang 120%)." in info.value.messages
    assert [t.bobot for t in lomba.tahap_set.all()] == [Decimal(30), Decimal(30), Decimal(40)]
    assert Lomba.objects.get(pk=lomba.pk).pakai_templat_bawaan


def test_bobot_simpan_refuses_criterion_weights_not_adding_up(admin_provinsi):
    lomba = lomba_dengan_templat(oleh=admin_provinsi)
    k = Kriteria.objects.filter(tahap__lomba=lomba).first()
    with pytest.raises(
        ValidationError, match="Jumlah bobot kriteria tahap .Administrasi dan dokumen. harus 100% .sekarang 99,5%"
    ):
        services.bobot_simpan(
            lomba=lomba, oleh=admin_provinsi, bobot_tahap={}, bobot_kriteria={k.pk: k.bobot - Decimal("0.5")}
        )
    assert Kriteria.objects.get(pk=k.pk).bobot == Decimal(30)


def test_bobot_simpan_refuses_ids_of_another_competition(admin_provinsi):
    lomba = lomba_dengan_templat(oleh=admin_provinsi)
    other = lomba_dengan_templat(oleh=admin_provinsi, tahun=2024)
    t = other.tahap_set.first()
    with pytest.raises(ValidationError, match="tidak dikenal"):
        services.bobot_simpan(lomba=lomba, oleh=admin_provinsi, bobot_tahap={t.pk: Decimal(30)}, bobot_kriteria={})


def test_bobot_simpan_saves_valid_weights_and_drops_the_default_label(admin_provinsi):
    lomba = lomba_dengan_templat(oleh=admin_provinsi)
    t = list(lomba.tahap_set.all())
    services.bobot_simpan(
        lomba=lomba,
        oleh=admin_provinsi,
        bobot_kriteria={},
        bobot_tahap={t[0].pk: Decimal(20), t[1].pk: Decimal(30), t[2].pk: Decimal(50)},
    )
    assert [x.bobot for x in lomba.tahap_set.all()] == [Decimal(20), Decimal(30), Decimal(50)]
    assert not Lomba.objects.get(pk=lomba.pk).pakai_templat_bawaan


def test_competition_cannot_open_for_scoring_with_bad_weights(admin_provinsi, pos_a, juri):
    lomba = lomba_dengan_templat(oleh=admin_provinsi)
    services.peserta_pos_buat(lomba=lomba, pos=pos_a, oleh=admin_provinsi)
    services.penugasan_buat(lomba=lomba, juri=juri, oleh=admin_provinsi)
    tahap = lomba.tahap_set.last()
    services.tahap_ubah(tahap=tahap, oleh=admin_provinsi, data={"bobot": Decimal(45)})
    kriteria = tahap.kriteria_set.first()
    services.kriteria_hapus(kriteria=kriteria, oleh=admin_provinsi)
    services.tahap_buat(lomba=lomba, oleh=admin_provinsi, nama="Kosong", bobot=Decimal(0))
    with pytest.raises(ValidationError) as info:
        services.lomba_penilaian_mulai(lomba=lomba, oleh=admin_provinsi)
    assert info.value.messages == [
        "Jumlah bobot tahap harus 100% (sekarang 105%).",
        "Jumlah bobot kriteria tahap “Paparan” harus 100% (sekarang 85%).",
        "Tahap “Kosong” belum memiliki kriteria.",
    ]
    assert Lomba.objects.get(pk=lomba.pk).status == Status.DRAFT


def test_competition_cannot_open_without_entries_or_juri(admin_provinsi):
    lomba = lomba_dengan_templat(oleh=admin_provinsi)
    with pytest.raises(ValidationError) as info:
        services.lomba_penilaian_mulai(lomba=lomba, oleh=admin_provinsi)
    assert info.value.messages == ["Tambahkan peserta terlebih dahulu.", "Tugaskan minimal satu juri terlebih dahulu."]


def test_structure_is_frozen_once_scoring_opens(penilaian, admin_provinsi):
    lomba, _peserta = penilaian
    tahap = lomba.tahap_set.first()
    kriteria = tahap.kriteria_set.first()
    for call in (
        lambda: services.tahap_buat(lomba=lomba, oleh=admin_provinsi, nama="Baru", bobot=Decimal(10)),
        lambda: services.tahap_ubah(tahap=tahap, oleh=admin_provinsi, data={"bobot": Decimal(10)}),
        lambda: services.tahap_hapus(tahap=tahap, oleh=admin_provinsi),
        lambda: services.kriteria_ubah(kriteria=kriteria, oleh=admin_provinsi, data={"skala_maks": Decimal(10)}),
        lambda: services.kriteria_hapus(kriteria=kriteria, oleh=admin_provinsi),
        lambda: services.bobot_simpan(lomba=lomba, oleh=admin_provinsi, bobot_tahap={}, bobot_kriteria={}),
        lambda: services.lomba_ubah(lomba=lomba, oleh=admin_provinsi, data={"seri_tahap": None}),
    ):
        with pytest.raises(ValidationError, match="hanya dapat diubah selama lomba berstatus draf"):
            call()
    assert Tahap.objects.filter(lomba=lomba).count() == 3 and tahap.kriteria_set.count() == 5
    assert Lomba.objects.get(pk=lomba.pk).seri_tahap_id is not None


def test_kriteria_scale_must_rise(admin_provinsi):
    lomba = lomba_dengan_templat(oleh=admin_provinsi)
    with pytest.raises(ValidationError, match="lebih besar daripada nilai terendah"):
        services.kriteria_buat(
            tahap=lomba.tahap_set.first(),
            oleh=admin_provinsi,
            nama="X",
            bobot=Decimal(0),
            skala_min=Decimal(10),
            skala_maks=Decimal(10),
        )


# --- Competitions and entries ----------------------------------------------------------------------


def test_lomba_create_refuses_duplicates_and_level_mismatches(admin_provinsi, wilayah):
    lomba_dengan_templat(oleh=admin_provinsi)
    with pytest.raises(ValidationError, match="sudah ada"):
        lomba_dengan_templat(oleh=admin_provinsi)
    with pytest.raises(ValidationError, match="Pilih kota"):
        lomba_dengan_templat(oleh=admin_provinsi, tingkat="kota")
    with pytest.raises(ValidationError, match="hanya untuk lomba tingkat nasional"):
        lomba_dengan_templat(oleh=admin_provinsi, tahun=2020, sumber_hasil="impor")
    assert Lomba.objects.count() == 1


def test_kota_competition_takes_only_posts_of_that_kota(admin_provinsi, pos_a, pos_b):
    lomba = lomba_dengan_templat(oleh=admin_provinsi, tingkat="kota", kota=pos_a.kecamatan.kota)
    assert lomba.nama == "Lomba Posyantek Berprestasi Tingkat Kota/kabupaten Jakarta Pusat 2025"
    services.peserta_pos_buat(lomba=lomba, pos=pos_a, oleh=admin_provinsi)
    with pytest.raises(ValidationError, match="bukan dari Jakarta Pusat"):
        services.peserta_pos_buat(lomba=lomba, pos=pos_b, oleh=admin_provinsi)
    with pytest.raises(ValidationError, match="sudah terdaftar"):
        services.peserta_pos_buat(lomba=lomba, pos=pos_a, oleh=admin_provinsi)
    assert lomba.peserta_set.count() == 1


def test_outside_entrants_only_at_national_level(admin_provinsi, wilayah):
    provinsi = lomba_dengan_templat(oleh=admin_provinsi)
    with pytest.raises(ValidationError, match="hanya untuk lomba tingkat nasional"):
        services.peserta_luar_buat(
            lomba=provinsi, nama="Posyantek Singosari", provinsi="Jawa Timur", oleh=admin_provinsi
        )
    nasional = lomba_dengan_templat(oleh=admin_provinsi, tingkat="nasional")
    p = services.peserta_luar_buat(
        lomba=nasional, nama="  Posyantek\nSingosari ", provinsi="Jawa Timur", oleh=admin_provinsi
    )
    assert (p.nama, p.wilayah, p.dari_dki) == ("Posyantek Singosari", "Jawa Timur", False)
    with pytest.raises(ValidationError, match="sudah terdaftar"):
        services.peserta_luar_buat(
            lomba=nasional, nama="POSYANTEK SINGOSARI", provinsi="jawa timur", oleh=admin_provinsi
        )
    with pytest.raises(ValidationError, match="didaftarkan sebagai pos"):
        services.peserta_luar_buat(
            lomba=nasional, nama="Posyantek Kelurahan X", provinsi="DKI Jakarta", oleh=admin_provinsi
        )
    assert provinsi.peserta_set.count() == 0 and nasional.peserta_set.count() == 1


def test_scored_entry_cannot_be_deleted(penilaian, admin_provinsi, juri):
    lomba, (gambir, *_rest) = penilaian
    nilai_semua(juri=juri, peserta=gambir, nilai=80)
    with pytest.raises(ValidationError, match="sudah dinilai juri"):
        services.peserta_hapus(peserta=gambir, oleh=admin_provinsi)
    assert Peserta.objects.filter(pk=gambir.pk).exists()


def test_winners_are_carried_to_the_next_level_with_their_origin(admin_provinsi, pos_a, pos_b, juri):
    kota = lomba_dengan_templat(oleh=admin_provinsi, tingkat="kota", kota=pos_a.kecamatan.kota)
    menteng = Pos.objects.get(slug="menteng")
    for pos in (pos_a, menteng):
        services.peserta_pos_buat(lomba=kota, pos=pos, oleh=admin_provinsi)
    services.penugasan_buat(lomba=kota, juri=juri, oleh=admin_provinsi)
    services.lomba_penilaian_mulai(lomba=kota, oleh=admin_provinsi)
    provinsi = lomba_dengan_templat(oleh=admin_provinsi)
    with pytest.raises(ValidationError, match="sudah final"):
        services.peserta_pemenang_bawa(dari=kota, ke=provinsi, oleh=admin_provinsi)
    nilai_semua(juri=juri, peserta=kota.peserta_set.get(pos=pos_a), nilai=70)
    nilai_semua(juri=juri, peserta=kota.peserta_set.get(pos=menteng), nilai=90)
    services.lomba_finalkan(lomba=kota, oleh=admin_provinsi)
    dibawa = services.peserta_pemenang_bawa(dari=kota, ke=provinsi, oleh=admin_provinsi, peringkat_maks=1)
    assert [(p.pos, p.asal.lomba_id, p.asal.peringkat) for p in dibawa] == [(menteng, kota.pk, 1)]
    with pytest.raises(ValidationError, match="semua sudah terdaftar"):
        services.peserta_pemenang_bawa(dari=kota, ke=provinsi, oleh=admin_provinsi, peringkat_maks=1)
    kota_berikut = lomba_dengan_templat(oleh=admin_provinsi, tingkat="kota", kota=pos_a.kecamatan.kota, tahun=2026)
    with pytest.raises(ValidationError, match="tingkat yang lebih rendah"):
        services.peserta_pemenang_bawa(dari=provinsi, ke=kota_berikut, oleh=admin_provinsi)
    nasional_jauh = lomba_dengan_templat(oleh=admin_provinsi, tingkat="nasional", tahun=2030)
    with pytest.raises(ValidationError, match="tahun yang sama atau tahun berikutnya"):
        services.peserta_pemenang_bawa(dari=kota, ke=nasional_jauh, oleh=admin_provinsi)
    lain = lomba_dengan_templat(oleh=admin_provinsi, kategori="inovasi_ttg")
    with pytest.raises(ValidationError, match="Kategori"):
        services.peserta_pemenang_bawa(dari=kota, ke=lain, oleh=admin_provinsi)
    assert provinsi.peserta_set.count() == 1 and lain.peserta_set.count() == 0
    assert kota_berikut.peserta_set.count() == 0 and nasional_jauh.peserta_set.count() == 0


# --- Juri ------------------------------------------------------------------------------------------


def test_penugasan_refuses_non_juri_and_national_mismatch(admin_provinsi, operator_a, juri, wilayah):
    provinsi = lomba_dengan_templat(oleh=admin_provinsi)
    nasional = lomba_dengan_templat(oleh=admin_provinsi, tingkat="nasional")
    with pytest.raises(ValidationError, match="bukan akun juri"):
        services.penugasan_buat(lomba=provinsi, juri=operator_a, oleh=admin_provinsi)
    with pytest.raises(ValidationError, match="hanya dinilai akun juri nasional"):
        services.penugasan_buat(lomba=nasional, juri=juri, oleh=admin_provinsi)
    with pytest.raises(ValidationError, match="hanya untuk lomba tingkat nasional"):
        services.penugasan_buat(lomba=provinsi, juri=juri, is_nasional=True, oleh=admin_provinsi)
    services.penugasan_buat(lomba=nasional, juri=juri, is_nasional=True, oleh=admin_provinsi)
    with pytest.raises(ValidationError, match="sudah ditugaskan"):
        services.penugasan_buat(lomba=nasional, juri=juri, is_nasional=True, oleh=admin_provinsi)
    assert provinsi.penugasan_set.count() == 0 and nasional.penugasan_set.count() == 1


def test_penugasan_refuses_entries_of_another_competition(admin_provinsi, juri, pos_a):
    a = lomba_dengan_templat(oleh=admin_provinsi)
    b = lomba_dengan_templat(oleh=admin_provinsi, tahun=2024)
    other = services.peserta_pos_buat(lomba=b, pos=pos_a, oleh=admin_provinsi)
    with pytest.raises(ValidationError, match="bukan peserta lomba ini"):
        services.penugasan_buat(lomba=a, juri=juri, peserta=[other], oleh=admin_provinsi)
    assert a.penugasan_set.count() == 0


def test_penugasan_of_a_juri_who_scored_cannot_be_deleted(penilaian, admin_provinsi, juri):
    lomba, (gambir, *_rest) = penilaian
    nilai_semua(juri=juri, peserta=gambir, nilai=80)
    with pytest.raises(ValidationError, match="sudah memberi nilai"):
        services.penugasan_hapus(penugasan=lomba.penugasan_set.get(juri=juri), oleh=admin_provinsi)
    assert lomba.penugasan_set.filter(juri=juri).exists()


# --- Scores ----------------------------------------------------------------------------------------


def test_nilai_within_scale_is_saved_with_history(penilaian, juri):
    lomba, (gambir, *_rest) = penilaian
    ids = kriteria_ids(lomba)
    assert services.nilai_simpan(oleh=juri, peserta=gambir, nilai={ids[0]: Decimal("87.5"), ids[1]: Decimal(0)}) == 2
    assert services.nilai_simpan(oleh=juri, peserta=gambir, nilai={ids[0]: Decimal("88"), ids[1]: Decimal(0)}) == 1
    assert services.nilai_simpan(oleh=juri, peserta=gambir, nilai={ids[1]: None}) == 1  # cleared
    assert list(Nilai.objects.filter(juri=juri).values_list("kriteria_id", "nilai")) == [(ids[0], Decimal("88.00"))]
    history = list(
        Nilai.history.filter(kriteria_id=ids[0])
        .order_by("history_date")
        .values_list("history_type", "nilai", "history_user")
    )
    assert history == [("+", Decimal("87.50"), juri.pk), ("~", Decimal("88.00"), juri.pk)]
    assert Nilai.history.filter(kriteria_id=ids[1], history_type="-").count() == 1


@pytest.mark.parametrize(
    "value,message",
    [
        (Decimal("100.01"), "Nilai harus antara 0 dan 100."),
        (Decimal("-1"), "Nilai harus antara 0 dan 100."),
        (Decimal("50.005"), "Paling banyak 2 angka di belakang koma."),
        (Decimal("NaN"), "Masukkan angka."),
        (Decimal("Infinity"), "Masukkan angka."),
    ],
)
def test_nilai_outside_scale_refuses_the_whole_form(penilaian, juri, value, message):
    lomba, (gambir, *_rest) = penilaian
    ids = kriteria_ids(lomba)
    before = snapshot(lomba)
    with pytest.raises(ValidationError) as info:
        services.nilai_simpan(oleh=juri, peserta=gambir, nilai={ids[0]: Decimal(80), ids[1]: value})
    assert info.value.message_dict == {f"kriteria_{ids[1]}": [message]}
    assert snapshot(lomba) == before


def test_nilai_respects_each_criterion_own_scale(admin_provinsi, pos_a, juri):
    lomba = lomba_dengan_templat(oleh=admin_provinsi)
    k = Kriteria.objects.filter(tahap__lomba=lomba).first()
    services.kriteria_ubah(kriteria=k, oleh=admin_provinsi, data={"skala_min": Decimal(1), "skala_maks": Decimal(10)})
    p = services.peserta_pos_buat(lomba=lomba, pos=pos_a, oleh=admin_provinsi)
    services.penugasan_buat(lomba=lomba, juri=juri, oleh=admin_provinsi)
    services.lomba_penilaian_mulai(lomba=lomba, oleh=admin_provinsi)
    with pytest.raises(ValidationError, match="antara 1 dan 10"):
        services.nilai_simpan(oleh=juri, peserta=p, nilai={k.pk: Decimal(11)})
    with pytest.raises(ValidationError, match="antara 1 dan 10"):
        services.nilai_simpan(oleh=juri, peserta=p, nilai={k.pk: Decimal("0.5")})
    services.nilai_simpan(oleh=juri, peserta=p, nilai={k.pk: Decimal("9.5")})
    assert Nilai.objects.get().nilai == Decimal("9.5")


def test_nilai_refused_for_a_criterion_of_another_competition(penilaian, admin_provinsi, juri):
    lomba, (gambir, *_rest) = penilaian
    other = lomba_dengan_templat(oleh=admin_provinsi, tahun=2024)
    with pytest.raises(ValidationError, match="Kriteria tidak dikenal"):
        services.nilai_simpan(oleh=juri, peserta=gambir, nilai={kriteria_ids(other)[0]: Decimal(50)})
    assert not Nilai.objects.exists()


def test_juri_not_assigned_cannot_score(penilaian, juri3):
    lomba, (gambir, *_rest) = penilaian
    with pytest.raises(ValidationError, match="tidak ditugaskan"):
        nilai_semua(juri=juri3, peserta=gambir, nilai=90)
    assert not Nilai.objects.exists()


def test_juri_with_a_subset_scores_only_those_entries(admin_provinsi, pos_a, pos_b, juri):
    lomba = lomba_dengan_templat(oleh=admin_provinsi)
    a = services.peserta_pos_buat(lomba=lomba, pos=pos_a, oleh=admin_provinsi)
    b = services.peserta_pos_buat(lomba=lomba, pos=pos_b, oleh=admin_provinsi)
    services.penugasan_buat(lomba=lomba, juri=juri, peserta=[a], oleh=admin_provinsi)
    services.lomba_penilaian_mulai(lomba=lomba, oleh=admin_provinsi)
    nilai_semua(juri=juri, peserta=a, nilai=90)
    with pytest.raises(ValidationError, match="tidak termasuk yang ditugaskan"):
        nilai_semua(juri=juri, peserta=b, nilai=90)
    assert not Nilai.objects.filter(peserta=b).exists()


def test_juri_tied_to_a_post_cannot_score_it(penilaian, admin_provinsi, juri, pos_b):
    lomba, (_gambir, tambora, _menteng) = penilaian
    services.juri_pos_buat(juri=juri, pos=pos_b, keterangan="tinggal di Tambora", oleh=admin_provinsi)
    with pytest.raises(ValidationError, match="konflik kepentingan"):
        nilai_semua(juri=juri, peserta=tambora, nilai=95)
    assert not Nilai.objects.exists()


def test_operator_who_is_juri_cannot_score_own_post(penilaian, juri, pos_a):
    lomba, (gambir, *_rest) = penilaian
    operator_tetapkan(pos=pos_a, pengguna=juri)
    with pytest.raises(ValidationError, match="konflik kepentingan"):
        nilai_semua(juri=juri, peserta=gambir, nilai=95)
    assert not Nilai.objects.exists()


def test_scores_refused_while_draft(admin_provinsi, pos_a, juri):
    lomba = lomba_dengan_templat(oleh=admin_provinsi)
    p = services.peserta_pos_buat(lomba=lomba, pos=pos_a, oleh=admin_provinsi)
    services.penugasan_buat(lomba=lomba, juri=juri, oleh=admin_provinsi)
    with pytest.raises(ValidationError, match="belum dibuka"):
        nilai_semua(juri=juri, peserta=p, nilai=90)
    assert not Nilai.objects.exists()


# --- Finalising and freezing ----------------------------------------------------------------------


def score_all(lomba, peserta, juri_list, values):
    for j in juri_list:
        for p, v in zip(peserta, values, strict=True):
            nilai_semua(juri=j, peserta=p, nilai=v)


def test_finalising_refused_while_scores_are_missing(penilaian, admin_provinsi, juri, juri2):
    lomba, peserta = penilaian
    score_all(lomba, peserta, [juri], [80, 70, 60])
    nilai_semua(juri=juri2, peserta=peserta[0], nilai=80)
    before = snapshot(lomba)
    with pytest.raises(ValidationError) as info:
        services.lomba_finalkan(lomba=lomba, oleh=admin_provinsi)
    assert info.value.messages == ["Juri Dua belum lengkap menilai 2 peserta."]
    assert snapshot(lomba) == before


def test_finalising_stores_the_ranking_and_freezes_every_score(penilaian, admin_provinsi, juri, juri2):
    lomba, (gambir, tambora, menteng) = penilaian
    score_all(lomba, [gambir, tambora, menteng], [juri, juri2], [70, 90, 80])
    services.lomba_finalkan(lomba=lomba, oleh=admin_provinsi)
    ranks = dict(Peserta.objects.filter(lomba=lomba).values_list("pos__slug", "peringkat"))
    assert ranks == {"tambora": 1, "menteng": 2, "gambir": 3}
    tambora.refresh_from_db()
    assert tambora.nilai_akhir == Decimal("90.00")
    assert tambora.nilai_tahap == {str(t.pk): "90.00" for t in lomba.tahap_set.all()}
    assert tambora.penghargaan == "Juara I"

    before = snapshot(lomba)
    ids = kriteria_ids(lomba)
    for j in (juri, juri2):
        with pytest.raises(ValidationError) as info:
            services.nilai_simpan(oleh=j, peserta=gambir, nilai={ids[0]: Decimal(100)})
        assert info.value.messages == ["Lomba sudah final: semua nilai dibekukan dan tidak dapat diubah lagi."]
        with pytest.raises(ValidationError):
            services.nilai_simpan(oleh=j, peserta=gambir, nilai={ids[0]: None})
    for call in (
        lambda: services.lomba_finalkan(lomba=lomba, oleh=admin_provinsi),
        lambda: services.lomba_draf_kembalikan(lomba=lomba, oleh=admin_provinsi),
        lambda: services.peserta_hapus(peserta=gambir, oleh=admin_provinsi),
        lambda: services.peserta_pos_buat(lomba=lomba, pos=Pos.objects.get(slug="koja"), oleh=admin_provinsi),
        lambda: services.penugasan_hapus(penugasan=lomba.penugasan_set.first(), oleh=admin_provinsi),
        lambda: services.penugasan_buat(lomba=lomba, juri=JuriFactory(), oleh=admin_provinsi),
    ):
        with pytest.raises(ValidationError):
            call()
    assert snapshot(lomba) == before
    assert Nilai.history.filter(peserta__lomba=lomba).count() == 90  # the history stays


def test_a_tie_recorded_after_scoring_voids_those_scores(penilaian, admin_provinsi, juri, juri2, pos_b):
    lomba, (gambir, tambora, menteng) = penilaian
    score_all(lomba, [gambir, tambora, menteng], [juri], [80, 80, 80])
    score_all(lomba, [gambir, tambora, menteng], [juri2], [80, 100, 80])
    services.juri_pos_buat(juri=juri2, pos=pos_b, oleh=admin_provinsi)
    services.lomba_finalkan(lomba=lomba, oleh=admin_provinsi)
    tambora.refresh_from_db()
    assert tambora.nilai_akhir == Decimal("80.00")  # juri2's 100 does not count


def test_announce_only_after_final_and_back_to_draft_only_without_scores(penilaian, admin_provinsi, juri):
    lomba, (gambir, *_rest) = penilaian
    with pytest.raises(ValidationError, match="sudah final yang dapat diumumkan"):
        services.lomba_umumkan(lomba=lomba, oleh=admin_provinsi)
    services.lomba_draf_kembalikan(lomba=lomba, oleh=admin_provinsi)
    services.lomba_penilaian_mulai(lomba=lomba, oleh=admin_provinsi)
    nilai_semua(juri=juri, peserta=gambir, nilai=50)
    with pytest.raises(ValidationError, match="tidak dapat dikembalikan ke draf"):
        services.lomba_draf_kembalikan(lomba=lomba, oleh=admin_provinsi)
    assert Lomba.objects.get(pk=lomba.pk).status == Status.PENILAIAN


def test_favorit_can_change_until_announced(penilaian, admin_provinsi, juri, juri2):
    lomba, peserta = penilaian
    score_all(lomba, peserta, [juri, juri2], [80, 70, 60])
    services.lomba_finalkan(lomba=lomba, oleh=admin_provinsi)
    services.peserta_favorit_tetapkan(peserta=peserta[2], favorit=True, oleh=admin_provinsi)
    services.lomba_umumkan(lomba=lomba, oleh=admin_provinsi)
    with pytest.raises(ValidationError, match="sudah diumumkan"):
        services.peserta_favorit_tetapkan(peserta=peserta[2], favorit=False, oleh=admin_provinsi)
    assert Peserta.objects.get(pk=peserta[2].pk).is_favorit


def test_documents_frozen_after_final(penilaian, admin_provinsi, juri, juri2):
    from django.core.files.base import ContentFile

    from tests.hostile_files import VALID_PDF

    lomba, peserta = penilaian
    score_all(lomba, peserta, [juri, juri2], [80, 70, 60])
    services.lomba_finalkan(lomba=lomba, oleh=admin_provinsi)
    with pytest.raises(ValidationError, match="dokumen tidak dapat ditambah"):
        services.dokumen_unggah(
            peserta=peserta[0], judul="SK", berkas=ContentFile(VALID_PDF, name="a.pdf"), oleh=admin_provinsi
        )
    assert not peserta[0].dokumen_set.exists()


# --- Model posts ----------------------------------------------------------------------------------


def test_winners_marked_percontohan_in_one_step(penilaian, admin_provinsi, juri, juri2, pos_b):
    lomba, peserta = penilaian
    with pytest.raises(ValidationError, match="setelah lomba final"):
        services.lomba_percontohan_tandai(lomba=lomba, peserta_ids=[peserta[0].pk], oleh=admin_provinsi)
    score_all(lomba, peserta, [juri, juri2], [70, 90, 80])
    services.lomba_finalkan(lomba=lomba, oleh=admin_provinsi)
    pos_list = services.lomba_percontohan_tandai(lomba=lomba, peserta_ids=[peserta[1].pk], oleh=admin_provinsi)
    assert pos_list == [pos_b]
    pos_b.refresh_from_db()
    assert (pos_b.is_percontohan, pos_b.percontohan_tahun, pos_b.percontohan_alasan) == (
        True,
        2025,
        f"Juara I — {lomba.nama}",
    )
    assert not Pos.objects.get(slug="gambir").is_percontohan


def test_percontohan_refuses_outside_entrants_and_foreign_ids(admin_provinsi, wilayah):
    nasional = lomba_dengan_templat(oleh=admin_provinsi, tingkat="nasional", sumber_hasil="impor")
    impor = services.impor_nasional_pratinjau(
        lomba=nasional,
        nama_berkas="h.csv",
        oleh=admin_provinsi,
        data=b"peserta,provinsi,total,peringkat\nPosyantek Singosari,Jawa Timur,90,1\n",
    )
    services.impor_nasional_terapkan(impor=impor, oleh=admin_provinsi)
    luar = nasional.peserta_set.get()
    with pytest.raises(ValidationError, match="Hanya peserta pos DKI"):
        services.lomba_percontohan_tandai(lomba=nasional, peserta_ids=[luar.pk], oleh=admin_provinsi)
    with pytest.raises(ValidationError, match="Hanya peserta pos DKI"):
        services.lomba_percontohan_tandai(lomba=nasional, peserta_ids=[999999], oleh=admin_provinsi)
    assert not Pos.objects.filter(is_percontohan=True).exists()
