"""Every URL of the UKM registry for every persona (see tests/access.py).

Objects belong to post A (Gambir) and to the owner persona, so the operator of post B and the
other personas prove they reach nothing. POSTs that delete or decide run once: the first persona
allowed to do it succeeds, so a later persona may find the object gone (404) — noted per route.
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.access import ADMIN_ONLY, KELOLA_POS_A, KELOLA_POS_A_POST, LOGIN_ANY, PUBLIC, Route, World

OWNER_ONLY = {"anon": 302, "op_a": 404, "op_b": 404, "owner": 200, "admin": 404}
OWNER_ONLY_POST = {"anon": 302, "op_a": 404, "op_b": 404, "owner": 302, "admin": 404}
# Deleted by op_a first: admin provinsi then finds nothing to delete.
KELOLA_POS_A_DELETE = {"anon": 302, "op_a": 302, "op_b": 404, "owner": 404, "admin": 404}
# A preview belongs to the person who uploaded it (op_a here): nobody else opens or commits it.
UPLOADER_OP_A = {"anon": 302, "op_a": 200, "op_b": 404, "owner": 404, "admin": 404}
UPLOADER_OP_A_POST = {"anon": 302, "op_a": 302, "op_b": 404, "owner": 404, "admin": 404}
ADMIN_ONLY_POST = {"anon": 302, "op_a": 403, "op_b": 403, "owner": 403, "admin": 302}

CSV = b"Nama Usaha;Nama Pemilik;Kelurahan;NIB\nWarung Matriks;Rina;Cideng;9120005550001\n"


def build(world: World) -> None:
    from tests.factories import UserFactory
    from ukm import services

    from .factories import FotoProdukFactory, KlaimFactory, PendampinganFactory, ProdukFactory, UkmFactory, kelurahan

    ukm = UkmFactory(
        kelurahan=kelurahan("Cideng"),
        pemilik=world.users["owner"],
        tampil_publik=True,
        verified_at=timezone.now(),
        nib="9120001112223",
    )
    produk = ProdukFactory(ukm=ukm)
    foto = FotoProdukFactory(produk=produk)
    pendampingan = PendampinganFactory(ukm=ukm)
    klaim = KlaimFactory(
        ukm=UkmFactory(kelurahan=kelurahan("Gambir"), nib="9120003334445"),
        user=UserFactory(email="pengklaim@contoh.test"),
    )
    batch_op = services.impor_pratinjau(
        upload=SimpleUploadedFile("data.csv", CSV), oleh=world.users["op_a"], pos=world.pos_a
    )
    batch_admin = services.impor_pratinjau(
        upload=SimpleUploadedFile("data.csv", CSV), oleh=world.users["admin"], pos=None
    )
    world.obj.update(
        ukm=ukm,
        produk=produk,
        foto=foto,
        pendampingan=pendampingan,
        klaim=klaim,
        batch_op=batch_op,
        batch_admin=batch_admin,
    )


def _pos(w):
    return {"pos_slug": w.pos_a.slug}


def _ukm(w):
    return {"pos_slug": w.pos_a.slug, "pk": w.obj["ukm"].pk}


def _produk(w):
    return {**_ukm(w), "produk_pk": w.obj["produk"].pk}


ROUTES = [
    # Public directory.
    Route("ukm:direktori", PUBLIC),
    Route("ukm:direktori", PUBLIC, query="?q=usaha&bidang=kuliner&kecamatan=gambir"),
    Route("ukm:direktori-detail", PUBLIC, kwargs=lambda w: {"pk": w.obj["ukm"].pk}),
    # The owner's area.
    Route("ukm:saya", LOGIN_ANY),
    Route("ukm:saya-daftar", LOGIN_ANY),
    Route("ukm:saya-klaim", LOGIN_ANY),
    Route("ukm:saya-detail", OWNER_ONLY, kwargs=lambda w: {"pk": w.obj["ukm"].pk}),
    Route("ukm:saya-ubah", OWNER_ONLY, kwargs=lambda w: {"pk": w.obj["ukm"].pk}),
    Route("ukm:saya-produk-tambah", OWNER_ONLY, kwargs=lambda w: {"pk": w.obj["ukm"].pk}),
    Route(
        "ukm:saya-produk-ubah", OWNER_ONLY, kwargs=lambda w: {"pk": w.obj["ukm"].pk, "produk_pk": w.obj["produk"].pk}
    ),
    Route(
        "ukm:saya-produk-hapus",
        OWNER_ONLY_POST,
        method="post",
        kwargs=lambda w: {"pk": w.obj["ukm"].pk, "produk_pk": w.obj["produk"].pk},
    ),
    Route(
        "ukm:saya-foto-hapus",
        OWNER_ONLY_POST,
        method="post",
        kwargs=lambda w: {"pk": w.obj["ukm"].pk, "produk_pk": w.obj["produk"].pk, "foto_pk": w.obj["foto"].pk},
    ),
    # The operator's area of post A.
    Route("ukm:kelola-list", KELOLA_POS_A, kwargs=_pos),
    Route(
        "ukm:kelola-list",
        KELOLA_POS_A,
        kwargs=_pos,
        query="?q=usaha&kelas=mikro&status=aktif&verifikasi=ya&urut=terbaru&page=2",
    ),
    Route("ukm:kelola-tambah", KELOLA_POS_A, kwargs=_pos),
    Route("ukm:kelola-detail", KELOLA_POS_A, kwargs=_ukm),
    Route("ukm:kelola-ubah", KELOLA_POS_A, kwargs=_ukm),
    Route("ukm:kelola-riwayat", KELOLA_POS_A, kwargs=_ukm),
    Route("ukm:kelola-status", KELOLA_POS_A_POST, method="post", kwargs=_ukm, data=lambda w: {"aktif": "0"}),
    Route("ukm:kelola-verifikasi", KELOLA_POS_A_POST, method="post", kwargs=_ukm, data=lambda w: {"verified": "1"}),
    Route("ukm:kelola-pendampingan-tambah", KELOLA_POS_A, kwargs=_ukm),
    Route(
        "ukm:kelola-pendampingan-ubah", KELOLA_POS_A, kwargs=lambda w: {**_ukm(w), "item_pk": w.obj["pendampingan"].pk}
    ),
    Route("ukm:kelola-produk-tambah", KELOLA_POS_A, kwargs=_ukm),
    Route("ukm:kelola-produk-ubah", KELOLA_POS_A, kwargs=_produk),
    Route("ukm:kelola-produk-hapus", KELOLA_POS_A_DELETE, method="post", kwargs=_produk),
    Route(
        "ukm:kelola-foto-hapus",
        KELOLA_POS_A_DELETE,
        method="post",
        kwargs=lambda w: {**_produk(w), "foto_pk": w.obj["foto"].pk},
    ),
    Route("ukm:kelola-klaim-list", KELOLA_POS_A, kwargs=_pos),
    Route(
        "ukm:kelola-klaim-putuskan",
        KELOLA_POS_A_POST,
        method="post",
        kwargs=lambda w: {"pos_slug": w.pos_a.slug, "pk": w.obj["klaim"].pk},
        data=lambda w: {"keputusan": "tolak"},
    ),
    Route("ukm:kelola-impor", KELOLA_POS_A, kwargs=_pos),
    Route(
        "ukm:kelola-impor-pratinjau",
        UPLOADER_OP_A,
        kwargs=lambda w: {"pos_slug": w.pos_a.slug, "batch_pk": w.obj["batch_op"].pk},
    ),
    Route(
        "ukm:kelola-impor-simpan",
        UPLOADER_OP_A_POST,
        method="post",
        kwargs=lambda w: {"pos_slug": w.pos_a.slug, "batch_pk": w.obj["batch_op"].pk},
    ),
    Route(
        "ukm:kelola-impor-batal",
        UPLOADER_OP_A_POST,
        method="post",
        kwargs=lambda w: {"pos_slug": w.pos_a.slug, "batch_pk": w.obj["batch_op"].pk},
    ),
    # Refused (a preview, not a committed import): a message on the batch page, nothing changed.
    Route(
        "ukm:kelola-impor-urungkan",
        UPLOADER_OP_A_POST,
        method="post",
        kwargs=lambda w: {"pos_slug": w.pos_a.slug, "batch_pk": w.obj["batch_op"].pk},
    ),
    Route(
        "ukm:kelola-verifikasi-banyak",
        KELOLA_POS_A_POST,
        method="post",
        kwargs=_pos,
        data=lambda w: {"ukm": [str(w.obj["klaim"].ukm_id)]},
    ),
    Route("ukm:kelola-ekspor", KELOLA_POS_A, kwargs=lambda w: {"pos_slug": w.pos_a.slug, "fmt": "csv"}),
    Route("ukm:kelola-ekspor", KELOLA_POS_A, kwargs=lambda w: {"pos_slug": w.pos_a.slug, "fmt": "xlsx"}),
    # The admin provinsi's province-wide pages.
    Route("ukm:provinsi-list", ADMIN_ONLY),
    Route("ukm:provinsi-impor", ADMIN_ONLY),
    Route("ukm:provinsi-impor-pratinjau", ADMIN_ONLY, kwargs=lambda w: {"batch_pk": w.obj["batch_admin"].pk}),
    Route(
        "ukm:provinsi-impor-simpan",
        ADMIN_ONLY_POST,
        method="post",
        kwargs=lambda w: {"batch_pk": w.obj["batch_admin"].pk},
    ),
    Route(
        "ukm:provinsi-impor-batal",
        ADMIN_ONLY_POST,
        method="post",
        kwargs=lambda w: {"batch_pk": w.obj["batch_admin"].pk},
    ),
    Route(
        "ukm:provinsi-impor-urungkan",
        ADMIN_ONLY_POST,
        method="post",
        kwargs=lambda w: {"batch_pk": w.obj["batch_admin"].pk},
    ),
    Route("ukm:provinsi-ekspor", ADMIN_ONLY, kwargs=lambda w: {"fmt": "csv"}),
    # POST: queue the export as a background job, then to its status page.
    Route("ukm:provinsi-ekspor", ADMIN_ONLY_POST, method="post", kwargs=lambda w: {"fmt": "csv"}),
]
