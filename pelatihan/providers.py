"""What this app adds to the foundation's pages (declared in ``KONTRIBUSI`` below).

Each provider returns lazy querysets or plain values under ``pelatihan_*`` keys; the partials in
``templates/pelatihan/_<point>.html`` render them.
"""

from django.urls import reverse
from django.utils import timezone

from pelatihan import selectors
from pelatihan.models import AktivitasRelawan, Jadwal, Pendaftaran, Relawan
from pelatihan.permissions import is_admin_provinsi, relawan_of
from posyantek import extensions
from posyantek.extensions import Kontribusi


def beranda(*, request) -> dict:
    return {"pelatihan_berikutnya": selectors.jadwal_list_berikutnya(limit=4)}


def pos_detail(*, request, pos) -> dict:
    return {
        "pelatihan_pos": selectors.jadwal_list_mendatang_untuk_pos(pos=pos),
        "pelatihan_feed_pos": reverse("pelatihan:feed-pos", kwargs={"slug": pos.slug}),
    }


def pos_dasbor(*, request, pos) -> dict:
    return {
        "pelatihan_dasbor": {
            "sesi_mendatang": Jadwal.objects.for_pos(pos).upcoming().exclude(status=Jadwal.Status.DIBATALKAN).count(),
            "aktivitas_menunggu": AktivitasRelawan.objects.for_pos(pos).menunggu().count(),
            "relawan": Relawan.objects.terbaca_pos(pos).count(),
        }
    }


def akun_saya(*, request, user) -> dict:
    kalender = selectors.kalender_pribadi(pengguna=user)
    return {
        "pelatihan_saya": selectors.pendaftaran_list_untuk_pengguna(pengguna=user)
        .filter(jadwal__selesai__gt=timezone.now())
        .exclude(status=Pendaftaran.Status.DIBATALKAN)
        .order_by("jadwal__mulai")[:5],
        "pelatihan_relawan": relawan_of(user),
        "pelatihan_feed": request.build_absolute_uri(kalender.get_absolute_url()) if kalender else None,
        "pelatihan_mengajar": user.jadwal_mengajar.exists(),
    }


def kelola_index(*, request, user) -> dict:
    if not is_admin_provinsi(user):
        return {}
    hitung = selectors.relawan_hitung_status()
    return {
        "pelatihan_admin": {
            "belum_diputuskan": hitung.get(Relawan.Status.DIAJUKAN, 0) + hitung.get(Relawan.Status.DITINJAU, 0),
            "perlu_perhatian": selectors.relawan_list_admin(perhatian=True).count(),
        }
    }


def overview(*, request, pos) -> dict:
    return {"pelatihan_ringkasan": selectors.ringkasan(pos=pos)}


KONTRIBUSI = [
    Kontribusi(extensions.BERANDA, "pelatihan/_beranda_sections.html", beranda, urutan=12),
    Kontribusi(extensions.POS_DETAIL, "pelatihan/_pos_sections.html", pos_detail),
    Kontribusi(extensions.POS_DASBOR, "pelatihan/_dasbor_pos.html", pos_dasbor),
    Kontribusi(extensions.AKUN_SAYA, "pelatihan/_akun_saya_sections.html", akun_saya),
    Kontribusi(extensions.KELOLA_INDEX, "pelatihan/_kelola_index_links.html", kelola_index),
    Kontribusi(extensions.OVERVIEW, "pelatihan/_overview.html", overview),
    Kontribusi(extensions.NAV_PUBLIK, "pelatihan/_nav_public.html"),
    Kontribusi(extensions.NAV_KELOLA_POS, "pelatihan/_nav_kelola_pos.html"),
]
