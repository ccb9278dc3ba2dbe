"""Access matrix of the training and Relawan TIK app (see tests/access.py)."""

from datetime import timedelta

from django.contrib.auth.tokens import default_token_generator
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.access import ADMIN_ONLY, KELOLA_POS_A, KELOLA_POS_A_POST, LOGIN_ANY, PUBLIC, Route, World

ANON_LOGIN_ELSE_403 = {"anon": 302, "op_a": 403, "op_b": 403, "owner": 403, "admin": 403}
ADMIN_POST = {"anon": 302, "op_a": 403, "op_b": 403, "owner": 403, "admin": 302}
POST_ANY_LOGGED_IN = {"anon": 302, "op_a": 302, "op_b": 302, "owner": 302, "admin": 302}
# Only the owner is registered for the session in build(): the others have no registration to act on.
OWNER_ONLY = {"anon": 302, "op_a": 404, "op_b": 404, "owner": 200, "admin": 404}
OWNER_ONLY_POST = {"anon": 302, "op_a": 404, "op_b": 404, "owner": 302, "admin": 404}


def build(world: World) -> None:
    from pelatihan import services
    from pelatihan.models import Sertifikat
    from tests.factories import UserFactory
    from tests.pelatihan.factories import AktivitasFactory, JadwalFactory, ProgramFactory, RelawanFactory

    op_a, owner = world.users["op_a"], world.users["owner"]
    program = ProgramFactory(pos=world.pos_a, nama="Program Gambir")
    program_provinsi = ProgramFactory(pos=None, nama="Program Provinsi")
    jadwal = JadwalFactory(pos=world.pos_a, program=program)
    services.pendaftaran_buat(jadwal=jadwal, oleh=owner)
    walkin = services.pendaftaran_tamu_buat(jadwal=jadwal, oleh=op_a, nama="Pak Walk-in", telepon="081299990000")
    lalu = JadwalFactory(
        pos=world.pos_a,
        mulai=timezone.now() - timedelta(days=3),
        selesai=timezone.now() - timedelta(days=3) + timedelta(hours=2),
    )
    hadir = services.pendaftaran_tamu_buat(
        jadwal=lalu, oleh=op_a, nama="Bu Hadir", telepon="081299990001", waktu=lalu.mulai - timedelta(hours=1)
    )
    services.kehadiran_tetapkan(jadwal=lalu, oleh=op_a, hadir_ids={hadir.pk}, waktu=lalu.mulai)
    # A guest's booking (no account). The personas' own numbers differ from it, so joining it is refused.
    for persona in ("op_a", "op_b", "owner", "admin"):
        world.users[persona].telepon = "081200001111"
        world.users[persona].save(update_fields=["telepon"])
    pesanan = services.pemesanan_tamu_buat(jadwal=jadwal, nama="Bu Tamu", telepon="081277770000")
    relawan = RelawanFactory(pos=[world.pos_a])
    aktivitas = AktivitasFactory(relawan=relawan, pos=world.pos_a)
    pelamar = RelawanFactory(status="diajukan", diputuskan_at=None)
    calon = UserFactory(email="calon.aktivasi@contoh.test")
    world.obj.update(
        jadwal=jadwal,
        program=program,
        program_provinsi=program_provinsi,
        walkin=walkin,
        pesanan=pesanan,
        relawan=relawan,
        aktivitas=aktivitas,
        pelamar=pelamar,
        sertifikat=Sertifikat.objects.get(pendaftaran=hadir),
        token=services.kalender_pribadi_ambil(oleh=owner).token,
        uidb64=urlsafe_base64_encode(force_bytes(calon.pk)),
        aktivasi_token=default_token_generator.make_token(calon),
    )


def _jadwal(w):
    return {"pk": w.obj["jadwal"].pk}


def _kelola(w):
    return {"pos_slug": w.pos_a.slug}


def _pesanan(w):
    return {"token": w.obj["pesanan"].token}


def _tanda(w):
    from pelatihan.hadir import tanda_hadir

    return {"tanda": tanda_hadir(w.obj["pesanan"])}


def _kelola_jadwal(w):
    return {"pos_slug": w.pos_a.slug, "pk": w.obj["jadwal"].pk}


ROUTES = [
    # Public.
    Route("pelatihan:jadwal-list", PUBLIC),
    Route(
        "pelatihan:jadwal-list", PUBLIC, query="?kecamatan=gambir&topik=internet_dasar&mode=daring&kota=jakarta-pusat"
    ),
    Route("pelatihan:kalender-bulan", PUBLIC, query="?bulan=2026-12"),
    Route("pelatihan:feed-semua", PUBLIC),
    Route("pelatihan:feed-pos", PUBLIC, kwargs=lambda w: {"slug": w.pos_a.slug}),
    Route("pelatihan:feed-pribadi", PUBLIC, kwargs=lambda w: {"token": w.obj["token"]}),
    Route("pelatihan:jadwal-detail", PUBLIC, kwargs=_jadwal),
    Route("pelatihan:jadwal-ics", PUBLIC, kwargs=_jadwal),
    Route("pelatihan:daftar", POST_ANY_LOGGED_IN, kwargs=_jadwal, method="post"),
    Route("pelatihan:batal", OWNER_ONLY_POST, kwargs=_jadwal, method="post"),
    Route("pelatihan:umpan-balik", OWNER_ONLY, kwargs=_jadwal),
    # Booking without an account: anyone may book; the secret link is the booking's key.
    Route("pelatihan:tamu-daftar", PUBLIC, kwargs=_jadwal),
    Route("pelatihan:tamu-daftar", PUBLIC, kwargs=_jadwal, method="post"),  # empty form: errors shown
    Route("pelatihan:pesanan", PUBLIC, kwargs=_pesanan),
    Route("pelatihan:pesanan-ics", PUBLIC, kwargs=_pesanan),
    Route("pelatihan:pesanan-batal", {p: 302 for p in PUBLIC}, kwargs=_pesanan, method="post"),
    Route("pelatihan:pesanan-gabung", POST_ANY_LOGGED_IN, kwargs=_pesanan, method="post"),  # refused: other phone
    Route("pelatihan:gabung-kode", LOGIN_ANY),
    Route("pelatihan:gabung-kode", LOGIN_ANY, method="post"),  # empty form: errors shown
    # Check-in at the door: the post's operators and the admin only; another post's operator gets 404.
    Route("pelatihan:hadir", KELOLA_POS_A, kwargs=_tanda),
    Route("pelatihan:hadir", KELOLA_POS_A_POST, kwargs=_tanda, method="post"),  # refused before the start
    Route("pelatihan:kelola-masuk", KELOLA_POS_A, kwargs=_kelola_jadwal),
    Route("pelatihan:kelola-masuk", KELOLA_POS_A, kwargs=_kelola_jadwal, method="post"),
    Route("pelatihan:saya", LOGIN_ANY),
    Route("pelatihan:kalender-token-ganti", POST_ANY_LOGGED_IN, method="post"),
    Route("pelatihan:mengajar", LOGIN_ANY),
    Route("pelatihan:sertifikat-cari", PUBLIC),
    Route("pelatihan:sertifikat", PUBLIC, kwargs=lambda w: {"kode": w.obj["sertifikat"].kode}),
    Route("pelatihan:sertifikat-pdf", PUBLIC, kwargs=lambda w: {"kode": w.obj["sertifikat"].kode}),
    # Relawan TIK.
    Route("pelatihan:relawan-info", PUBLIC),
    Route("pelatihan:relawan-daftar", PUBLIC),
    Route("pelatihan:relawan-terkirim", PUBLIC),
    Route(
        "pelatihan:relawan-aktivasi",
        PUBLIC,
        kwargs=lambda w: {"uidb64": w.obj["uidb64"], "token": w.obj["aktivasi_token"]},
    ),
    Route("pelatihan:relawan-saya", LOGIN_ANY),
    Route("pelatihan:aktivitas-baru", ANON_LOGIN_ELSE_403),
    Route("pelatihan:aktivitas-ubah", ANON_LOGIN_ELSE_403, kwargs=lambda w: {"pk": w.obj["aktivitas"].pk}),
    Route(
        "pelatihan:aktivitas-hapus", ANON_LOGIN_ELSE_403, kwargs=lambda w: {"pk": w.obj["aktivitas"].pk}, method="post"
    ),
    # Admin provinsi.
    Route("pelatihan:admin-relawan-list", ADMIN_ONLY),
    Route("pelatihan:admin-relawan-list", ADMIN_ONLY, query="?status=diajukan&perhatian=on"),
    Route("pelatihan:admin-relawan-detail", ADMIN_ONLY, kwargs=lambda w: {"pk": w.obj["pelamar"].pk}),
    Route("pelatihan:admin-relawan-tinjau", ADMIN_POST, kwargs=lambda w: {"pk": w.obj["pelamar"].pk}, method="post"),
    Route(
        "pelatihan:admin-relawan-terima",
        ADMIN_POST,
        kwargs=lambda w: {"pk": w.obj["pelamar"].pk},
        method="post",
        data=lambda w: {"jenis_keanggotaan": "biasa", "komisariat": "", "pos": [w.pos_a.slug]},
    ),
    Route(
        "pelatihan:admin-relawan-tolak",
        ADMIN_POST,
        kwargs=lambda w: {"pk": w.obj["pelamar"].pk},
        method="post",
        data=lambda w: {"alasan": "Belum memenuhi syarat usia minimal."},
    ),
    Route(
        "pelatihan:admin-relawan-penugasan",
        ADMIN_POST,
        kwargs=lambda w: {"pk": w.obj["relawan"].pk},
        method="post",
        data=lambda w: {"jenis_keanggotaan": "biasa", "komisariat": "", "pos": [w.pos_a.slug]},
    ),
    Route("pelatihan:admin-laporan", ADMIN_ONLY),
    Route("pelatihan:admin-laporan-csv", ADMIN_ONLY, query="?per=pos"),
    Route("pelatihan:admin-program-list", ADMIN_ONLY),
    Route("pelatihan:admin-program-baru", ADMIN_ONLY),
    Route("pelatihan:admin-program-ubah", ADMIN_ONLY, kwargs=lambda w: {"pk": w.obj["program_provinsi"].pk}),
    # A post's operators.
    Route("pelatihan:kelola-jadwal-list", KELOLA_POS_A, kwargs=_kelola),
    Route("pelatihan:kelola-jadwal-baru", KELOLA_POS_A, kwargs=_kelola),
    Route("pelatihan:kelola-jadwal-detail", KELOLA_POS_A, kwargs=_kelola_jadwal),
    Route("pelatihan:kelola-jadwal-ubah", KELOLA_POS_A, kwargs=_kelola_jadwal),
    Route(
        "pelatihan:kelola-jadwal-batalkan",
        KELOLA_POS_A_POST,
        kwargs=_kelola_jadwal,
        method="post",
        data=lambda w: {"alasan": "Pelatih berhalangan hadir"},
    ),
    Route("pelatihan:kelola-kehadiran", KELOLA_POS_A_POST, kwargs=_kelola_jadwal, method="post"),
    Route(
        "pelatihan:kelola-walkin",
        KELOLA_POS_A_POST,
        kwargs=_kelola_jadwal,
        method="post",
        data=lambda w: {"nama": "Ibu Baru", "telepon": "081311112222"},
    ),
    Route(
        "pelatihan:kelola-peserta-batal",
        KELOLA_POS_A_POST,
        method="post",
        kwargs=lambda w: {**_kelola_jadwal(w), "pendaftaran_pk": w.obj["walkin"].pk},
    ),
    Route("pelatihan:kelola-peserta-csv", KELOLA_POS_A, kwargs=_kelola_jadwal),
    Route("pelatihan:kelola-program-list", KELOLA_POS_A, kwargs=_kelola),
    Route("pelatihan:kelola-program-baru", KELOLA_POS_A, kwargs=_kelola),
    Route(
        "pelatihan:kelola-program-ubah",
        KELOLA_POS_A,
        kwargs=lambda w: {"pos_slug": w.pos_a.slug, "pk": w.obj["program"].pk},
    ),
    Route("pelatihan:kelola-relawan-list", KELOLA_POS_A, kwargs=_kelola),
    Route("pelatihan:kelola-aktivitas-list", KELOLA_POS_A, kwargs=_kelola),
    Route(
        "pelatihan:kelola-aktivitas-konfirmasi",
        KELOLA_POS_A_POST,
        method="post",
        kwargs=lambda w: {"pos_slug": w.pos_a.slug, "pk": w.obj["aktivitas"].pk},
    ),
    Route(
        "pelatihan:kelola-aktivitas-tolak",
        KELOLA_POS_A_POST,
        method="post",
        kwargs=lambda w: {"pos_slug": w.pos_a.slug, "pk": w.obj["aktivitas"].pk},
        data=lambda w: {"alasan": "Tanggal keliru"},
    ),
    Route("pelatihan:kelola-laporan", KELOLA_POS_A, kwargs=_kelola),
    Route("pelatihan:kelola-laporan-csv", KELOLA_POS_A, kwargs=_kelola, query="?per=aktivitas"),
]
