"""Scale data of the UKM registry: ``ctx.sizes.ukm`` businesses (30,000 at base, a million national).

Spread over every kelurahan of DKI, so over the 44 posts; ``pos`` is the post of the kelurahan's
kecamatan, as ``ukm.services.ukm_lengkapi`` derives it. Names are built like real ones ("Kopi Tubruk
Bu Siti", "Batik Betawi Lestari"), so searching "kopi", "batik" or "sambal" finds a realistic share
(a few percent each). The derived columns are filled exactly as the services fill them: ``kelas``
by ``klasifikasi_ukm``, ``search_text``/``search_publik`` by ``teks_pencarian`` (memoised per
kelurahan and per name, and checked against the real function on a sample before loading).

About 60 % of the rows are published (active, verified, consenting), about one in twenty is
inactive, and 1,000 businesses are linked to owner accounts (``ukm.<i>@skala.posyantek.test``).
"""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache

from django.utils import timezone

from posyantek.models import Kelurahan, Pos
from posyantek.scale import ScaleContext

from .klasifikasi import DasarKelas, klasifikasi_ukm
from .models import BentukUsaha, Bidang, StatusUkm, TahapJakpreneur, Ukm
from .pencarian import kunci_cari, teks_pencarian

# (bidang, business-name heads). Common heads repeat so a broad term matches many rows.
JENIS = [
    (
        Bidang.KULINER,
        30,
        [
            "Kopi Tubruk",
            "Kedai Kopi",
            "Kopi Susu",
            "Sambal Roa",
            "Sambal Bawang",
            "Keripik Singkong",
            "Keripik Pisang",
            "Kerupuk Ikan",
            "Dodol Betawi",
            "Kue Basah",
            "Kerak Telor",
            "Bir Pletok",
            "Rendang",
            "Katering",
            "Warung Nasi",
            "Santan Kelapa",
            "Tahu Susu",
            "Roti Gambang",
            "Camilan",
            "Minuman Jahe",
        ],
    ),
    (Bidang.FESYEN, 12, ["Batik Betawi", "Batik Tulis", "Konveksi", "Jahit Kebaya", "Hijab", "Tenun", "Sablon Kaos"]),
    (
        Bidang.KRIYA,
        8,
        [
            "Anyaman Pandan",
            "Kerajinan Kayu",
            "Kerajinan Bambu",
            "Gerabah",
            "Ondel-ondel Mini",
            "Rotan",
            "Lilin Aroma",
            "Kulit",
        ],
    ),
    (Bidang.PERTANIAN, 8, ["Hidroponik", "Budidaya Lele", "Maggot BSF", "Tanaman Hias", "Jahe Merah", "Kunyit"]),
    (Bidang.PERDAGANGAN, 12, ["Toko Kelontong", "Warung Sembako", "Kios Pulsa", "Toko Bangunan", "Agen Gas"]),
    (Bidang.JASA, 10, ["Laundry", "Servis Elektronik", "Percetakan", "Jasa Jahit", "Fotokopi"]),
    (Bidang.KECANTIKAN, 6, ["Jamu Gendong", "Salon", "Sabun Herbal", "Pangkas Rambut"]),
    (Bidang.OTOMOTIF, 5, ["Bengkel Motor", "Tambal Ban", "Cuci Motor"]),
    (Bidang.DIGITAL, 4, ["Desain Digital", "Toko Daring", "Servis Komputer"]),
    (Bidang.DAUR_ULANG, 3, ["Bank Sampah", "Tas Daur Ulang", "Kompos"]),
    (Bidang.LAINNYA, 2, ["Usaha Mandiri", "Karya Bersama"]),
]
PANGGILAN = ["Bu", "Pak", "Mpok", "Bang", "Teh", "Mas", "Kak", "Cing", "Koh", "Mbak", "Uda", "Haji"]
JULUKAN = [
    "Berkah",
    "Maju Jaya",
    "Sentosa",
    "Barokah",
    "Sejahtera",
    "Mandiri",
    "Lestari",
    "Sumber Rezeki",
    "Harapan",
    "Sinar Terang",
    "Amanah",
    "Karya Bersama",
    "Djaja",
    "Makmur",
    "Rukun",
    "Mulia",
]
NAMA_DEPAN = [
    "Siti",
    "Rahmat",
    "Nur",
    "Dewi",
    "Agus",
    "Sri",
    "Budi",
    "Yanti",
    "Hendra",
    "Ratna",
    "Joko",
    "Lilis",
    "Fitri",
    "Irwan",
    "Wati",
    "Dedi",
    "Rina",
    "Samsul",
    "Euis",
    "Bambang",
    "Maya",
    "Rudi",
    "Ani",
    "Hasan",
    "Achmad",
    "Soekarni",
    "Tjahja",
    "Muhammad",
    "Yusuf",
    "Kartini",
    "Ujang",
    "Nori",
    "Jali",
    "Saman",
]
NAMA_BELAKANG = [
    "Aminah",
    "Hidayat",
    "Rohmah",
    "Lestari",
    "Santoso",
    "Wahyuni",
    "Setiawan",
    "Maryati",
    "Gunawan",
    "Permata",
    "Susanto",
    "Kurniasih",
    "Saputra",
    "Handayani",
    "Firmansyah",
    "Rahayu",
    "Nasution",
    "Siregar",
    "Hasanuddin",
    "Djunaedi",
    "Simatupang",
    "Wijaya",
    "Tanoto",
    "Purba",
]
OWNERS = 1_000


def _kbli(bidang: str) -> str:
    return {
        Bidang.KULINER: "10799",
        Bidang.FESYEN: "14111",
        Bidang.KRIYA: "16299",
        Bidang.PERTANIAN: "01135",
        Bidang.PERDAGANGAN: "47111",
        Bidang.JASA: "96200",
        Bidang.KECANTIKAN: "96122",
        Bidang.OTOMOTIF: "45407",
        Bidang.DIGITAL: "62019",
        Bidang.DAUR_ULANG: "38302",
        Bidang.LAINNYA: "32909",
    }[bidang]


def seed(ctx: ScaleContext) -> None:
    rng = ctx.rng
    pos_by_kecamatan = dict(Pos.objects.values_list("kecamatan_id", "pk"))
    kelurahan = list(Kelurahan.objects.filter(kecamatan_id__in=pos_by_kecamatan).order_by("kode"))
    if not kelurahan:
        ctx.say("  (tanpa kelurahan: UKM dilewati)")
        return
    kel_pos = [pos_by_kecamatan[k.kecamatan_id] for k in kelurahan]
    # The kelurahan's words of the search key, computed once per kelurahan by the real function.
    kel_kata = [teks_pencarian(nama="", pemilik_nama="", nib="", kelurahan=k).split() for k in kelurahan]

    @lru_cache(maxsize=200_000)
    def kunci(teks: str) -> tuple[str, ...]:
        return tuple(kunci_cari(teks).split())

    def gabung(*bagian: tuple[str, ...] | list[str]) -> str:
        # teks_pencarian: the words of every part, in order, each once.
        return " ".join(dict.fromkeys(w for part in bagian for w in part))

    heads = [
        (bidang, head) for bidang, weight, names in JENIS for head in names for _ in range(max(1, weight // len(names)))
    ]
    owners = ctx.make_users(min(OWNERS, ctx.sizes.ukm), prefix="ukm")
    verifier = ctx.users["admin"].pk
    now = timezone.now()
    tahun_ini = ctx.today.year
    tahap = [""] * 3 + list(TahapJakpreneur.values)
    bentuk = [BentukUsaha.PERORANGAN] * 6 + list(BentukUsaha.values)

    fields = [
        "nama",
        "pemilik_nama",
        "pemilik_nik",
        "pemilik_telepon",
        "kelurahan",
        "pos",
        "alamat",
        "bidang",
        "kbli",
        "nib",
        "bentuk_usaha",
        "tahun_berdiri",
        "jumlah_pekerja",
        "dasar_kelas",
        "modal_usaha",
        "hasil_penjualan_tahunan",
        "kelas",
        "tahap_jakpreneur",
        "status",
        "tampil_publik",
        "verified_at",
        "verified_by",
        "search_text",
        "search_publik",
        "pemilik",
        "deskripsi",
    ]
    checks: list[tuple] = []

    def rows():
        for i in range(ctx.sizes.ukm):
            k = rng.randrange(len(kelurahan))
            bidang, head = rng.choice(heads)
            r = rng.random()
            if r < 0.45:
                nama = f"{head} {rng.choice(PANGGILAN)} {rng.choice(NAMA_DEPAN)}"
            elif r < 0.8:
                nama = f"{head} {rng.choice(JULUKAN)}"
            else:
                nama = f"{head} {ctx.word().title()} {rng.choice(JULUKAN)}"
            pemilik_nama = f"{rng.choice(NAMA_DEPAN)} {rng.choice(NAMA_BELAKANG)}"
            nib = f"9{i:012d}" if rng.random() < 0.7 else ""
            dasar = DasarKelas.PENJUALAN if rng.random() < 0.85 else DasarKelas.MODAL
            penjualan = int(rng.lognormvariate(18.5, 1.3)) if rng.random() < 0.9 else None
            modal = int(rng.lognormvariate(17.5, 1.2)) if rng.random() < 0.6 else None
            kelas = klasifikasi_ukm(modal_usaha=modal, hasil_penjualan_tahunan=penjualan, dasar=dasar)
            publik = rng.random() < 0.65
            verified = rng.random() < 0.9
            status = StatusUkm.NONAKTIF if rng.random() < 0.05 else StatusUkm.AKTIF
            kw_nama = kunci(nama)
            search_text = gabung(kw_nama, kunci(pemilik_nama), (nib,) if nib else (), kel_kata[k])
            search_publik = gabung(kw_nama, kel_kata[k])
            if i < 200:
                checks.append((nama, pemilik_nama, nib, kelurahan[k], search_text, search_publik))
            yield (
                nama,
                pemilik_nama,
                f"3171{rng.randrange(10**11, 10**12)}" if rng.random() < 0.5 else "",
                f"08{rng.randrange(10**9, 10**10)}" if rng.random() < 0.7 else "",
                kelurahan[k].pk,
                kel_pos[k],
                f"Jl. {rng.choice(NAMA_BELAKANG)} No. {rng.randrange(1, 200)}",
                bidang,
                _kbli(bidang),
                nib,
                rng.choice(bentuk),
                rng.randrange(1980, tahun_ini + 1),
                rng.choice((1, 1, 2, 2, 3, 4, 5, 8, 12, 20)),
                dasar,
                modal,
                penjualan,
                kelas,
                rng.choice(tahap),
                status,
                publik,
                now - timedelta(days=rng.randrange(1, 900)) if verified else None,
                verifier if verified else None,
                search_text,
                search_publik,
                owners[i] if i < len(owners) else None,
                f"{head} di {kelurahan[k].nama}: {ctx.words(4)}.",
            )

    ctx.insert_rows(Ukm, fields, rows())
    for nama, pemilik_nama, nib, kel, search_text, search_publik in checks:
        if search_text != teks_pencarian(nama=nama, pemilik_nama=pemilik_nama, nib=nib, kelurahan=kel) or (
            search_publik != teks_pencarian(nama=nama, pemilik_nama="", nib="", kelurahan=kel)
        ):
            raise AssertionError(f"search key of {nama!r} differs from ukm.pencarian.teks_pencarian")
    ctx.share("ukm_owner_ids", owners)


def setelah_salin(ctx: ScaleContext) -> None:
    """COPY wrote the registry around Django: count it into the summary rows (``ukm/ringkasan.py``)."""
    from ukm import ringkasan

    ringkasan.bangun_semua()
