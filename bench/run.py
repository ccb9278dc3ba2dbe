"""``make bench``: seed the base size on PostgreSQL, serve it with gunicorn in production settings,
measure every page of ``bench/pages.py`` with wrk, and write a Markdown report with the targets.

Steps (each printed as it runs):
1. The database ``posyantek_bench`` (``BENCH_DATABASE_URL``): created when missing, migrated and seeded
   with ``seed_scale`` at the chosen sizes. The sizes, the scale modules' source and the migration
   files are fingerprinted into ``COMMENT ON DATABASE``; a database with the same fingerprint is reused
   as it is, any other is dropped and built again (``--reseed`` forces it).
2. ``collectstatic`` and gunicorn (gthread, 2 x cores workers) with production settings on 127.0.0.1 and
   a free port: random ``DJANGO_SECRET_KEY``, ``DJANGO_ALLOWED_HOSTS=127.0.0.1``,
   ``DJANGO_SECURE_SSL_REDIRECT=0`` (plain http on loopback), ``POSYANTEK_BENCH_VIEW=1`` (``/bench/ok``).
3. Log-ins: the runner sets a fresh random password on the bench accounts, then logs in through the
   real allauth login form over HTTP (GET the form, POST e-mail, password and CSRF token) and hands
   the session cookie to wrk. The operator is ``bench.operator@skala.posyantek.test`` (Gambir), the
   admin ``bench.admin@skala.posyantek.test`` (superuser).
4. Each page: a warm-up, then ``wrk --latency`` ``--runs`` times (round-robin over the pages so drift
   touches every page alike). Median req/s, p50, p99; errors are non-2xx/3xx answers plus socket
   errors, summed over the runs.
5. gunicorn stops; EXPLAIN (ANALYZE, BUFFERS) of the search queries; in-process server time with
   django.test.Client (p50/p95 over ``--requests`` warm requests per page, one process).
6. With ``--scale national`` the same in-process timing and EXPLAIN also run against a second database
   with 1,000,000 UKM (``posyantek_bench_national``).
7. Uploads (``bench/uploads.py``): CPU of the worst accepted and refused image uploads through the real
   gate and news form; alone: ``python -m bench.uploads``.
8. Exports and imports (``bench/berkas.py``): the province UKM export as CSV and XLSX (rows/s, first
   byte, RSS growth) and a 5,000-row import (preview, commit), on each seeded database, each in a
   fresh process; alone: ``python -m bench.berkas --db base=URL [--db national=URL]``.

Exit status 1 when a target is missed or a page is not available (``--allow-missing`` reports the
missing pages but does not fail on them).
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import logging
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages import EXPLAINS, PAGES, Page  # noqa: E402

PYTHON = sys.executable
REPORT_DIR = ROOT / "bench" / "reports"
LOG_DIR = ROOT / "var" / "bench"
BASE = {"ukm": 30_000, "teknologi": 2_000, "sesi": 500, "pendaftaran": 5_000, "relawan": 300}
NATIONAL = {**BASE, "ukm": 1_000_000}
P95_TARGET_MS = {"base": 50.0, "national": 100.0}
LOAD_AT_START = os.getloadavg()[0]
ACCOUNTS = {"operator": "bench.operator@skala.posyantek.test", "admin": "bench.admin@skala.posyantek.test"}


def say(text: str) -> None:
    print(f"[bench] {text}", flush=True)


# -- database -----------------------------------------------------------------------------------


def bench_url(name: str) -> str:
    explicit = os.environ.get("BENCH_DATABASE_URL")
    if explicit:
        base = explicit
    else:
        base = os.environ.get("DATABASE_URL", "")
        if not base.startswith(("postgres://", "postgresql://")):
            base = "postgres://postgres@127.0.0.1:5432/posyantek"
    parts = urlsplit(base)
    if explicit and name == "posyantek_bench":
        return base
    if explicit:  # the national database sits beside the explicit one
        return urlunsplit(parts._replace(path=f"{parts.path}_national"))
    return urlunsplit(parts._replace(path=f"/{name}"))


def db_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def maintenance_connection(url: str):
    import psycopg2

    conn = psycopg2.connect(urlunsplit(urlsplit(url)._replace(path="/postgres")))
    conn.autocommit = True
    return conn


def fingerprint(sizes: dict) -> str:
    digest = hashlib.sha256(json.dumps(sizes, sort_keys=True).encode())
    sources = sorted(ROOT.glob("*/scale.py")) + sorted(ROOT.glob("lomba/scale.py"))
    for path in sources + [ROOT / "posyantek/management/commands/seed_scale.py"]:
        digest.update(path.read_bytes())
    for path in sorted(ROOT.glob("**/migrations/0*.py")):
        if ".venv" not in path.parts:
            digest.update(str(path.relative_to(ROOT)).encode() + path.read_bytes())
    return f"posyantek-bench {json.dumps(sizes, sort_keys=True)} {digest.hexdigest()[:16]}"


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def ensure_database(url: str, sizes: dict, env: dict, *, reseed: bool) -> None:
    name = db_name(url)
    wanted = fingerprint(sizes)
    conn = maintenance_connection(url)
    with conn.cursor() as cur:
        cur.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name])
        row = cur.fetchone()
        if row is not None and row[0] == wanted and not reseed:
            say(f"database {name}: already seeded with {sizes} — reused")
            conn.close()
            return
        if row is not None:
            say(f"database {name}: dropping (fingerprint changed or --reseed)")
            cur.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        cur.execute(f'CREATE DATABASE "{name}"')
    db_env = {**env, "DATABASE_URL": url}
    say(f"database {name}: migrate")
    manage(db_env, "migrate", "--no-input", "-v", "0")
    manage(db_env, "createcachetable")
    say(f"database {name}: seed_scale {sizes}")
    started = time.perf_counter()
    manage(db_env, "seed_scale", "--force", *[f"--{k}={v}" for k, v in sizes.items()])
    say(f"database {name}: seeded in {time.perf_counter() - started:.0f} s")
    with conn.cursor() as cur:
        cur.execute(f'COMMENT ON DATABASE "{name}" IS %s', [wanted])
    conn.close()


# -- gunicorn and HTTP --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _request(port: int, method: str, path: str, *, cookies: dict | None = None, body: dict | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    data = None
    if body is not None:
        data = urlencode(body)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=data, headers=headers)
    response = conn.getresponse()
    content = response.read()
    set_cookies = {}
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            set_cookies[name.strip()] = rest.split(";", 1)[0]
    conn.close()
    return response.status, content, set_cookies


@dataclass
class Server:
    port: int
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


def start_gunicorn(env: dict, *, workers: int, threads: int) -> Server:
    port = free_port()
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log = LOG_DIR / "gunicorn.log"
    gunicorn = str(Path(PYTHON).with_name("gunicorn"))
    cmd = [
        gunicorn,
        "posyantek.wsgi",
        "--worker-class",
        "gthread",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--bind",
        f"127.0.0.1:{port}",
        "--error-logfile",
        str(log),
    ]
    say(f"gunicorn: {' '.join(cmd[1:])}")
    with open(log, "wb") as out:  # this run's log only (one JSON line per request)
        process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(port, process, log)
    deadline = time.time() + 60
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start; see {log}")
        try:
            status, _body, _c = _request(port, "GET", "/healthz")
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    server.stop()
    raise SystemExit(f"gunicorn did not answer /healthz within 60 s; see {log}")


def login(port: int, email: str, password: str) -> dict:
    """Logs in through the real allauth form and returns the cookies (sessionid, csrftoken)."""
    status, body, cookies = _request(port, "GET", "/akun/login/")
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if status != 200 or not match:
        raise SystemExit(f"login form not available (HTTP {status})")
    status, _body, new = _request(
        port,
        "POST",
        "/akun/login/",
        cookies=cookies,
        body={"login": email, "password": password, "csrfmiddlewaretoken": match.group(1).decode()},
    )
    cookies.update(new)
    if status != 302 or "sessionid" not in cookies:
        raise SystemExit(f"login as {email} failed (HTTP {status})")
    return cookies


# -- wrk --------------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def to_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(text)
    return float(match.group(1)) * UNITS[match.group(2)]


@dataclass
class WrkResult:
    rps: float
    p50: float
    p99: float
    errors: int
    requests: int
    cpu_ms: float | None = None  # server CPU (gunicorn + its PostgreSQL backends) per request


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of a process (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


def server_pids(gunicorn_pid: int) -> list[int]:
    """gunicorn's master and workers, and the PostgreSQL backends serving the benchmark database.

    A shared machine's load changes how many requests per second a run gets, not how much CPU a
    request costs: this is the measure to read when the load average is high.
    """
    from django.db import connection

    pids = [gunicorn_pid]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == gunicorn_pid:
                pids.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        pids += [row[0] for row in cursor.fetchall()]
    return pids


def cpu_snapshot(gunicorn_pid: int) -> dict[int, float]:
    if not Path("/proc").exists():
        return {}
    return {pid: process_cpu(pid) for pid in server_pids(gunicorn_pid)}


def parse_wrk(output: str) -> WrkResult:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    errors = 0
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non2xx:
        errors += int(non2xx.group(1))
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if sock:
        errors += sum(int(x) for x in sock.groups())
    return WrkResult(rps, p50, p99, errors, requests)


def run_wrk(port: int, path: str, cookies: dict | None, args) -> WrkResult:
    cmd = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}",
        f"--timeout={args.timeout}",
        "--latency",
    ]
    if cookies:
        cmd += ["-H", "Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items())]
    cmd.append(f"http://127.0.0.1:{port}{path}")
    output = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


# -- results ----------------------------------------------------------------------------------


@dataclass
class PageResult:
    page: Page
    path: str | None
    status: str = "ok"  # ok | not available | error
    detail: str = ""
    runs: list[WrkResult] = field(default_factory=list)
    ratio: float | None = None
    verdict: str = ""
    timing: dict = field(default_factory=dict)  # scale -> (p50, p95)
    miss: dict = field(default_factory=dict)  # scale -> (p50, p95) with the fragment cache emptied each time

    @property
    def rps(self) -> float:
        return statistics.median(r.rps for r in self.runs)

    @property
    def p50(self) -> float:
        return statistics.median(r.p50 for r in self.runs)

    @property
    def p99(self) -> float:
        return statistics.median(r.p99 for r in self.runs)

    @property
    def errors(self) -> int:
        return sum(r.errors for r in self.runs)

    @property
    def cpu_ms(self) -> float | None:
        values = [r.cpu_ms for r in self.runs if r.cpu_ms is not None]
        return statistics.median(values) if values else None


def resolve_pages() -> list[PageResult]:
    from django.urls import Resolver404, resolve

    results = []
    for page in PAGES:
        try:
            path = page.path() if callable(page.path) else page.path
        except Exception as exc:  # a path function broken by a changed model: report, do not crash
            results.append(PageResult(page, None, "error", f"path function failed: {exc!r}"))
            continue
        if path is None:
            results.append(PageResult(page, None, "not available", "no such model or no row yet"))
            continue
        try:
            resolve(urlsplit(path).path)
        except Resolver404:
            results.append(PageResult(page, path, "not available", "URL does not resolve"))
            continue
        results.append(PageResult(page, path))
    return results


def set_bench_passwords() -> str:
    from django.contrib.auth.hashers import make_password

    from posyantek.models import User

    password = secrets.token_urlsafe(18)
    updated = User.objects.filter(email__in=ACCOUNTS.values()).update(password=make_password(password))
    if updated != len(ACCOUNTS):
        raise SystemExit("bench accounts missing: was seed_scale run on this database?")
    return password


def real_sql(qs) -> str:
    """The SQL as PostgreSQL receives it (str(qs.query) leaves the parameters unquoted)."""
    from django.db import connection

    sql, params = qs.query.sql_with_params()
    if connection.vendor != "postgresql":
        return str(qs.query)
    with connection.cursor() as cursor:
        return cursor.cursor.mogrify(sql, params).decode()


def explain_all(scale: str) -> list[dict]:
    from django.db import connection

    out = []
    for entry in EXPLAINS:
        try:
            qs = entry.queryset()
            if qs is not None:
                # What a page shows: the first 50 rows, unless the selector already sliced.
                qs = qs[:50] if qs.query.high_mark is None else qs
                sql = real_sql(qs)
                plan = qs.explain(analyze=True, buffers=True) if connection.vendor == "postgresql" else qs.explain()
        except Exception as exc:  # a changed selector signature: reported as an error, not a crash
            out.append({"name": entry.name, "scale": scale, "status": "error", "detail": repr(exc)})
            continue
        if qs is None:
            out.append(
                {"name": entry.name, "scale": scale, "status": "not available", "detail": "selector does not exist yet"}
            )
            continue
        # The search predicate itself (LIKE/ILIKE, full-text @@, trigram %) must be an index condition;
        # an index used only for the post filter or the ordering, with the search as a row filter,
        # does not count: that plan reads every row of the post when the term is rare.
        uses_index = bool(re.search(r"(Index Cond|Recheck Cond):.*(~~|@@|%>|<%| % |similarity)", plan))
        ok = uses_index or not entry.require_index
        out.append(
            {
                "name": entry.name,
                "scale": scale,
                "status": "ok" if ok else "missed",
                "sql": sql,
                "plan": plan,
                "uses_index": uses_index,
                "require_index": entry.require_index,
            }
        )
    return out


def in_process_timing(results: list[PageResult], scale: str, requests: int) -> None:
    from django.core.cache import caches
    from django.test import Client

    from posyantek.models import User

    logging.getLogger("posyantek.request").setLevel(logging.WARNING)  # thousands of request lines otherwise

    users = {role: User.objects.get(email=email) for role, email in ACCOUNTS.items()}
    for result in results:
        if result.status != "ok":
            continue
        client = Client(HTTP_HOST="127.0.0.1")
        if result.page.login:
            client.force_login(users[result.page.login])
        for _ in range(20):
            response = client.get(result.path)
        if response.status_code >= 400:
            result.timing[scale] = ("error", f"HTTP {response.status_code}")
            continue
        samples = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get(result.path)
            samples.append((time.perf_counter() - started) * 1000)
        result.timing[scale] = percentiles(samples)
        # What a cache miss costs (the first visitor after a write, or a rare search): the same page
        # with the per-process fragment cache emptied before every request. Reported, not judged.
        samples = []
        for _ in range(max(20, requests // 4)):
            caches["fragments"].clear()
            started = time.perf_counter()
            client.get(result.path)
            samples.append((time.perf_counter() - started) * 1000)
        result.miss[scale] = percentiles(samples)


def percentiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    return samples[len(samples) // 2], samples[int(len(samples) * 0.95) - 1]


def judge(results: list[PageResult]) -> list[str]:
    failures = []
    by_name = {r.page.name: r for r in results}
    baseline = next((r for r in results if r.page.kind == "baseline" and r.status == "ok" and r.runs), None)
    for r in results:
        if r.status != "ok":
            continue
        notes = []
        if r.errors:
            notes.append(f"{r.errors} errors")
        if baseline and r is not baseline:
            # Per round, against the baseline measured in the same round (seconds apart), then the
            # median: a neighbour's load that comes and goes skews a round, not the result.
            r.ratio = statistics.median(x.rps / b.rps for x, b in zip(r.runs, baseline.runs, strict=False))
            target = r.page.ratio_target
            if target is not None and r.ratio < target:
                notes.append(f"ratio {r.ratio:.1%} < {target:.0%}")
        if r.page.faster_than:
            other_name, factor = r.page.faster_than
            other = by_name.get(other_name)
            if other is None or other.status != "ok" or not other.runs:
                notes.append(f"cannot compare: {other_name} not available")
            elif r.rps < factor * other.rps:
                notes.append(f"{r.rps / other.rps:.1f}x {other_name} < {factor}x")
        for scale, value in r.timing.items():
            if r.page.kind == "admin" and value[0] != "error":
                continue  # the Django admin is the yardstick, not ours: timed, not held to the target
            if value[0] == "error":
                notes.append(f"in-process {scale}: {value[1]}")
            elif value[1] > P95_TARGET_MS[scale]:
                notes.append(f"in-process p95 {value[1]:.1f} ms > {P95_TARGET_MS[scale]:.0f} ms ({scale})")
        r.verdict = "✗ " + "; ".join(notes) if notes else "✓"
        failures += [f"{r.page.name}: {n}" for n in notes]
    return failures


# -- report -----------------------------------------------------------------------------------


def machine_facts(args, workers: int) -> list[str]:
    def out(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT).stdout.strip()
        except OSError:
            return "?"

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT version()")
        pg = cur.fetchone()[0].split(" on ")[0]
    return [
        f"- Date: {datetime.now().isoformat(timespec='seconds')}; commit "
        f"`{out(['git', 'rev-parse', '--short', 'HEAD'])}`"
        f"{' (uncommitted changes)' if out(['git', 'status', '--porcelain']) else ''}",
        f"- Machine: {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {pg}",
        f"- Server: gunicorn gthread, {workers} workers x {args.gthreads} threads, production settings "
        "(DEBUG off, whitenoise manifest, JSON request log), on 127.0.0.1 over plain HTTP",
        f"- Load: `{out(['wrk', '--version']).splitlines()[0] if shutil.which('wrk') else 'wrk'}` "
        f"`-t{args.threads} -c{args.connections} -d{args.duration} --timeout={args.timeout} --latency`, {args.runs} "
        "runs per page (round-robin), median reported; ratio = median over rounds of page / minimal in the same "
        "round; errors = non-2xx/3xx + socket errors, summed over the runs",
        "- Log-in: real allauth login form over HTTP; wrk sends the session cookie",
        f"- Load average (1 min) at start / end: {LOAD_AT_START:.2f} / {os.getloadavg()[0]:.2f} — above the core "
        "count means other processes shared the CPU, and every figure here is pessimistic",
    ]


def fmt_ms(value: float) -> str:
    return f"{value:.1f}" if value >= 1 else f"{value:.2f}"


def write_report(args, results, explains, sizes_used, failures, workers, uploads=None, berkas=None) -> Path:
    baseline = next((r for r in results if r.page.kind == "baseline" and r.runs), None)
    baseline_cpu = baseline.cpu_ms if baseline else None
    lines = ["# Posyantek benchmark", ""]
    lines += machine_facts(args, workers)
    lines += [
        "- Data: "
        + "; ".join(f"{scale}: " + ", ".join(f"{k} {v:,}" for k, v in s.items()) for scale, s in sizes_used.items()),
        "",
    ]
    lines += [
        "## Throughput (wrk)",
        "",
        "| page | kind | login | path | req/s | p50 ms | p99 ms | errors | ratio to minimal | target | result "
        "| server CPU ms/req | CPU ratio |",
        "|---|---|---|---|---:|---:|---:|---:|---:|---|---|---:|---:|",
    ]
    for r in results:
        target = r.page.ratio_target
        target_text = f"≥ {target:.0%}" if target is not None else ""
        if r.page.faster_than:
            target_text += f"{'; ' if target_text else ''}≥ {r.page.faster_than[1]:g}x {r.page.faster_than[0]}"
        if r.status != "ok":
            lines.append(
                f"| {r.page.name} | {r.page.kind} | {r.page.login or ''} | `{r.path or '—'}` | | | | | | "
                f"{target_text} | **{r.status.upper()}**: {r.detail} | | |"
            )
            continue
        ratio = f"{r.ratio:.1%}" if r.ratio is not None else "—"
        cpu = fmt_ms(r.cpu_ms) if r.cpu_ms is not None else "—"
        cpu_ratio = f"{baseline_cpu / r.cpu_ms:.1%}" if baseline_cpu and r.cpu_ms and r.page.kind != "baseline" else "—"
        lines.append(
            f"| {r.page.name} | {r.page.kind} | {r.page.login or ''} | `{r.path}` | {r.rps:,.0f} | "
            f"{fmt_ms(r.p50)} | {fmt_ms(r.p99)} | {r.errors} | {ratio} | {target_text} | {r.verdict} | "
            f"{cpu} | {cpu_ratio} |"
        )
    lines += [
        "",
        "Server CPU ms/req: user + system CPU of gunicorn's processes and of the PostgreSQL backends "
        "serving the benchmark database during the run, per request (median of the runs). CPU ratio = "
        "minimal's CPU per request / the page's: what the req/s ratio would be on an otherwise idle "
        "machine. Targets are judged on req/s; read the CPU ratio when the load average says the "
        "machine was shared.",
    ]
    lines += [
        "",
        "Runs (req/s): "
        + "; ".join(f"{r.page.name}: " + ", ".join(f"{x.rps:,.0f}" for x in r.runs) for r in results if r.runs),
        "",
    ]
    lines += [
        "## In-process server time",
        "",
        f"django.test.Client in one process, {args.requests} warm requests per page after 20 warm-up "
        "requests; whole middleware stack, no network. Targets (not for the Django admin, the yardstick): p95 ≤ "
        + ", ".join(f"{v:.0f} ms ({k})" for k, v in P95_TARGET_MS.items() if k in sizes_used)
        + ".",
        "",
    ]
    lines += [
        "Public pages and the operator's dashboard serve their data from per-process cached fragments "
        "(`posyantek/versi.py`); the *miss* columns time the same page with that cache emptied before "
        "every request (what the first visitor after a write, or a rare search, waits): reported, not "
        "judged.",
        "",
    ]
    scales = list(sizes_used)
    lines.append(
        "| page | " + " | ".join(f"{s} p50 ms | {s} p95 ms | {s} miss p50 | {s} miss p95" for s in scales) + " |"
    )
    lines.append("|---|" + "---:|---:|---:|---:|" * len(scales))
    for r in results:
        if r.status != "ok":
            continue
        cells = []
        for s in scales:
            value, miss = r.timing.get(s), r.miss.get(s)
            if value is None:
                cells += ["—", "—"]
            elif value[0] == "error":
                cells += [value[1], ""]
            else:
                cells += [fmt_ms(value[0]), fmt_ms(value[1])]
            cells += [fmt_ms(miss[0]), fmt_ms(miss[1])] if miss else ["—", "—"]
        lines.append(f"| {r.page.name} | " + " | ".join(cells) + " |")
    lines += ["", "## Search queries (EXPLAIN ANALYZE)", ""]
    for e in explains:
        lines.append(f"### {e['name']} — {e['scale']}")
        lines.append("")
        if e["status"] in ("not available", "error"):
            lines += [f"**{e['status'].upper()}**: {e['detail']}", ""]
            continue
        index_text = (
            "the search condition is an index condition"
            if e["uses_index"]
            else "the search condition is a row filter (no search index used)"
        )
        need = " (required)" if e["require_index"] else " (not required)"
        lines += [
            f"Result: {'✓' if e['status'] == 'ok' else '✗'} {index_text}{need}",
            "",
            "```sql",
            e["sql"],
            "```",
            "",
            "```",
            e["plan"],
            "```",
            "",
        ]
    missing = [r for r in results if r.status != "ok"] + [
        e for e in explains if e["status"] in ("not available", "error")
    ]
    if uploads is not None:
        from bench.uploads import report_lines

        lines += report_lines(uploads)
    if berkas is not None:
        from bench import berkas as bench_berkas

        lines += bench_berkas.report_lines(berkas)
    lines += ["## Verdict", ""]
    if failures:
        lines += ["Targets missed:", ""] + [f"- {f}" for f in failures]
    else:
        lines.append("Every measured page meets its targets.")
    if missing:
        lines += [
            "",
            f"Not measured ({len(missing)}): "
            + ", ".join(getattr(getattr(m, "page", None), "name", None) or m["name"] for m in missing)
            + (" — allowed by --allow-missing" if args.allow_missing else " — this fails the run"),
        ]
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y-%m-%d-%H%M")
    path = REPORT_DIR / f"{stamp}{'-national' if args.scale == 'national' else ''}.md"
    path.write_text("\n".join(lines) + "\n")
    return path


# -- main -------------------------------------------------------------------------------------


def django_env(url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_DEBUG", "DJANGO_TESTING"}}
    env.update(
        {
            "DATABASE_URL": url,
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "POSYANTEK_BENCH_VIEW": "1",
            "DJANGO_SETTINGS_MODULE": "posyantek.settings",
        }
    )
    return env


def switch_database(url: str) -> None:
    """Point the in-process Django connection at another database."""
    import dj_database_url
    from django.db import connections

    connections["default"].close()
    parsed = dj_database_url.parse(url)
    for key in ("NAME", "USER", "PASSWORD", "HOST", "PORT"):
        connections["default"].settings_dict[key] = parsed[key]
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT current_database()")
        assert cursor.fetchone()[0] == parsed["NAME"], "the in-process connection did not switch databases"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale", choices=["base", "national"], default="base", help="national: also time in-process at 1,000,000 UKM"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--duration", default="10s")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--timeout", default="10s", help="wrk: a slower answer counts as a socket error")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1), help="gunicorn workers")
    parser.add_argument("--gthreads", type=int, default=4, help="gunicorn threads per worker")
    parser.add_argument("--requests", type=int, default=200, help="in-process timed requests per page")
    parser.add_argument("--reseed", action="store_true", help="rebuild the benchmark database")
    parser.add_argument("--allow-missing", action="store_true", help="pages not available do not fail the run")
    parser.add_argument("--only", action="append", default=[], help="measure only pages whose name contains this")
    args = parser.parse_args(argv)

    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install wrk (make bench installs it when run as root)")
    url = bench_url("posyantek_bench")
    env = django_env(url)
    ensure_database(url, BASE, env, reseed=args.reseed)
    national_url = bench_url("posyantek_bench_national") if args.scale == "national" else None
    if national_url:
        ensure_database(national_url, NATIONAL, env, reseed=args.reseed)
    say("collectstatic")
    manage(env, "collectstatic", "--no-input", "-v", "0")

    os.environ.update(env)
    import django

    django.setup()
    results = resolve_pages()
    if args.only:
        results = [r for r in results if r.page.kind == "baseline" or any(o in r.page.name for o in args.only)]
    password = set_bench_passwords()

    server = start_gunicorn(env, workers=args.workers, threads=args.gthreads)
    try:
        sessions = {
            role: login(server.port, email, password)
            for role, email in ACCOUNTS.items()
            if any(r.page.login == role and r.status == "ok" for r in results)
        }
        for r in results:
            if r.status != "ok":
                continue
            cookies = sessions.get(r.page.login) if r.page.login else None
            status, _body, _c = _request(server.port, "GET", r.path, cookies=cookies)
            if status == 404:  # e.g. an admin URL under the catch-all of a model not merged yet
                r.status, r.detail = "not available", "HTTP 404 before the load"
                continue
            if status != 200:
                r.status, r.detail = "error", f"HTTP {status} before the load (expected 200)"
                continue
            say(f"warm-up {r.page.name}")
            run_wrk(server.port, r.path, cookies, argparse.Namespace(**{**vars(args), "duration": "2s"}))
        for run in range(1, args.runs + 1):
            for r in results:
                if r.status != "ok":
                    continue
                cookies = sessions.get(r.page.login) if r.page.login else None
                before = cpu_snapshot(server.process.pid)
                result = run_wrk(server.port, r.path, cookies, args)
                after = cpu_snapshot(server.process.pid)
                if after and result.requests:
                    spent = sum(after[pid] - before.get(pid, 0.0) for pid in after)
                    result.cpu_ms = spent * 1000 / result.requests
                r.runs.append(result)
                say(
                    f"run {run}/{args.runs} {r.page.name}: {result.rps:,.0f} req/s, p50 {fmt_ms(result.p50)} ms, "
                    f"p99 {fmt_ms(result.p99)} ms, {result.errors} errors, "
                    f"{fmt_ms(result.cpu_ms) if result.cpu_ms is not None else '?'} CPU-ms/req"
                )
    finally:
        server.stop()

    sizes_used = {"base": BASE}
    explains = explain_all("base")
    say("in-process timing (base)")
    in_process_timing(results, "base", args.requests)
    if national_url:
        sizes_used["national"] = NATIONAL
        switch_database(national_url)
        set_bench_passwords()
        explains += explain_all("national")
        say("in-process timing (national)")
        in_process_timing(results, "national", args.requests)

    say("uploads: the worst image uploads through posyantek.uploads (bench/uploads.py)")
    from bench.uploads import measure as measure_uploads

    uploads = measure_uploads()
    say("exports and imports: province CSV/XLSX, a 5,000-row import (bench/berkas.py)")
    from bench import berkas as bench_berkas

    berkas_scales = {"base": django_env(url)}
    if national_url:
        berkas_scales["national"] = django_env(national_url)
    berkas = bench_berkas.measure(berkas_scales, say=say)
    failures = judge(results)
    failures += uploads["failures"]
    failures += berkas["failures"]
    failures += [f"EXPLAIN {e['name']} ({e['scale']}): no index" for e in explains if e["status"] == "missed"]
    failures += [f"EXPLAIN {e['name']} ({e['scale']}): {e['detail']}" for e in explains if e["status"] == "error"]
    failures += [f"{r.page.name}: {r.detail}" for r in results if r.status == "error"]
    missing = [r for r in results if r.status == "not available"]
    missing += [e for e in explains if e["status"] == "not available"]
    path = write_report(args, results, explains, sizes_used, failures, args.workers, uploads, berkas)
    print(path.read_text())
    say(f"report: {path.relative_to(ROOT)}")
    if failures:
        say(f"{len(failures)} target(s) missed")
        return 1
    if missing and not args.allow_missing:
        say(f"{len(missing)} page(s)/queries not available (use --allow-missing to accept)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
