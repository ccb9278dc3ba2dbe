"""What the catalogue adds to the foundation's pages (``posyantek.extensions``).

Each provider returns lazy querysets or plain values under keys prefixed ``ttg_``; the partials in
``templates/teknologi/_<point>.html`` render them. Nothing here shows a draft or a pledger's name.
"""

from django.db.models import Count

from posyantek import extensions
from posyantek.extensions import Kontribusi
from posyantek.permissions import is_admin_provinsi
from teknologi import selectors
from teknologi.models import (
    Adopsi,
    KampanyeUrunBeli,
    StatusAdopsi,
    StatusKampanye,
    StatusTeknologi,
    Teknologi,
)


def beranda(*, request) -> dict:
    return {
        "ttg_unggulan": selectors.teknologi_unggulan(limit=4),
        "ttg_kampanye_terbuka": selectors.kampanye_terbuka(limit=2),
    }


def cari(*, request, q) -> dict:
    ttg_list, jumlah, saran = selectors.teknologi_cari_ringkas(q=q)
    return {"ttg_list": ttg_list, "ttg_jumlah": jumlah, "ttg_saran": saran}


def pos_detail(*, request, pos) -> dict:
    return {
        "ttg_peraga": selectors.teknologi_untuk_pos(pos=pos),
        "ttg_kampanye_pos": selectors.kampanye_list_publik().filter(pos=pos)[:5],
    }


def pos_dasbor(*, request, pos) -> dict:
    return {
        "ttg_menunggu": Adopsi.objects.for_pos(pos).filter(status=StatusAdopsi.MENUNGGU).count(),
        "ttg_kampanye_aktif": KampanyeUrunBeli.objects.for_pos(pos)
        .filter(status__in=[StatusKampanye.TERBUKA, StatusKampanye.TERCAPAI, StatusKampanye.DIPESAN])
        .count(),
    }


def akun_saya(*, request, user) -> dict:
    return {
        "ttg_janji_saya": selectors.janji_list_pengguna(pengguna=user)[:20],
        "ttg_adopsi_saya": Adopsi.objects.filter(pemilik=user).select_related("teknologi", "pos__kecamatan")[:20],
    }


def kelola_index(*, request, user) -> dict:
    if not is_admin_provinsi(user):
        return {}
    return {"ttg_diajukan": Teknologi.objects.filter(status=StatusTeknologi.DIAJUKAN).count()}


def overview(*, request, pos) -> dict:
    """Technologies adopted (per kota, or per technology for one post) and campaigns by status."""
    adopsi = Adopsi.objects.disetujui().filter(teknologi__status=StatusTeknologi.TERBIT)
    kampanye = KampanyeUrunBeli.objects.all()
    if pos is not None:
        adopsi = adopsi.filter(pos=pos)
        kampanye = kampanye.filter(pos=pos)
        per_group = (
            adopsi.order_by().values("teknologi__nama").annotate(n=Count("pk")).order_by("-n", "teknologi__nama")[:10]
        )
        rows = [(r["teknologi__nama"], r["n"]) for r in per_group]
    else:
        per_group = (
            adopsi.order_by()
            .values("pos__kecamatan__kota__nama_pendek", "pos__kecamatan__kota__kode")
            .annotate(n=Count("pk"))
            .order_by("pos__kecamatan__kota__kode")
        )
        rows = [(r["pos__kecamatan__kota__nama_pendek"], r["n"]) for r in per_group]
    status_counts = dict(kampanye.order_by().values_list("status").annotate(n=Count("pk")))
    totals = adopsi.aggregate(jumlah=Count("pk"), teknologi=Count("teknologi", distinct=True))
    return {
        "ttg_overview": {
            "per_kelompok": rows,
            "jumlah_adopsi": totals["jumlah"],
            "jumlah_teknologi_dipakai": totals["teknologi"],
            "jumlah_terbit": Teknologi.objects.published().count() if pos is None else None,
            "kampanye": [(label, status_counts.get(value, 0)) for value, label in StatusKampanye.choices],
        }
    }


KONTRIBUSI = [
    Kontribusi(extensions.BERANDA, "teknologi/_beranda_sections.html", beranda, urutan=11),
    Kontribusi(extensions.CARI, "teknologi/_cari_sections.html", cari, urutan=11),
    Kontribusi(extensions.POS_DETAIL, "teknologi/_pos_sections.html", pos_detail),
    Kontribusi(extensions.POS_DASBOR, "teknologi/_dasbor_pos.html", pos_dasbor),
    Kontribusi(extensions.AKUN_SAYA, "teknologi/_akun_saya_sections.html", akun_saya),
    Kontribusi(extensions.KELOLA_INDEX, "teknologi/_kelola_index_links.html", kelola_index),
    Kontribusi(extensions.OVERVIEW, "teknologi/_overview.html", overview),
    Kontribusi(extensions.NAV_PUBLIK, "teknologi/_nav_public.html"),
    Kontribusi(extensions.NAV_KELOLA_POS, "teknologi/_nav_kelola_pos.html"),
]
