"""Factories of the catalogue. Technologies are built through the service, so their search
document is filled exactly as in production."""

from datetime import timedelta

from django.utils import timezone

from teknologi import services
from teknologi.models import StatusTeknologi, Teknologi
from tests.factories import UserFactory


def teknologi(
    nama: str = "Alat Pemeras Santan",
    *,
    status: str = StatusTeknologi.TERBIT,
    oleh=None,
    pos=None,
    **data,
) -> Teknologi:
    oleh = oleh or UserFactory(email="kurator@posyantek.test", is_admin_provinsi=True)
    fields = {
        "nama": nama,
        "bidang": "pangan",
        "ringkasan": f"Ringkasan {nama}.",
        "deskripsi": f"Deskripsi {nama}.",
        **data,
    }
    t = services.teknologi_simpan(data=fields, oleh=oleh, pos=pos)
    if status != StatusTeknologi.DRAFT:
        Teknologi.objects.filter(pk=t.pk).update(status=status)
        t.refresh_from_db()
    return t


def panduan(t: Teknologi, *, langkah: int = 3, perawatan: int = 2, masalah: int = 2):
    return services.panduan_simpan(
        teknologi=t,
        data={
            "pengantar": "Untuk pemilik usaha.",
            "keselamatan": "Cabut steker sebelum membersihkan.\nPakai sarung tangan.",
        },
        langkah=[{"teks": f"Langkah nomor {i}."} for i in range(1, langkah + 1)],
        perawatan=[{"frekuensi": "harian", "kegiatan": f"Perawatan {i}"} for i in range(1, perawatan + 1)],
        masalah=[
            {"masalah": f"Masalah {i}", "penyebab": f"Penyebab {i}", "solusi": f"Solusi {i}"}
            for i in range(1, masalah + 1)
        ],
    )


def kampanye(t: Teknologi, pos, *, target: int = 10, maksimum: int | None = None, hari: int = 7, oleh=None, **extra):
    oleh = oleh or UserFactory(email="kurator@posyantek.test", is_admin_provinsi=True)
    return services.kampanye_buat(
        pos=pos,
        oleh=oleh,
        data={
            "teknologi": t,
            "judul": extra.pop("judul", f"Urun beli {t.nama}"),
            "harga_satuan": extra.pop("harga_satuan", 2_500_000),
            "target_jumlah": target,
            "maksimum_jumlah": maksimum,
            "batas_waktu": timezone.now() + timedelta(days=hari),
            **extra,
        },
    )


def pemilik(n: int = 1):
    return UserFactory(email=f"pemilik{n}@contoh.test", is_pemilik_ukm=True, nama=f"Pemilik {n}")
