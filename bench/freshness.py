"""Benchmark: minutes from publication to searchable and to alert delivered, `pantau watch`
against a fixed 5-minute full crawl, on a simulated news network on loopback.

With `--bus kafka`, watch publishes to a private Kafka broker (started on a free port)
read by one enrich, one index and one alert worker (`pantau worker ...`).

    .venv/bin/python -m bench.freshness [--minutes 15] [--sites 50] [--rate 10]
    .venv/bin/python -m bench.freshness --soak 20 --no-baseline     # memory over time
    .venv/bin/python -m bench.freshness --bus kafka                  # watch -> Kafka workers

The network (bench/freshness_net.py, its own process) serves `--sites` sites on
127.0.0.2... (one address = one host), each with a "terkini" feed and three section feeds
(4 x 50 = 200 feeds), articles appearing on a Poisson schedule (site rates lognormal),
`--asn` of them ASN-neutrality stories (invented text). `pantau watch` runs as a
subprocess in embedded mode (inline bus, SQLite index, alert stage, webhook delivery to
a receiver here); in the same run, the baseline runs a full Scrapy crawl of every feed
(`crawlers.run.crawl`, incremental state, polite 1 s delay) every `--every` seconds.

Measured per article published during the run: publication -> fetched (both clients, from
the server's log), -> searchable (watch: id in the SQLite index, polled every 0.5 s), ->
alert delivered (watch: the webhook receiver); requests per new article after the first
cycle; the most requests one client ever had in flight at one host; requests per host
against the budget; duplicate deliveries; the watch process's RSS over time.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench.freshness_net import Network, schedule, serve, site_name
from bench.freshness_report import print_report, report

REPO = Path(__file__).resolve().parents[1]


class Receiver:
    """The webhook end: when each alert arrived."""

    def __init__(self) -> None:
        self.got: list[tuple[float, dict[str, object]]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                outer.got.append((time.time(), json.loads(body)))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


def write_config(
    tmp: Path, net: Network, sites: int, hook: str, max_interval: float
) -> dict[str, str]:
    lines = ["sources:"]
    for s in range(sites):
        feeds = ", ".join(net.feeds(s))
        lines.append(
            f"  - {{name: {site_name(s)}, feeds: [{feeds}], min_interval: 20,"
            f" max_interval: {max_interval:g}}}"
        )
    (tmp / "sources.yaml").write_text("\n".join(lines) + "\n")
    (tmp / "rules.yaml").write_text(
        f"channels:\n  bench: {{type: webhook, url: '{hook}', secret: bench}}\n"
        "rules:\n  - {id: netralitas_asn, topics: [netralitas_asn], min_score: 0.6,"
        " election_related: true, severity: critical, channels: [bench]}\n"
    )
    return {
        "PANTAU_DATA_DIR": str(tmp / "data"),
        "PANTAU_WATCH__SOURCES_FILE": str(tmp / "sources.yaml"),
        "PANTAU_ALERTS__RULES_FILE": str(tmp / "rules.yaml"),
    }


def poll_elasticsearch(url: str, seen: dict[str, float], stop: threading.Event) -> None:
    """First moment each article id is searchable in Elasticsearch (Kafka mode)."""
    import httpx

    query = {"size": 10000, "_source": False, "query": {"match_all": {}}}
    while not stop.wait(0.5):
        try:
            hits = httpx.post(f"{url}/pantau-articles/_search", json=query, timeout=5).json()
        except (httpx.HTTPError, ValueError):
            continue
        now = time.time()
        for hit in hits.get("hits", {}).get("hits", []):
            seen.setdefault(hit["_id"], now)


def poll_index(path: Path, seen: dict[str, float], stop: threading.Event) -> None:
    """First moment each article id is in the SQLite index."""
    while not stop.wait(0.5):
        if not path.exists():
            continue
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
            now = time.time()
            for (aid,) in db.execute("SELECT id FROM articles"):
                seen.setdefault(aid, now)
            db.close()
        except sqlite3.Error:
            continue


def sample_rss(pid: int, out: list[tuple[float, int]], stop: threading.Event) -> None:
    while not stop.wait(10):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return
        kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
        out.append((time.time(), kb))


def baseline(feeds: list[str], t0: float, every: float, end: float, tmp: Path) -> None:
    """A full crawl of every feed at t0, t0 + every, ... (incremental, as `pantau crawl`)."""
    from crawlers.run import crawl
    from crawlers.state import CrawlState

    state = CrawlState(tmp / "crawl-state.sqlite3")
    k = 0
    while t0 + k * every < end:
        time.sleep(max(0.0, t0 + k * every - time.time()))
        crawl(feeds, on_article=lambda a: None, on_error=lambda f: None, delay=1.0,
              allow_private=True, state=state, timeout=every - 10, log_level="ERROR")  # fmt: skip
        k += 1
    state.close()


def main() -> None:
    args = parse_args()
    items = schedule(sites=args.sites, per_min=args.rate, minutes=args.minutes,
                     history=args.history * 60, asn_share=args.asn, seed=args.seed)  # fmt: skip
    tmp = Path(tempfile.mkdtemp(prefix="pantau-freshness-"))
    net = Network(items, 0.0, args.port)  # only its addresses here; the server has t0
    hook = Receiver()
    env = {**os.environ, **write_config(tmp, net, args.sites, hook.url, args.max_interval)}
    workers = start_pipeline(args.bus, env, tmp)  # before the clock starts: a broker is slow
    t0 = time.time() + 3
    end = t0 + args.minutes * 60 + args.grace
    server = multiprocessing.Process(
        target=serve, args=(items, t0, args.port, args.sites, end + 30, tmp / "net.json")
    )
    server.start()
    time.sleep(max(0.0, t0 - time.time()))
    watch = spawn(["watch"], env, tmp / "watch.log")
    stop = threading.Event()
    searchable: dict[str, float] = {}
    rss: list[tuple[float, int]] = []
    es = env.get("PANTAU_ELASTICSEARCH__URL")
    index = (poll_elasticsearch, es) if workers and es else (poll_index, tmp / "data/index.sqlite3")
    threads = [
        threading.Thread(target=index[0], args=(index[1], searchable, stop)),
        threading.Thread(target=sample_rss, args=(watch.pid, rss, stop)),
    ]
    if not args.no_baseline:
        feeds = [f for s in range(args.sites) for f in net.feeds(s)]
        threads.append(threading.Thread(target=baseline, args=(feeds, t0, args.every, end, tmp)))
    for t in threads:
        t.start()
    print(f"running {args.minutes + args.grace / 60:.1f} min; data in {tmp}", flush=True)
    time.sleep(max(0.0, end - time.time()))
    code = stop_process(watch)
    time.sleep(5 if workers else 0)  # the last articles pass the workers
    stop.set()
    for t in threads:
        t.join()
    for proc in workers:
        stop_process(proc)
    if workers:
        from devkit import services

        services.down(tmp / "services")
    (tmp / "net.stop").touch()
    server.join()
    run = json.loads((tmp / "net.json").read_text())
    run.update(searchable=searchable, alerts=hook.got, rss=rss)
    out = report(args, items, t0, run)
    out["watch_exit"] = code
    print_report(args, out)
    if args.out:
        args.out.write_text(json.dumps(out, indent=1))


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--minutes", type=float, default=15.0, help="publishing window")
    p.add_argument("--sites", type=int, default=50)
    p.add_argument("--rate", type=float, default=10.0, help="new articles per minute, all sites")
    p.add_argument("--asn", type=float, default=0.15, help="share of ASN-neutrality stories")
    p.add_argument("--history", type=float, default=30.0, help="minutes of articles before start")
    p.add_argument("--every", type=float, default=300.0, help="baseline crawl interval, s")
    p.add_argument("--grace", type=float, default=150.0, help="seconds after the last article")
    p.add_argument("--max-interval", type=float, default=100.0, help="sources' upper bound, s")
    p.add_argument("--bus", choices=("inline", "kafka"), default="inline")
    p.add_argument("--soak", type=float, default=0.0, help="minutes: overrides --minutes")
    p.add_argument("--no-baseline", action="store_true")
    p.add_argument("--port", type=int, default=18480)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--out", type=Path, help="write the numbers as JSON here")
    args = p.parse_args()
    if args.soak:
        args.minutes = args.soak
    return args


def spawn(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("w") as out:
        return subprocess.Popen([str(REPO / ".venv/bin/pantau"), *command], env=env, cwd=REPO,
                                stdout=out, stderr=subprocess.STDOUT)  # fmt: skip


def stop_process(proc: subprocess.Popen[bytes]) -> int:
    proc.send_signal(signal.SIGTERM)
    return proc.wait(120)


def start_pipeline(bus: str, env: dict[str, str], tmp: Path) -> list[subprocess.Popen[bytes]]:
    """Kafka mode: a private broker and Elasticsearch node on free ports (never the shared
    ones: their topics and indices are everyone's) and one enrich, index and alert worker
    (workers index into Elasticsearch); `env` is pointed at them."""
    if bus == "inline":
        return []
    from devkit import services

    kafka, es = free_port(), free_port()
    names = (services.KAFKA, services.ELASTICSEARCH)
    services.up(tmp / "services", kafka_port=kafka, es_port=es, names=names)
    env.update(PANTAU_BUS="kafka", PANTAU_KAFKA__BOOTSTRAP=f"127.0.0.1:{kafka}",
               PANTAU_ELASTICSEARCH__URL=f"http://127.0.0.1:{es}")  # fmt: skip
    return [
        spawn(["worker", stage, "--metrics-port", str(free_port())], env, tmp / f"{stage}.log")
        for stage in ("enrich", "index", "alert")
    ]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


if __name__ == "__main__":
    main()
