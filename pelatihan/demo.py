"""Demo data of training and Relawan TIK, built through the services. Safe to run twice.

Adds provincial programmes; an upcoming session at every post and past sessions (with
registrations, attendance, certificates and feedback) at a dozen; a full session with a waiting list
at Gambir; a Training of Trainers whose graduates are certified trainers; volunteers at every stage
of the pipeline — ``relawan1@posyantek.test`` accepted, assigned to Gambir and Sawah Besar, with
confirmed and pending hours — and their activity.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from pelatihan import emails, services
from pelatihan.models import Jadwal, Program, Relawan
from posyantek import services as posyantek_services
from posyantek.demo import DEMO_DOMAIN, DEMO_MARK, DemoContext
from posyantek.models import Kecamatan, Pos

PROGRAM_PROVINSI = [
    (
        "E-Literasi Dasar: Internet untuk UKM",
        Program.Jenis.E_LITERASI,
        Program.Pilar.CAKAP,
        ["internet_dasar", "keamanan_digital"],
        "Mengenal internet, e-mail, dan mesin pencari untuk kebutuhan usaha.",
    ),
    (
        "Media Sosial untuk Usaha",
        Program.Jenis.E_LITERASI,
        Program.Pilar.CAKAP,
        ["media_sosial", "foto_produk"],
        "Membuat akun bisnis, konten yang menjual, dan membalas pelanggan.",
    ),
    (
        "Jualan di Marketplace",
        Program.Jenis.LOKAKARYA,
        Program.Pilar.CAKAP,
        ["marketplace", "pembayaran_digital"],
        "Membuka toko daring, menulis deskripsi produk, dan menerima QRIS.",
    ),
    (
        "Foto Produk dengan Ponsel",
        Program.Jenis.LOKAKARYA,
        Program.Pilar.BUDAYA,
        ["foto_produk", "desain"],
        "Cahaya, latar, dan penyuntingan sederhana untuk foto produk yang menarik.",
    ),
    (
        "Training of Trainers Literasi Digital",
        Program.Jenis.TOT,
        Program.Pilar.ETIKA,
        ["metode_mengajar", "etika_digital", "keamanan_digital"],
        "Membekali Relawan TIK dan operator untuk mengajar e-literasi.",
    ),
    (
        "Internet Sehat dan Aman untuk Pelajar",
        Program.Jenis.SOSIALISASI,
        Program.Pilar.AMAN,
        ["keamanan_digital", "etika_digital"],
        "Sosialisasi ke sekolah: privasi, perundungan daring, dan hoaks.",
    ),
]

# (slug, kind of work) per volunteer; relawan1 must be accepted with assignments and hours.
RELAWAN = [
    ("relawan1", "Rudi Relawan (demo)", "diterima", 10, ["gambir", "sawah-besar"], "gambir"),
    ("relawan2", "Dewi Relawan (demo)", "diterima", 40, ["tambora", "gambir"], "tambora"),
    ("relawan3", "Bayu Relawan (demo)", "diterima", 60, ["kebon-jeruk"], "kebon-jeruk"),
    ("relawan4", "Sari Pelamar (demo)", "diajukan", 3, [], "cempaka-putih"),
    ("relawan5", "Agus Pelamar (demo)", "ditinjau", 20, [], "pademangan"),
    ("relawan6", "Maya Pelamar (demo)", "diajukan", 100, [], "pancoran"),
    ("relawan7", "Joko Pelamar (demo)", "diajukan", 200, [], "kramatjati"),
    ("relawan8", "Lina Pelamar (demo)", "ditolak", 30, [], "menteng"),
]

PAST_POS = [
    "gambir",
    "tambora",
    "sawah-besar",
    "kebon-jeruk",
    "cempaka-putih",
    "pademangan",
    "pancoran",
    "kramatjati",
    "menteng",
    "tanjung-priok",
    "cakung",
    "kepulauan-seribu-utara",
]


def _at(day, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)), timezone.get_current_timezone())


def _programs(ctx: DemoContext) -> list[Program]:
    result = []
    for nama, jenis, pilar, topik, deskripsi in PROGRAM_PROVINSI:
        program = Program.objects.provinsi().filter(nama=nama).first()
        if program is None:
            program = services.program_buat(
                pos=None,
                oleh=ctx.users["admin"],
                topik=topik,
                data={
                    "nama": nama,
                    "jenis": jenis,
                    "pilar": pilar,
                    "deskripsi": f"{DEMO_MARK} {deskripsi}",
                    "is_aktif": True,
                },
            )
        result.append(program)
    return result


def _peserta(ctx: DemoContext) -> list:
    """UKM owners who register for sessions. Only ukm1 (and relawan1) log in: the others have no
    password, which keeps the seed fast (password hashing is slow on purpose)."""
    users = [ctx.users["ukm1"]]
    for n in range(1, 8):
        users.append(
            posyantek_services.pengguna_buat(
                email=f"peserta{n:02d}@{DEMO_DOMAIN}",
                nama=f"Peserta UKM {n:02d} (demo)",
                password=None,
                is_pemilik_ukm=True,
            )
        )
    return users


def _relawan(ctx: DemoContext, now: datetime) -> dict[str, Relawan]:
    result = {}
    admin = ctx.users["admin"]
    for key, nama, status, hari_lalu, pos_slugs, domisili in RELAWAN:
        user = ctx.users.get(key) or posyantek_services.pengguna_buat(
            email=f"{key}@{DEMO_DOMAIN}", nama=nama, password=None
        )
        ctx.users[key] = user
        relawan = Relawan.objects.filter(user=user).first()
        if relawan is None:
            diajukan = now - timedelta(days=hari_lalu)
            relawan = services.relawan_ajukan(
                oleh=user,
                nama=user.nama or nama,
                setuju_kode_etik=True,
                waktu=diajukan,
                data={
                    "telepon": f"0812{ctx.rng.randint(10000000, 99999999)}",
                    "domisili": Kecamatan.objects.get(slug=domisili),
                    "pendidikan": ctx.rng.choice(["sma", "diploma", "sarjana"]),
                    "pekerjaan": ctx.rng.choice(["Mahasiswa", "Guru TIK", "Karyawan swasta", "Wirausaha"]),
                    "ketersediaan": ["akhir_pekan", "hari_kerja_malam"],
                    "motivasi": f"{DEMO_MARK} Ingin membantu UKM di lingkungan saya memakai internet untuk berjualan.",
                },
                keahlian={"media_sosial": "mahir", "pemasaran_digital": "menengah", "perkantoran": "mahir"},
            ).relawan
            if status in ("ditinjau", "diterima", "ditolak"):
                services.relawan_tinjau(relawan=relawan, oleh=admin, waktu=diajukan + timedelta(days=2))
            if status == "diterima":
                services.relawan_terima(
                    relawan=relawan,
                    oleh=admin,
                    jenis_keanggotaan="pendiri" if key == "relawan1" else "biasa",
                    komisariat=f"Komisariat Kecamatan {relawan.domisili.nama}",
                    pos_list=list(Pos.objects.filter(slug__in=pos_slugs)),
                    waktu=diajukan + timedelta(days=7),
                )
            elif status == "ditolak":
                services.relawan_tolak(
                    relawan=relawan,
                    oleh=admin,
                    waktu=diajukan + timedelta(days=7),
                    alasan="Kuota relawan di kecamatan ini sudah penuh untuk tahun ini; silakan mendaftar lagi tahun "
                    "depan.",
                )
        result[key] = Relawan.objects.select_related("user").get(pk=relawan.pk)
    return result


def _sesi(*, ctx, pos, program, mulai, jam=3, kapasitas=20, mode="tatap_muka", pelatih=(), sasaran="umum"):
    operator = ctx.users.get(f"operator.{pos.slug}") or ctx.users["admin"]
    return services.jadwal_buat(
        pos=pos,
        oleh=operator,
        pelatih=list(pelatih),
        data={
            "program": program,
            "judul": "",
            "deskripsi": f"{DEMO_MARK} Bawa ponsel yang sudah terisi daya.",
            "mulai": mulai,
            "selesai": mulai + timedelta(hours=jam),
            "mode": mode,
            "tempat": f"Ruang pertemuan {pos.nama}" if mode != "daring" else "",
            "tautan_daring": f"https://meet.example.id/posyantek-{pos.slug}" if mode != "tatap_muka" else "",
            "kapasitas": kapasitas,
            "pendaftaran_buka": None,
            "pendaftaran_tutup": None,
            "sasaran": sasaran,
            "sasaran_keterangan": "",
            "status": Jadwal.Status.TERBIT,
        },
    )


def seed(ctx: DemoContext) -> None:
    with emails.tanpa_email():
        _seed(ctx)


def _seed(ctx: DemoContext) -> None:
    now = timezone.now()
    today = timezone.localdate()
    programs = _programs(ctx)
    tot = programs[4]
    peserta = _peserta(ctx)
    relawan = _relawan(ctx, now)
    relawan_users = [relawan[k].user for k in ("relawan1", "relawan2", "relawan3")]
    posts = {pos.slug: pos for pos in Pos.objects.with_wilayah()}
    gambir = posts["gambir"]

    if not Jadwal.objects.filter(deskripsi__startswith=DEMO_MARK).exists():
        # Past sessions with registrations, attendance, certificates and feedback.
        tot_sesi = _sesi(
            ctx=ctx,
            pos=gambir,
            program=tot,
            mulai=_at(today - timedelta(days=45), 9),
            jam=6,
            kapasitas=15,
            sasaran=Jadwal.Sasaran.PELATIH,
        )
        for user in relawan_users:
            services.pendaftaran_buat(jadwal=tot_sesi, oleh=user, waktu=tot_sesi.mulai - timedelta(days=5))
        services.kehadiran_tetapkan(
            jadwal=tot_sesi,
            oleh=ctx.users["operator.gambir"],
            hadir_ids=set(tot_sesi.pendaftaran.values_list("pk", flat=True)),
            waktu=tot_sesi.mulai + timedelta(hours=1),
        )
        for n, slug in enumerate(PAST_POS):
            pos = posts[slug]
            for k in range(2 if slug in ("gambir", "tambora") else 1):
                program = programs[(n + k) % 4]
                mulai = _at(today - timedelta(days=7 + 9 * k + n * 3), 9 if k == 0 else 13)
                trainers = [relawan["relawan1"].user] if slug in ("gambir", "sawah-besar") else []
                jadwal = _sesi(ctx=ctx, pos=pos, program=program, mulai=mulai, kapasitas=20, pelatih=trainers)
                chosen = ctx.rng.sample(peserta, 5)
                for user in chosen:
                    services.pendaftaran_buat(jadwal=jadwal, oleh=user, waktu=mulai - timedelta(days=3))
                services.pendaftaran_tamu_buat(
                    jadwal=jadwal,
                    oleh=ctx.users.get(f"operator.{slug}") or ctx.users["admin"],
                    nama="Ibu Warung Sebelah (demo)",
                    telepon=f"0813{n:04d}{k:04d}",
                    waktu=mulai,
                )
                ids = list(jadwal.pendaftaran.terkonfirmasi().values_list("pk", flat=True))
                hadir = set(ids[: max(1, len(ids) - 2)])
                services.kehadiran_tetapkan(
                    jadwal=jadwal,
                    oleh=ctx.users.get(f"operator.{slug}") or ctx.users["admin"],
                    hadir_ids=hadir,
                    waktu=mulai + timedelta(hours=1),
                )
                for p in jadwal.pendaftaran.filter(pk__in=hadir, user__isnull=False)[:4]:
                    services.umpan_balik_kirim(
                        pendaftaran=p,
                        oleh=p.user,
                        nilai=ctx.rng.choice([4, 5, 5, 3]),
                        komentar=ctx.rng.choice(
                            [
                                "Materinya praktis, langsung saya coba di toko.",
                                "Pelatihnya sabar menjelaskan.",
                                "",
                                "Waktunya kurang panjang.",
                            ]
                        ),
                        waktu=jadwal.selesai,
                    )
        # An upcoming session at every post, some online or hybrid, some with trainers.
        for n, pos in enumerate(posts.values()):
            program = programs[n % 6] if n % 6 != 4 else programs[0]
            mode = ["tatap_muka", "tatap_muka", "hybrid", "daring"][n % 4]
            trainers = []
            if pos.slug == "gambir":
                trainers = [relawan["relawan1"].user]
            elif pos.slug == "tambora":
                trainers = [relawan["relawan2"].user]
            jadwal = _sesi(
                ctx=ctx,
                pos=pos,
                program=program,
                mulai=_at(today + timedelta(days=2 + (n * 7) % 38), [9, 13, 19][n % 3]),
                mode=mode,
                kapasitas=[15, 20, 25, 30][n % 4],
                pelatih=trainers,
            )
            if n % 3 == 0:
                for user in ctx.rng.sample(peserta, 2):
                    services.pendaftaran_buat(jadwal=jadwal, oleh=user, waktu=now)
        # A small, full session at Gambir tomorrow with a waiting list (reminders go out for it).
        penuh = _sesi(
            ctx=ctx,
            pos=gambir,
            program=programs[2],
            mulai=_at(today + timedelta(days=1), 13),
            kapasitas=5,
            pelatih=[relawan["relawan1"].user],
        )
        for user in peserta[:8]:
            services.pendaftaran_buat(jadwal=penuh, oleh=user, waktu=now)
        # A future Training of Trainers for volunteers and operators.
        _sesi(
            ctx=ctx,
            pos=posts["tambora"],
            program=tot,
            mulai=_at(today + timedelta(days=21), 9),
            jam=6,
            kapasitas=20,
            sasaran=Jadwal.Sasaran.PELATIH,
            pelatih=[relawan["relawan2"].user],
        )

    _aktivitas(ctx, relawan, today)
    ctx.say(f"Pelatihan: {Jadwal.objects.count()} sesi, {Relawan.objects.count()} relawan.")


def _aktivitas(ctx: DemoContext, relawan: dict[str, Relawan], today) -> None:
    plan = {
        "relawan1": [
            ("gambir", 3, "mengajar", True),
            ("gambir", 2, "pendampingan_ukm", True),
            ("sawah-besar", 4, "sosialisasi_sekolah", True),
            ("gambir", Decimal("1.5"), "pendampingan_ukm", True),
            ("gambir", 2, "mengajar", False),
            ("sawah-besar", 1, "lainnya", False),
        ],
        "relawan2": [
            ("tambora", 3, "mengajar", True),
            ("tambora", 2, "pendampingan_ukm", False),
            ("gambir", 2, "sosialisasi_sekolah", True),
        ],
        "relawan3": [("kebon-jeruk", 4, "pendampingan_ukm", True)],
    }
    for key, entries in plan.items():
        r = relawan[key]
        if r.aktivitas.exists():
            continue
        for n, (slug, jam, jenis, confirm) in enumerate(entries):
            pos = Pos.objects.get(slug=slug)
            jadwal = None
            if jenis == "mengajar":
                jadwal = pos.jadwal_pelatihan.filter(mulai__lt=timezone.now(), pelatih=r.user).first()
            aktivitas = services.aktivitas_buat(
                relawan=r,
                data={
                    "pos": pos,
                    "tanggal": today - timedelta(days=3 + n * 6),
                    "jam": Decimal(jam),
                    "jenis": jenis,
                    "jadwal": jadwal,
                    "ukm_nama": "Warung Kopi Bu Tini (demo)" if jenis == "pendampingan_ukm" else "",
                    "catatan": f"{DEMO_MARK} "
                    + {
                        "mengajar": "Mengajar kelas e-literasi.",
                        "pendampingan_ukm": "Membantu membuat akun toko daring.",
                        "sosialisasi_sekolah": "Sosialisasi internet aman di SMP.",
                        "lainnya": "Menyiapkan materi.",
                    }[jenis],
                },
            )
            if confirm:
                services.aktivitas_konfirmasi(
                    aktivitas=aktivitas, oleh=ctx.users.get(f"operator.{slug}") or ctx.users["admin"]
                )
