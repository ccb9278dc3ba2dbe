"""Every URL of the Lomba in the access matrix, with the juri persona (tests/access.py).

World: ``penilaian`` — a provincial competition being scored, Gambir (post A) entered with a document,
the world's juri assigned; ``umum`` — an announced one, same juri, Gambir and Tambora ranked;
``nasional`` — a national competition whose results are imported, with a previewed CSV.
"""

from decimal import Decimal

from lomba import services
from lomba.models import Kriteria
from tests.access import KELOLA_POS_A, KELOLA_POS_A_POST, PUBLIC, Route
from tests.hostile_files import VALID_PDF


def _juri(expect_admin: int, juri: int) -> dict:
    return {"anon": 302, "op_a": 403, "op_b": 403, "owner": 403, "admin": expect_admin, "juri": juri}


ADMIN = _juri(200, 403)
ADMIN_POST = _juri(302, 403)
JURI_ADMIN = _juri(200, 200)
PUBLIK = {**PUBLIC, "juri": 200}
POS_A = {**KELOLA_POS_A, "juri": 404}
POS_A_POST = {**KELOLA_POS_A_POST, "juri": 404}


def _dokumen(peserta, admin):
    from django.core.files.base import ContentFile

    return services.dokumen_unggah(
        peserta=peserta, judul="SK pembentukan", berkas=ContentFile(VALID_PDF, name="sk.pdf"), oleh=admin
    )


def build(world):
    admin, juri = world.users["admin"], world.users["juri"]
    lomba = services.lomba_buat(tahun=2026, kategori="posyantek_berprestasi", tingkat="provinsi", oleh=admin)
    peserta = services.peserta_pos_buat(lomba=lomba, pos=world.pos_a, oleh=admin)
    services.penugasan_buat(lomba=lomba, juri=juri, oleh=admin)
    world.obj["dokumen"] = _dokumen(peserta, admin)
    services.lomba_penilaian_mulai(lomba=lomba, oleh=admin)
    world.obj.update(
        lomba=lomba,
        peserta=peserta,
        tahap=lomba.tahap_set.first(),
        kriteria=Kriteria.objects.filter(tahap__lomba=lomba).first(),
        penugasan=lomba.penugasan_set.get(),
    )

    umum = services.lomba_buat(tahun=2025, kategori="posyantek_berprestasi", tingkat="provinsi", oleh=admin)
    a = services.peserta_pos_buat(lomba=umum, pos=world.pos_a, oleh=admin)
    world.obj["dokumen_umum"] = _dokumen(a, admin)
    b = services.peserta_pos_buat(lomba=umum, pos=world.pos_b, oleh=admin)
    services.penugasan_buat(lomba=umum, juri=juri, oleh=admin)
    services.lomba_penilaian_mulai(lomba=umum, oleh=admin)
    ids = list(Kriteria.objects.filter(tahap__lomba=umum).values_list("pk", flat=True))
    for p, v in ((a, "90"), (b, "80")):
        services.nilai_simpan(oleh=juri, peserta=p, nilai={k: Decimal(v) for k in ids})
    services.lomba_finalkan(lomba=umum, oleh=admin)
    services.lomba_umumkan(lomba=umum, oleh=admin)
    world.obj.update(umum=umum, peserta_umum=a)

    nasional = services.lomba_buat(
        tahun=2025, kategori="posyantek_berprestasi", tingkat="nasional", sumber_hasil="impor", oleh=admin
    )
    world.obj["nasional"] = nasional
    world.obj["impor"] = services.impor_nasional_pratinjau(
        lomba=nasional,
        nama_berkas="hasil.csv",
        oleh=admin,
        data=b"peserta,provinsi,total,peringkat\nPosyantek Singosari,Jawa Timur,88.5,1\n",
    )
    world.obj["juripos"] = services.juri_pos_buat(juri=juri, pos=world.pos_b, oleh=admin)


L = lambda w: {"pk": w.obj["lomba"].pk}  # noqa: E731
U = lambda w: {"pk": w.obj["umum"].pk}  # noqa: E731
N = lambda w: {"pk": w.obj["nasional"].pk}  # noqa: E731

ROUTES = [
    Route("lomba:publik-list", PUBLIK),
    Route("lomba:publik-detail", PUBLIK, kwargs=U),
    Route("lomba:kelola-list", JURI_ADMIN),
    Route("lomba:lomba-create", ADMIN),
    Route("lomba:peringkat", ADMIN),
    Route("lomba:peringkat-csv", ADMIN, kwargs=lambda w: {"tahun": 2025}),
    Route("lomba:riwayat-csv", ADMIN),
    Route("lomba:juripos", ADMIN),
    Route("lomba:juripos-delete", ADMIN_POST, kwargs=lambda w: {"juripos_pk": w.obj["juripos"].pk}, method="post"),
    Route("lomba:kelola-detail", JURI_ADMIN, kwargs=L),
    Route("lomba:lomba-update", ADMIN, kwargs=L),
    Route("lomba:bobot", ADMIN, kwargs=L),
    Route("lomba:status", ADMIN_POST, kwargs=L, method="post"),
    Route("lomba:tahap-create", ADMIN, kwargs=L),
    Route("lomba:tahap-update", ADMIN, kwargs=lambda w: {**L(w), "tahap_pk": w.obj["tahap"].pk}),
    Route("lomba:tahap-delete", ADMIN_POST, kwargs=lambda w: {**L(w), "tahap_pk": w.obj["tahap"].pk}, method="post"),
    Route("lomba:kriteria-create", ADMIN, kwargs=lambda w: {**L(w), "tahap_pk": w.obj["tahap"].pk}),
    Route("lomba:kriteria-update", ADMIN, kwargs=lambda w: {**L(w), "kriteria_pk": w.obj["kriteria"].pk}),
    Route(
        "lomba:kriteria-delete",
        ADMIN_POST,
        kwargs=lambda w: {**L(w), "kriteria_pk": w.obj["kriteria"].pk},
        method="post",
    ),
    Route("lomba:peserta-create", ADMIN, kwargs=L),
    Route("lomba:peserta-luar-create", ADMIN, kwargs=N),
    Route("lomba:peserta-bawa", ADMIN, kwargs=N),
    Route("lomba:peserta-detail", JURI_ADMIN, kwargs=lambda w: {**L(w), "peserta_pk": w.obj["peserta"].pk}),
    Route(
        "lomba:peserta-delete", ADMIN_POST, kwargs=lambda w: {**L(w), "peserta_pk": w.obj["peserta"].pk}, method="post"
    ),
    Route(
        "lomba:peserta-favorit",
        ADMIN_POST,
        kwargs=lambda w: {**L(w), "peserta_pk": w.obj["peserta"].pk},
        method="post",
        data=lambda w: {"favorit": "1"},
    ),
    # The juri scores; an admin who is not assigned as juri may not.
    Route("lomba:nilai", _juri(403, 200), kwargs=lambda w: {**L(w), "peserta_pk": w.obj["peserta"].pk}),
    Route(
        "lomba:dokumen-unduh",
        JURI_ADMIN,
        kwargs=lambda w: {**L(w), "peserta_pk": w.obj["peserta"].pk, "dokumen_pk": w.obj["dokumen"].pk},
    ),
    Route("lomba:penugasan", ADMIN, kwargs=L),
    Route(
        "lomba:penugasan-delete",
        ADMIN_POST,
        kwargs=lambda w: {**L(w), "penugasan_pk": w.obj["penugasan"].pk},
        method="post",
    ),
    Route("lomba:matriks", ADMIN, kwargs=L),
    # While scoring a juri sees no ranking (it would reveal other juri's scores); once final they do.
    Route("lomba:hasil", ADMIN, kwargs=L),
    Route("lomba:hasil-csv", ADMIN, kwargs=L),
    Route("lomba:berita-acara", JURI_ADMIN, kwargs=U),
    Route("lomba:berita-acara-pdf", JURI_ADMIN, kwargs=U),
    Route("lomba:percontohan", ADMIN, kwargs=U),
    Route("lomba:impor", ADMIN, kwargs=N),
    Route("lomba:impor-pratinjau", ADMIN, kwargs=lambda w: {**N(w), "impor_pk": w.obj["impor"].pk}),
    Route("lomba:impor-batal", ADMIN_POST, kwargs=lambda w: {**N(w), "impor_pk": w.obj["impor"].pk}, method="post"),
    Route("lomba:pos-peserta-list", POS_A, kwargs=lambda w: {"pos_slug": w.pos_a.slug}),
    Route(
        "lomba:pos-peserta-detail",
        POS_A,
        kwargs=lambda w: {"pos_slug": w.pos_a.slug, "peserta_pk": w.obj["peserta"].pk},
    ),
    Route(
        "lomba:pos-dokumen-unduh",
        POS_A,
        kwargs=lambda w: {
            "pos_slug": w.pos_a.slug,
            "peserta_pk": w.obj["peserta"].pk,
            "dokumen_pk": w.obj["dokumen"].pk,
        },
    ),
    # On the announced competition the delete is refused (302 back with a message), so nothing changes.
    Route(
        "lomba:pos-dokumen-delete",
        POS_A_POST,
        method="post",
        kwargs=lambda w: {
            "pos_slug": w.pos_a.slug,
            "peserta_pk": w.obj["peserta_umum"].pk,
            "dokumen_pk": w.obj["dokumen_umum"].pk,
        },
    ),
    # The yearly report attached to the post's entry of the 2026 competition (the post's operators).
    Route(
        "lomba:pos-laporan-lampirkan",
        POS_A_POST,
        method="post",
        kwargs=lambda w: {"pos_slug": w.pos_a.slug, "peserta_pk": w.obj["peserta"].pk},
    ),
]
