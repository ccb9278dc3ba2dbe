"""The history of a business as its operator reads it: who changed what, when, from what to what.

Built from django-simple-history's tables for the business, its products and its assistance
records, in a fixed number of queries (the rows, then the names they refer to). The NIK is always
shown masked here, as everywhere outside the edit form.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from posyantek.models import Kelurahan

from .models import FotoProduk, Pendampingan, Produk, Ukm, samarkan_nik

TIDAK_DITAMPILKAN = {
    "id",
    "created_at",
    "created_by",
    "updated_at",
    "search_text",
    "search_publik",
    "pos",
    "produk",
    "lebar",
    "tinggi",
}


@dataclass
class Perubahan:
    label: str
    lama: str
    baru: str


@dataclass
class Entri:
    waktu: datetime
    oleh: str
    jenis: str  # "+" created, "~" changed, "-" deleted
    objek: str  # what the entry is about ("Data usaha", "Produk: Keripik", ...)
    alasan: str
    perubahan: list[Perubahan] = field(default_factory=list)

    @property
    def judul(self) -> str:
        return {"+": _("dibuat"), "~": _("diubah"), "-": _("dihapus")}.get(self.jenis, self.jenis)


def _fields(model) -> list:
    return [f for f in model._meta.fields if f.name not in TIDAK_DITAMPILKAN and f.name != "ukm"]


def _tampil(f, value, names: dict) -> str:
    if value in (None, ""):
        return "—"
    if f.name == "pemilik_nik":
        return samarkan_nik(value)
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if f.is_relation:
        return names.get((f.related_model, value), f"#{value}")
    if f.name == "gambar":
        return value.rsplit("/", 1)[-1]
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if f.name in ("modal_usaha", "hasil_penjualan_tahunan", "harga"):
        return "Rp" + f"{int(value):,}".replace(",", ".")
    if isinstance(value, datetime):
        # Stored in UTC; shown in WIB like the entry's own time above it.
        return (timezone.localtime(value) if timezone.is_aware(value) else value).strftime("%d-%m-%Y %H:%M")
    if hasattr(value, "strftime"):
        return value.strftime("%d-%m-%Y")
    return str(value)[:200]


def _entri(records: list, model, objek_fn, names: dict) -> list[Entri]:
    """Entries of one model's history; ``records`` newest first, grouped per object."""
    fields = _fields(model)
    previous: dict[int, object] = {}
    out = []
    for record in reversed(records):  # oldest first, to diff each against its predecessor
        old = previous.get(record.id)
        changes = []
        if record.history_type != "-":
            for f in fields:
                new_value = getattr(record, f.attname)
                old_value = getattr(old, f.attname) if old is not None else None
                if old is None and new_value in (None, "", False) and record.history_type == "+":
                    continue
                if old is None or old_value != new_value:
                    changes.append(
                        Perubahan(
                            str(f.verbose_name),
                            _tampil(f, old_value, names) if old else "—",
                            _tampil(f, new_value, names),
                        )
                    )
        previous[record.id] = record
        if record.history_type == "~" and not changes:
            continue
        user = record.history_user
        out.append(
            Entri(
                waktu=record.history_date,
                oleh=(user.nama or user.email) if user else _("sistem"),
                jenis=record.history_type,
                objek=objek_fn(record),
                alasan=record.history_change_reason or "",
                perubahan=changes,
            )
        )
    return out


def riwayat_ukm(ukm: Ukm, *, limit: int | None = None) -> list[Entri]:
    """Every recorded change of the business, its products and its assistance, newest first."""
    ukm_records = list(ukm.history.select_related("history_user").order_by("-history_date", "-history_id"))
    produk_records = list(
        Produk.history.filter(ukm_id=ukm.pk).select_related("history_user").order_by("-history_date", "-history_id")
    )
    pendampingan_records = list(
        Pendampingan.history.filter(ukm_id=ukm.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    produk_ids = {r.id for r in produk_records}
    foto_records = list(
        FotoProduk.history.filter(produk_id__in=produk_ids)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    produk_nama = {r.id: r.nama for r in reversed(produk_records)}  # the latest name of each product
    kelurahan_ids = {r.kelurahan_id for r in ukm_records if r.kelurahan_id}
    user_ids = {getattr(r, name) for r in ukm_records for name in ("pemilik_id", "verified_by_id") if getattr(r, name)}
    names = {(Kelurahan, pk): k.nama for pk, k in Kelurahan.objects.in_bulk(kelurahan_ids).items()}
    User = get_user_model()
    names.update({(User, pk): (u.nama or u.email) for pk, u in User.objects.in_bulk(user_ids).items()})
    entries = (
        _entri(ukm_records, Ukm, lambda r: _("Data usaha"), names)
        + _entri(produk_records, Produk, lambda r: _("Produk: %(nama)s") % {"nama": r.nama}, names)
        + _entri(
            foto_records,
            FotoProduk,
            lambda r: _("Foto produk: %(nama)s") % {"nama": produk_nama.get(r.produk_id, "")},
            names,
        )
        + _entri(
            pendampingan_records,
            Pendampingan,
            lambda r: _("Pendampingan %(tanggal)s") % {"tanggal": r.tanggal.strftime("%d-%m-%Y")},
            names,
        )
    )
    entries.sort(key=lambda e: e.waktu, reverse=True)
    return entries[:limit] if limit else entries
