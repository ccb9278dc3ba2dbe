from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from tests.access import ADMIN_ONLY, KELOLA_POS_A, KELOLA_POS_A_POST, PUBLIC, Route
from tests.hostile_files import VALID_PDF

PEMILIK_SAJA = {"anon": 302, "op_a": 403, "op_b": 403, "owner": 200, "admin": 403}
ADMIN_POST = {"anon": 302, "op_a": 403, "op_b": 403, "owner": 403, "admin": 302}
ALL_REDIRECT = {"anon": 302, "op_a": 302, "op_b": 302, "owner": 302, "admin": 302}


def build(world):
    from teknologi import services
    from teknologi.models import KampanyeUrunBeli, StatusTeknologi
    from tests.teknologi import factories as f

    terbit = f.teknologi("Alat Pemeras Santan")
    panduan = f.panduan(terbit)
    panduan.pdf.save("panduan.pdf", ContentFile(VALID_PDF))
    draf = f.teknologi(
        "Pengering Kerupuk Usulan Gambir", status=StatusTeknologi.DRAFT, pos=world.pos_a, oleh=world.users["op_a"]
    )
    f.panduan(draf)
    peraga = services.peraga_simpan(pos=world.pos_a, teknologi=terbit, ada_unit_demo=True)
    adopsi = services.adopsi_catat(
        teknologi=terbit,
        pos=world.pos_a,
        nama_usaha="Warung Uji",
        oleh=world.users["owner"],
        pemilik=world.users["owner"],
    )
    kampanye = f.kampanye(terbit, world.pos_a)
    # A campaign past its deadline below target: reading any page that lists it must not close it.
    lewat = f.kampanye(terbit, world.pos_a, judul="Urun beli yang lewat batas")
    services.janji_simpan(kampanye=lewat, oleh=world.users["owner"], jumlah=1)
    KampanyeUrunBeli.objects.filter(pk=lewat.pk).update(batas_waktu=timezone.now() - timedelta(hours=1))
    world.obj.update(terbit=terbit, draf=draf, peraga=peraga, adopsi=adopsi, kampanye=kampanye)


def _terbit(w):
    return {"slug": w.obj["terbit"].slug}


def _draf(w):
    return {"slug": w.obj["draf"].slug}


def _pos(w):
    return {"pos_slug": w.pos_a.slug}


def _pos_draf(w):
    return {"pos_slug": w.pos_a.slug, "slug": w.obj["draf"].slug}


def _pos_kampanye(w):
    return {"pos_slug": w.pos_a.slug, "pk": w.obj["kampanye"].pk}


ROUTES = [
    Route("teknologi:teknologi-list", PUBLIC),
    Route("teknologi:teknologi-list", PUBLIC, query="?q=pemeras+santen&bidang=pangan&urut=harga"),
    Route("teknologi:teknologi-detail", PUBLIC, kwargs=_terbit),
    Route("teknologi:panduan-detail", PUBLIC, kwargs=_terbit),
    Route("teknologi:panduan-qr", PUBLIC, kwargs=_terbit),
    Route("teknologi:panduan-pdf", PUBLIC, kwargs=_terbit),
    Route("teknologi:panduan-poster", PUBLIC, kwargs=_terbit),
    Route("teknologi:adopsi-lapor", PEMILIK_SAJA, kwargs=_terbit),
    Route("teknologi:kampanye-list", PUBLIC),
    Route("teknologi:kampanye-detail", PUBLIC, kwargs=lambda w: {"pk": w.obj["kampanye"].pk}),
    Route(
        "teknologi:janji-simpan",
        {"anon": 302, "op_a": 403, "op_b": 403, "owner": 302, "admin": 403},
        kwargs=lambda w: {"pk": w.obj["kampanye"].pk},
        method="post",
        data=lambda w: {"jumlah": 1},
    ),
    Route("teknologi:janji-tarik", ALL_REDIRECT, kwargs=lambda w: {"pk": w.obj["kampanye"].pk}, method="post"),
    Route("teknologi:kurasi-list", ADMIN_ONLY),
    Route("teknologi:kurasi-tambah", ADMIN_ONLY),
    Route("teknologi:kurasi-pratinjau", ADMIN_ONLY, kwargs=_draf),
    Route("teknologi:kurasi-ubah", ADMIN_ONLY, kwargs=_draf),
    Route("teknologi:kurasi-panduan-ubah", ADMIN_ONLY, kwargs=_draf),
    Route("teknologi:kurasi-riwayat", ADMIN_ONLY, kwargs=_draf),
    Route("teknologi:kurasi-terbitkan", ADMIN_POST, kwargs=_draf, method="post"),
    Route("teknologi:kurasi-kembalikan", ADMIN_POST, kwargs=_terbit, method="post", data=lambda w: {"catatan": "x"}),
    Route("teknologi:kelola-teknologi-list", KELOLA_POS_A, kwargs=_pos),
    Route("teknologi:kelola-teknologi-tambah", KELOLA_POS_A, kwargs=_pos),
    Route("teknologi:kelola-peraga", KELOLA_POS_A, kwargs=_pos),
    # Deleted by op_a first: admin provinsi then finds nothing to delete (404, no false success).
    Route(
        "teknologi:kelola-peraga-hapus",
        {**KELOLA_POS_A_POST, "admin": 404},
        method="post",
        kwargs=lambda w: {"pos_slug": w.pos_a.slug, "pk": w.obj["peraga"].pk},
    ),
    Route("teknologi:kelola-adopsi", KELOLA_POS_A, kwargs=_pos),
    Route(
        "teknologi:kelola-adopsi-putuskan",
        KELOLA_POS_A_POST,
        method="post",
        data=lambda w: {"aksi": "setujui"},
        kwargs=lambda w: {"pos_slug": w.pos_a.slug, "pk": w.obj["adopsi"].pk},
    ),
    Route("teknologi:kelola-teknologi-pratinjau", KELOLA_POS_A, kwargs=_pos_draf),
    Route("teknologi:kelola-teknologi-ubah", KELOLA_POS_A, kwargs=_pos_draf),
    Route("teknologi:kelola-panduan-ubah", KELOLA_POS_A, kwargs=_pos_draf),
    Route("teknologi:kelola-teknologi-ajukan", KELOLA_POS_A_POST, kwargs=_pos_draf, method="post"),
    Route("teknologi:kelola-kampanye-list", KELOLA_POS_A, kwargs=_pos),
    Route("teknologi:kelola-kampanye-tambah", KELOLA_POS_A, kwargs=_pos),
    Route("teknologi:kelola-kampanye-detail", KELOLA_POS_A, kwargs=_pos_kampanye),
    Route(
        "teknologi:kelola-kampanye-status",
        KELOLA_POS_A_POST,
        kwargs=_pos_kampanye,
        method="post",
        data=lambda w: {"status": "batal"},
    ),
    Route(
        "teknologi:kelola-kampanye-ekspor",
        KELOLA_POS_A,
        kwargs=lambda w: {"pos_slug": w.pos_a.slug, "pk": w.obj["kampanye"].pk, "fmt": "xlsx"},
    ),
]
