"""Trends page time: the chart served from its cache against the chart drawn every request.

    .venv/bin/python bench/trends.py --docs 100000            # SQLite and Elasticsearch
    .venv/bin/python bench/trends.py --docs 20000 --no-es     # SQLite only

Indexes bench/search.py's generated articles (bench/web.py's `prepare`), serves the whole
app (`build_api`, as `pantau serve` does) and times full /trends requests from a client,
signed in as an administrator (unscoped) and as DKI Jakarta staff (scoped to 31). Each page
twice, in the same run: asked again as it is (the same trend: the chart comes from the
cache), and with a parameter the page only passes on to its links (`run=N`: a chart drawn
for every request, what each first view of a trend costs).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.search import percentile
from bench.web import USERS, cpu_ms, prepare, served, signed_in
from pantau.config import Settings
from pantau.wiring import build_backend

PAGES = [
    ("no split", "/trends?q=bawaslu"),
    ("by source", "/trends?split=source"),
    ("by topic", "/trends?q=bawaslu&split=topic"),
    ("by entity", "/trends?split=entity&top=10"),
    ("by region", "/trends?split=region&by=week"),
]
Timing = tuple[float, float, float]  # wall p50, wall p95, server CPU ms per request


def timed(client: httpx.Client, pid: int, path: str, runs: int, *, drawn: bool) -> Timing:
    """Two warm-up requests, then `runs` timed ones; `drawn`: each one a new chart."""
    walls: list[float] = []
    for r in range(runs + 2):
        if r == 2:
            before = cpu_ms(pid)
        url = f"{path}&run={time.monotonic_ns()}" if drawn else path
        t0 = time.perf_counter()
        answer = client.get(url)
        spent = (time.perf_counter() - t0) * 1000
        assert answer.status_code == 200, (url, answer.status_code)
        if r >= 2:
            walls.append(spent)
    cpu = (cpu_ms(pid) - before) / runs
    return statistics.median(walls), percentile(walls, 95), cpu


def measure(settings: Settings, runs: int) -> list[str]:
    headers = {"Accept-Encoding": "gzip"}
    lines = []
    with served("secured", settings) as (url, pid):
        clients = {u: httpx.Client(base_url=url, headers=headers, timeout=120) for u in USERS}
        try:
            for user, client in clients.items():
                signed_in(client, user)
            for name, path in PAGES:
                for user, client in clients.items():
                    cached = timed(client, pid, path, runs, drawn=False)
                    drawn = timed(client, pid, path, runs, drawn=True)
                    cells = "".join(f"{v:>9.1f}" for v in (*cached, *drawn))
                    lines.append(f"{name:12}{user:8}{cells}")
        finally:
            for client in clients.values():
                client.close()
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--es-url", default="http://127.0.0.1:9200")
    parser.add_argument("--no-es", dest="es", action="store_false")
    parser.set_defaults(keep=None)  # bench/web.py's `prepare` may look for a kept index
    args = parser.parse_args()
    head = f"{'page':12}{'caller':8}" + "".join(
        f"{c:>9}" for c in ("c.p50", "c.p95", "c.cpu", "d.p50", "d.p95", "d.cpu")
    )
    for engine in ["sqlite", "elasticsearch"] if args.es else ["sqlite"]:
        with tempfile.TemporaryDirectory(prefix="pantau-bench-trends-") as tmp:
            settings, _ = prepare(engine, args, Path(tmp))
            print(f"{engine}, {args.docs} articles: /trends, wall and server CPU ms;")
            print("c. = the same trend again (cached chart), d. = a chart drawn per request")
            print("\n".join([head, *measure(settings, args.runs)]), flush=True)
            if engine == "elasticsearch":
                es = build_backend(settings).es  # type: ignore[attr-defined]
                es.indices.delete(index=f"{settings.elasticsearch.alias}-v*")


if __name__ == "__main__":
    main()
