"""Scale data of the trainings: programmes, ``ctx.sizes.sesi`` sessions (500 at base) over the 44
posts, half in the past and half ahead, ``ctx.sizes.pendaftaran`` registrations (accounts and
walk-ins) and ``ctx.sizes.relawan`` volunteers (most accepted, each with skills and a post).

Registrations never exceed a session's capacity among the confirmed (the rest wait), as the
registration service would keep them; walk-ins carry a phone, as the database demands.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from posyantek.models import Kecamatan
from posyantek.scale import ScaleContext

from .models import Jadwal, KeahlianRelawan, Pendaftaran, PenugasanRelawan, Program, ProgramTopik, Relawan, Topik
from .models.jadwal import kode_pemesanan_baru
from .models.relawan import Bidang, Tingkat

PROGRAM = [
    ("Kelas Internet Dasar", Program.Jenis.E_LITERASI, Program.Pilar.CAKAP, [Topik.INTERNET_DASAR]),
    ("Jualan di Marketplace", Program.Jenis.E_LITERASI, Program.Pilar.CAKAP, [Topik.MARKETPLACE, Topik.FOTO_PRODUK]),
    ("Media Sosial untuk Usaha", Program.Jenis.LOKAKARYA, Program.Pilar.BUDAYA, [Topik.MEDIA_SOSIAL, Topik.DESAIN]),
    (
        "QRIS dan Pembukuan Digital",
        Program.Jenis.LOKAKARYA,
        Program.Pilar.CAKAP,
        [Topik.PEMBAYARAN_DIGITAL, Topik.PEMBUKUAN_DIGITAL],
    ),
    ("Aman Bertransaksi Daring", Program.Jenis.SOSIALISASI, Program.Pilar.AMAN, [Topik.KEAMANAN_DIGITAL]),
    ("Urus NIB lewat OSS", Program.Jenis.E_LITERASI, Program.Pilar.CAKAP, [Topik.PERIZINAN_DARING]),
    ("Pelatihan Pelatih Relawan TIK", Program.Jenis.TOT, Program.Pilar.ETIKA, [Topik.METODE_MENGAJAR]),
]
PARTICIPANTS = 2_000  # accounts that register; the rest of the registrations are walk-ins


def seed(ctx: ScaleContext) -> None:
    rng = ctx.rng
    now = timezone.now()
    admin = ctx.users["admin"]
    # The demo seed may have created some of these programmes already (names are unique in the
    # province): reuse those and insert only the missing ones, with their topics.
    existing = {p.nama: p for p in Program.objects.filter(nama__in=[row[0] for row in PROGRAM])}
    missing = [row for row in PROGRAM if row[0] not in existing]
    created = ctx.insert(
        Program,
        (
            Program(nama=nama, jenis=jenis, pilar=pilar, deskripsi=f"{nama}: {ctx.words(12)}.", created_by=admin)
            for nama, jenis, pilar, _topik in missing
        ),
    )
    ctx.insert(
        ProgramTopik,
        (
            ProgramTopik(program_id=p.pk, topik=t)
            for p, (_n, _j, _p, topik) in zip(created, missing, strict=True)
            for t in topik
        ),
        keep=False,
    )
    programs = [*existing.values(), *created]
    if not ctx.pos_ids:
        return

    def jadwal():
        for i in range(ctx.sizes.sesi):
            program = rng.choice(programs)
            mulai = (now + timedelta(days=rng.randrange(-180, 180))).replace(minute=0, second=0, microsecond=0)
            mode = rng.choice([Jadwal.Mode.TATAP_MUKA] * 3 + [Jadwal.Mode.DARING, Jadwal.Mode.HYBRID])
            yield Jadwal(
                pos_id=ctx.pos_ids[i % len(ctx.pos_ids)],
                program_id=program.pk,
                judul="",
                deskripsi=ctx.words(10),
                mulai=mulai,
                selesai=mulai + timedelta(hours=rng.choice([2, 3, 4])),
                mode=mode,
                tempat="Ruang serbaguna kantor kecamatan" if mode != Jadwal.Mode.DARING else "",
                tautan_daring="https://meet.example.id/kelas" if mode != Jadwal.Mode.TATAP_MUKA else "",
                kapasitas=rng.choice([15, 20, 25, 30, 40]),
                status=(batal := rng.random() < 0.03) and Jadwal.Status.DIBATALKAN or Jadwal.Status.TERBIT,
                alasan_batal="Narasumber berhalangan" if batal else "",
                created_by=admin,
            )

    sesi = ctx.insert(Jadwal, jadwal())
    participants = ctx.make_users(min(PARTICIPANTS, ctx.sizes.pendaftaran), prefix="peserta")
    confirmed = {s.pk: 0 for s in sesi}
    taken = set()

    def pendaftaran():
        made = 0
        while made < ctx.sizes.pendaftaran:
            s = rng.choice(sesi)
            user = rng.choice(participants) if participants and rng.random() < 0.7 else None
            key = (s.pk, user) if user else (s.pk, made)
            if key in taken:
                continue
            taken.add(key)
            full = confirmed[s.pk] >= s.kapasitas
            status = Pendaftaran.Status.MENUNGGU if full else Pendaftaran.Status.TERKONFIRMASI
            if status == Pendaftaran.Status.TERKONFIRMASI:
                confirmed[s.pk] += 1
            made += 1
            yield Pendaftaran(
                jadwal_id=s.pk,
                user_id=user,
                nama=f"Peserta {made}",
                telepon="" if user else f"08{rng.randrange(10**9, 10**10)}",
                status=status,
                sumber=Pendaftaran.Sumber.DARING if user else Pendaftaran.Sumber.LANGSUNG,
                antre_sejak=now if full else None,
                hadir=(not full) and s.selesai < now and rng.random() < 0.8,
                kode=kode_pemesanan_baru(),  # COPY skips save(), which gives every booking its code
            )

    ctx.insert(Pendaftaran, pendaftaran(), keep=False)

    kecamatan = list(Kecamatan.objects.filter(pos__isnull=False).values_list("pk", flat=True))
    relawan_users = ctx.make_users(ctx.sizes.relawan, prefix="relawan")
    relawan = ctx.insert(
        Relawan,
        (
            Relawan(
                user_id=u,
                telepon=f"08{rng.randrange(10**9, 10**10)}",
                domisili_id=rng.choice(kecamatan),
                pendidikan=rng.choice(Relawan.Pendidikan.values),
                pekerjaan=rng.choice(["Mahasiswa", "Guru", "Wiraswasta", "Karyawan"]),
                ketersediaan=rng.sample(Relawan.Ketersediaan.values, 2),
                motivasi=ctx.words(15),
                setuju_kode_etik_at=now,
                status=(diterima := rng.random() < 0.8) and Relawan.Status.DITERIMA or Relawan.Status.DIAJUKAN,
                diputuskan_at=now if diterima else None,
                diputuskan_oleh=admin if diterima else None,
                jenis_keanggotaan=Relawan.Keanggotaan.BIASA,
            )
            for u in relawan_users
        ),
    )
    ctx.insert(
        KeahlianRelawan,
        (
            KeahlianRelawan(relawan_id=r.pk, bidang=b, tingkat=rng.choice(Tingkat.values))
            for r in relawan
            for b in rng.sample(Bidang.values, 2)
        ),
        keep=False,
    )
    ctx.insert(
        PenugasanRelawan,
        (
            PenugasanRelawan(relawan_id=r.pk, pos_id=rng.choice(ctx.pos_ids), created_by=admin)
            for r in relawan
            if r.status == Relawan.Status.DITERIMA
        ),
        keep=False,
    )
