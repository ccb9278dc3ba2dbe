"""Scale data of the Lomba: ten years of announced competitions, and this year's one being scored.

For each of the ten years before ``ctx.today``:

- the provincial Lomba Posyantek Berprestasi of all 44 posts, on the portal's template of 3 stages
  × 5 criteria, scored by four juri of a pool of twelve (two of them tied to a post they never
  score), finalised and announced. The stored result (rank, final and stage scores, tie-break
  reason) is what ``lomba_finalkan`` stores: ``ranking.hitung_peringkat`` over the very scores
  inserted, so the admin's recomputation agrees with it. One entry outside the six awards is the
  committee's Favorit, and the Juara I of the last three years are model posts;
- the national competition of the same year, results imported from the committee (an applied
  ``ImporNasional``): DKI's Juara I carried over (``asal``) among 24–34 entrants of other provinces;
- in the last five of those years, a provincial Inovasi TTG competition of 12–18 posts (3 juri).

And this year's provincial Lomba Posyantek Berprestasi of all 44 posts in penilaian: three juri have
scored everything, the fourth about half of the entries (one of them only partly).

Posts have a level of their own and a form that drifts around it, so some are regular winners, as
in life; the benchmark's post (``BENCH_POS_SLUG``) is one of them, so its public page has awards.

Year, category and level are unique for a competition: any that already exists (``seed_demo`` makes
last year's provincial and national ones, two earlier national ones and this year's provincial one)
is left as it is. A national competition is made only after a provincial one made here, whose
Juara I it carries over.
"""

from __future__ import annotations

import string
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone, translation

from posyantek.models import Pos
from posyantek.scale import BENCH_POS_SLUG, ScaleContext

from . import ranking, services, templat
from .models import (
    ImporNasional,
    ImporStatus,
    JuriPos,
    Kategori,
    Kriteria,
    Lomba,
    Nilai,
    PenugasanJuri,
    Peserta,
    Status,
    SumberHasil,
    Tahap,
    Tingkat,
)

TAHUN = 10  # finished years before the current one
TAHUN_INOVASI = 5  # the Inovasi TTG competition exists in the last five of them
PERCONTOHAN = 3  # the Juara I of the last three provincial years are model posts
JURI_PER_LOMBA = {Kategori.POSYANTEK_BERPRESTASI: 4, Kategori.INOVASI_TTG: 3}

JURI = [
    "Dr. Ir. Bambang Setiawan, M.T.",
    "Dra. Siti Rahmawati, M.Si.",
    "Ir. Hendra Gunawan",
    "Dr. Ratna Permata Sari",
    "Agus Santoso, S.T., M.M.",
    "Prof. Dr. Yusuf Hasanuddin",
    "Dewi Lestari, S.E., M.B.A.",
    "Ir. Joko Susanto, M.Eng.",
    "Dr. Maya Handayani",
    "Rudi Firmansyah, S.Kom.",
    "Dra. Euis Kurniasih",
    "Ir. Samsul Nasution, M.T.",
]
# (juri index, post slug, why): a juri never scores a post they are tied to.
KETERKAITAN = [
    (2, "tebet", "Berdomisili di Kecamatan Tebet"),
    (7, "koja", "Pernah menjadi pendamping teknis Posyantek Koja"),
]

TEMPAT = [
    "Balai Kota DKI Jakarta",
    "Gedung Balai Agung, Balai Kota DKI Jakarta",
    "Aula Bappeda DKI Jakarta",
    "Gedung Dinas PPAPP DKI Jakarta",
]

# Programmes a post enters with (Posyantek Berprestasi) and innovations (Inovasi TTG).
PROGRAM = [
    "Klinik kemasan dan label halal UKM",
    "Pendampingan toko daring {n} UKM",
    "Rumah produksi {bahan} bersama",
    "Pojok konsultasi TTG di kantor kecamatan",
    "Bank alat TTG untuk usaha kuliner",
    "Pelatihan pemasaran digital ibu rumah tangga",
    "Galeri produk UKM dan katalog daring",
    "Kelas QRIS dan pembukuan digital untuk {n} warung",
    "Sentra olahan {bahan} binaan pos",
    "Layanan servis alat produksi keliling",
    "Kemitraan kampus untuk uji mutu {bahan}",
]
ALAT = [
    "Mesin pengering",
    "Alat pengasap",
    "Mesin pencacah",
    "Alat pemeras",
    "Mesin pengemas",
    "Oven tenaga surya",
    "Mesin penggiling",
    "Alat pencetak",
    "Mesin pengaduk",
    "Alat penyaring",
]
BAHAN = [
    "kopi",
    "santan",
    "tahu",
    "keripik singkong",
    "ikan asin",
    "kerupuk",
    "sambal",
    "jahe merah",
    "dodol",
    "bawang goreng",
    "kelapa",
    "kompos",
    "sampah plastik",
    "minyak jelantah",
    "batik",
    "kerak telor",
]
SIFAT = ["hemat listrik", "tenaga surya", "rendah asap", "sederhana", "portabel", "untuk usaha rumahan"]

# The other provinces' entrants at the national level: a few believable kecamatan per province.
LUAR = {
    "Aceh": ["Lhoknga", "Darul Imarah", "Kuta Alam"],
    "Sumatera Utara": ["Tanjung Morawa", "Sunggal", "Berastagi"],
    "Sumatera Barat": ["Lubuk Kilangan", "Baso", "Lima Kaum"],
    "Riau": ["Tampan", "Siak Hulu"],
    "Kepulauan Riau": ["Bintan Timur", "Batam Kota"],
    "Jambi": ["Telanaipura", "Kota Baru"],
    "Sumatera Selatan": ["Plaju", "Indralaya"],
    "Kepulauan Bangka Belitung": ["Sungailiat", "Tanjung Pandan"],
    "Bengkulu": ["Gading Cempaka", "Curup"],
    "Lampung": ["Natar", "Kemiling"],
    "Banten": ["Cipocok Jaya", "Serpong"],
    "Jawa Barat": ["Cibinong", "Lembang", "Jatinangor"],
    "Jawa Tengah": ["Ungaran Barat", "Kaliwungu", "Baturraden"],
    "DI Yogyakarta": ["Ngaglik", "Kasihan", "Playen"],
    "Jawa Timur": ["Singosari", "Pujon", "Kepanjen"],
    "Bali": ["Kuta Selatan", "Ubud", "Kediri"],
    "Nusa Tenggara Barat": ["Narmada", "Gerung"],
    "Nusa Tenggara Timur": ["Kelapa Lima", "Alok"],
    "Kalimantan Barat": ["Sungai Raya", "Pontianak Kota"],
    "Kalimantan Tengah": ["Jekan Raya", "Pahandut"],
    "Kalimantan Selatan": ["Banjarbaru Utara", "Martapura"],
    "Kalimantan Timur": ["Samarinda Ulu", "Tenggarong"],
    "Kalimantan Utara": ["Tanjung Selor"],
    "Sulawesi Utara": ["Tomohon Utara", "Wenang"],
    "Gorontalo": ["Limboto", "Telaga"],
    "Sulawesi Tengah": ["Mantikulore", "Sigi Biromaru"],
    "Sulawesi Barat": ["Mamuju", "Polewali"],
    "Sulawesi Selatan": ["Bontomarannu", "Tamalanrea", "Turikale"],
    "Sulawesi Tenggara": ["Kambu", "Poasia"],
    "Maluku": ["Sirimau", "Teluk Ambon"],
    "Maluku Utara": ["Ternate Tengah", "Tidore"],
    "Papua": ["Abepura", "Sentani"],
    "Papua Barat": ["Manokwari Barat"],
    "Papua Selatan": ["Merauke"],
    "Papua Tengah": ["Nabire"],
    "Papua Pegunungan": ["Wamena"],
    "Papua Barat Daya": ["Sorong Manoi"],
}


@dataclass
class Rencana:
    """One competition to create, and what hangs off it once inserted."""

    tahun: int
    kategori: str
    tingkat: str
    status: str
    dibuat: datetime
    nilai_dari: datetime  # the scoring window (national: the committee's file)
    nilai_sampai: datetime
    difinalkan: datetime | None = None
    diumumkan: datetime | None = None
    tempat: str = ""
    deskripsi: str = ""
    pos: list[int] = field(default_factory=list)  # the posts entered (provincial)
    kualitas: dict[int, float] = field(default_factory=dict)  # pos id → how good its entry is
    pk: int = 0
    tahap: list[tuple[Tahap, list[Kriteria]]] = field(default_factory=list)

    @property
    def impor(self) -> bool:
        return self.tingkat == Tingkat.NASIONAL

    @property
    def kunci(self) -> tuple[int, str, str]:
        return (self.tahun, self.kategori, self.tingkat)


def seed(ctx: ScaleContext) -> None:
    if not ctx.pos_ids:
        ctx.say("  (tanpa pos: lomba dilewati)")
        return
    started = time.perf_counter()
    rng = ctx.rng
    admin = ctx.users["admin"]
    tz = timezone.get_current_timezone()
    now = timezone.now()
    kini = ctx.today.year
    pos_info = {pk: (nama, slug) for pk, nama, slug in Pos.objects.values_list("pk", "nama", "slug")}
    pos_ids = [pk for pk in ctx.pos_ids if pk in pos_info]
    ada = set(Lomba.objects.filter(kota__isnull=True).values_list("tahun", "kategori", "tingkat"))

    def waktu(tahun: int, bulan: int, hari: int) -> datetime:
        return datetime(tahun, bulan, hari, rng.randint(8, 15), rng.choice((0, 15, 30, 45)), tzinfo=tz)

    # -- what to make ---------------------------------------------------------------------------
    # Each post has its own level and a form that drifts around it from year to year.
    dasar = {pk: min(88.0, max(60.0, rng.gauss(74, 6))) for pk in pos_ids}
    for pk in pos_ids:
        if pos_info[pk][1] == BENCH_POS_SLUG:
            dasar[pk] = 86.0  # the benchmark's post is a strong one: its public page always has awards
    kekuatan = dict(dasar)
    rencana: list[Rencana] = []
    for tahun in range(kini - TAHUN, kini + 1):
        for pk in pos_ids:
            kekuatan[pk] = min(92.0, max(55.0, kekuatan[pk] + rng.gauss(0, 2.5) + (dasar[pk] - kekuatan[pk]) * 0.3))
        if tahun == kini:
            dibuat = now - timedelta(days=75)
            rencana.append(
                Rencana(
                    tahun=tahun,
                    kategori=Kategori.POSYANTEK_BERPRESTASI,
                    tingkat=Tingkat.PROVINSI,
                    status=Status.PENILAIAN,
                    dibuat=dibuat,
                    nilai_dari=now - timedelta(days=30),
                    nilai_sampai=now - timedelta(hours=2),
                    deskripsi=f"Penilaian tahun {tahun} sedang berjalan: administrasi, verifikasi lapangan, dan "
                    "paparan.",
                    pos=list(pos_ids),
                    kualitas={pk: kekuatan[pk] + rng.gauss(0, 3) for pk in pos_ids},
                )
            )
            break
        difinalkan = waktu(tahun, 9, rng.randint(10, 20))
        provinsi = Rencana(
            tahun=tahun,
            kategori=Kategori.POSYANTEK_BERPRESTASI,
            tingkat=Tingkat.PROVINSI,
            status=Status.DIUMUMKAN,
            dibuat=waktu(tahun, 3, rng.randint(1, 20)),
            nilai_dari=waktu(tahun, 7, 1),
            nilai_sampai=waktu(tahun, 8, 31),
            difinalkan=difinalkan,
            diumumkan=difinalkan + timedelta(days=rng.randint(2, 9), hours=rng.randint(0, 5)),
            tempat=rng.choice(TEMPAT),
            deskripsi=(
                f"Lomba tahunan seluruh {len(pos_ids)} Posyantek kecamatan di DKI Jakarta. Juara I mewakili "
                f"DKI Jakarta pada Lomba Posyantek Tingkat Nasional {tahun}."
            ),
            pos=list(pos_ids),
            kualitas={pk: kekuatan[pk] + rng.gauss(0, 3) for pk in pos_ids},
        )
        rencana.append(provinsi)
        if tahun >= kini - TAHUN_INOVASI:
            ikut = sorted(rng.sample(pos_ids, rng.randint(12, 18)), key=pos_ids.index)
            difinalkan = waktu(tahun, 6, rng.randint(5, 25))
            rencana.append(
                Rencana(
                    tahun=tahun,
                    kategori=Kategori.INOVASI_TTG,
                    tingkat=Tingkat.PROVINSI,
                    status=Status.DIUMUMKAN,
                    dibuat=waktu(tahun, 2, rng.randint(1, 25)),
                    nilai_dari=waktu(tahun, 4, 15),
                    nilai_sampai=waktu(tahun, 5, 31),
                    difinalkan=difinalkan,
                    diumumkan=difinalkan + timedelta(days=rng.randint(1, 6)),
                    tempat=rng.choice(TEMPAT),
                    deskripsi="Inovasi teknologi tepat guna yang dikembangkan atau diterapkan pos bersama UKM "
                    "binaannya.",
                    pos=ikut,
                    kualitas={pk: kekuatan[pk] + rng.gauss(0, 6) for pk in ikut},
                )
            )
        if provinsi.kunci not in ada:  # the national follow-up only of our own provincial competition
            difinalkan = waktu(tahun, 11, rng.randint(5, 25))
            rencana.append(
                Rencana(
                    tahun=tahun,
                    kategori=Kategori.POSYANTEK_BERPRESTASI,
                    tingkat=Tingkat.NASIONAL,
                    status=Status.DIUMUMKAN,
                    dibuat=waktu(tahun, 9, rng.randint(21, 28)),
                    nilai_dari=difinalkan,
                    nilai_sampai=difinalkan,
                    difinalkan=difinalkan,
                    diumumkan=difinalkan + timedelta(days=rng.randint(0, 3)),
                    deskripsi=f"Hasil dari panitia nasional (Gelar TTG Nasional {tahun}), diimpor dari berkas CSV "
                    "panitia.",
                )
            )
    rencana = [r for r in rencana if r.kunci not in ada]
    if not rencana:
        ctx.say("  (semua lomba sudah ada)")
        return

    juri_ids = _juri(ctx, pos_info)
    ikatan = {juri_ids[i]: {pk for pk, (_n, slug) in pos_info.items() if slug == s} for i, s, _k in KETERKAITAN}

    # -- competitions and their structure -------------------------------------------------------------
    with translation.override("id"):
        ids = ctx.insert_rows(
            Lomba,
            [
                "nama",
                "tahun",
                "kategori",
                "tingkat",
                "status",
                "sumber_hasil",
                "deskripsi",
                "tempat",
                "pakai_templat_bawaan",
                "difinalkan_at",
                "difinalkan_oleh",
                "diumumkan_at",
                "created_by",
                "created_at",
                "updated_at",
            ],
            (
                (
                    services.nama_bawaan_buat(tahun=r.tahun, kategori=r.kategori, tingkat=r.tingkat, kota=None),
                    r.tahun,
                    r.kategori,
                    r.tingkat,
                    r.status,
                    SumberHasil.IMPOR if r.impor else SumberHasil.PENILAIAN,
                    r.deskripsi,
                    r.tempat,
                    not r.impor,
                    r.difinalkan,
                    admin.pk if r.difinalkan else None,
                    r.diumumkan,
                    admin.pk,
                    r.dibuat,
                    r.diumumkan or r.dibuat,
                )
                for r in rencana
            ),
        )
        for r, pk in zip(rencana, ids, strict=True):
            r.pk = pk
        dinilai = [r for r in rencana if not r.impor]
        tahap = ctx.insert(
            Tahap,
            (
                Tahap(lomba_id=r.pk, nama=str(nama), urutan=i, bobot=bobot, keterangan=str(keterangan))
                for r in dinilai
                for i, (nama, bobot, keterangan, _k) in enumerate(templat.TAHAP, start=1)
            ),
        )
        kriteria = ctx.insert(
            Kriteria,
            (
                Kriteria(
                    tahap_id=t.pk,
                    nama=str(templat.KRITERIA[kunci][0]),
                    deskripsi=str(templat.KRITERIA[kunci][1]),
                    urutan=u,
                    bobot=bobot,
                    skala_min=templat.SKALA_MIN,
                    skala_maks=templat.SKALA_MAKS,
                )
                for t, (*_x, bobot_k) in zip(tahap, templat.TAHAP * len(dinilai), strict=True)
                for u, (kunci, bobot) in enumerate(bobot_k.items(), start=1)
            ),
        )
    per_tahap = len(templat.TAHAP)
    per_kriteria = [len(k) for *_x, k in templat.TAHAP]
    k_iter = iter(kriteria)
    for i, r in enumerate(dinilai):
        r.tahap = [
            (t, [next(k_iter) for _ in range(per_kriteria[j])])
            for j, t in enumerate(tahap[i * per_tahap : (i + 1) * per_tahap])
        ]
    seri_kunci = list(templat.TAHAP[templat.SERI_TAHAP_INDEX][3]).index(templat.SERI_KRITERIA_KUNCI)
    seri = [
        Lomba(
            pk=r.pk,
            seri_tahap_id=r.tahap[templat.SERI_TAHAP_INDEX][0].pk,
            seri_kriteria_id=r.tahap[templat.SERI_TAHAP_INDEX][1][seri_kunci].pk,
        )
        for r in dinilai
    ]
    Lomba.objects.bulk_update(seri, ["seri_tahap", "seri_kriteria"])

    # -- entries, juri and scores of the juried competitions -----------------------------------------
    peserta_rows: list[tuple] = []
    nilai_rows: list[tuple] = []  # (lomba pk, index of the entry in the competition, juri, kriteria, nilai, when)
    penugasan_rows: list[tuple] = []
    juara: dict[int, int] = {}  # year → index (in peserta_rows) of the provincial Juara I
    mulai: dict[int, int] = {}  # lomba pk → index (in peserta_rows) of its first entry
    for r in dinilai:
        mulai[r.pk] = len(peserta_rows)
        juri = rng.sample(juri_ids, JURI_PER_LOMBA[r.kategori])
        penugasan_rows += [(r.pk, j, False, admin.pk, r.dibuat + timedelta(days=14)) for j in juri]
        semua_kriteria = [k for _t, ks in r.tahap for k in ks]
        skor: list[ranking.Skor] = []
        for i, pos_id in enumerate(r.pos):
            aspek = [rng.uniform(-5, 5) for _ in semua_kriteria]  # the entry's strong and weak points
            for n, j in enumerate(juri):
                if pos_id in ikatan.get(j, ()):
                    continue
                jumlah = len(semua_kriteria)
                if r.status == Status.PENILAIAN and n == len(juri) - 1:
                    # The last juri of this year's competition is halfway, one entry only partly scored.
                    jumlah = len(semua_kriteria) if i < len(r.pos) // 2 else (7 if i == len(r.pos) // 2 else 0)
                bias = (juri_ids.index(j) % 5 - 2) * 1.2  # some juri are stricter than others
                for k, beda in zip(semua_kriteria[:jumlah], aspek, strict=False):
                    v = min(98.0, max(45.0, r.kualitas[pos_id] + beda + bias + rng.uniform(-3, 3)))
                    nilai = Decimal(round(v * 2)) / 2  # juri score in half points
                    skor.append(ranking.Skor(juri_id=j, peserta_id=i, kriteria_id=k.pk, nilai=nilai))
        spanne = (r.nilai_sampai - r.nilai_dari).total_seconds()
        nilai_rows += [
            (
                r.pk,
                s.peserta_id,
                s.juri_id,
                s.kriteria_id,
                s.nilai,
                r.nilai_dari + timedelta(seconds=rng.uniform(0, spanne)),
            )
            for s in skor
        ]
        hasil: dict[int, ranking.Hasil] = {}
        favorit = -1
        if r.status != Status.PENILAIAN:
            # What lomba_finalkan stores. The entries are inserted in this order, so their primary keys
            # keep the order of these local ids (the last tie-break rule; names decide before it anyway).
            hasil = {
                h.peserta.id: h
                for h in ranking.hitung_peringkat(
                    tahap=[
                        ranking.Tahap(
                            id=t.pk,
                            nama=t.nama,
                            bobot=t.bobot,
                            kriteria=tuple(
                                ranking.Kriteria(
                                    id=k.pk, nama=k.nama, bobot=k.bobot, skala_min=k.skala_min, skala_maks=k.skala_maks
                                )
                                for k in ks
                            ),
                        )
                        for t, ks in r.tahap
                    ],
                    peserta=[ranking.Peserta(id=i, nama=pos_info[pk][0]) for i, pk in enumerate(r.pos)],
                    skor=skor,
                    aturan=ranking.AturanSeri(
                        tahap_id=r.tahap[templat.SERI_TAHAP_INDEX][0].pk,
                        kriteria_id=r.tahap[templat.SERI_TAHAP_INDEX][1][seri_kunci].pk,
                    ),
                )
            }
            favorit = rng.choice([i for i, h in hasil.items() if 7 <= h.peringkat <= 20])
        for i, pos_id in enumerate(r.pos):
            h = hasil.get(i)
            if h is not None and h.peringkat == 1 and r.kategori == Kategori.POSYANTEK_BERPRESTASI:
                juara[r.tahun] = len(peserta_rows)
            peserta_rows.append(
                (
                    r.pk,
                    pos_id,
                    "",
                    "",
                    _judul(rng, r.kategori),
                    _video(rng, r.tahun, kini),
                    None,
                    False,
                    i == favorit,
                    h.peringkat if h else None,
                    h.total if h else None,
                    {str(tid): str(v) for tid, v in h.per_tahap.items() if v is not None} if h else {},
                    h.diputus_oleh if h else "",
                    admin.pk,
                    r.dibuat + timedelta(days=rng.randint(3, 30)),
                )
            )
    kolom = [
        "lomba",
        "pos",
        "nama_luar",
        "provinsi_luar",
        "judul",
        "tautan_video",
        "asal",
        "dari_dki",
        "is_favorit",
        "peringkat",
        "nilai_akhir",
        "nilai_tahap",
        "alasan_seri",
        "created_by",
        "created_at",
    ]
    peserta_ids = ctx.insert_rows(Peserta, kolom, peserta_rows)
    ctx.insert_rows(PenugasanJuri, ["lomba", "juri", "is_nasional", "created_by", "created_at"], penugasan_rows)
    ctx.insert_rows(
        Nilai,
        ["peserta", "juri", "kriteria", "nilai", "created_at", "updated_at"],
        ((peserta_ids[mulai[lomba] + i], j, k, v, t, t) for lomba, i, j, k, v, t in nilai_rows),
    )

    # -- national results from the committee's file -----------------------------------------------------
    nasional = [r for r in rencana if r.impor and r.tahun in juara]
    luar_rows, impor_rows = [], []
    for r in nasional:
        row = peserta_rows[juara[r.tahun]]
        provinsi = rng.sample(sorted(LUAR), rng.randint(24, 34))
        jumlah = len(provinsi) + 1
        totals = [Decimal(t) / 100 for t in sorted(rng.sample(range(7000, 9500), jumlah), reverse=True)]
        dki = 1 + int(rng.random() ** 1.6 * min(12, jumlah))  # DKI usually does well
        baris, luar = [], iter(provinsi)
        for rank, total in enumerate(totals, start=1):
            if rank == dki:
                pos_id = row[1]
                nama, prov = pos_info[pos_id][0], "DKI Jakarta"
                luar_rows.append(
                    (
                        r.pk,
                        pos_id,
                        "",
                        "",
                        row[4],
                        row[5],
                        peserta_ids[juara[r.tahun]],
                        True,
                        False,
                        rank,
                        total,
                        {},
                        "",
                        admin.pk,
                        r.dibuat,
                    )
                )
            else:
                pos_id = None
                prov = next(luar)
                nama = f"Posyantek Kecamatan {rng.choice(LUAR[prov])}"
                luar_rows.append(
                    (r.pk, None, nama, prov, "", "", None, False, False, rank, total, {}, "", admin.pk, r.difinalkan)
                )
            baris.append(
                {
                    "nomor": rank + 1,
                    "nama": nama,
                    "provinsi": prov,
                    "total": str(total),
                    "peringkat": rank,
                    "dki": pos_id is not None,
                    "pos_id": pos_id,
                }
            )
        impor_rows.append(
            (
                r.pk,
                f"hasil-lomba-posyantek-nasional-{r.tahun}.csv",
                baris,
                [],
                [],
                ImporStatus.DITERAPKAN,
                admin.pk,
                r.difinalkan - timedelta(hours=1),
                r.difinalkan,
            )
        )
    ctx.insert_rows(Peserta, kolom, luar_rows)
    ctx.insert_rows(
        ImporNasional,
        [
            "lomba",
            "nama_berkas",
            "baris",
            "kesalahan",
            "peringatan",
            "status",
            "created_by",
            "created_at",
            "diterapkan_at",
        ],
        impor_rows,
    )

    # -- model posts: the latest Juara I, as the committee marks them -------------------------------
    for tahun in sorted(juara)[-PERCONTOHAN:]:
        row = peserta_rows[juara[tahun]]
        pos = Pos.objects.get(pk=row[1])
        if pos.percontohan_tahun is None or pos.percontohan_tahun <= tahun:
            services.lomba_percontohan_tandai(
                lomba=Lomba(pk=row[0]), peserta_ids=[peserta_ids[juara[tahun]]], oleh=admin
            )
    ctx.say(
        f"  lomba: {len(rencana)} lomba, {len(peserta_rows) + len(luar_rows):,} peserta, "
        f"{len(nilai_rows):,} nilai, tahun {kini - TAHUN}–{kini} ({time.perf_counter() - started:.1f} s)"
    )


def _juri(ctx: ScaleContext, pos_info: dict[int, tuple[str, str]]) -> list[int]:
    """Twelve juri accounts (``juri.<i>@skala.posyantek.test``) and their recorded ties to posts."""
    from posyantek.models import User

    ids = ctx.make_users(len(JURI), prefix="juri", is_juri=True)
    User.objects.bulk_update([User(pk=pk, nama=nama) for pk, nama in zip(ids, JURI, strict=True)], ["nama"])
    slug_pk = {slug: pk for pk, (_n, slug) in pos_info.items()}
    ctx.insert_rows(
        JuriPos,
        ["juri", "pos", "keterangan", "created_by"],
        [
            (ids[i], slug_pk[slug], keterangan, ctx.users["admin"].pk)
            for i, slug, keterangan in KETERKAITAN
            if slug in slug_pk
        ],
    )
    return ids


def _judul(rng, kategori: str) -> str:
    if kategori == Kategori.INOVASI_TTG:
        return f"{rng.choice(ALAT)} {rng.choice(BAHAN)} {rng.choice(SIFAT)}"
    return rng.choice(PROGRAM).format(n=rng.choice((40, 60, 85, 120, 150)), bahan=rng.choice(BAHAN))


def _video(rng, tahun: int, kini: int) -> str:
    """A profile video, more common in recent years."""
    if rng.random() > 0.2 + 0.6 * (tahun - (kini - TAHUN)) / TAHUN:
        return ""
    kode = "".join(rng.choice(string.ascii_letters + string.digits + "-_") for _ in range(11))
    return f"https://www.youtube.com/watch?v={kode}"
