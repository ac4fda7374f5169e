"""Web page render time with sign-in and office scope on, against the same pages without.

    .venv/bin/python bench/web.py --docs 100000            # SQLite and Elasticsearch
    .venv/bin/python bench/web.py --docs 20000 --no-es     # SQLite only

Indexes the generated articles of bench/search.py into each engine and fires the
built-in alert rule over the first batches, then serves the whole app (`build_api`)
with uvicorn on a loopback port and times full page requests (HTTP, gzip, middleware,
templates) from a client. Three callers per engine, in the same run: the baseline (the
same engine, routers and templates without sign-in, CSRF, scope or hardening, as before
issue 14), an administrator (signed in, unscoped) and staff of Bawaslu Provinsi DKI
Jakarta (signed in, every query scoped to 31).
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

import httpx
import uvicorn
from fastapi import FastAPI

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.search import generate, index_all, percentile
from pantau.config import ElasticsearchSettings, Settings
from pantau.web import install_error_pages
from pantau.web import router as web_router
from pantau.wiring import (
    alerts_router,
    build_accounts,
    build_alert_rules,
    build_alert_store,
    build_api,
    build_backend,
)
from search.api import create_app

PASSWORD = "kata-sandi-bench-web"
USERS = {"admin": ("admin", None), "dki": ("staff", "31")}
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
    """Index the articles and fire alerts; returns settings and a DKI Jakarta article id."""
    settings = Settings(data_dir=folder, backend=engine)  # type: ignore[arg-type]
    if engine == "elasticsearch":
        es = ElasticsearchSettings(url=args.es_url, alias=f"bench-web-{int(time.time())}")
        settings = settings.model_copy(update={"elasticsearch": es})
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
    return settings, dki


def baseline_app(settings: Settings) -> FastAPI:
    """The app as it was: same routers, templates and engine, nothing of issue 14."""
    app = create_app(build_backend(settings))
    store = build_alert_store(settings)
    app.include_router(alerts_router(settings, store))
    app.include_router(web_router(store))
    install_error_pages(app)
    return app


def _serve(kind: str, settings: Settings, sock: socket.socket) -> None:
    """In the child process: build the app there (its own store and index connections)."""
    app = baseline_app(settings) if kind == "baseline" else build_api(settings)
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


def measure(settings: Settings, article: str, runs: int) -> Timing:
    headers = {"Accept-Encoding": "gzip"}
    with served("baseline", settings) as plain, served("secured", settings) as secured:
        callers = {"baseline": (httpx.Client(base_url=plain[0], headers=headers), plain[1])}
        for user in USERS:
            callers[user] = (httpx.Client(base_url=secured[0], headers=headers), secured[1])
            signed_in(callers[user][0], user)
        try:
            return timed(callers, pages(article), runs)
        finally:
            for client, _ in callers.values():
                client.close()


def report(engine: str, docs: int, result: Timing) -> str:
    callers = list(result)
    head = f"{'page':18}" + "".join(f"{c + ' p50/p95/cpu':>24}" for c in callers)
    lines = [f"{engine}, {docs} articles: full page request, wall ms and server CPU ms", head]
    for page in result[callers[0]]:
        cells = "".join("{:>9.1f} /{:>6.1f} /{:>5.1f}".format(*result[c][page]) for c in callers)
        lines.append(f"{page:18}" + cells)
    worst = max(v[1] for c in callers[1:] for v in result[c].values())
    base = max(v[1] for v in result[callers[0]].values())
    lines.append(f"worst p95: signed in and scoped {worst:.1f} ms, baseline {base:.1f} ms")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--es-url", default="http://127.0.0.1:9200")
    parser.add_argument("--no-es", dest="es", action="store_false")
    args = parser.parse_args()
    engines: list[str] = ["sqlite", "elasticsearch"] if args.es else ["sqlite"]
    reports: list[str] = []
    for engine in engines:
        with tempfile.TemporaryDirectory(prefix="pantau-bench-web-") as tmp:
            settings, article = prepare(engine, args, Path(tmp))
            reports.append(report(engine, args.docs, measure(settings, article, args.runs)))
            if engine == "elasticsearch":
                es = build_backend(settings).es  # type: ignore[attr-defined]
                es.indices.delete(index=f"{settings.elasticsearch.alias}-v*")
    print("\n\n".join(reports))


if __name__ == "__main__":
    main()
