from django.core.files.base import ContentFile

from tests.access import ADMIN_ONLY, KELOLA_POS_A, LOGIN_ANY, PUBLIC, Route, World
from tests.factories import UserFactory
from tests.hostile_files import VALID_PDF

# A /kelola/<pos A>/… page only the admin provinsi may open: the post's own operator gets 403, the
# other post's operator and a UKM owner 404 (the post is not theirs to know about).
KELOLA_POS_A_ADMIN = {"anon": 302, "op_a": 403, "op_b": 404, "owner": 404, "admin": 200}
KELOLA_POS_A_ADMIN_POST = {"anon": 302, "op_a": 403, "op_b": 404, "owner": 404, "admin": 302}
ADMIN_ONLY_POST = {"anon": 302, "op_a": 403, "op_b": 403, "owner": 403, "admin": 302}
# A background file of the admin's: nobody else — any operator, owner, another admin — learns it exists.
MILIK_ADMIN = {"anon": 302, "op_a": 404, "op_b": 404, "owner": 404, "admin": 200}
# A yearly report's year: a past one, always within posyantek.laporan's range.
TAHUN_LAPORAN = 2025


def build(world: World) -> None:
    from posyantek import services
    from posyantek.models import Surel
    from tests.posyantek.factories import (
        DokumenFactory,
        InventarisFactory,
        KabarFactory,
        KabarFotoFactory,
        KepengurusanFactory,
        LogLayananFactory,
        MitraFactory,
        PengurusFactory,
        UnitKelurahanFactory,
    )

    pos = world.pos_a
    periode = KepengurusanFactory(pos=pos)
    world.obj["periode"] = periode
    world.obj["pengurus"] = PengurusFactory(kepengurusan=periode)
    world.obj["inventaris"] = InventarisFactory(pos=pos)
    world.obj["log"] = LogLayananFactory(pos=pos)
    world.obj["unit"] = UnitKelurahanFactory(pos=pos)
    world.obj["mitra"] = MitraFactory(pos=pos, mou=ContentFile(VALID_PDF, name="mou.pdf"))
    world.obj["dokumen"] = DokumenFactory(pos=pos)
    kabar = KabarFactory(pos=pos)
    world.obj["kabar"] = kabar
    world.obj["foto"] = KabarFotoFactory(kabar=kabar)
    # Someone invited (no password yet), someone deactivated, for the people actions.
    undangan = services.undangan_kirim(
        email="diundang@contoh.test", nama="Diundang", peran="juri", oleh=world.users["admin"]
    )
    world.obj["diundang"] = undangan.user
    world.obj["nonaktif"] = UserFactory(email="nonaktif@contoh.test", is_juri=True, is_active=False)
    world.obj["surel"] = Surel.objects.create(penerima=["x@contoh.test"], subjek="Gagal", isi="x", status="gagal")
    world.obj["dicabut"] = UserFactory(email="dicabut@contoh.test")

    from posyantek.models import BerkasTugas

    tugas = BerkasTugas.objects.create(
        user=world.users["admin"],
        jenis=BerkasTugas.Jenis.EKSPOR_UKM_PROVINSI,
        nama_berkas="ukm-dki-jakarta-uji",
        parameter={"format": "csv"},
        status=BerkasTugas.Status.SELESAI,
        baris_selesai=1,
        baris_total=1,
    )
    tugas.berkas.save("ukm-dki-jakarta-uji.csv", ContentFile(b'\xef\xbb\xbf"ID"\r\n'))
    world.obj["berkas_tugas"] = tugas
    services.operator_tetapkan(pos=pos, pengguna=world.obj["dicabut"])
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from posyantek.tokens import undangan_token

    world.obj["undangan_kwargs"] = {
        "uidb64": urlsafe_base64_encode(force_bytes(undangan.user.pk)),
        "token": undangan_token.make_token(undangan.user),
    }


def pos_a(w: World) -> dict:
    return {"pos_slug": w.pos_a.slug}


def pos_a_pk(key: str):
    return lambda w: {"pos_slug": w.pos_a.slug, "pk": w.obj[key].pk}


def crud(name: str, key: str) -> list[Route]:
    return [
        Route(f"kelola:{name}-list", KELOLA_POS_A, kwargs=pos_a),
        Route(f"kelola:{name}-tambah", KELOLA_POS_A, kwargs=pos_a),
        Route(f"kelola:{name}-ubah", KELOLA_POS_A, kwargs=pos_a_pk(key)),
        Route(f"kelola:{name}-hapus", KELOLA_POS_A, kwargs=pos_a_pk(key)),  # GET: the confirmation page
    ]


ROUTES = [
    Route("beranda", PUBLIC),
    Route("healthz", PUBLIC),
    Route("pos-list", PUBLIC),
    Route("cari", PUBLIC, query="?q=palmerah"),
    Route("pos-detail", PUBLIC, kwargs=lambda w: {"slug": w.pos_a.slug}),
    Route("pos-kabar-list", PUBLIC, kwargs=lambda w: {"slug": w.pos_a.slug}),
    Route("pos-kabar-detail", PUBLIC, kwargs=lambda w: {"slug": w.pos_a.slug, "pk": w.obj["kabar"].pk}),
    Route("pos-kabar-feed", PUBLIC, kwargs=lambda w: {"slug": w.pos_a.slug}),
    Route("akun-saya", LOGIN_ANY),
    # A valid invitation link moves its token into the session and redirects, for anyone.
    Route(
        "undangan-terima",
        {p: 302 for p in ("anon", "op_a", "op_b", "owner", "admin")},
        kwargs=lambda w: w.obj["undangan_kwargs"],
    ),
    Route("kelola:index", {"anon": 302, "op_a": 302, "op_b": 302, "owner": 403, "admin": 200}),
    Route("kelola:ringkasan", ADMIN_ONLY),
    Route("kelola:laporan", ADMIN_ONLY),
    Route("kelola:laporan-pdf", ADMIN_ONLY, kwargs=lambda w: {"tahun": TAHUN_LAPORAN}),
    Route("kelola:laporan-docx", ADMIN_ONLY, kwargs=lambda w: {"tahun": TAHUN_LAPORAN}),
    Route("kelola:pengguna-list", ADMIN_ONLY),
    Route("kelola:pengguna-undang", ADMIN_ONLY),
    Route("kelola:pengguna-kirim-ulang", ADMIN_ONLY_POST, method="post", kwargs=lambda w: {"pk": w.obj["diundang"].pk}),
    Route("kelola:pengguna-nonaktifkan", ADMIN_ONLY_POST, method="post", kwargs=lambda w: {"pk": w.obj["diundang"].pk}),
    Route("kelola:pengguna-aktifkan", ADMIN_ONLY_POST, method="post", kwargs=lambda w: {"pk": w.obj["nonaktif"].pk}),
    Route("kelola:surel-list", ADMIN_ONLY),
    Route("kelola:berkas-list", LOGIN_ANY),
    Route("kelola:berkas-detail", MILIK_ADMIN, kwargs=lambda w: {"pk": w.obj["berkas_tugas"].pk}),
    Route("kelola:berkas-unduh", MILIK_ADMIN, kwargs=lambda w: {"pk": w.obj["berkas_tugas"].pk}),
    Route("kelola:surel-kirim-ulang", ADMIN_ONLY_POST, method="post", kwargs=lambda w: {"pk": w.obj["surel"].pk}),
    Route("kelola:pos-dasbor", KELOLA_POS_A, kwargs=pos_a),
    Route("kelola:pos-profil-ubah", KELOLA_POS_A, kwargs=pos_a),
    Route("kelola:pos-ringkasan", KELOLA_POS_A, kwargs=pos_a),
    Route("kelola:pos-laporan", KELOLA_POS_A, kwargs=pos_a),
    Route("kelola:pos-laporan-pdf", KELOLA_POS_A, kwargs=lambda w: {"pos_slug": w.pos_a.slug, "tahun": TAHUN_LAPORAN}),
    Route("kelola:pos-laporan-docx", KELOLA_POS_A, kwargs=lambda w: {"pos_slug": w.pos_a.slug, "tahun": TAHUN_LAPORAN}),
    Route("kelola:pos-percontohan", KELOLA_POS_A_ADMIN, kwargs=pos_a),
    Route("kelola:pos-operator", KELOLA_POS_A_ADMIN, kwargs=pos_a),
    Route(
        "kelola:pos-operator-hapus",
        KELOLA_POS_A_ADMIN_POST,
        method="post",
        kwargs=lambda w: {"pos_slug": w.pos_a.slug, "user_pk": w.obj["dicabut"].pk},
    ),
    Route("kelola:pengurus-list", KELOLA_POS_A, kwargs=pos_a),
    Route("kelola:kepengurusan-tambah", KELOLA_POS_A, kwargs=pos_a),
    Route("kelola:kepengurusan-ubah", KELOLA_POS_A, kwargs=pos_a_pk("periode")),
    Route("kelola:kepengurusan-hapus", KELOLA_POS_A, kwargs=pos_a_pk("periode")),
    Route(
        "kelola:pengurus-tambah",
        KELOLA_POS_A,
        kwargs=lambda w: {"pos_slug": w.pos_a.slug, "periode_pk": w.obj["periode"].pk},
    ),
    Route("kelola:pengurus-ubah", KELOLA_POS_A, kwargs=pos_a_pk("pengurus")),
    Route("kelola:pengurus-hapus", KELOLA_POS_A, kwargs=pos_a_pk("pengurus")),
    *crud("inventaris", "inventaris"),
    Route("kelola:inventaris-ekspor", KELOLA_POS_A, kwargs=pos_a),
    *crud("layanan", "log"),
    Route("kelola:layanan-ekspor", KELOLA_POS_A, kwargs=pos_a),
    *crud("unit", "unit"),
    *crud("mitra", "mitra"),
    Route("kelola:mitra-ekspor", KELOLA_POS_A, kwargs=pos_a),
    Route("kelola:mitra-mou", KELOLA_POS_A, kwargs=pos_a_pk("mitra")),
    *crud("dokumen", "dokumen"),
    Route("kelola:dokumen-unduh", KELOLA_POS_A, kwargs=pos_a_pk("dokumen")),
    *crud("kabar", "kabar"),
    Route(
        "kelola:kabar-foto-hapus",
        KELOLA_POS_A,
        kwargs=lambda w: {"pos_slug": w.pos_a.slug, "kabar_pk": w.obj["kabar"].pk, "pk": w.obj["foto"].pk},
    ),
]
