"""Export benchmark: every article of a 100k index streamed over HTTP, both engines.

    .venv/bin/python bench/export.py --docs 100000            # SQLite and Elasticsearch
    .venv/bin/python bench/export.py --docs 20000 --no-es     # SQLite only

Indexes the generated articles of bench/search.py, serves the whole app (`build_api`:
sign-in, scope, hardening, gzip) in its own process as `pantau serve` does, and
downloads as a signed-in administrator. In the same run, per engine: the baseline (one
page of /api/search JSON), then /export of one outlet (about an eighth of the articles)
and of every article in CSV, JSON Lines and XLSX, and the CSV once more with gzip as a
browser asks; last, the CSV of every article from a server that exports as the release
before did (one `search_after` chain on Elasticsearch, no `settle_heap`). For each:
seconds until the first and the last byte, rows, bytes on the wire, the server's CPU
seconds (and Elasticsearch's, which shares the machine's cores), and the server's
memory during the request: peak RSS (VmHWM, reset before each request through
/proc/<pid>/clear_refs; it counts the index file's pages that SQLite maps, which the
kernel can drop) and peak anonymous memory (RssAnon sampled every 10 ms: the heap).
Flat memory is the same peak for 12k and 100k rows.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.search import index_all
from bench.web import PASSWORD, cpu_ms, served, signed_in
from pantau.config import ElasticsearchSettings, ExportSettings, Settings
from pantau.wiring import build_accounts, build_backend

IDENTITY = {"Accept-Encoding": "identity"}
BROWSER = {"Accept-Encoding": "gzip, deflate, br"}


class Run(NamedTuple):
    name: str
    first: float  # seconds until the first byte
    seconds: float
    rows: int
    megabytes: float
    cpu_s: float
    engine_cpu_s: float  # Elasticsearch's own CPU seconds (it shares the machine's cores)
    peak_mb: float
    anon_mb: float


def prepare(engine: str, args: argparse.Namespace, folder: Path) -> Settings:
    """The index (reused when `folder` already holds it) and an administrator."""
    cap = ExportSettings(max_rows=max(args.docs, 100_000))
    settings = Settings(data_dir=folder, backend=engine, export=cap)  # type: ignore[arg-type]
    if engine == "elasticsearch":
        es = ElasticsearchSettings(url=args.es_url, alias=f"bench-export-{args.docs}")
        settings = settings.model_copy(update={"elasticsearch": es})
    backend = build_backend(settings)
    if backend.count() != args.docs:
        print(f"{engine}: indexing {args.docs} articles", file=sys.stderr, flush=True)
        index_all(engine, backend, args.docs)
    backend.close()
    accounts = build_accounts(settings)
    if accounts.get_user("admin") is None:
        accounts.add_user("admin", PASSWORD, "admin", None, actor="bench")
    accounts.store.close()
    return settings


def peak_reset(pid: int) -> None:
    Path(f"/proc/{pid}/clear_refs").write_text("5")  # VmHWM := VmRSS


def status_mb(pid: int, field: str) -> float:
    """A memory line of /proc/<pid>/status (VmHWM, RssAnon...) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field}")


class AnonPeak(threading.Thread):
    """The largest RssAnon of a process while it runs (sampled every 10 ms)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, status_mb(pid, "RssAnon"), threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.01):
            self.peak = max(self.peak, status_mb(self.pid, "RssAnon"))


def engine_cpu_ms(settings: Settings) -> int:
    """CPU milliseconds Elasticsearch has spent so far (0 for SQLite: it runs in the server)."""
    if settings.backend != "elasticsearch":
        return 0
    url = f"{settings.elasticsearch.url}/_nodes/_local/stats/process"
    nodes = httpx.get(url, timeout=10).json()["nodes"].values()
    return sum(int(n["process"]["cpu"]["total_in_millis"]) for n in nodes)


def fetch(client: httpx.Client, pid: int, name: str, path: str, settings: Settings) -> Run:
    """One download read to its last byte (raw: the client does not spend CPU inflating)."""
    headers = BROWSER if name.endswith("gzip") else IDENTITY
    peak_reset(pid)
    anon = AnonPeak(pid)
    anon.start()
    engine0 = engine_cpu_ms(settings)
    cpu0, size, first = cpu_ms(pid), 0, 0.0
    t0 = time.perf_counter()
    with client.stream("GET", path, headers=headers) as answer:
        assert answer.status_code == 200, (path, answer.status_code)
        for chunk in answer.iter_raw():
            first = first or time.perf_counter() - t0
            size += len(chunk)
        rows = int(answer.headers.get("x-pantau-rows", 0))
    seconds = time.perf_counter() - t0
    anon.done.set()
    anon.join()
    cpu = (cpu_ms(pid) - cpu0) / 1000
    engine = (engine_cpu_ms(settings) - engine0) / 1000
    peak = status_mb(pid, "VmHWM")
    return Run(name, first, seconds, rows, size / 1e6, cpu, engine, peak, anon.peak)


def measure(settings: Settings) -> list[Run]:
    with served("secured", settings) as (url, pid), httpx.Client(base_url=url, timeout=600) as c:
        signed_in(c, "admin")
        c.get("/api/search", params={"limit": 1}).raise_for_status()  # warm: columns loaded
        downloads = [
            ("baseline: search page JSON", "/api/search?limit=20"),
            ("csv, one outlet", "/export?source=antara&format=csv"),
            *((f"{f}, every article", f"/export?format={f}") for f in ("csv", "json", "xlsx")),
            ("csv, every article, gzip", "/export?format=csv"),
        ]
        runs = [fetch(c, pid, name, path, settings) for name, path in downloads]
    # the baseline of this work, in the same run: the server as the release before ran it
    with served("before", settings) as (url, pid), httpx.Client(base_url=url, timeout=600) as c:
        signed_in(c, "admin")
        c.get("/api/search", params={"limit": 1}).raise_for_status()
        path = "/export?format=csv"
        runs.append(fetch(c, pid, "csv, every article, before", path, settings))
    return runs


def report(engine: str, docs: int, runs: list[Run]) -> str:
    lines = [
        f"{engine}, {docs} articles: /export streamed over HTTP as a signed-in administrator",
        f"{'download':28}{'rows':>7}{'1st byte s':>11}{'wall s':>8}{'MB':>6}"
        f"{'server CPU s':>13}{'ES CPU s':>9}{'peak RSS MB':>12}{'peak anon MB':>13}",
    ]
    for r in runs:
        lines.append(
            f"{r.name:28}{r.rows:>7}{r.first:>11.2f}{r.seconds:>8.2f}{r.megabytes:>6.1f}"
            f"{r.cpu_s:>13.2f}{r.engine_cpu_s:>9.2f}{r.peak_mb:>12.0f}{r.anon_mb:>13.0f}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--es-url", default="http://127.0.0.1:9200")
    parser.add_argument("--no-es", dest="es", action="store_false")
    parser.add_argument("--keep", type=Path, help="data dir to keep (and reuse) the index in")
    args = parser.parse_args()
    engines = ["sqlite", "elasticsearch"] if args.es else ["sqlite"]
    reports = []
    for engine in engines:
        with tempfile.TemporaryDirectory(prefix="pantau-bench-export-") as tmp:
            folder = args.keep / engine if args.keep else Path(tmp)
            settings = prepare(engine, args, folder)
            reports.append(report(engine, args.docs, measure(settings)))
            print(reports[-1], file=sys.stderr, flush=True)
            if engine == "elasticsearch" and not args.keep:
                es = build_backend(settings).es  # type: ignore[attr-defined]
                es.indices.delete(index=f"{settings.elasticsearch.alias}-v*")
    print("\n\n".join(reports))


if __name__ == "__main__":
    main()
