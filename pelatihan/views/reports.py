"""The CSV of volunteer-hour reports, shared by a post's report and the province's."""

from django.utils import timezone
from django.utils.translation import gettext as _

from pelatihan import selectors
from posyantek.export import ekspor_response

PER_CHOICES = ("relawan", "pos", "bulan", "jenis", "aktivitas")


def _jam(value) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value is not None else "0"


def laporan_csv_response(request, *, dari, sampai, pos=None):
    """``?per=relawan|pos|bulan|jenis|aktivitas``: one summary per file, or every confirmed entry.
    No phone numbers or e-mail addresses (exports never carry them)."""
    per = request.GET.get("per", "relawan")
    if per not in PER_CHOICES:
        per = "relawan"
    prefix = f"jam-relawan-{pos.slug if pos else 'provinsi'}-{per}-{dari:%Y%m%d}-{sampai:%Y%m%d}"
    if per == "aktivitas":
        rows = [
            [
                a.tanggal.isoformat(),
                a.relawan.user.nama or a.relawan.user.email.split("@")[0],
                a.pos.nama,
                a.get_jenis_display(),
                _jam(a.jam),
                a.jadwal.nama if a.jadwal else "",
                a.ukm_nama,
                timezone.localtime(a.dikonfirmasi_at).strftime("%Y-%m-%d") if a.dikonfirmasi_at else "",
            ]
            for a in selectors.aktivitas_list_laporan(dari=dari, sampai=sampai, pos=pos)
        ]
        header = [
            _("Tanggal"),
            _("Relawan"),
            _("Pos"),
            _("Jenis kegiatan"),
            _("Jam"),
            _("Sesi"),
            _("UKM"),
            _("Dikonfirmasi"),
        ]
        return ekspor_response(request, prefix, header, rows)
    laporan = selectors.laporan_jam(dari=dari, sampai=sampai, pos=pos)
    if per == "pos":
        header = [_("Pos"), _("Kota"), _("Jam dikonfirmasi"), _("Kegiatan"), _("Relawan")]
        rows = [[r["nama"], r["kota"], _jam(r["jam"]), r["kegiatan"], r["relawan_count"]] for r in laporan["per_pos"]]
    elif per == "bulan":
        header = [_("Bulan"), _("Jam dikonfirmasi"), _("Kegiatan"), _("Relawan")]
        rows = [
            [f"{r['bulan']:%Y-%m}", _jam(r["jam"]), r["kegiatan"], r["relawan_count"]] for r in laporan["per_bulan"]
        ]
    elif per == "jenis":
        header = [_("Jenis kegiatan"), _("Jam dikonfirmasi"), _("Kegiatan")]
        rows = [[str(r["label"]), _jam(r["jam"]), r["kegiatan"]] for r in laporan["per_jenis"]]
    else:
        header = [_("Relawan"), _("Jam dikonfirmasi"), _("Kegiatan"), _("Jumlah pos")]
        rows = [
            [r["nama"] or r["email"].split("@")[0], _jam(r["jam"]), r["kegiatan"], r["pos_count"]]
            for r in laporan["per_relawan"]
        ]
    return ekspor_response(request, prefix, header, rows)
