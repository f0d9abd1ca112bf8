"""Benchmark of the web API: latency of `GET /api/events` on a store of 100,000 events.

    python bench/bench_web.py [--events 100000] [--requests 400] [--db PATH]

A store of `--events` synthetic events (bench_store.py's: ten countries, three years) is
written once (or reused from `--db`), `eventlens serve` runs on it in its own process on
localhost, and one client asks, one request at a time over a kept-alive connection, for
the events of a random country in a random month (the first page, 50 events, with the
total). Percentiles are of the wall time of each request as the client sees it. The other
calls the page makes with the same filters (map points, day counts) are timed too.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from bench_store import COUNTRIES, build_store  # noqa: E402
from live import running_server  # noqa: E402

P95_FLOOR_MS = 200  # the bound for /api/events filtered by country and month
YEARS = (2021, 2022, 2023)  # the span of the synthetic events


def month_filters(rng: random.Random) -> dict:
    country = rng.choice(COUNTRIES)[0]
    year, month = rng.choice(YEARS), rng.randrange(1, 13)
    last = (29 if year % 4 == 0 else 28) if month == 2 else 30 if month in (4, 6, 9, 11) else 31
    return {"country": country, "since": f"{year}-{month:02d}-01", "until": f"{year}-{month:02d}-{last}"}


def time_requests(client: httpx.Client, path: str, params: list[dict]) -> tuple[list[float], list[int]]:
    """Milliseconds per request, and the totals the answers gave."""
    latencies, totals = [], []
    for query in params:
        started = time.perf_counter()
        response = client.get(path, params=query)
        latencies.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
        body = response.json()
        totals.append(body.get("total", len(body.get("counts", []))))
    return latencies, totals


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(name: str, latencies: list[float]) -> None:
    print(f"{name}: p50 {percentile(latencies, .5):.1f} ms, p95 {percentile(latencies, .95):.1f} ms, "
          f"p99 {percentile(latencies, .99):.1f} ms, max {max(latencies):.1f} ms ({len(latencies)} requests)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--db", type=Path,
                        help="store to use; written there first if missing (default: a temporary file)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "web-bench.db"
        if not db.exists():
            seconds = build_store(db, args.events)
            print(f"store of {args.events} synthetic events written in {seconds:.1f} s")
        rng = random.Random(11)
        queries = [month_filters(rng) for _ in range(args.requests)]
        with running_server(db) as base, httpx.Client(base_url=base, timeout=30) as client:
            stored = client.get("/api/status").json()["events"]
            time_requests(client, "/api/events", queries[:20])  # warm up: connection, caches
            latencies, totals = time_requests(client, "/api/events", queries)
            print(f"store: {stored} events; a country and a month hold {statistics.mean(totals):.0f} of them "
                  f"on average")
            report("GET /api/events?country=..&since=..&until=.. (first page of 50)", latencies)
            report("GET /api/points with the same filters", time_requests(client, "/api/points", queries[:100])[0])
            report("GET /api/timeline?country=.. (no dates: the whole timeline)",
                   time_requests(client, "/api/timeline", [{"country": q["country"]} for q in queries[:50]])[0])
            report("GET /api/events (no filter, first page)", time_requests(client, "/api/events", [{}] * 50)[0])
    p95 = percentile(latencies, .95)
    verdict = "within" if p95 <= P95_FLOOR_MS else "OVER"
    print(f"/api/events p95 by country and month: {p95:.1f} ms, {verdict} the {P95_FLOOR_MS} ms bound")
    return 0 if p95 <= P95_FLOOR_MS else 1


if __name__ == "__main__":
    sys.exit(main())
