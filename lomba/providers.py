"""What the Lomba adds to the foundation's pages (declared in ``KONTRIBUSI`` below).

Each provider returns lazy querysets or plain values under keys prefixed ``lomba_`` so they never
collide with another app's, and the matching partial in templates/lomba/ renders them.
"""

from lomba import selectors
from lomba.models import PenugasanJuri, Status
from posyantek import extensions
from posyantek.extensions import Kontribusi
from posyantek.permissions import is_admin_provinsi


def overview(*, request, pos) -> dict:
    """The province overview (pos=None, admin provinsi) or one post's (its operators): the
    competitions by status, the latest provincial ranking, Jakarta's national ranks; for a post, its
    entries. The posts' own numbers (model posts, operators) are the foundation's section."""
    if pos is not None:
        return {
            "lomba_ringkasan": {"pos": pos, "peserta": selectors.peserta_pos(pos=pos), "diumumkan": Status.DIUMUMKAN}
        }
    status_counts = selectors.lomba_jumlah_status()
    return {
        "lomba_ringkasan": {
            "status": [(label, status_counts.get(value, 0)) for value, label in Status.choices],
            "jumlah_lomba": sum(status_counts.values()),
            "provinsi_terakhir": selectors.lomba_provinsi_terakhir(),
            "riwayat": [r for r in selectors.riwayat_nasional_dki() if r.terbaik is not None][-5:],
        }
    }


def pos_detail(*, request, pos) -> dict:
    return {"lomba_penghargaan": selectors.penghargaan_pos(pos=pos)}


def pos_dasbor(*, request, pos) -> dict:
    return {"lomba_peserta_pos": selectors.peserta_pos(pos=pos)[:5]}


def akun_saya(*, request, user) -> dict:
    if not getattr(user, "is_juri", False):
        return {"lomba_penugasan": []}
    return {
        "lomba_penugasan": PenugasanJuri.objects.filter(juri=user).select_related("lomba").order_by("-lomba__tahun")
    }


def kelola_index(*, request, user) -> dict:
    admin = is_admin_provinsi(user)
    return {"lomba_akses": admin or getattr(user, "is_juri", False), "lomba_admin": admin}


def beranda(*, request) -> dict:
    return {"lomba_terbaru": selectors.lomba_terbaru_publik()}


def laporan_pos(*, request, pos, tahun_list) -> dict:
    """Beside a post's yearly reports: its entries in competitions of those years still open for
    documents, and whether the year's report is attached already."""
    peserta = selectors.peserta_laporan(pos=pos, tahun_list=tahun_list)
    return {"lomba_laporan_peserta": peserta, "lomba_laporan_tahun": {p.lomba.tahun for p in peserta}}


KONTRIBUSI = [
    Kontribusi(extensions.LAPORAN_POS, "lomba/_laporan_pos.html", laporan_pos),
    Kontribusi(extensions.OVERVIEW, "lomba/_overview.html", overview),
    Kontribusi(extensions.POS_DETAIL, "lomba/_pos_sections.html", pos_detail),
    Kontribusi(extensions.POS_DASBOR, "lomba/_dasbor_pos.html", pos_dasbor),
    Kontribusi(extensions.AKUN_SAYA, "lomba/_akun_saya_sections.html", akun_saya),
    Kontribusi(extensions.KELOLA_INDEX, "lomba/_kelola_index_links.html", kelola_index),
    Kontribusi(extensions.BERANDA, "lomba/_beranda_sections.html", beranda),
    Kontribusi(extensions.NAV_PUBLIK, "lomba/_nav_public.html"),
    Kontribusi(extensions.NAV_KELOLA_POS, "lomba/_nav_kelola_pos.html"),
]
