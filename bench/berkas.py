"""The exports-and-imports section of ``make bench`` (#11): the province UKM export as CSV and XLSX, and
a 5,000-row registry import (preview, commit), on each seeded database (base 30,000 UKM; national
1,000,000 with ``--scale national``).

Each measurement runs in a fresh child process (``python -m bench.berkas --child ...``) with
production settings, so the peak RSS is the export's alone: the child resets its high-water mark
(``/proc/self/clear_refs``) after Django, the log-in and a 100-row warm-up, then reads ``VmHWM``
when the export is done. Growth = peak − RSS before the export.

- Export: the real view (``/kelola/provinsi/ukm/ekspor.csv`` and ``.xlsx``) through
  ``django.test.Client`` as the bench admin, the whole body read. The background threshold is lifted
  (``EKSPOR_LATAR_MIN_BARIS``) so the direct, streamed download is measured; the background job
  writes its file with the same writer. First byte = time until the first body chunk (CSV: the BOM
  and header, sent before the rows' query has finished; XLSX: the file is built before the first
  byte — a zip is written whole). Targets at 1,000,000 rows: CSV ≥ 50,000 rows/s, XLSX ≥ 10,000
  rows/s, RSS growth ≤ 100 MB, first byte ≤ 1 s.
- Import: a 5,000-row CSV for the bench operator's post (Gambir), 4,000 new businesses and 1,000
  updates by NIB, through ``ukm.services.impor_pratinjau`` and ``impor_terapkan`` (the commit's work, as
  the background task runs it), inside a transaction rolled back at the end so the database is
  unchanged. Target ≤ 10 s each.

Alone: ``python -m bench.berkas --db postgres://.../posyantek_bench`` prints the Markdown section.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CSV_ROWS_S = 50_000
XLSX_ROWS_S = 10_000
RSS_MB = 100
FIRST_BYTE_S = 1.0
IMPOR_S = 10.0
IMPOR_BARIS = 5_000
ADMIN = "bench.admin@skala.posyantek.test"
OPERATOR = "bench.operator@skala.posyantek.test"


def _status(key: str) -> int:
    """A ``/proc/self/status`` figure in KB (VmRSS, VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def _reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS (Linux ≥ 4.0)


# -- in the child -----------------------------------------------------------------------------


def _child_ekspor(fmt: str) -> dict:
    from django.test import Client
    from django.urls import reverse

    from posyantek.models import User
    from ukm import selectors

    rows = selectors.ukm_list_ekspor(pos=None, params={}).count()
    client = Client(HTTP_HOST="127.0.0.1")  # the bench settings allow this host only
    client.force_login(User.objects.get(email=ADMIN))
    url = reverse("ukm:provinsi-ekspor", kwargs={"fmt": fmt})
    warm = client.get(url, {"q": "tidak-ada-usaha-bernama-ini"})  # an empty export: code paths loaded
    b"".join(warm.streaming_content)
    _reset_peak()
    rss_before = _status("VmRSS")
    started, cpu = time.perf_counter(), time.process_time()
    response = client.get(url)
    assert response.status_code == 200 and response.streaming, response.status_code
    first = None
    size = 0
    for chunk in response.streaming_content:
        if first is None:
            first = time.perf_counter() - started
        size += len(chunk)
    total, cpu = time.perf_counter() - started, time.process_time() - cpu
    response.close()
    return {
        "fmt": fmt,
        "rows": rows,
        "seconds": total,
        "rows_s": rows / total if total else 0.0,
        "rows_cpu_s": rows / cpu if cpu else 0.0,
        "first_byte_s": first or total,
        "bytes": size,
        "rss_before_mb": rss_before / 1024,
        "rss_growth_mb": (_status("VmHWM") - rss_before) / 1024,
    }


def berkas_impor_bench(*, pos, jumlah: int = IMPOR_BARIS, perbarui: int = 1_000):
    """A CSV of ``jumlah`` rows for ``pos``: ``perbarui`` of them update registered businesses by NIB
    (as many as the post has with a NIB), the rest are new, spread over the post's kelurahan."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from posyantek.models import Kelurahan
    from ukm.models import Ukm

    kelurahan = list(Kelurahan.objects.filter(kecamatan_id=pos.kecamatan_id).values_list("nama", flat=True))
    nibs = list(Ukm.objects.for_pos(pos).exclude(nib="").order_by("pk").values_list("nib", flat=True)[:perbarui])
    lines = ["No;Nama Usaha;Nama Pemilik;NIK;No. HP;Kelurahan;Alamat;Jenis Usaha;NIB;Omzet per Tahun;Tahap"]
    for i in range(jumlah):
        nib = nibs[i] if i < len(nibs) else f"98{i:011d}"
        lines.append(
            f"{i + 1};Usaha Bench Impor {i};Pemilik Bench {i};317101000000{i % 10_000:04d};0812{i:08d};"
            f"{kelurahan[i % len(kelurahan)]};Jl. Bench {i};Makanan ringan;{nib};Rp {150 + i % 500}.000.000;P2"
        )
    return SimpleUploadedFile("bench-impor.csv", "\r\n".join(lines).encode(), content_type="text/csv")


def _child_impor() -> dict:
    from django.db import transaction

    from posyantek.models import OperatorPos, User
    from ukm import services

    operator = User.objects.get(email=OPERATOR)
    pos = OperatorPos.objects.filter(user=operator).select_related("pos").first().pos
    upload = berkas_impor_bench(pos=pos)
    with transaction.atomic():
        started = time.perf_counter()
        batch = services.impor_pratinjau(upload=upload, oleh=operator, pos=pos)
        preview_s = time.perf_counter() - started
        assert batch.jumlah_galat == 0, [r["galat"] for r in batch.rows if r["galat"]][:3]
        started = time.perf_counter()
        batch = services.impor_terapkan(batch=batch, oleh=operator)
        commit_s = time.perf_counter() - started
        baru, perbarui = batch.jumlah_baru, batch.jumlah_perbarui
        transaction.set_rollback(True)  # the benchmark database stays as seeded
    return {"rows": baru + perbarui, "baru": baru, "perbarui": perbarui, "preview_s": preview_s, "commit_s": commit_s}


def child_main(what: str) -> None:
    import django

    django.setup()
    from django.utils import translation

    translation.activate("id")
    result = _child_impor() if what == "impor" else _child_ekspor(what)
    print("BENCH-BERKAS " + json.dumps(result))


# -- in the runner ----------------------------------------------------------------------------


def _run_child(env: dict, what: str) -> dict:
    env = {**env, "EKSPOR_LATAR_MIN_BARIS": str(10**9)}
    done = subprocess.run(
        [sys.executable, "-m", "bench.berkas", "--child", what], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(f"bench.berkas --child {what} failed:\n{done.stderr[-3000:]}")
    out = done.stdout
    line = next(line for line in out.splitlines() if line.startswith("BENCH-BERKAS "))
    return json.loads(line.removeprefix("BENCH-BERKAS "))


def measure(scales: dict[str, dict], say=print) -> dict:
    """``scales``: scale name → the child's environment (its ``DATABASE_URL``)."""
    result = {"scales": {}, "failures": []}
    for scale, env in scales.items():
        per = {}
        for what in ("csv", "xlsx", "impor"):
            say(f"berkas ({scale}): {what}")
            per[what] = _run_child(env, what)
        result["scales"][scale] = per
    result["failures"] = judge(result)
    return result


def judge(result: dict) -> list[str]:
    failures = []
    for scale, per in result["scales"].items():
        for fmt, floor in (("csv", CSV_ROWS_S), ("xlsx", XLSX_ROWS_S)):
            r = per[fmt]
            if scale == "national" and r["rows_s"] < floor:
                failures.append(f"export {fmt} ({scale}): {r['rows_s']:,.0f} rows/s < {floor:,}")
            if r["rss_growth_mb"] > RSS_MB:
                failures.append(f"export {fmt} ({scale}): RSS growth {r['rss_growth_mb']:.0f} MB > {RSS_MB}")
        if per["csv"]["first_byte_s"] > FIRST_BYTE_S:
            failures.append(f"export csv ({scale}): first byte {per['csv']['first_byte_s']:.2f} s > {FIRST_BYTE_S}")
        for step in ("preview_s", "commit_s"):
            if per["impor"][step] > IMPOR_S:
                failures.append(f"import {step[:-2]} ({scale}): {per['impor'][step]:.1f} s > {IMPOR_S:.0f} s")
    return failures


def report_lines(result: dict) -> list[str]:
    lines = [
        "## Exports and imports",
        "",
        "The province UKM export through the real view (streamed; the background job writes the same "
        "way into its file) and a 5,000-row import of the bench operator's post (4,000 new, 1,000 "
        "updates by NIB; rolled back). Each in a fresh process: RSS growth = peak − RSS before the "
        f"export. Targets: CSV ≥ {CSV_ROWS_S:,} rows/s and XLSX ≥ {XLSX_ROWS_S:,} rows/s at 1,000,000 rows "
        f"(reported, not judged, at 30,000), RSS growth ≤ {RSS_MB} MB, CSV first byte ≤ {FIRST_BYTE_S:g} s, "
        f"import preview and commit ≤ {IMPOR_S:g} s each. XLSX's first byte comes once the file is "
        "built (a zip is written whole): reported, not judged. Rows per CPU-s: rows / CPU time (user + "
        "system) of the process writing the export — what one idle core would give when the machine is "
        "shared (the load average above); the database's own work runs in its backend beside it.",
        "",
        "| scale | export | rows | seconds | rows/s | rows per CPU-s | first byte s | size MB | RSS before MB "
        "| RSS growth MB |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for scale, per in result["scales"].items():
        for fmt in ("csv", "xlsx"):
            r = per[fmt]
            lines.append(
                f"| {scale} | {fmt} | {r['rows']:,} | {r['seconds']:.1f} | {r['rows_s']:,.0f} | "
                f"{r['rows_cpu_s']:,.0f} | "
                f"{r['first_byte_s']:.3f} | {r['bytes'] / 1e6:,.1f} | {r['rss_before_mb']:.0f} | "
                f"{r['rss_growth_mb']:.1f} |"
            )
    lines += ["", "| scale | import rows | new | updated | preview s | commit s |", "|---|---:|---:|---:|---:|---:|"]
    for scale, per in result["scales"].items():
        r = per["impor"]
        lines.append(
            f"| {scale} | {r['rows']:,} | {r['baru']:,} | {r['perbarui']:,} | {r['preview_s']:.2f} | "
            f"{r['commit_s']:.2f} |"
        )
    lines += [""]
    if result["failures"]:
        lines += ["Missed:", ""] + [f"- {f}" for f in result["failures"]] + [""]
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", choices=["csv", "xlsx", "impor"], help=argparse.SUPPRESS)
    parser.add_argument("--db", action="append", default=[], help="scale=URL or URL (base); repeatable")
    args = parser.parse_args(argv)
    if args.child:
        child_main(args.child)
        return 0
    from bench.run import django_env

    scales = {}
    for item in args.db or [os.environ.get("BENCH_DATABASE_URL", "")]:
        scale, _sep, url = item.rpartition("=") if "=" in item.split("://")[0] else ("", "", item)
        scales[scale or ("base" if not scales else "national")] = django_env(url)
    result = measure(scales)
    print("\n".join(report_lines(result)))
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
