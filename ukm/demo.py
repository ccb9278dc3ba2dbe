"""Demo businesses for every post: believable, fictional, built through the services.

Every business carries ``DEMO_MARK`` in its description. Identity numbers are visibly fictional:
each NIK has the impossible birth date 00-00-00 and each NIB starts with 0000, so no demo number
can be a real person's or a real business's. Photos are drawn here, then go through the same
``clean_image`` as any upload. Running the seed twice adds nothing: a post that already has demo
businesses is left alone.
"""

import io
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont

from posyantek.demo import DEMO_MARK, DemoContext
from posyantek.models import Kelurahan, Pos
from posyantek.uploads import clean_image

from . import services
from .models import Bidang, JenisPendampingan, Ukm

PANGGILAN = [
    "Bu Siti",
    "Pak Rahmat",
    "Mpok Nori",
    "Bang Jali",
    "Bu Yati",
    "Pak Ujang",
    "Teh Euis",
    "Mas Bowo",
    "Bu Ani",
    "Pak Haji Mamat",
    "Cing Saman",
    "Bu Ratna",
    "Kak Dian",
    "Pak Odih",
    "Bu Lilis",
    "Koh Ahong",
]
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
]

# bidang → (weight, [(business name pattern, its products as (name, price)), ...])
USAHA = {
    Bidang.KULINER: (
        30,
        [
            (
                "Keripik Singkong {p}",
                [("Keripik singkong balado 250 g", 18000), ("Keripik singkong original 250 g", 16000)],
            ),
            ("Kue Basah {p}", [("Kue lapis legit", 45000), ("Kue putu mayang isi 10", 20000), ("Kue talam", 15000)]),
            ("Sambal Roa {p}", [("Sambal roa botol 150 ml", 35000), ("Sambal bawang botol 150 ml", 28000)]),
            ("Kopi Tubruk {x}", [("Kopi bubuk robusta 200 g", 30000), ("Kopi susu gula aren 250 ml", 18000)]),
            ("Dodol Betawi {p}", [("Dodol Betawi 500 g", 40000), ("Dodol durian 250 g", 35000)]),
            ("Kerak Telor {p}", [("Kerak telor bebek", 30000), ("Kerak telor ayam", 25000)]),
            ("Bir Pletok {x}", [("Bir pletok 1 liter", 25000), ("Bir pletok botol 250 ml", 10000)]),
            ("Asinan Betawi {p}", [("Asinan sayur", 20000), ("Asinan buah", 22000)]),
            ("Roti Gambang {x}", [("Roti gambang isi 5", 25000), ("Roti buaya (pesanan)", 150000)]),
            ("Katering {x}", [("Nasi kotak", 22000), ("Tumpeng mini", 85000)]),
        ],
    ),
    Bidang.FESYEN: (
        12,
        [
            ("Batik Betawi {p}", [("Kemeja batik Betawi", 185000), ("Kain batik motif ondel-ondel", 250000)]),
            ("Konveksi {x}", [("Seragam sekolah", 95000), ("Kaos sablon", 65000)]),
            ("Jahit Kebaya {p}", [("Kebaya encim", 350000), ("Jasa permak", 25000)]),
            ("Hijab {x}", [("Hijab voal", 55000), ("Pashmina", 45000)]),
        ],
    ),
    Bidang.KRIYA: (
        8,
        [
            ("Ondel-ondel Mini {p}", [("Ondel-ondel mini 30 cm", 120000), ("Gantungan kunci ondel-ondel", 15000)]),
            ("Anyaman Pandan {x}", [("Tas anyaman pandan", 95000), ("Tikar pandan", 150000)]),
            ("Kerajinan Kayu {p}", [("Nampan kayu jati", 85000), ("Gantungan kunci kayu", 15000)]),
        ],
    ),
    Bidang.PERTANIAN: (
        8,
        [
            ("Hidroponik {x}", [("Selada hidroponik 250 g", 12000), ("Kangkung hidroponik ikat", 8000)]),
            ("Budidaya Lele {x}", [("Lele segar 1 kg", 28000), ("Bibit lele 100 ekor", 50000)]),
            ("Maggot BSF {x}", [("Maggot kering 1 kg", 45000), ("Maggot segar 1 kg", 20000)]),
            ("Tanaman Hias {p}", [("Aglonema pot kecil", 75000), ("Sirih gading gantung", 35000)]),
        ],
    ),
    Bidang.DAUR_ULANG: (
        5,
        [
            ("Bank Sampah {x}", [("Kompos 5 kg", 20000), ("Ecobrick", 5000)]),
            ("Tas Daur Ulang {p}", [("Tas belanja dari banner bekas", 35000), ("Dompet dari bungkus kopi", 25000)]),
        ],
    ),
    Bidang.JASA: (
        10,
        [
            ("Laundry {x}", [("Cuci setrika per kg", 8000), ("Cuci bedcover", 35000)]),
            ("Servis Elektronik {p}", [("Servis kipas angin", 35000), ("Servis rice cooker", 40000)]),
            ("Sablon Kaos {x}", [("Sablon satu warna", 20000), ("Sablon DTF per lembar", 35000)]),
        ],
    ),
    Bidang.KECANTIKAN: (
        6,
        [
            ("Jamu Gendong {p}", [("Jamu kunyit asam 500 ml", 15000), ("Beras kencur 500 ml", 15000)]),
            ("Salon {p}", [("Potong rambut", 30000), ("Creambath", 60000)]),
        ],
    ),
    Bidang.OTOMOTIF: (
        5,
        [
            ("Bengkel Motor {p}", [("Ganti oli motor", 55000), ("Servis ringan motor", 75000)]),
            ("Tambal Ban {p}", [("Tambal ban tubeless", 20000), ("Isi angin nitrogen", 5000)]),
        ],
    ),
    Bidang.DIGITAL: (
        4,
        [
            ("Desain Grafis {x}", [("Desain logo", 250000), ("Desain label kemasan", 150000)]),
            ("Foto Produk {x}", [("Foto katalog 10 produk", 300000), ("Video pendek produk", 400000)]),
        ],
    ),
    Bidang.PERDAGANGAN: (
        12,
        [
            ("Warung Sembako {p}", [("Paket sembako", 150000), ("Beras 5 kg", 72000)]),
            ("Toko Kelontong {x}", [("Paket kebutuhan dapur", 100000), ("Minyak goreng 2 liter", 38000)]),
            ("Agen Gas {p}", [("Gas elpiji 3 kg", 22000), ("Galon air isi ulang", 7000)]),
        ],
    ),
}
WARNA = {
    Bidang.KULINER: (214, 120, 40),
    Bidang.FESYEN: (120, 60, 140),
    Bidang.KRIYA: (150, 100, 50),
    Bidang.PERTANIAN: (60, 140, 70),
    Bidang.DAUR_ULANG: (40, 120, 110),
    Bidang.JASA: (60, 100, 170),
    Bidang.KECANTIKAN: (200, 90, 130),
    Bidang.OTOMOTIF: (90, 90, 100),
    Bidang.DIGITAL: (40, 80, 160),
    Bidang.PERDAGANGAN: (180, 140, 40),
}
CATATAN = {
    JenisPendampingan.KONSULTASI: [
        "Konsultasi pemilihan alat pengemas",
        "Membahas rencana menambah kapasitas produksi",
    ],
    JenisPendampingan.PELATIHAN: ["Ikut kelas e-literasi: foto produk dengan ponsel", "Pelatihan pembukuan sederhana"],
    JenisPendampingan.FASILITASI_TTG: ["Demonstrasi mesin perajang di pos", "Uji coba alat pengering tenaga surya"],
    JenisPendampingan.PERIZINAN: ["Pendampingan pengurusan NIB di OSS", "Persiapan sertifikasi halal"],
    JenisPendampingan.PEMASARAN: ["Membuka toko daring di marketplace", "Ikut bazar UKM kecamatan"],
}


def _foto(rng, bidang: str, label: str) -> SimpleUploadedFile:
    """A simple drawn product picture: a plate or a box in the colour of its trade, with initials."""
    base = WARNA.get(bidang, (100, 100, 100))
    image = Image.new("RGB", (480, 360), tuple(min(255, c + 150) for c in base))
    draw = ImageDraw.Draw(image)
    shade = tuple(max(0, c - rng.randint(0, 40)) for c in base)
    if rng.random() < 0.5:
        draw.ellipse((120, 60, 360, 300), fill=shade, outline=(255, 255, 255), width=6)
    else:
        draw.rounded_rectangle((130, 70, 350, 290), radius=24, fill=shade, outline=(255, 255, 255), width=6)
    initials = "".join(word[0] for word in label.split()[:2]).upper()
    font = ImageFont.load_default(size=72)
    draw.text((240, 180), initials, fill=(255, 255, 255), font=font, anchor="mm")
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=80)
    return SimpleUploadedFile(f"{label}.jpg", buf.getvalue(), content_type="image/jpeg")


def _angka_penjualan(rng) -> int:
    roll = rng.random()
    if roll < 0.78:
        return rng.randrange(24, 1_900) * 1_000_000  # mikro
    if roll < 0.95:
        return rng.randrange(2_100, 14_000) * 1_000_000  # kecil
    return rng.randrange(16_000, 45_000) * 1_000_000  # menengah


def seed(ctx: DemoContext) -> None:
    rng = ctx.rng
    bidang_pool = [b for b, (w, _usaha) in USAHA.items() for _ in range(w)]
    kelurahan_by_kec: dict[int, list[Kelurahan]] = {}
    for kel in Kelurahan.objects.order_by("kode"):
        kelurahan_by_kec.setdefault(kel.kecamatan_id, []).append(kel)
    total = 0
    for index, pos in enumerate(Pos.objects.with_wilayah().order_by("kecamatan__kode")):
        if Ukm.objects.for_pos(pos).filter(deskripsi__startswith=DEMO_MARK).exists():
            continue
        operator = ctx.users.get(f"operator.{pos.slug}") or ctx.users["admin"]
        kode = pos.kecamatan.kode.replace(".", "")
        for i in range(rng.randint(5, 8)):
            total += 1
            bidang = rng.choice(bidang_pool)
            pattern, produk_list = rng.choice(USAHA[bidang][1])
            kel = rng.choice(kelurahan_by_kec[pos.kecamatan_id])
            nama = pattern.format(p=rng.choice(PANGGILAN), x=rng.choice(JULUKAN + [kel.nama]))
            if Ukm.objects.filter(nama=nama, pos=pos).exists():
                nama = f"{nama} {kel.nama}"
            baru = rng.random() < 0.12
            penjualan = _angka_penjualan(rng)
            data = {
                "nama": nama,
                "deskripsi": f"{DEMO_MARK} Usaha fiktif untuk demo portal: {nama.lower()} di Kelurahan {kel.nama}.",
                "pemilik_nama": f"{rng.choice(NAMA_DEPAN)} {rng.choice(NAMA_BELAKANG)}",
                "pemilik_nik": f"{kode}000000{index:02d}{i:02d}",
                "pemilik_telepon": f"021-0000-{index:02d}{i:02d}",
                "kelurahan": kel,
                "alamat": f"Jl. Contoh {kel.nama} No. {rng.randint(1, 120)} (fiktif)",
                "bidang": bidang,
                "nib": f"0000{index:03d}{i:06d}" if rng.random() < 0.6 else "",
                "bentuk_usaha": rng.choice(["perorangan"] * 6 + ["ud", "cv", "pt_perorangan", "koperasi"]),
                "tahun_berdiri": ctx.today.year if baru else rng.randint(1998, ctx.today.year - 1),
                "jumlah_pekerja": rng.randint(1, 4) if penjualan < 2_000_000_000 else rng.randint(5, 40),
                "dasar_kelas": "modal" if baru else "penjualan",
                "modal_usaha": rng.randrange(5, 900) * 1_000_000 if baru or rng.random() < 0.5 else None,
                "hasil_penjualan_tahunan": None if baru else penjualan,
                "tahap_jakpreneur": rng.choice(["P1", "P1", "P2", "P2", "P3", "P3", "P4", "P5", "P6", "P7", ""]),
                "status": "nonaktif" if rng.random() < 0.05 else "aktif",
                "tampil_publik": rng.random() < 0.7,
                "instagram": f"https://www.instagram.com/demo.{pos.slug}.{i}/" if rng.random() < 0.4 else "",
                "tokopedia": f"https://www.tokopedia.com/demo-{pos.slug}-{i}" if rng.random() < 0.2 else "",
            }
            ukm = services.ukm_buat(data=data, oleh=operator, pos=pos)
            if rng.random() < 0.75:
                services.ukm_verifikasi(ukm=ukm, oleh=operator)
            for n, (produk_nama, harga) in enumerate(rng.sample(produk_list, k=rng.randint(1, len(produk_list)))):
                foto = clean_image(_foto(rng, bidang, produk_nama)) if n == 0 else None
                services.produk_buat(
                    ukm=ukm,
                    data={"nama": produk_nama, "harga": harga, "deskripsi": f"{produk_nama} buatan {ukm.nama}."},
                    oleh=operator,
                    foto=foto,
                    keterangan_foto=f"Ilustrasi {produk_nama.lower()}" if foto else "",
                )
            for _ in range(rng.choice([0, 1, 1, 2, 3])):
                jenis = rng.choice(list(JenisPendampingan))
                tanggal = ctx.today - timedelta(days=rng.randint(3, 330))
                services.pendampingan_buat(
                    ukm=ukm,
                    oleh=operator,
                    data={
                        "tanggal": tanggal,
                        "jenis": jenis,
                        "pendamping": operator.nama or operator.email,
                        "catatan": rng.choice(CATATAN[jenis]),
                        "tindak_lanjut": tanggal + timedelta(days=rng.randint(14, 60)) if rng.random() < 0.4 else None,
                    },
                )
    _pemilik_demo(ctx)
    if total:
        ctx.say(f"UKM demo: {total} usaha di {Pos.objects.count()} pos.")


def _pemilik_demo(ctx: DemoContext) -> None:
    """ukm1 owns a verified, public business in Gambir and has a claim waiting for its operator."""
    owner = ctx.users.get("ukm1")
    if owner is None or Ukm.objects.for_pemilik(owner).exists():
        return
    gambir = Pos.objects.get(slug="gambir")
    operator = ctx.users.get("operator.gambir") or ctx.users["admin"]
    cideng = Kelurahan.objects.get(kecamatan=gambir.kecamatan, nama="Cideng")
    ukm = services.ukm_buat(
        oleh=owner,
        sebagai_pemilik=True,
        data={
            "nama": "Keripik Singkong Bu Siti",
            "deskripsi": f"{DEMO_MARK} Keripik singkong renyah aneka rasa, digoreng setiap pagi.",
            "pemilik_nama": owner.nama,
            "pemilik_nik": "3171010000009901",
            "pemilik_telepon": "021-0000-9901",
            "kelurahan": cideng,
            "alamat": "Jl. Contoh Cideng No. 7 (fiktif)",
            "bidang": "kuliner",
            "nib": "0000999000001",
            "bentuk_usaha": "perorangan",
            "tahun_berdiri": 2016,
            "jumlah_pekerja": 3,
            "dasar_kelas": "penjualan",
            "hasil_penjualan_tahunan": 420_000_000,
            "tampil_publik": True,
            "instagram": "https://www.instagram.com/demo.keripikbusiti/",
        },
    )
    services.ukm_verifikasi(ukm=ukm, oleh=operator)
    for nama, harga in (("Keripik singkong balado 250 g", 18000), ("Keripik singkong original 250 g", 16000)):
        services.produk_buat(
            ukm=ukm,
            oleh=owner,
            data={"nama": nama, "harga": harga, "deskripsi": "Tanpa pengawet."},
            foto=clean_image(_foto(ctx.rng, "kuliner", nama)),
            keterangan_foto=f"Kemasan {nama.lower()}",
        )
    services.pendampingan_buat(
        ukm=ukm,
        oleh=operator,
        data={
            "tanggal": ctx.today - timedelta(days=40),
            "jenis": JenisPendampingan.PERIZINAN,
            "pendamping": operator.nama or operator.email,
            "catatan": "Pendampingan pengurusan NIB di OSS.",
        },
    )
    kedua = Ukm.objects.for_pos(gambir).filter(pemilik__isnull=True).exclude(nib="").order_by("pk").first()
    if kedua is not None:
        services.klaim_ajukan(
            oleh=owner, nib=kedua.nib, pesan="Usaha ini milik keluarga saya; saya yang mengelolanya sekarang."
        )
