"""Reading a generated PDF back as its reader would: page size, text, fonts, QR code, first page as PNG.

Uses Debian's poppler-utils (pdfinfo, pdftotext, pdffonts, pdftoppm) and zbar-tools (zbarimg), which
`.ci/run` installs: independent programs, so a test cannot pass on our own reading of our output.
"""

import re
import subprocess
import tempfile
from pathlib import Path

# Page sizes in PostScript points (1/72 inch), portrait (width, height).
A4 = (595.28, 841.89)
A3 = (841.89, 1190.55)


def _run(*args: str, masukan: bytes | None = None) -> str:
    result = subprocess.run(args, input=masukan, capture_output=True, check=True)
    return result.stdout.decode("utf-8", "replace")


def _berkas(pdf: bytes, folder: str) -> str:
    path = Path(folder) / "dok.pdf"
    path.write_bytes(pdf)
    return str(path)


def ukuran_halaman(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) in points of every page."""
    with tempfile.TemporaryDirectory() as folder:
        info = _run("pdfinfo", "-f", "1", "-l", "999", _berkas(pdf, folder))
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]


def sama_ukuran(ukuran: tuple[float, float], kertas: tuple[float, float]) -> bool:
    """True when a page is ``kertas`` in either orientation (within a point)."""
    return any(abs(ukuran[0] - w) < 1 and abs(ukuran[1] - h) < 1 for w, h in (kertas, kertas[::-1]))


def teks(pdf: bytes) -> str:
    """The text of the document with whitespace collapsed (words wrapped across lines join up)."""
    with tempfile.TemporaryDirectory() as folder:
        raw = _run("pdftotext", "-enc", "UTF-8", _berkas(pdf, folder), "-")
    return " ".join(raw.split())


def font_tertanam(pdf: bytes) -> list[tuple[str, bool]]:
    """(font name, embedded?) of every font the document uses."""
    with tempfile.TemporaryDirectory() as folder:
        out = _run("pdffonts", _berkas(pdf, folder))
    rows = []
    for line in out.splitlines()[2:]:
        cols = line.split()
        # name type [encoding...] emb sub uni object ID: the three yes/no columns end the line before "obj gen".
        flags = [c for c in cols if c in ("yes", "no")]
        if len(flags) >= 3:
            rows.append((cols[0], flags[-3] == "yes"))
    return rows


def png_halaman_pertama(pdf: bytes, tujuan: Path, *, dpi: int = 100) -> Path:
    """The first page rendered to PNG at ``tujuan`` (to look at, and to read QR codes from)."""
    with tempfile.TemporaryDirectory() as folder:
        _run("pdftoppm", "-r", str(dpi), "-png", "-f", "1", "-l", "1", "-singlefile", _berkas(pdf, folder), str(tujuan))
    return tujuan.with_suffix(".png")


def qr_isi(pdf: bytes) -> list[str]:
    """What the QR codes on the first page say, read by zbarimg off a 200 dpi rendering."""
    with tempfile.TemporaryDirectory() as folder:
        png = png_halaman_pertama(pdf, Path(folder) / "hal", dpi=200)
        out = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True)
    return [line for line in out.stdout.decode().splitlines() if line]
