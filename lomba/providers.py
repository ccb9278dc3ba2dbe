"""What the Lomba adds to the foundation's pages (registered in LombaConfig.ready()).

Each provider returns lazy querysets or plain values under keys prefixed ``lomba_`` so they never
collide with another app's, and the matching partial in templates/lomba/ renders them.
"""

from lomba import selectors
from lomba.models import PenugasanJuri, Status
from posyantek.models import OperatorPos
from posyantek.permissions import is_admin_provinsi


def overview(*, request, pos) -> dict:
    """The province overview (pos=None, admin provinsi) or one post's (its operators).

    Foundation-level numbers need no other app: posts, model posts and operators per kota. The
    Lomba's own: competitions by status, the latest provincial ranking, Jakarta's national ranks.
    """
    if pos is not None:
        return {
            "lomba_ringkasan": {
                "pos": pos,
                "peserta": selectors.peserta_pos(pos=pos),
                "jumlah_operator": OperatorPos.objects.filter(pos=pos).count(),
                "diumumkan": Status.DIUMUMKAN,
            }
        }
    kota = list(selectors.kota_ringkasan())
    status_counts = selectors.lomba_jumlah_status()
    return {
        "lomba_ringkasan": {
            "kota": kota,
            "total_pos": sum(k.jumlah_pos for k in kota),
            "total_percontohan": sum(k.jumlah_percontohan for k in kota),
            "total_beroperator": sum(k.pos_beroperator for k in kota),
            "total_operator": OperatorPos.objects.values("user_id").distinct().count(),
            "chart_percontohan": [(k.nama_pendek, k.jumlah_percontohan) for k in kota],
            "chart_beroperator": [(k.nama_pendek, k.pos_beroperator) for k in kota],
            "percontohan": selectors.pos_percontohan(),
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
