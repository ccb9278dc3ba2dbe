"""The uploads section of ``make bench``: the CPU an image upload may cost, worst cases first.

Runs the real gate (``posyantek.uploads.clean_image``) and the real news form (``KabarForm``) in this
process on inputs built to be as expensive as the limits allow, plus the refused ones of the
penetration test and of ``tests/hostile_files.py``. Each case runs ``--repeat`` times; the report
keeps the highest CPU time (``time.process_time``: user + system of this process) and wall time.

Targets: any single file, accepted or refused, ≤ 1 s of CPU; one request (the most files a request
may carry into the checks, each the worst accepted one) ≤ 3 s of CPU, which is its time on an idle core.

Run alone: ``python -m bench.uploads`` (prints the Markdown section); ``make bench`` includes it.
"""

from __future__ import annotations

import io
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FILE_CPU_TARGET_S = 1.0
REQUEST_TARGET_S = 3.0


@dataclass
class Case:
    name: str
    data: bytes
    filename: str
    content_type: str
    cpu_s: float = 0.0
    wall_s: float = 0.0
    outcome: str = ""


def _encode(image, fmt: str, **params) -> bytes:
    buf = io.BytesIO()
    image.save(buf, fmt, **params)
    return buf.getvalue()


def worst_cases() -> list[Case]:
    """Deterministic inputs (Pillow's noise is seeded per call from a fixed generator state)."""
    from PIL import Image

    from posyantek.uploads import IMAGE_MAX_BYTES, IMAGE_MAX_EXAMPLE, PROGRESSIVE_JPEG_MAX_BYTES
    from tests import hostile_files

    png_w, png_h = IMAGE_MAX_EXAMPLE["PNG"]
    smooth = Image.merge(
        "RGB",
        (
            Image.linear_gradient("L").resize((png_w, png_h)),
            Image.radial_gradient("L").resize((png_w, png_h)),
            Image.new("L", (png_w, png_h), 90),
        ),
    )
    jpeg_w, jpeg_h = IMAGE_MAX_EXAMPLE["JPEG"]
    noisy_jpeg = Image.effect_noise((jpeg_w, jpeg_h), 50).convert("RGB")
    webp_w, webp_h = IMAGE_MAX_EXAMPLE["WEBP"]
    noisy_webp = Image.effect_noise((webp_w, webp_h), 50).convert("RGB")
    # The largest noisy PNG under the byte cap (noise does not compress: ~2.5 bytes per pixel).
    side = int((IMAGE_MAX_BYTES / 2.6) ** 0.5)
    noisy_png = Image.effect_noise((side, side), 60).convert("RGB")
    progressive_big = _encode(noisy_jpeg, "JPEG", quality=50, progressive=True)
    # The largest progressive JPEG under its own byte cap: the same noise, cropped to fit.
    crop = noisy_jpeg
    while True:
        progressive = _encode(crop, "JPEG", quality=50, progressive=True)
        if len(progressive) <= PROGRESSIVE_JPEG_MAX_BYTES:
            break
        crop = crop.crop((0, 0, int(crop.width * 0.95), int(crop.height * 0.95)))
    cases = [
        Case(f"accepted: PNG {png_w}×{png_h} gradient (at the PNG cap)", _encode(smooth, "PNG"), "a.png", "image/png"),
        Case(f"accepted: PNG {side}×{side} noise (at the byte cap)", _encode(noisy_png, "PNG"), "b.png", "image/png"),
        Case(
            f"accepted: JPEG {crop.width}×{crop.height} noise, progressive (at the progressive byte cap)",
            progressive,
            "c.jpg",
            "image/jpeg",
        ),
        Case(
            f"accepted: JPEG {jpeg_w}×{jpeg_h} noise, baseline",
            _encode(noisy_jpeg, "JPEG", quality=50),
            "d.jpg",
            "image/jpeg",
        ),
        Case(
            f"accepted: JPEG {jpeg_w}×{jpeg_h} plain colour, progressive",
            _encode(Image.new("RGB", (jpeg_w, jpeg_h), (1, 2, 3)), "JPEG", quality=95, progressive=True),
            "e.jpg",
            "image/jpeg",
        ),
        Case(
            f"accepted: WebP {webp_w}×{webp_h} noise, quality 100 (at the WebP cap)",
            _encode(noisy_webp, "WEBP", quality=100),
            "f.webp",
            "image/webp",
        ),
        Case(
            f"accepted: WebP {webp_w}×{webp_h} noise, lossless",
            _encode(noisy_webp, "WEBP", lossless=True),
            "g.webp",
            "image/webp",
        ),
        Case(
            "refused: PNG 3200×2400 plain colour (pixels out of proportion)",
            _encode(Image.new("RGB", (3200, 2400), (10, 100, 10)), "PNG"),
            "i.png",
            "image/png",
        ),
        Case(
            f"refused: JPEG {jpeg_w}×{jpeg_h} noise, progressive, over its byte cap",
            progressive_big,
            "k.jpg",
            "image/jpeg",
        ),
        Case(
            f"refused: JPEG {crop.width}×{crop.height} progressive, cut in half",
            progressive[: len(progressive) // 2],
            "j.jpg",
            "image/jpeg",
        ),
    ]
    for name, content, content_type in hostile_files.HOSTILE_IMAGES:
        cases.append(Case(f"corpus: {name}", content, name.rsplit("/", 1)[-1], content_type))
    return [c for c in cases if len(c.data) <= IMAGE_MAX_BYTES or c.name.startswith("corpus")]


def _timed(function, repeat: int) -> tuple[float, float, str]:
    from django.core.exceptions import ValidationError

    cpu = wall = 0.0
    outcome = ""
    for _ in range(repeat):
        started_cpu, started_wall = time.process_time(), time.perf_counter()
        try:
            result = function()
            outcome = result
        except ValidationError as error:
            outcome = "refused: " + error.messages[0]
        cpu = max(cpu, time.process_time() - started_cpu)
        wall = max(wall, time.perf_counter() - started_wall)
    return cpu, wall, outcome


def measure(repeat: int = 3) -> dict:
    """Times every case through ``clean_image`` and the worst request through ``KabarForm``."""
    import datetime

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import translation
    from django.utils.datastructures import MultiValueDict

    from posyantek.forms.pos import KabarForm
    from posyantek.models import FOTO_MAKS_PER_KABAR
    from posyantek.uploads import UPLOADS_PER_REQUEST, clean_image

    translation.activate("id")
    cases = worst_cases()
    for case in cases:

        def run(case=case):
            cleaned = clean_image(SimpleUploadedFile(case.filename, case.data, case.content_type))
            return f"accepted ({len(cleaned) // 1024:,} KB stored)"

        case.cpu_s, case.wall_s, case.outcome = _timed(run, repeat)

    accepted = [c for c in cases if c.outcome.startswith("accepted")]
    worst = max(accepted, key=lambda c: c.cpu_s)

    def news_post():
        photos = [
            SimpleUploadedFile(f"{i}-{worst.filename}", worst.data, worst.content_type)
            for i in range(FOTO_MAKS_PER_KABAR)
        ]
        form = KabarForm(
            data={"judul": "Kabar uji", "tanggal": datetime.date.today().isoformat(), "isi": "Isi."},
            files=MultiValueDict({"foto": photos}),
        )
        return "accepted" if form.is_valid() else "refused: " + "; ".join(form.errors.get("foto", form.errors))

    def cap_request():
        for i in range(UPLOADS_PER_REQUEST):
            clean_image(SimpleUploadedFile(f"{i}-{worst.filename}", worst.data, worst.content_type))
        return "accepted"

    requests = []
    for label, function in (
        (f"news post with {FOTO_MAKS_PER_KABAR} × the worst accepted file (KabarForm.is_valid)", news_post),
        (f"{UPLOADS_PER_REQUEST} × the worst accepted file (the most one request may carry)", cap_request),
    ):
        cpu, wall, outcome = _timed(function, repeat)
        requests.append({"name": label, "cpu_s": cpu, "wall_s": wall, "outcome": outcome})

    failures = [
        f"upload {c.name}: {c.cpu_s:.2f} s CPU > {FILE_CPU_TARGET_S:.0f} s"
        for c in cases
        if c.cpu_s > FILE_CPU_TARGET_S
    ]
    failures += [
        f"upload request {r['name']}: {r['cpu_s']:.2f} s CPU > {REQUEST_TARGET_S:.0f} s"
        for r in requests
        if r["cpu_s"] > REQUEST_TARGET_S
    ]
    return {"cases": cases, "requests": requests, "failures": failures, "repeat": repeat, "worst": worst.name}


def report_lines(result: dict) -> list[str]:
    lines = [
        "## Uploads",
        "",
        f"`posyantek.uploads.clean_image` (the one gate of every image upload) in this process, each case "
        f"{result['repeat']} times, the highest CPU (user + system) and wall time kept. Targets: any file, "
        f"accepted or refused, ≤ {FILE_CPU_TARGET_S:.0f} s CPU; one request ≤ {REQUEST_TARGET_S:.0f} s.",
        "",
        "| case | size | CPU s | wall s | verdict | outcome |",
        "|---|---:|---:|---:|---|---|",
    ]
    for c in result["cases"]:
        verdict = "✓" if c.cpu_s <= FILE_CPU_TARGET_S else "✗"
        size = f"{len(c.data) / 1024:,.0f} KB"
        lines.append(f"| {c.name} | {size} | {c.cpu_s:.3f} | {c.wall_s:.3f} | {verdict} | {c.outcome[:110]} |")
    lines += [
        "",
        f"Requests (worst accepted file: {result['worst']}):",
        "",
        "| request | CPU s | wall s | verdict | outcome |",
        "|---|---:|---:|---|---|",
    ]
    for r in result["requests"]:
        verdict = "✓" if r["cpu_s"] <= REQUEST_TARGET_S else "✗"
        lines.append(f"| {r['name']} | {r['cpu_s']:.3f} | {r['wall_s']:.3f} | {verdict} | {r['outcome'][:110]} |")
    lines += [
        "",
        "Verdicts are on CPU time: on an idle core the wall time of one request is its CPU time; on a "
        f"shared machine (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the end) the wall "
        "time also counts the waiting for a core.",
        "",
    ]
    return lines


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "posyantek.settings")
    os.environ.setdefault("DJANGO_TESTING", "1")  # no database is touched; only settings are needed
    import django

    django.setup()
    result = measure()
    print("\n".join(report_lines(result)))
    for failure in result["failures"]:
        print(f"MISSED: {failure}")
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
