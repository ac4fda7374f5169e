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
import re
import socket
import sys
import tempfile
import threading
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


@contextmanager
def served(app: FastAPI) -> Iterator[str]:
    config = uvicorn.Config(app, log_level="warning", proxy_headers=False, lifespan="off")
    server = uvicorn.Server(config)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)


def signed_in(client: httpx.Client, username: str) -> None:
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token, page.text
    form = {"username": username, "password": PASSWORD, "csrf_token": token.group(1)}
    done = client.post("/login", data=form)
    assert done.status_code == 303, done.text


def timed(client: httpx.Client, paths: list[tuple[str, str]], runs: int) -> dict[str, float]:
    """p95 ms of each page (two warm-up requests each), every request checked for 200."""
    out: dict[str, float] = {}
    for name, path in paths:
        times: list[float] = []
        for r in range(runs + 2):
            t0 = time.perf_counter()
            answer = client.get(path)
            spent = (time.perf_counter() - t0) * 1000
            assert answer.status_code == 200, (path, answer.status_code)
            if r >= 2:
                times.append(spent)
        out[name] = percentile(times, 95)
    return out


def measure(settings: Settings, article: str, runs: int) -> dict[str, dict[str, float]]:
    paths = pages(article)
    headers = {"Accept-Encoding": "gzip"}
    result: dict[str, dict[str, float]] = {}
    with served(baseline_app(settings)) as url, httpx.Client(base_url=url, headers=headers) as c:
        result["baseline"] = timed(c, paths, runs)
    with served(build_api(settings)) as url:
        for user in USERS:
            with httpx.Client(base_url=url, headers=headers) as c:
                signed_in(c, user)
                result[user] = timed(c, paths, runs)
    return result


def report(engine: str, docs: int, result: dict[str, dict[str, float]]) -> str:
    callers = list(result)
    head = f"{'page':20}" + "".join(f"{c:>10}" for c in callers)
    lines = [f"{engine}, {docs} articles: page p95 ms", head]
    for page in result[callers[0]]:
        lines.append(f"{page:20}" + "".join(f"{result[c][page]:>10.1f}" for c in callers))
    worst = max(v for c in callers[1:] for v in result[c].values())
    lines.append(f"worst p95 with sign-in and scope: {worst:.1f} ms")
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
