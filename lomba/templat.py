"""The default stages and criteria a new competition starts from.

The official weights of the Lomba Posyantek are not published by Kemendesa PDTT, so these are the
portal's own sensible defaults, and every page that uses them says so. Each stage looks at the same
five aspects of a post from its own angle: the documents (with the profile video), the visit to the
post, and the presentation to the jury. The committee may change everything while the competition is
a draft.
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

KRITERIA = {
    "kelembagaan": (
        _("Kelembagaan"),
        _(
            "SK pembentukan, Surat Keterangan Terdaftar, pengurus lengkap (ketua, sekretaris, bendahara, "
            "seksi pengembangan, seksi pelayanan), sekretariat tetap."
        ),
    ),
    "pelayanan": (
        _("Pelayanan"),
        _("Layanan teknis, informasi, promosi, dan orientasi TTG yang tercatat; UKM yang dilayani."),
    ),
    "inovasi": (
        _("Inovasi dan TTG"),
        _("TTG yang dikembangkan atau diterapkan: kebaruan, kegunaan, kemudahan ditiru."),
    ),
    "kemitraan": (
        _("Kemitraan"),
        _("Kerja sama dengan inovator, pemasok, perguruan tinggi, dunia usaha, dan Relawan TIK."),
    ),
    "dampak": (
        _("Dampak ekonomi UKM"),
        _("Perubahan produksi, omzet, dan kelas usaha UKM yang didampingi."),
    ),
}

# (stage name, stage weight, {criterion key: weight}); weights in percent, each level adds up to 100.
TAHAP = [
    (
        _("Administrasi dan dokumen"),
        Decimal(30),
        _("Dokumen, data pendukung, dan video profil."),
        {
            "kelembagaan": Decimal(30),
            "pelayanan": Decimal(20),
            "inovasi": Decimal(20),
            "kemitraan": Decimal(15),
            "dampak": Decimal(15),
        },
    ),
    (
        _("Verifikasi lapangan"),
        Decimal(30),
        _("Kunjungan juri ke sekretariat dan UKM binaan."),
        {
            "kelembagaan": Decimal(20),
            "pelayanan": Decimal(25),
            "inovasi": Decimal(20),
            "kemitraan": Decimal(15),
            "dampak": Decimal(20),
        },
    ),
    (
        _("Paparan"),
        Decimal(40),
        _("Presentasi pengurus di hadapan dewan juri."),
        {
            "kelembagaan": Decimal(15),
            "pelayanan": Decimal(20),
            "inovasi": Decimal(30),
            "kemitraan": Decimal(15),
            "dampak": Decimal(20),
        },
    ),
]

SKALA_MIN = Decimal(0)
SKALA_MAKS = Decimal(100)

# The default tie-break: the Paparan stage, then its "Inovasi dan TTG" criterion.
SERI_TAHAP_INDEX = 2
SERI_KRITERIA_KUNCI = "inovasi"
