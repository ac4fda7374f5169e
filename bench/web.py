"""Web page render time with sign-in and office scope on, against the same pages without.

    .venv/bin/python bench/web.py --docs 100000            # SQLite and Elasticsearch
    .venv/bin/python bench/web.py --docs 20000 --no-es     # SQLite only
    .venv/bin/python bench/web.py --docs 1000000 --keep /work/bench-1m   # indexes kept

Indexes the generated articles of bench/search.py into each engine and fires the
built-in alert rule over the first batches, then serves the whole app (`build_api`)
with uvicorn on a loopback port and times full page requests (HTTP, gzip, middleware,
templates) from a client. Four callers per engine, in the same run: the baseline (the
same engine, routers and templates without sign-in, CSRF, scope or hardening, as before
issue 14), `bare` (the baseline whose engine is asked for hits only: no facets, no
date histogram), an administrator (signed in, unscoped) and staff of Bawaslu Provinsi
DKI Jakarta (signed in, every query scoped to 31). Each server's peak RSS is reported.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.search import generate, index_all, percentile
from pantau.config import ElasticsearchSettings, Settings
from pantau.web import install_error_pages
from pantau.web import router as web_router
from pantau.web.serving import settle_heap
from pantau.wiring import (
    alerts_router,
    build_accounts,
    build_alert_rules,
    build_alert_store,
    build_api,
    build_backend,
)
from search.api import create_app
from search.backend import SearchBackend
from search.query import SearchQuery, SearchResult

PASSWORD = "kata-sandi-bench-web"
USERS = {"admin": ("admin", None), "dki": ("staff", "31")}
ENGINES = ("sqlite", "elasticsearch")
ALERT_BATCHES = 5  # the first 5,000 articles go through the alert rule


def pages(article: str) -> list[tuple[str, str]]:
    return [
        ("search newest", "/"),
        ("search text", "/?q=bawaslu"),
        ("search text+topic", "/?q=kampanye+OR+baliho&topic=netralitas_asn"),
        ("search collapse", "/?q=calon&collapse=1&sort=date"),
        ("trends", "/trends?q=bawaslu"),
        ("alerts", "/alerts"),
        ("article", f"/articles/{article}"),
    ]


def prepare(engine: str, args: argparse.Namespace, folder: Path) -> tuple[Settings, str]:
    """Index the articles and fire alerts; returns settings and a DKI Jakarta article id.
    With --keep, a folder (and Elasticsearch alias) prepared before for as many articles
    is used as it is: indexing a million articles takes the best part of an hour."""
    settings = Settings(data_dir=folder, backend=engine)  # type: ignore[arg-type]
    if engine == "elasticsearch":
        alias = f"bench-web-{args.docs}" if args.keep else f"bench-web-{int(time.time())}"
        es = ElasticsearchSettings(url=args.es_url, alias=alias)
        settings = settings.model_copy(update={"elasticsearch": es})
    ready = folder / f"ready-{engine}-{args.docs}"
    if args.keep and ready.exists():
        return settings, ready.read_text()
    backend = build_backend(settings)
    print(f"{engine}: indexing {args.docs} articles", file=sys.stderr, flush=True)
    index_all(engine, backend, args.docs)
    from alerts.stage import AlertStage

    stage = AlertStage(build_alert_rules(settings), build_alert_store(settings))
    dki = ""
    for n, batch in enumerate(generate(args.docs)):
        if n >= ALERT_BATCHES:
            break
        stage.process(batch)
        dki = dki or next((d.id for d in batch if d.region and d.region.code[:2] == "31"), "")
    accounts = build_accounts(settings)
    for name, (role, office) in USERS.items():
        accounts.add_user(name, PASSWORD, role, office, actor="bench")
    backend.close()
    if args.keep:
        ready.write_text(dki)
    return settings, dki


def baseline_app(settings: Settings) -> FastAPI:
    """The app as it was: same routers, templates and engine, nothing of issue 14."""
    app = create_app(build_backend(settings))
    store = build_alert_store(settings)
    app.include_router(alerts_router(settings, store))
    app.include_router(web_router(store))
    install_error_pages(app)
    return app


class Bare:
    """An engine asked for hits only (no facets, no histogram): what those cost is the
    difference between the `bare` caller and the others."""

    def __init__(self, backend: SearchBackend) -> None:
        self.backend = backend

    def search(self, query: SearchQuery) -> SearchResult:
        return self.backend.search(query.model_copy(update={"facet_size": 0, "histogram": None}))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.backend, name)


def _serve(kind: str, settings: Settings, sock: socket.socket) -> None:
    """In the child process: build the app there (its own store and index connections)."""
    if kind in {"secured", "before"}:
        app = build_api(settings)
    else:
        app = baseline_app(settings)
        if kind == "bare":
            app.state.backend = Bare(app.state.backend)
    if kind == "before":  # exports as the release before read: one cursor chain, GC as is
        from search.elastic import ElasticsearchBackend
        from search.scan import Scan, chained

        def one_chain(self: ElasticsearchBackend, query: SearchQuery, limit: int) -> Scan:
            return chained(self.search, query, limit)

        ElasticsearchBackend.scan = one_chain  # type: ignore[method-assign]
    else:
        settle_heap()  # as `pantau serve` does
    config = uvicorn.Config(app, log_level="warning", proxy_headers=False, lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])


@contextmanager
def served(kind: str, settings: Settings) -> Iterator[tuple[str, int]]:
    """The app in its own process, as `pantau serve` runs (its CPU time is its own)."""
    # IPPROTO_TCP named: asyncio sets TCP_NODELAY only on sockets that say so, and without
    # it every keep-alive response waits ~40 ms for a delayed ACK (Nagle).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    child = multiprocessing.get_context("fork").Process(
        target=_serve, args=(kind, settings, sock), daemon=True
    )
    child.start()
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"{url}/static/pantau.css", timeout=5).raise_for_status()
            break
        except httpx.HTTPError:
            if time.monotonic() > deadline or not child.is_alive():
                raise
            time.sleep(0.2)
    assert child.pid is not None
    try:
        yield url, child.pid
    finally:
        child.terminate()
        child.join(10)
        sock.close()


def signed_in(client: httpx.Client, username: str) -> None:
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, page.text
    form = {"username": username, "password": PASSWORD, "csrf_token": token.group(1)}
    done = client.post("/login", data=form)
    assert done.status_code == 303, done.text


def cpu_ms(pid: int) -> float:
    """CPU time (user + system) a process has used so far: what load elsewhere barely moves."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


Caller = tuple[httpx.Client, int]  # a signed-in (or not) client and its server's pid
Timing = dict[str, dict[str, tuple[float, float, float]]]  # caller -> page -> p50, p95, cpu


def timed(callers: dict[str, Caller], paths: list[tuple[str, str]], runs: int) -> Timing:
    """Per caller and page: wall p50 and p95 of full requests, the callers taking turns
    request by request (the shared machine's load falls on all alike), then the server's
    CPU ms per request over `runs` more requests."""
    out: Timing = {c: {} for c in callers}
    for name, path in paths:
        walls: dict[str, list[float]] = {c: [] for c in callers}
        for r in range(runs + 2):
            for caller, (client, _) in callers.items():
                t0 = time.perf_counter()
                answer = client.get(path)
                spent = (time.perf_counter() - t0) * 1000
                assert answer.status_code == 200, (caller, path, answer.status_code)
                if r >= 2:  # two warm-up rounds
                    walls[caller].append(spent)
        for caller, (client, pid) in callers.items():
            before = cpu_ms(pid)
            for _ in range(runs):
                client.get(path)
            cpu = (cpu_ms(pid) - before) / runs
            values = walls[caller]
            out[caller][name] = (statistics.median(values), percentile(values, 95), cpu)
    return out


def peak_rss_mb(pid: int) -> float:
    """The most resident memory the process has had (VmHWM), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(settings: Settings, article: str, runs: int) -> tuple[Timing, dict[str, float]]:
    """Page timings per caller, and each server's peak RSS after them."""

    def client(url: str) -> httpx.Client:
        # the first page loads the NLP pipeline (topic labels): more than httpx's 5 s
        return httpx.Client(base_url=url, headers={"Accept-Encoding": "gzip"}, timeout=120)

    with (
        served("baseline", settings) as plain,
        served("bare", settings) as bare,
        served("secured", settings) as secured,
    ):
        callers = {
            "baseline": (client(plain[0]), plain[1]),
            "bare": (client(bare[0]), bare[1]),
        }
        for user in USERS:
            callers[user] = (client(secured[0]), secured[1])
            signed_in(callers[user][0], user)
        try:
            timing = timed(callers, pages(article), runs)
            servers = {"baseline": plain[1], "bare": bare[1], "secured": secured[1]}
            return timing, {name: peak_rss_mb(pid) for name, pid in servers.items()}
        finally:
            for each, _ in callers.values():
                each.close()


def report(engine: str, docs: int, result: Timing, rss: dict[str, float]) -> str:
    callers = list(result)
    head = f"{'page':18}" + "".join(f"{c + ' p50/p95/cpu':>24}" for c in callers)
    lines = [f"{engine}, {docs} articles: full page request, wall ms and server CPU ms", head]
    for page in result[callers[0]]:
        cells = "".join("{:>9.1f} /{:>6.1f} /{:>5.1f}".format(*result[c][page]) for c in callers)
        lines.append(f"{page:18}" + cells)
    worst = max(v[1] for c in callers[1:] for v in result[c].values())
    base = max(v[1] for v in result[callers[0]].values())
    lines.append(f"worst p95: signed in and scoped {worst:.1f} ms, baseline {base:.1f} ms")
    lines.append("server peak RSS: " + ", ".join(f"{k} {v:.0f} MiB" for k, v in rss.items()))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--es-url", default="http://127.0.0.1:9200")
    parser.add_argument("--no-es", dest="es", action="store_false")
    parser.add_argument("--engine", choices=ENGINES, help="Only this engine.")
    parser.add_argument(
        "--keep",
        type=Path,
        help="Keep the indexes in this folder (and the Elasticsearch alias bench-web-DOCS); "
        "later runs with the same --docs reuse them.",
    )
    parser.add_argument("--prepare-only", action="store_true", help="Index, measure nothing.")
    args = parser.parse_args()
    engines = [args.engine] if args.engine else list(ENGINES if args.es else ENGINES[:1])
    reports: list[str] = []
    for engine in engines:
        with _folder(args.keep, engine) as folder:
            settings, article = prepare(engine, args, folder)
            if not args.prepare_only:
                timing, rss = measure(settings, article, args.runs)
                reports.append(report(engine, args.docs, timing, rss))
            if engine == "elasticsearch" and not args.keep:
                es = build_backend(settings).es  # type: ignore[attr-defined]
                es.indices.delete(index=f"{settings.elasticsearch.alias}-v*")
    print("\n\n".join(reports))


@contextmanager
def _folder(keep: Path | None, engine: str) -> Iterator[Path]:
    """The engine's data folder: kept under --keep, else a temporary one."""
    if keep:
        (keep / engine).mkdir(parents=True, exist_ok=True)
        yield keep / engine
        return
    with tempfile.TemporaryDirectory(prefix="pantau-bench-web-") as tmp:
        yield Path(tmp)


if __name__ == "__main__":
    main()
