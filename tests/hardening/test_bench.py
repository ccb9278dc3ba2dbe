"""The benchmark runner's own logic: reading wrk, judging targets, the page list (bench/)."""

import pytest

from bench import run
from bench.pages import PAGES, Page

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000/pos/
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    40.12ms   12.01ms 210.00ms   80.00%
    Req/Sec   200.10     20.00   250.00     70.00%
  Latency Distribution
     50%   38.50ms
     75%   45.00ms
     90%   55.00ms
     99%    1.20s
  4002 requests in 10.01s, 20.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 7
Requests/sec:    399.80
Transfer/sec:      2.00MB
"""


def test_parse_wrk_reads_throughput_latency_and_errors():
    result = run.parse_wrk(WRK_OUTPUT)
    assert (result.rps, result.p50, result.p99, result.errors, result.requests) == (399.8, 38.5, 1200.0, 12, 4002)
    assert run.to_ms("850us") == pytest.approx(0.85)


def result(page, *rps, errors=0):
    r = run.PageResult(page, "/x")
    r.runs = [run.WrkResult(x, 1.0, 2.0, errors, 100) for x in rps]
    return r


def test_judge_applies_ratio_comparison_and_error_targets():
    base = result(Page("minimal", "/bench/ok", "baseline"), 1000, 2000, 1000)
    good = result(Page("list", "/l", "list"), 150, 260, 120)  # 15 %, 13 %, 12 % per round
    slow = result(Page("search", "/s", "search"), 40, 90, 45)  # 4 %, 4.5 %, 4.5 %
    admin = result(Page("admin", "/admin/x", "admin"), 100, 100, 100)
    ours = result(Page("ours", "/k", "search", faster_than=("admin", 2.0)), 150, 150, 150)
    broken = result(Page("broken", "/b", "detail"), 500, 500, 500, errors=1)
    failures = run.judge([base, good, slow, admin, ours, broken])
    assert good.verdict == "✓" and good.ratio == pytest.approx(0.13)
    assert [f.split(":")[0] for f in failures] == ["search", "ours", "broken"]
    assert "1.5x admin < 2.0x" in ours.verdict and "3 errors" in broken.verdict


def test_in_process_target_spares_only_the_django_admin():
    base = result(Page("minimal", "/bench/ok", "baseline"), 1000)
    ours = result(Page("ours", "/o", "list"), 500)
    admin = result(Page("admin", "/admin/x", "admin"), 500)
    ours.timing = {"base": (20.0, 61.0), "national": (30.0, 90.0)}
    admin.timing = {"base": (80.0, 120.0)}
    failures = run.judge([base, ours, admin])
    assert failures == ["ours: in-process p95 61.0 ms > 50 ms (base)"]


def test_fingerprint_changes_with_sizes():
    assert run.fingerprint(run.BASE) == run.fingerprint(dict(run.BASE))
    assert run.fingerprint(run.BASE) != run.fingerprint(run.NATIONAL)


def test_page_list_has_the_baseline_and_every_kind_has_a_known_target():
    assert [p.kind for p in PAGES].count("baseline") == 1
    assert all(p.kind in ("baseline", "list", "detail", "search", "admin") for p in PAGES)
    names = {p.name for p in PAGES}
    assert all(p.faster_than[0] in names for p in PAGES if p.faster_than)


@pytest.mark.django_db
def test_unresolvable_pages_are_reported_not_available(settings):
    results = {r.page.name: r for r in run.resolve_pages()}
    assert results["daftar pos"].status == "ok"
    missing = [r for r in results.values() if r.status == "not available"]
    for r in missing:
        assert r.detail in ("URL does not resolve", "no such model or no row yet")
