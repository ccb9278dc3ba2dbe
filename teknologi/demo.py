"""Demo content of the catalogue, built through the services (``seed_demo``); safe to run twice.

34 published technologies with guides, one proposal waiting for the admin provinsi, posts that
demonstrate them, approved adoptions and one owner's report waiting for approval, and two urun beli
campaigns (one a few units short of its target). Every piece is marked: technologies and
campaigns carry ``is_demo`` (a "Contoh (demo)" badge) and the DEMO mark in their text; demo
businesses and suppliers are named "(demo)".
"""

import random
from datetime import timedelta

from django.utils import timezone

from posyantek import services as posyantek_services
from posyantek.demo import DEMO_DOMAIN, DEMO_MARK, DemoContext
from posyantek.models import Pos
from teknologi import services
from teknologi.demo_data import INGGRIS, ULASAN, USAHA, T
from teknologi.models import (
    Adopsi,
    KampanyeUrunBeli,
    StatusTeknologi,
    Teknologi,
    TeknologiPos,
)

# Posts that demonstrate each bidang (fishing kecamatan for fisheries, and so on).
POS_BIDANG = {
    "pangan": ["cempaka-putih", "kramatjati", "pancoran", "kebon-jeruk", "gambir"],
    "perikanan": ["penjaringan", "cilincing", "pademangan", "kepulauan-seribu-utara"],
    "lingkungan": ["tebet", "pademangan", "cakung", "kebayoran-baru", "gambir"],
    "energi": ["pancoran", "jagakarsa", "cipayung"],
    "air": ["jagakarsa", "cilandak", "kalideres"],
    "pertanian": ["cipayung", "jagakarsa", "cakung"],
    "pengemasan": ["cempaka-putih", "tanah-abang", "kebon-jeruk"],
    "kerajinan": ["kramatjati", "pal-merah", "matraman"],
    "tik": ["setiabudi", "kebon-jeruk"],
}


def seed(ctx: DemoContext) -> None:
    """The catalogue's demo, drawn from its own random stream: the shared ``ctx.rng`` is at a different
    point on a second run (other apps' seeds draw less when their data exists), and a different draw
    would add adoptions to technologies that had none, breaking "safe to run twice"."""
    shared = ctx.rng
    ctx.rng = random.Random(f"teknologi-demo-{ctx.today.isoformat()}")
    try:
        _seed(ctx)
    finally:
        ctx.rng = shared


def _seed(ctx: DemoContext) -> None:
    admin = ctx.users["admin"]
    pos_by_slug = {p.slug: p for p in Pos.objects.select_related("kecamatan")}
    published = []
    for row in T[:-1]:
        published.append(_teknologi(ctx, row, admin=admin, publish=True))
    proposal_pos = pos_by_slug.get("gambir")
    _teknologi(ctx, T[-1], admin=ctx.users.get("operator.gambir", admin), publish=False, pos=proposal_pos)

    for t in published:
        slugs = POS_BIDANG.get(t.bidang, ["gambir"])
        for i, slug in enumerate(ctx.rng.sample(slugs, k=min(len(slugs), 1 + ctx.rng.randrange(3)))):
            pos = pos_by_slug.get(slug)
            if pos is not None and not TeknologiPos.objects.filter(pos=pos, teknologi=t).exists():
                services.peraga_simpan(
                    pos=pos,
                    teknologi=t,
                    ada_unit_demo=i == 0,
                    keterangan="Demo setiap Selasa dan Kamis, 09.00–12.00 (demo)" if i == 0 else "",
                )
        _adopsi(ctx, t, pos_by_slug, slugs)

    pemilik = ctx.users.get("ukm1")
    if pemilik is not None:
        t = next(x for x in published if x.nama == "Alat Pemeras Santan")
        pos = pos_by_slug["gambir"]
        if not Adopsi.objects.filter(teknologi=t, pemilik=pemilik).exists():
            services.adopsi_catat(
                teknologi=t,
                pos=pos,
                nama_usaha="Kue Basah Bu Siti (demo)",
                oleh=pemilik,
                pemilik=pemilik,
                sejak=ctx.today - timedelta(days=200),
                rating=5,
                catatan="Santan lebih kental dan tangan tidak pegal lagi. (demo)",
            )
    _kampanye(ctx, published, pos_by_slug, admin)
    ctx.say(f"Teknologi: {len(published)} terbit, 1 usulan menunggu, 2 kampanye urun beli (demo).")


def _teknologi(ctx, row, *, admin, publish: bool, pos=None) -> Teknologi:
    (
        nama,
        nama_en,
        bidang,
        ringkasan,
        ringkasan_en,
        alias,
        deskripsi,
        cara_kerja,
        kapasitas,
        daya,
        dimensi,
        (harga_min, harga_max),
        pembuat,
        tempat,
        award,
        langkah,
        keselamatan,
        perawatan,
        masalah,
    ) = row
    existing = Teknologi.objects.filter(nama=nama, is_demo=True).first()
    if existing is not None:
        return existing
    data = {
        "nama": nama,
        "nama_en": nama_en,
        "bidang": bidang,
        "ringkasan": ringkasan,
        "ringkasan_en": ringkasan_en,
        "alias": alias,
        "deskripsi": f"{DEMO_MARK} {deskripsi}",
        "cara_kerja": cara_kerja,
        "kapasitas": kapasitas,
        "daya": daya,
        "dimensi": dimensi,
        "harga_min": harga_min,
        "harga_max": harga_max,
        "pembuat_nama": pembuat,
        "pembuat_tempat": tempat,
        "pembuat_kontak": f"pemasok@{DEMO_DOMAIN}",
    }
    en = INGGRIS.get(nama, {})
    data.update(
        {k: v for k, v in en.items() if k in ("deskripsi_en", "cara_kerja_en", "kapasitas_en", "daya_en", "dimensi_en")}
    )
    if award:
        jenis, tahun, tingkat, juara = award
        data.update(
            penghargaan=jenis,
            penghargaan_tahun=tahun,
            penghargaan_tingkat=tingkat,
            penghargaan_juara=juara,
            inovator=f"Tim inovator {pembuat.replace(' (demo)', '')} (demo)",
        )
    t = services.teknologi_simpan(data=data, oleh=admin, pos=pos, is_demo=True)
    services.panduan_simpan(
        teknologi=t,
        data={
            "pengantar": f"{DEMO_MARK} Panduan ringkas untuk pemilik dan pekerja UKM. Baca seluruhnya sebelum memakai "
            f"alat pertama kali; minta demonstrasi di pos bila ragu.",
            "keselamatan": "\n".join(keselamatan),
            "pengantar_en": en.get("pengantar_en", ""),
            "keselamatan_en": "\n".join(en.get("keselamatan_en", [])),
        },
        langkah=[
            {"teks": teks, "teks_en": teks_en}
            for teks, teks_en in zip(langkah, en.get("langkah_en", [""] * len(langkah)), strict=True)
        ],
        perawatan=[
            {"frekuensi": f, "kegiatan": k, "kegiatan_en": k_en}
            for (f, k), k_en in zip(perawatan, en.get("perawatan_en", [""] * len(perawatan)), strict=True)
        ],
        masalah=[
            {"masalah": m, "penyebab": p, "solusi": s, "masalah_en": m_en, "penyebab_en": p_en, "solusi_en": s_en}
            for (m, p, s), (m_en, p_en, s_en) in zip(
                masalah, en.get("masalah_en", [("", "", "")] * len(masalah)), strict=True
            )
        ],
    )
    if publish:
        services.teknologi_terbitkan(teknologi=t, oleh=admin)
    elif t.status == StatusTeknologi.DRAFT:
        services.teknologi_ajukan(teknologi=t, oleh=admin)
    return t


def _adopsi(ctx, t, pos_by_slug, slugs) -> None:
    # Draw the whole plan first, so a second run consumes the same random numbers and changes nothing.
    n = ctx.rng.randrange(0, 7)
    plan = [
        (
            usaha,
            ctx.rng.choice(slugs + ["gambir", "tambora", "koja", "duren-sawit"]),
            ctx.rng.randrange(60, 900),
            ctx.rng.choice([None, 3, 4, 4, 5, 5]),
            ctx.rng.choice(ULASAN),
        )
        for usaha in ctx.rng.sample(USAHA, k=n)
    ]
    if Adopsi.objects.filter(teknologi=t).exists():
        return
    for usaha, slug, days, rating, catatan in plan:
        pos = pos_by_slug.get(slug)
        if pos is None:
            continue
        services.adopsi_catat(
            teknologi=t,
            pos=pos,
            nama_usaha=f"{usaha} (demo)",
            oleh=ctx.users.get(f"operator.{slug}", ctx.users["admin"]),
            sejak=ctx.today - timedelta(days=days),
            rating=rating,
            catatan=catatan,
        )


def _pledger(ctx, n: int):
    key = f"ukm.pledger{n}"
    if key not in ctx.users:
        ctx.users[key] = posyantek_services.pengguna_buat(
            email=f"ukm{n}@{DEMO_DOMAIN}",
            nama=f"Pemilik UKM {n} (demo)",
            password_hash=ctx.password_hash,
            is_pemilik_ukm=True,
        )
    return ctx.users[key]


def _kampanye(ctx, published, pos_by_slug, admin) -> None:
    plans = [
        (
            "Mesin Pencacah Plastik",
            "pademangan",
            "Urun beli mesin pencacah plastik untuk bank sampah Pademangan",
            14_500_000,
            10,
            12,
            21,
            8,
            "Diambil di sekretariat Posyantek Pademangan; pemasok memberi pelatihan pemakaian satu hari.",
        ),
        (
            "Pengering Ikan Tenaga Surya",
            "penjaringan",
            "Urun beli pengering ikan tenaga surya untuk nelayan Muara Angke",
            9_500_000,
            6,
            None,
            30,
            2,
            "Dirakit di lokasi masing-masing UKM di Kecamatan Penjaringan oleh pemasok.",
        ),
    ]
    for nama, slug, judul, harga, target, maks, hari, janji, catatan in plans:
        judul = f"{judul} (demo)"
        pos = pos_by_slug[slug]
        if KampanyeUrunBeli.objects.filter(judul=judul, pos=pos).exists():
            continue
        t = next(x for x in published if x.nama == nama)
        operator = ctx.users.get(f"operator.{slug}", admin)
        kampanye = services.kampanye_buat(
            pos=pos,
            oleh=operator,
            is_demo=True,
            data={
                "teknologi": t,
                "judul": judul,
                "harga_satuan": harga,
                "target_jumlah": target,
                "maksimum_jumlah": maks,
                "batas_waktu": timezone.now() + timedelta(days=hari),
                "catatan_pengambilan": catatan,
                "deskripsi": f"{DEMO_MARK} Harga sudah termasuk ongkos kirim dan garansi satu tahun dari pemasok.",
            },
        )
        for i in range(janji):
            # Pledges 1 unit each from demo owners 2..n+1 (ukm1 stays free to try pledging).
            services.janji_simpan(
                kampanye=kampanye, oleh=_pledger(ctx, i + 2), jumlah=1, nama_usaha=f"{USAHA[i % len(USAHA)]} (demo)"
            )
