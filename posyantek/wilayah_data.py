"""Loads the reference wilayah of DKI Jakarta and one post per kecamatan.

Used by the data migration and by tests that flush the database. Idempotent: rows are matched by
their Kemendagri code and updated in place, so running it twice changes nothing.
"""

import csv
from pathlib import Path

from django.utils.text import slugify

CSV_PATH = Path(__file__).resolve().parent / "data" / "wilayah_dki.csv"

PROVINSI = {"kode": "31", "nama": "Daerah Khusus Jakarta", "nama_lama": "Daerah Khusus Ibukota Jakarta"}

# Spelling variants people and other datasets write (shared/data/README.md). Spacing-only variants
# ("Rawa Badak"/"Rawabadak") need no entry: normalisasi_nama() already ignores spaces.
ALIAS_KECAMATAN = {
    "31.73.07": ["Palmerah"],
    "31.74.02": ["Setia Budi"],
    "31.75.02": ["Pulo Gadung"],
    "31.75.04": ["Kramat Jati"],
    "31.73.06": ["Kali Deres"],
}
ALIAS_KELURAHAN = {
    "Harapan Mulia": ["Harapan Mulya"],
    "Halim Perdana Kusuma": ["Halim Perdana Kusumah"],
    "Palmeriam": ["Pal Meriem", "Pal Meriam"],
    "Papanggo": ["Papango"],
    "Tanjung Priok": ["Tanjung Priuk"],
    "Tengah": ["Kampung Tengah"],
    "Wijaya Kusuma": ["Wijaya Kesuma"],
    "Rawa Badak Utara": ["Rawabadak Utara"],
    "Rawa Badak Selatan": ["Rawabadak Selatan"],
    "Kali Anyar": ["Kalianyar"],
}


def _nama_pendek_kota(nama: str) -> str:
    for prefix in ("Kabupaten Administrasi ", "Kota Administrasi "):
        if nama.startswith(prefix):
            return nama[len(prefix) :]
    return nama


def read_rows() -> list[dict]:
    with CSV_PATH.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _kunci(nama: str, alias: list[str]) -> list[str]:
    from posyantek.models.wilayah import normalisasi_nama

    keys = []
    for name in [nama, *alias]:
        key = normalisasi_nama(name)
        if key not in keys:
            keys.append(key)
    return keys


def muat_wilayah(Provinsi, Kota, Kecamatan, Kelurahan, Pos) -> dict[str, int]:
    """Create or update every wilayah row and one post per kecamatan. Returns counts."""
    provinsi, _ = Provinsi.objects.update_or_create(
        kode=PROVINSI["kode"], defaults={"nama": PROVINSI["nama"], "nama_lama": PROVINSI["nama_lama"]}
    )
    kota_by_kode, kec_by_kode = {}, {}
    rows = read_rows()
    for row in rows:
        kk = row["kota_kode"]
        if kk not in kota_by_kode:
            pendek = _nama_pendek_kota(row["kota"])
            kota_by_kode[kk], _ = Kota.objects.update_or_create(
                kode=kk,
                defaults={"provinsi": provinsi, "nama": row["kota"], "nama_pendek": pendek, "slug": slugify(pendek)},
            )
        kc = row["kecamatan_kode"]
        if kc not in kec_by_kode:
            alias = ALIAS_KECAMATAN.get(kc, [])
            kec, _ = Kecamatan.objects.update_or_create(
                kode=kc,
                defaults={
                    "kota": kota_by_kode[kk],
                    "nama": row["kecamatan"],
                    "slug": slugify(row["kecamatan"]),
                    "alias": alias,
                    "kunci": _kunci(row["kecamatan"], alias),
                },
            )
            kec_by_kode[kc] = kec
            Pos.objects.update_or_create(
                kecamatan=kec,
                defaults={"nama": f"Posyantek Kecamatan {kec.nama}", "slug": kec.slug},
            )
        alias = ALIAS_KELURAHAN.get(row["kelurahan"], [])
        Kelurahan.objects.update_or_create(
            kode=row["kelurahan_kode"],
            defaults={
                "kecamatan": kec_by_kode[kc],
                "nama": row["kelurahan"],
                "slug": slugify(row["kelurahan"]),
                "kode_pos": row["kode_pos"],
                "alias": alias,
                "kunci": _kunci(row["kelurahan"], alias),
            },
        )
    return {"kota": len(kota_by_kode), "kecamatan": len(kec_by_kode), "kelurahan": len(rows)}


def wilayah_lengkap() -> bool:
    """True when the database holds exactly the CSV's kelurahan (code, name, postcode, kecamatan and
    kota) and one post per kecamatan: a count alone would call 267 wrong rows complete."""
    from posyantek.models import Kelurahan, Pos

    expected = {
        (r["kelurahan_kode"], r["kelurahan"], r["kode_pos"], r["kecamatan_kode"], r["kecamatan"], r["kota_kode"])
        for r in read_rows()
    }
    actual = set(
        Kelurahan.objects.values_list(
            "kode", "nama", "kode_pos", "kecamatan__kode", "kecamatan__nama", "kecamatan__kota__kode"
        )
    )
    kecamatan = {r[3] for r in expected}
    posts = set(Pos.objects.values_list("kecamatan__kode", flat=True))
    return actual == expected and posts == kecamatan


def pastikan_wilayah() -> None:
    """Load the reference data unless it is already complete (tests that flush the database)."""
    from posyantek.models import Kecamatan, Kelurahan, Kota, Pos, Provinsi

    if wilayah_lengkap():
        return
    muat_wilayah(Provinsi, Kota, Kecamatan, Kelurahan, Pos)
