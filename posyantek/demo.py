"""Demo data of the foundation, and the context every app's ``demo.seed(ctx)`` receives.

Each app contributes its demo content in ``<app>/demo.py`` with a ``seed(ctx: DemoContext)``
function that builds everything through its services and is safe to run twice.
"""

import random
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from posyantek import services
from posyantek.models import Pos, User

DEMO_DOMAIN = "posyantek.test"
DEMO_MARK = "[DEMO]"


@dataclass
class DemoContext:
    password: str
    stdout: object
    rng: random.Random = field(default_factory=lambda: random.Random(20261128))
    today: date = field(default_factory=lambda: timezone.localdate())
    users: dict[str, User] = field(default_factory=dict)

    def say(self, text: str) -> None:
        self.stdout.write(text)


PROFIL_POS = {
    "alamat": "Kantor Kecamatan {kec}, Jakarta",
    "jam_layanan": "Senin–Jumat 08.00–16.00 WIB",
    "layanan": (
        "Konsultasi pemilihan teknologi tepat guna\n"
        "Demonstrasi alat TTG\n"
        "Pelatihan e-literasi dan pemasaran daring\n"
        "Pendampingan perizinan (NIB) dan pemasaran"
    ),
}


def seed(ctx: DemoContext) -> None:
    admin = services.pengguna_create(
        email=f"admin@{DEMO_DOMAIN}", nama="Admin Provinsi (demo)", password=ctx.password, is_admin_provinsi=True
    )
    ctx.users["admin"] = admin
    for pos in Pos.objects.with_wilayah():
        user = services.pengguna_create(
            email=f"operator.{pos.slug}@{DEMO_DOMAIN}", nama=f"Operator {pos.kecamatan.nama} (demo)", password=ctx.password
        )
        services.operator_assign(pos=pos, user=user, oleh=admin)
        if not pos.alamat:
            services.pos_profile_update(
                pos=pos,
                oleh=admin,
                data={
                    "alamat": PROFIL_POS["alamat"].format(kec=pos.kecamatan.nama),
                    "jam_layanan": PROFIL_POS["jam_layanan"],
                    "layanan": PROFIL_POS["layanan"],
                    "deskripsi": f"{DEMO_MARK} Pos Pelayanan Teknologi Kecamatan {pos.kecamatan.nama}: "
                    "layanan teknis, informasi, promosi, dan orientasi TTG bagi UKM.",
                    "email": f"pos.{pos.slug}@{DEMO_DOMAIN}",
                },
            )
        ctx.users[f"operator.{pos.slug}"] = user
    ctx.users["juri1"] = services.pengguna_create(
        email=f"juri1@{DEMO_DOMAIN}", nama="Juri Satu (demo)", password=ctx.password, is_juri=True
    )
    ctx.users["ukm1"] = services.pengguna_create(
        email=f"ukm1@{DEMO_DOMAIN}", nama="Siti Pemilik UKM (demo)", password=ctx.password, is_pemilik_ukm=True
    )
    ctx.users["relawan1"] = services.pengguna_create(
        email=f"relawan1@{DEMO_DOMAIN}", nama="Rudi Relawan (demo)", password=ctx.password
    )
