"""Scale data of the TTG catalogue: ``ctx.sizes.teknologi`` published technologies (2,000 at base).

Names are built like the catalogue's ("Mesin Pengering Kopi TP-12"), from ``posyantek.scale.WORDS``
so the benchmark's broad term ("mesin") finds a large share. The search documents are filled by the
service's own ``_isi_dokumen_cari`` and the full-text vector by ``pencarian.perbarui_vektor``, as
``teknologi_simpan`` does. About 60 % have a guide (intro, safety, 3–6 steps, maintenance, a
problem), a quarter are demonstrated at some post, and approved adoptions by registered UKM give
the "populer" ordering something to count.
"""

from __future__ import annotations

import random

from django.utils import timezone
from django.utils.text import slugify

from posyantek.scale import WORDS, ScaleContext

from . import pencarian
from .models import (
    Adopsi,
    Bidang,
    Frekuensi,
    LangkahPanduan,
    MasalahPanduan,
    Panduan,
    PerawatanPanduan,
    StatusAdopsi,
    StatusTeknologi,
    Teknologi,
    TeknologiPos,
)
from .services import SLUG_TERLARANG, _isi_dokumen_cari

JENIS = [
    ("Mesin", ["pengering", "pengolah", "penggiling", "pemeras", "pencetak", "pengemas", "pemarut", "pengaduk"]),
    ("Alat", ["pengering", "pemeras", "pencetak", "pengemas", "penyaring", "pemotong"]),
    ("Oven", ["pengering"]),
    ("Pompa", ["air", "hemat energi"]),
    ("Reaktor", ["biogas"]),
    ("Panel", ["surya"]),
]
BAHAN = {
    Bidang.PANGAN: [
        "kopi",
        "santan",
        "tahu",
        "kelapa",
        "singkong",
        "pisang",
        "keripik",
        "sambal",
        "kerupuk",
        "bawang",
        "jahe",
    ],
    Bidang.PERTANIAN: ["padi", "jagung", "pakan ternak", "kompos", "bibit"],
    Bidang.PERIKANAN: ["ikan asin", "lele", "rumput laut", "udang"],
    Bidang.ENERGI: ["listrik", "energi surya", "biogas"],
    Bidang.AIR: ["air bersih", "air hujan", "limbah cair"],
    Bidang.LINGKUNGAN: ["sampah plastik", "kompos", "minyak jelantah"],
    Bidang.KERAJINAN: ["batik", "bambu", "rotan", "kayu", "anyaman", "gerabah", "lilin", "sabun", "tenun"],
    Bidang.PENGEMASAN: ["kopi", "keripik", "camilan", "minuman"],
    Bidang.TIK: ["kasir digital", "toko daring", "katalog digital"],
    Bidang.KESEHATAN: ["masker", "jamu", "kunyit"],
}
PROB_PANDUAN = 0.6


def seed(ctx: ScaleContext) -> None:
    # Its own seeded generator: the catalogue is the same whatever the number of UKM drawn before
    # it, so a page path taken on the base database (a guide's slug) exists at national scale too.
    rng = random.Random(f"teknologi-{ctx.sizes.teknologi}")

    def word() -> str:
        return rng.choice(WORDS)

    def words(n: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n))

    now = timezone.now()
    admin = ctx.users["admin"]
    bidang_list = list(BAHAN)
    slugs: set[str] = set(Teknologi.objects.values_list("slug", flat=True))

    def slug_unik(nama: str) -> str:
        base = slugify(nama)[:120] or "teknologi"
        if base in SLUG_TERLARANG:
            base = f"{base}-ttg"
        slug, n = base, 2
        while slug in slugs:
            slug, n = f"{base}-{n}", n + 1
        slugs.add(slug)
        return slug

    def teknologi():
        for i in range(ctx.sizes.teknologi):
            bidang = rng.choice(bidang_list)
            kind, fungsi = rng.choice(JENIS)
            bahan = rng.choice(BAHAN[bidang])
            nama = (
                f"{kind} {rng.choice(fungsi).title()} {bahan.title()} "
                f"{rng.choice(['TP', 'MK', 'JK', 'SR'])}-{i % 97 + 1}"
            )
            harga_min = rng.choice([None, 500_000, 1_500_000, 3_000_000, 8_000_000, 25_000_000])
            t = Teknologi(
                nama=nama,
                slug=slug_unik(nama),
                bidang=bidang,
                ringkasan=f"{kind} untuk {bahan} skala rumahan: {words(6)}.",
                alias=f"{bahan} {word()}",
                deskripsi=f"{words(30)}.",
                cara_kerja=f"{words(20)}.",
                kapasitas=f"{rng.randrange(5, 200)} kg/jam",
                daya=rng.choice(["Listrik 350 W", "Manual", "Bensin 5,5 PK", "Surya 100 Wp"]),
                harga_min=harga_min,
                harga_max=None if harga_min is None else harga_min * rng.choice([1, 2, 3]),
                pembuat_nama=f"Bengkel TTG {rng.choice(['Maju', 'Mandiri', 'Karya', 'Sinar'])} {i % 40 + 1}",
                pembuat_tempat="Jakarta",
                status=StatusTeknologi.TERBIT,
                diusulkan_pos_id=rng.choice(ctx.pos_ids) if ctx.pos_ids else None,
                diterbitkan_oleh=admin,
                diterbitkan_at=now - timezone.timedelta(days=rng.randrange(1, 1500)),
            )
            _isi_dokumen_cari(t)
            yield t

    rows = ctx.insert(Teknologi, teknologi())
    pks = [t.pk for t in rows]
    pencarian.perbarui_vektor(Teknologi.objects.filter(pk__in=pks))

    with_guide = [pk for pk in pks if rng.random() < PROB_PANDUAN]
    panduan = ctx.insert(
        Panduan,
        (
            Panduan(
                teknologi_id=pk,
                pengantar=f"Untuk UKM {words(8)}.",
                keselamatan="Cabut listrik sebelum membersihkan.\nGunakan sarung tangan.\nJauhkan dari anak-anak.",
            )
            for pk in with_guide
        ),
    )
    ctx.insert(
        LangkahPanduan,
        (
            LangkahPanduan(panduan_id=p.pk, urutan=n, teks=f"Langkah {n}: {words(12)}.")
            for p in panduan
            for n in range(1, rng.randrange(4, 8))
        ),
        keep=False,
    )
    ctx.insert(
        PerawatanPanduan,
        (
            PerawatanPanduan(panduan_id=p.pk, frekuensi=f, kegiatan=f"{words(6)}.")
            for p in panduan
            for f in rng.sample(list(Frekuensi.values), 2)
        ),
        keep=False,
    )
    ctx.insert(
        MasalahPanduan,
        (
            MasalahPanduan(
                panduan_id=p.pk, masalah=f"{word().title()} tidak berjalan", penyebab=words(5), solusi=words(10)
            )
            for p in panduan
        ),
        keep=False,
    )

    pairs = set()
    for pk in pks:
        if ctx.pos_ids and rng.random() < 0.25:
            pairs.add((pk, rng.choice(ctx.pos_ids)))
    ctx.insert(
        TeknologiPos,
        (
            TeknologiPos(teknologi_id=t, pos_id=p, ada_unit_demo=rng.random() < 0.5, keterangan="Demo setiap Sabtu")
            for t, p in sorted(pairs)
        ),
        keep=False,
    )

    # Approved adoptions by UKM (names from the registry's vocabulary; unique per technology and post).
    seen = set()
    adopsi = []
    for _ in range(min(ctx.sizes.teknologi * 3, 20_000)):
        if not ctx.pos_ids:
            break
        t, p = rng.choice(pks), rng.choice(ctx.pos_ids)
        nama = f"Usaha {word().title()} {rng.randrange(1, 500)}"
        if (t, p, nama.lower()) in seen:
            continue
        seen.add((t, p, nama.lower()))
        adopsi.append(
            Adopsi(
                teknologi_id=t,
                pos_id=p,
                nama_usaha=nama,
                rating=rng.randrange(3, 6),
                catatan=words(8),
                status=StatusAdopsi.DISETUJUI,
                dicatat_oleh=admin,
                diputuskan_oleh=admin,
            )
        )
    ctx.insert(Adopsi, adopsi, keep=False)
