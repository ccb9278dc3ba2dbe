"""What the registry adds to the foundation's pages (``posyantek.extensions``).

Providers return lazy values: nothing is queried unless the page's partial renders it.
"""

from django.utils.functional import SimpleLazyObject

from posyantek import extensions
from posyantek.extensions import Kontribusi
from posyantek.permissions import is_admin_provinsi

from . import selectors
from .models import KlaimUkm, StatusKlaim


def overview(*, request, pos) -> dict:
    """UKM by class, bidang, kelurahan (kota for the province) and stage, for /kelola/…/ringkasan/."""
    return {"ukm_statistik": SimpleLazyObject(lambda: selectors.ukm_statistik(pos=pos))}


def pos_dasbor(*, request, pos) -> dict:
    return {
        "ukm_statistik": SimpleLazyObject(lambda: selectors.ukm_statistik(pos=pos)),
        "ukm_klaim_menunggu": SimpleLazyObject(
            lambda: KlaimUkm.objects.filter(ukm__pos=pos, status=StatusKlaim.MENUNGGU).count()
        ),
    }


def akun_saya(*, request, user) -> dict:
    """The owner's "Usaha saya" section: their businesses and the claims they made."""
    return {
        "ukm_saya": selectors.ukm_list_pemilik(pengguna=user),
        "ukm_klaim_saya": selectors.klaim_list_pemilik(pengguna=user),
    }


def pos_detail(*, request, pos) -> dict:
    return {"ukm_direktori_jumlah": SimpleLazyObject(lambda: selectors.jumlah_direktori_pos(pos=pos))}


def kelola_index(*, request, user) -> dict:
    return {"ukm_provinsi": is_admin_provinsi(user)}


def cari(*, request, q) -> dict:
    """How many directory businesses the home page's search finds (public fields only)."""
    return {"ukm_jumlah": selectors.ukm_list_direktori(q=q).count()}


def beranda(*, request) -> dict:
    return {"ukm_direktori_total": SimpleLazyObject(selectors.jumlah_direktori)}


KONTRIBUSI = [
    Kontribusi(extensions.OVERVIEW, "ukm/_overview.html", overview),
    Kontribusi(extensions.POS_DASBOR, "ukm/_dasbor_pos.html", pos_dasbor),
    Kontribusi(extensions.AKUN_SAYA, "ukm/_akun_saya_sections.html", akun_saya),
    Kontribusi(extensions.POS_DETAIL, "ukm/_pos_sections.html", pos_detail),
    Kontribusi(extensions.KELOLA_INDEX, "ukm/_kelola_index_links.html", kelola_index),
    Kontribusi(extensions.BERANDA, "ukm/_beranda_sections.html", beranda),
    Kontribusi(extensions.CARI, "ukm/_cari_sections.html", cari),
    Kontribusi(extensions.NAV_PUBLIK, "ukm/_nav_public.html"),
    Kontribusi(extensions.NAV_KELOLA_POS, "ukm/_nav_kelola_pos.html"),
]
