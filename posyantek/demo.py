"""Demo data of the foundation, and the context every app's ``demo.seed(ctx)`` receives.

Each app contributes its demo content in ``<app>/demo.py`` with a ``seed(ctx: DemoContext)``
function that builds everything through its services and is safe to run twice.

The foundation makes the demo accounts (one password hash shared by all of them, so seeding stays
fast: hashing is deliberately slow) and, for each of the 44 posts, a profile, a board, some
equipment, service-log entries, a kelurahan unit, partners, an archived document and news — all
clearly marked with ``DEMO_MARK`` where a text shows it.
"""

import io
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from posyantek import services
from posyantek.models import (
    Jabatan,
    JenisInventaris,
    JenisLayanan,
    JenisMitra,
    KategoriDokumen,
    KondisiInventaris,
    Pos,
    User,
    normalisasi_nama,
    tambah_tahun,
)
from posyantek.uploads import clean_image

DEMO_DOMAIN = "posyantek.test"
DEMO_MARK = "[DEMO]"


@dataclass
class DemoContext:
    password: str
    stdout: object
    rng: random.Random = field(default_factory=lambda: random.Random(20261128))
    today: date = field(default_factory=lambda: timezone.localdate())
    users: dict[str, User] = field(default_factory=dict)

    @cached_property
    def password_hash(self) -> str:
        """The demo password hashed once, for every demo account (``pengguna_buat(password_hash=...)``)."""
        return make_password(self.password)

    def say(self, text: str) -> None:
        self.stdout.write(text)


PROFIL_POS = {
    "alamat": "Kantor Kecamatan {kec}, Jakarta",
    "jam_layanan": "Senin–Jumat 08.00–16.00 WIB",
    "layanan": (
        "Konsultasi pemilihan teknologi tepat guna\nDemonstrasi alat TTG\nPelatihan e-literasi dan pemasaran "
        "daring\nPendampingan perizinan (NIB) dan pemasaran"
    ),
}

# The five model posts DKI named in 2009 (one per kota).
PERCONTOHAN_2009 = {"cempakaputih", "pademangan", "kebonjeruk", "pancoran", "kramatjati"}  # normalisasi_nama keys

NAMA_DEPAN = [
    "Agus",
    "Siti",
    "Bambang",
    "Dewi",
    "Hendra",
    "Nur",
    "Rina",
    "Joko",
    "Ratna",
    "Fajar",
    "Yuli",
    "Teguh",
    "Wulan",
    "Eko",
    "Lestari",
    "Budi",
    "Intan",
    "Dimas",
    "Ayu",
    "Rahmat",
]
NAMA_BELAKANG = [
    "Santoso",
    "Rahayu",
    "Pratama",
    "Wijaya",
    "Hidayat",
    "Lestari",
    "Saputra",
    "Kurniawan",
    "Handayani",
    "Nugroho",
    "Permata",
    "Setiawan",
    "Maharani",
    "Siregar",
    "Simanjuntak",
    "Utami",
]
UKM_DEMO = [
    "Keripik Singkong Bu Tini",
    "Batik Betawi Sekar",
    "Kopi Kelurahan",
    "Sambal Roa Mak Ijah",
    "Kerajinan Eceng Gondok",
    "Konveksi Maju Jaya",
    "Kue Kering Dapur Ibu",
    "Bengkel Las Sinar",
    "Minuman Jahe Merah",
    "Sablon Kaos Kreatif",
    "Tahu Tempe Sehat",
    "Roti Gandum Pagi",
]
TOPIK = {
    JenisLayanan.TEKNIS: [
        "Perawatan mesin penggiling bumbu",
        "Uji coba alat pengemas vakum",
        "Perbaikan oven pengering",
    ],
    JenisLayanan.INFORMASI: [
        "Informasi pemasok mesin press plastik",
        "Katalog TTG pengolahan pangan",
        "Syarat pengurusan NIB",
    ],
    JenisLayanan.PROMOSI: [
        "Foto produk untuk toko daring",
        "Pameran produk di kantor kecamatan",
        "Promosi lewat media sosial pos",
    ],
    JenisLayanan.ORIENTASI: [
        "Orientasi TTG pengering surya",
        "Kelas e-literasi: berjualan daring",
        "Sosialisasi keamanan digital",
    ],
}
INVENTARIS_DEMO = [
    ("Laptop operator", JenisInventaris.KOMPUTER, "Lenovo ThinkPad E14", 2),
    ("Printer", JenisInventaris.PRINTER, "Epson L3210", 1),
    ("Proyektor", JenisInventaris.PROYEKTOR, "Epson EB-E01", 1),
    ("Router Wi-Fi", JenisInventaris.JARINGAN, "TP-Link Archer C6", 1),
    ("Meja rapat", JenisInventaris.SEKRETARIAT, "", 1),
    ("Alat pengemas vakum (peraga)", JenisInventaris.ALAT_TTG, "", 1),
]


def _nama(rng: random.Random) -> str:
    return f"{rng.choice(NAMA_DEPAN)} {rng.choice(NAMA_BELAKANG)}"


def _foto_demo(judul: str, warna: tuple[int, int, int]) -> ContentFile:
    """A simple generated picture with the word DEMO on it, through the same checks as uploads."""
    image = Image.new("RGB", (960, 540), warna)
    draw = ImageDraw.Draw(image)
    for i in range(6):
        draw.rectangle([80 + i * 140, 300 - i * 30, 180 + i * 140, 460], fill=(255, 255, 255 - i * 30))
    draw.text((40, 30), "DEMO", fill=(255, 255, 255), font=ImageFont.load_default(size=72))
    draw.text((40, 120), judul[:48], fill=(255, 255, 255), font=ImageFont.load_default(size=32))
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=80)
    return clean_image(ContentFile(buf.getvalue(), name="kabar-demo.jpg"))


def _pdf_demo(judul: str) -> ContentFile:
    """A small, valid one-page PDF that says it is demo content."""
    teks = f"{DEMO_MARK} {judul}".encode("latin-1", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 14 Tf 60 760 Td (" + teks + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 "
        b"R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return ContentFile(out.getvalue(), name="sk-pembentukan-demo.pdf")


def seed_accounts(ctx: DemoContext) -> None:
    make = services.pengguna_buat
    ctx.users["admin"] = make(
        email=f"admin@{DEMO_DOMAIN}",
        nama="Admin Provinsi (demo)",
        password_hash=ctx.password_hash,
        is_admin_provinsi=True,
    )
    for pos in Pos.objects.with_wilayah():
        user = make(
            email=f"operator.{pos.slug}@{DEMO_DOMAIN}",
            nama=f"Operator {pos.kecamatan.nama} (demo)",
            password_hash=ctx.password_hash,
        )
        services.operator_tetapkan(pos=pos, pengguna=user, oleh=ctx.users["admin"])
        ctx.users[f"operator.{pos.slug}"] = user
    ctx.users["juri1"] = make(
        email=f"juri1@{DEMO_DOMAIN}", nama="Juri Satu (demo)", password_hash=ctx.password_hash, is_juri=True
    )
    ctx.users["ukm1"] = make(
        email=f"ukm1@{DEMO_DOMAIN}",
        nama="Siti Pemilik UKM (demo)",
        password_hash=ctx.password_hash,
        is_pemilik_ukm=True,
    )
    ctx.users["relawan1"] = make(
        email=f"relawan1@{DEMO_DOMAIN}", nama="Rudi Relawan (demo)", password_hash=ctx.password_hash
    )


def _rng(pos: Pos, bagian: str) -> random.Random:
    """A generator of its own for each part of each post: the same post always gets the same
    content, whatever else was seeded before or skipped."""
    return random.Random(f"posyantek-demo:{pos.slug}:{bagian}")


def seed_pos(ctx: DemoContext, pos: Pos) -> None:
    """One post's demo content. Each part is skipped when the post already has rows of that kind."""
    today, admin = ctx.today, ctx.users["admin"]
    rng = _rng(pos, "profil")
    operator = ctx.users[f"operator.{pos.slug}"]
    kec = pos.kecamatan.nama

    if not pos.alamat:
        services.pos_profil_ubah(
            pos=pos,
            oleh=admin,
            data={
                "alamat": PROFIL_POS["alamat"].format(kec=kec),
                "jam_layanan": PROFIL_POS["jam_layanan"],
                "layanan": PROFIL_POS["layanan"],
                "deskripsi": f"{DEMO_MARK} Pos Pelayanan Teknologi Kecamatan {kec}: "
                "layanan teknis, informasi, promosi, dan orientasi TTG bagi UKM.",
                "email": f"pos.{pos.slug}@{DEMO_DOMAIN}",
                "nomor_sk": f"{DEMO_MARK} SK Camat {kec} No. {rng.randint(10, 99)}/2019",
                "tanggal_sk": date(2019, rng.randint(1, 12), rng.randint(1, 28)),
            },
        )
    if normalisasi_nama(kec) in PERCONTOHAN_2009 and not pos.is_percontohan:
        services.pos_percontohan_ubah(
            pos=pos,
            oleh=admin,
            is_percontohan=True,
            tahun=2009,
            alasan="Ditetapkan Pemprov DKI tahun 2009: sekretariat permanen dan pengurus aktif.",
        )

    rng = _rng(pos, "pengurus")
    if not pos.kepengurusan_set.exists():
        mulai = date(today.year - rng.randint(0, 2), rng.choice([1, 4, 7]), 1)
        if mulai > today:
            mulai = date(today.year - 1, 1, 1)
        kini = services.kepengurusan_buat(
            pos=pos,
            oleh=operator,
            data={
                "mulai": mulai,
                "selesai": tambah_tahun(mulai, 3) - timedelta(days=1),
                "nomor_sk": f"{DEMO_MARK} SK Pengurus No. {rng.randint(100, 999)}/{mulai.year}",
                "catatan": f"{DEMO_MARK} Susunan pengurus contoh.",
            },
        )
        jabatan = [
            Jabatan.KETUA,
            Jabatan.SEKRETARIS,
            Jabatan.BENDAHARA,
            Jabatan.SEKSI_PENGEMBANGAN,
            Jabatan.SEKSI_PELAYANAN,
        ]
        # A few posts have not completed their board yet: the dashboard warns them.
        if rng.random() < 0.15:
            jabatan = jabatan[:4]
        for item in jabatan:
            services.pengurus_buat(
                kepengurusan=kini,
                oleh=operator,
                data={
                    "jabatan": item,
                    "nama": _nama(rng),
                    "telepon": f"0812-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
                },
            )
        services.pengurus_buat(
            kepengurusan=kini,
            oleh=operator,
            data={
                "jabatan": Jabatan.SEKSI_LAIN,
                "jabatan_lain": "Seksi Humas dan Media Sosial",
                "nama": _nama(rng),
            },
        )
        lama_mulai = tambah_tahun(mulai, -3)
        lama = services.kepengurusan_buat(
            pos=pos,
            oleh=operator,
            data={
                "mulai": lama_mulai,
                "selesai": mulai - timedelta(days=1),
                "nomor_sk": f"{DEMO_MARK} SK Pengurus No. {rng.randint(100, 999)}/{lama_mulai.year}",
            },
        )
        for item in jabatan:
            services.pengurus_buat(kepengurusan=lama, oleh=operator, data={"jabatan": item, "nama": _nama(rng)})

    rng = _rng(pos, "inventaris")
    if not pos.inventaris_set.exists():
        for nama, jenis, merek, jumlah in rng.sample(INVENTARIS_DEMO, 4):
            services.inventaris_buat(
                pos=pos,
                oleh=operator,
                data={
                    "nama": nama,
                    "jenis": jenis,
                    "merek": merek,
                    "jumlah": jumlah,
                    "kondisi": rng.choices([KondisiInventaris.BAIK, KondisiInventaris.RUSAK_RINGAN], weights=[5, 1])[0],
                    "tanggal_perolehan": date(today.year - rng.randint(1, 5), rng.randint(1, 12), 1),
                    "sumber": rng.choice(["APBD", "Hibah", "Swadaya"]),
                    "catatan": DEMO_MARK,
                },
            )

    kelurahan = list(pos.kecamatan.kelurahan_set.all())
    rng = _rng(pos, "layanan")
    if not pos.loglayanan_set.exists():
        for i, jenis in enumerate([*JenisLayanan.values, *rng.sample(JenisLayanan.values, 4)]):
            services.layanan_buat(
                pos=pos,
                oleh=operator,
                data={
                    "tanggal": today - timedelta(days=3 + i * rng.randint(4, 9)),
                    "jenis": jenis,
                    "topik": rng.choice(TOPIK[jenis]),
                    "penerima": rng.choice(UKM_DEMO),
                    "jumlah_penerima": rng.choice([1, 1, 2, 3, 12, 20]),
                    "kelurahan": rng.choice(kelurahan),
                    "petugas": operator.nama,
                    "catatan": DEMO_MARK,
                },
            )

    rng = _rng(pos, "unit")
    if not pos.unit_set.exists() and rng.random() < 0.5:
        kel = rng.choice(kelurahan)
        services.unit_buat(
            pos=pos,
            oleh=operator,
            data={
                "kelurahan": kel,
                "alamat": f"Kantor Kelurahan {kel.nama}",
                "koordinator": _nama(rng),
                "is_aktif": True,
                "catatan": DEMO_MARK,
            },
        )

    rng = _rng(pos, "mitra")
    if not pos.mitra_set.exists():
        mitra = [
            (
                f"Politeknik Contoh Jakarta {DEMO_MARK}",
                JenisMitra.PERGURUAN_TINGGI,
                "Mahasiswa mendampingi UKM membuat desain kemasan dan foto produk.",
            ),
            (
                f"Komunitas Relawan TIK {kec} {DEMO_MARK}",
                JenisMitra.KOMUNITAS,
                "Kelas e-literasi bulanan: media sosial, blog, dan toko daring untuk UKM.",
            ),
            (
                f"Bank Contoh Syariah {DEMO_MARK}",
                JenisMitra.PERBANKAN,
                "Sosialisasi pembiayaan usaha mikro dan pencatatan keuangan sederhana.",
            ),
        ]
        for nama, jenis, kerja_sama in rng.sample(mitra, 2):
            services.mitra_buat(
                pos=pos,
                oleh=operator,
                data={
                    "nama": nama,
                    "jenis": jenis,
                    "kerja_sama": kerja_sama,
                    "kontak_nama": _nama(rng),
                    "mulai": date(today.year - 1, rng.randint(1, 12), 1),
                    "is_aktif": True,
                },
            )

    rng = _rng(pos, "dokumen")
    if not pos.dokumen_set.exists():
        services.dokumen_buat(
            pos=pos,
            oleh=operator,
            berkas=_pdf_demo(f"SK pembentukan Posyantek {kec}"),
            data={
                "judul": f"{DEMO_MARK} SK pembentukan Posyantek Kecamatan {kec}",
                "kategori": KategoriDokumen.SK,
                "nomor": pos.nomor_sk[:120],
                "tanggal": pos.tanggal_sk or date(2019, 1, 2),
            },
        )

    rng = _rng(pos, "kabar")
    if not pos.kabar_set.exists():
        ukm = rng.choice(UKM_DEMO)
        services.kabar_buat(
            pos=pos,
            oleh=operator,
            data={
                "judul": f"{DEMO_MARK} Pelatihan foto produk untuk UKM {kec}",
                "isi": f"{DEMO_MARK} Posyantek Kecamatan {kec} mengadakan pelatihan foto produk dengan ponsel. "
                f"Peserta, di antaranya {ukm}, belajar mengatur cahaya, latar, dan mengunggah foto ke toko daring.\n\n"
                "Pelatihan berikutnya membahas penulisan deskripsi produk dan promosi lewat media sosial.",
                "tanggal": today - timedelta(days=rng.randint(2, 20)),
                "is_terbit": True,
            },
            foto=[_foto_demo(f"Pelatihan foto produk {kec}", (11, 93 + rng.randint(0, 60), 91))],
            keterangan_foto=f"Peserta pelatihan foto produk di Posyantek {kec} (gambar demo)",
        )
        services.kabar_buat(
            pos=pos,
            oleh=operator,
            data={
                "judul": f"{DEMO_MARK} Demonstrasi alat pengering surya",
                "isi": f"{DEMO_MARK} Operator dan seksi pelayanan memperagakan alat pengering surya untuk UKM keripik "
                f"dan rempah di Kecamatan {kec}. Alat ini menghemat biaya listrik dan menjaga mutu produk.",
                "tanggal": today - timedelta(days=rng.randint(25, 60)),
                "is_terbit": True,
            },
        )


def seed(ctx: DemoContext) -> None:
    seed_accounts(ctx)
    for pos in Pos.objects.with_wilayah().prefetch_related("kecamatan__kelurahan_set"):
        seed_pos(ctx, pos)
