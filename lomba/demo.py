"""Demo data of the Lomba, built through its services; safe to run twice (each competition is made
only when it does not exist yet).

- Last year's provincial competition, finished and announced: 8 posts, scored by juri1–juri3 (juri2
  is tied to Tambora and does not score it), with a tie on the final score broken by the Paparan
  stage, a Favorit, and its Juara I marked as a model post.
- Last year's national competition: DKI's winner carried over, among entrants from other provinces,
  results imported from the committee's CSV; and two earlier national years for the history.
- This year's provincial competition in penilaian: juri2 and juri3 have scored, juri1 still has
  entries to score.
"""

from decimal import Decimal

from django.core.files.base import ContentFile

from lomba import selectors, services
from lomba.models import Kategori, Kriteria, Lomba, SumberHasil, Tingkat
from posyantek import services as pos_services
from posyantek.demo import DEMO_DOMAIN, DEMO_MARK, DemoContext
from posyantek.models import Pos

KATEGORI = Kategori.POSYANTEK_BERPRESTASI

JUDUL = {
    "cempaka-putih": "Klinik kemasan dan label halal UKM",
    "pademangan": "Alat pengering ikan asin tenaga surya",
    "kebon-jeruk": "Mesin pemotong keripik singkong sederhana",
    "pancoran": "Pendampingan toko daring 120 UKM",
    "kramatjati": "Rumah produksi sambal bersama",
    "gambir": "Pojok konsultasi TTG di kantor kecamatan",
    "tambora": "Mesin jahit hemat listrik untuk konveksi rumahan",
    "koja": "Pengolahan limbah cangkang kerang",
    "menteng": "Galeri produk UKM dan katalog daring",
    "tanjung-priok": "Alat pengasap ikan rendah asap",
    "cengkareng": "Pelatihan pemasaran digital ibu rumah tangga",
    "tebet": "Bank alat TTG untuk usaha kuliner",
    "cakung": "Mesin pencacah plastik untuk bank sampah",
    "jagakarsa": "Pengolahan buah lokal jadi dodol dan sirop",
}
PROVINSI_LALU = ["cempaka-putih", "pademangan", "kebon-jeruk", "pancoran", "kramatjati", "gambir", "tambora", "koja"]
PROVINSI_KINI = ["gambir", "menteng", "tanjung-priok", "cengkareng", "tebet", "cakung"]

# National entrants from other provinces (believable names, marked as demo).
LUAR = [
    ("Posyantek Kecamatan Singosari", "Jawa Timur"),
    ("Posyantek Kecamatan Ngaglik", "DI Yogyakarta"),
    ("Posyantek Kecamatan Cibinong", "Jawa Barat"),
    ("Posyantek Kecamatan Ungaran Barat", "Jawa Tengah"),
    ("Posyantek Kecamatan Kuta Selatan", "Bali"),
    ("Posyantek Kecamatan Tanjung Morawa", "Sumatera Utara"),
    ("Posyantek Kecamatan Bontomarannu", "Sulawesi Selatan"),
    ("Posyantek Kecamatan Banjarbaru Utara", "Kalimantan Selatan"),
    ("Posyantek Kecamatan Lembang", "Jawa Barat"),
]

PDF_DEMO = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _juri(ctx: DemoContext) -> list:
    juri = [ctx.users["juri1"]]
    for n, nama in ((2, "Juri Dua (demo)"), (3, "Juri Tiga (demo)")):
        user = pos_services.pengguna_buat(
            email=f"juri{n}@{DEMO_DOMAIN}", nama=nama, password_hash=ctx.password_hash, is_juri=True
        )
        ctx.users[f"juri{n}"] = user
        juri.append(user)
    return juri


def _ada(tahun: int, tingkat: str) -> bool:
    return Lomba.objects.filter(tahun=tahun, kategori=KATEGORI, tingkat=tingkat, kota__isnull=True).exists()


def _nilai(ctx: DemoContext, kualitas: int, n: int) -> list[Decimal]:
    """n believable scores around an entry's quality, in half points."""
    return [
        Decimal(min(98, max(50, kualitas + ctx.rng.randint(-6, 6)))) + Decimal("0.5") * ctx.rng.randint(0, 1)
        for _ in range(n)
    ]


def _isi(juri, peserta, kriteria_ids: list[int], values: list[Decimal]) -> None:
    services.nilai_simpan(oleh=juri, peserta=peserta, nilai=dict(zip(kriteria_ids, values, strict=True)))


def _provinsi_lalu(ctx: DemoContext, admin, juri: list, tahun: int) -> Lomba:
    lomba = services.lomba_buat(
        tahun=tahun,
        kategori=KATEGORI,
        tingkat=Tingkat.PROVINSI,
        oleh=admin,
        nama=f"{DEMO_MARK} Lomba Posyantek Berprestasi Tingkat Provinsi DKI Jakarta {tahun}",
        deskripsi=f"{DEMO_MARK} Contoh lomba yang sudah selesai dan diumumkan.",
    )
    services.lomba_ubah(lomba=lomba, oleh=admin, data={"tempat": "Balai Kota DKI Jakarta"})
    pos = {p.slug: p for p in Pos.objects.filter(slug__in=PROVINSI_LALU).select_related("kecamatan__kota")}
    peserta = {
        slug: services.peserta_pos_buat(lomba=lomba, pos=pos[slug], judul=JUDUL[slug], oleh=admin)
        for slug in PROVINSI_LALU
    }
    for j in juri:
        services.penugasan_buat(lomba=lomba, juri=j, oleh=admin)
    services.lomba_penilaian_mulai(lomba=lomba, oleh=admin)
    ids = list(
        Kriteria.objects.filter(tahap__lomba=lomba).order_by("tahap__urutan", "urutan").values_list("pk", flat=True)
    )
    kualitas = {"cempaka-putih": 90, "pademangan": 86, "kramatjati": 83, "gambir": 76, "tambora": 74, "koja": 70}
    for j in juri:
        terkait = selectors.juri_terkait_pos_ids(juri=j)
        for slug, p in peserta.items():
            if p.pos_id in terkait:
                continue
            if slug == "kebon-jeruk":  # every criterion 80 → every stage 80 → 80.00
                values = [Decimal(80)] * len(ids)
            elif slug == "pancoran":  # stages 84 / 80 / 77 → .3×84 + .3×80 + .4×77 = 80.00: a tie, Paparan decides
                values = [Decimal(84)] * 5 + [Decimal(80)] * 5 + [Decimal(77)] * 5
            else:
                values = _nilai(ctx, kualitas[slug], len(ids))
            _isi(j, p, ids, values)
    services.peserta_favorit_tetapkan(peserta=peserta["koja"], favorit=True, oleh=admin)
    services.lomba_finalkan(lomba=lomba, oleh=admin)
    services.lomba_umumkan(lomba=lomba, oleh=admin)
    juara = lomba.peserta_set.get(peringkat=1)
    services.lomba_percontohan_tandai(lomba=lomba, peserta_ids=[juara.pk], oleh=admin)
    return lomba


def _csv(rows: list[tuple[str, str, str, int]]) -> bytes:
    lines = ["peserta;provinsi;total;peringkat"] + [f"{n};{p};{t};{r}" for n, p, t, r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _nasional(ctx: DemoContext, admin, tahun: int, dki: list[tuple[str, int]], dari: Lomba | None = None) -> Lomba:
    """A national competition whose results come from the committee's CSV, with DKI among them."""
    lomba = services.lomba_buat(
        tahun=tahun,
        kategori=KATEGORI,
        tingkat=Tingkat.NASIONAL,
        sumber_hasil=SumberHasil.IMPOR,
        oleh=admin,
        nama=f"{DEMO_MARK} Lomba Posyantek Berprestasi Tingkat Nasional {tahun}",
        deskripsi=f"{DEMO_MARK} Hasil dari panitia nasional (Gelar TTG), diimpor dari CSV contoh.",
    )
    if dari is not None:
        services.peserta_pemenang_bawa(dari=dari, ke=lomba, peringkat_maks=1, oleh=admin)
    luar = list(LUAR)
    ctx.rng.shuffle(luar)
    jumlah = len(luar) + len(dki)
    totals = sorted((Decimal(ctx.rng.randint(7200, 9400)) / 100 for _ in range(jumlah)), reverse=True)
    dki_rank = dict((r, nama) for nama, r in dki)
    rows, i = [], 0
    for rank in range(1, jumlah + 1):
        if rank in dki_rank:
            rows.append((dki_rank[rank], "DKI Jakarta", str(totals[rank - 1]).replace(".", ","), rank))
        else:
            nama, prov = luar[i]
            i += 1
            rows.append((f"{nama} {DEMO_MARK}", prov, str(totals[rank - 1]).replace(".", ","), rank))
    impor = services.impor_nasional_pratinjau(
        lomba=lomba, nama_berkas=f"hasil-nasional-{tahun}.csv", data=_csv(rows), oleh=admin
    )
    services.impor_nasional_terapkan(impor=impor, oleh=admin)
    services.lomba_umumkan(lomba=lomba, oleh=admin)
    return lomba


def _provinsi_kini(ctx: DemoContext, admin, juri: list, tahun: int) -> Lomba:
    lomba = services.lomba_buat(
        tahun=tahun,
        kategori=KATEGORI,
        tingkat=Tingkat.PROVINSI,
        oleh=admin,
        nama=f"{DEMO_MARK} Lomba Posyantek Berprestasi Tingkat Provinsi DKI Jakarta {tahun}",
        deskripsi=f"{DEMO_MARK} Contoh lomba yang sedang dinilai.",
    )
    pos = {p.slug: p for p in Pos.objects.filter(slug__in=PROVINSI_KINI)}
    peserta = [
        services.peserta_pos_buat(lomba=lomba, pos=pos[slug], judul=JUDUL[slug], oleh=admin) for slug in PROVINSI_KINI
    ]
    for p in peserta[:2]:
        services.dokumen_unggah(
            peserta=p,
            judul="SK pembentukan pos (contoh)",
            berkas=ContentFile(PDF_DEMO, name="sk-pembentukan.pdf"),
            oleh=admin,
        )
    for j in juri:
        services.penugasan_buat(lomba=lomba, juri=j, oleh=admin)
    services.lomba_penilaian_mulai(lomba=lomba, oleh=admin)
    ids = list(
        Kriteria.objects.filter(tahap__lomba=lomba).order_by("tahap__urutan", "urutan").values_list("pk", flat=True)
    )
    for j in juri:
        terkait = selectors.juri_terkait_pos_ids(juri=j)
        todo = peserta[:2] if j == juri[0] else peserta  # juri1 still has four entries to score
        for p in todo:
            if p.pos_id not in terkait:
                _isi(j, p, ids, _nilai(ctx, ctx.rng.randint(70, 90), len(ids)))
    return lomba


def seed(ctx: DemoContext) -> None:
    admin = ctx.users["admin"]
    juri = _juri(ctx)
    tambora = Pos.objects.get(slug="tambora")
    if not juri[1].juri_pos_set.filter(pos=tambora).exists():
        services.juri_pos_buat(
            juri=juri[1], pos=tambora, oleh=admin, keterangan=f"{DEMO_MARK} berdomisili di Kecamatan Tambora"
        )
    lalu, kini = ctx.today.year - 1, ctx.today.year
    provinsi = None
    if not _ada(lalu, Tingkat.PROVINSI):
        provinsi = _provinsi_lalu(ctx, admin, juri, lalu)
        ctx.say(f"Lomba: provinsi {lalu} (diumumkan)")
    if not _ada(lalu, Tingkat.NASIONAL):
        provinsi = provinsi or Lomba.objects.get(tahun=lalu, kategori=KATEGORI, tingkat=Tingkat.PROVINSI)
        juara = provinsi.peserta_set.select_related("pos").get(peringkat=1)
        _nasional(ctx, admin, lalu, [(juara.pos.nama, 3)], dari=provinsi)
        ctx.say(f"Lomba: nasional {lalu} (impor CSV, DKI peringkat 3)")
    for tahun, dki in (
        (lalu - 1, [("Posyantek Kecamatan Pademangan", 5)]),
        (lalu - 2, [("Posyantek Kec. Cempaka Putih", 2), ("Posyantek Kramat Jati", 8)]),
    ):
        if not _ada(tahun, Tingkat.NASIONAL):
            _nasional(ctx, admin, tahun, dki)
    if not _ada(kini, Tingkat.PROVINSI):
        _provinsi_kini(ctx, admin, juri, kini)
        ctx.say(f"Lomba: provinsi {kini} (penilaian; juri1 masih punya peserta untuk dinilai)")
