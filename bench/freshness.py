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
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bench.freshness_net import Item, Network, schedule, serve, site_name
from pipeline.events import article_id, canonical_url

REPO = Path(__file__).resolve().parents[1]
BUDGET, BURST = 360.0, 30.0  # pantau watch's defaults (PANTAU_WATCH__HOST_BUDGET/_BURST)


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


def quantiles(values: list[float]) -> str:
    if not values:
        return "-"
    v = sorted(values)

    def pick(q: float) -> float:
        return v[min(len(v) - 1, int(q * len(v)))]

    return f"p50 {pick(0.5):6.1f} s  p95 {pick(0.95):6.1f} s  max {v[-1]:6.1f} s  (n={len(v)})"


def report(
    args: argparse.Namespace, items: list[Item], t0: float, run: dict[str, Any]
) -> dict[str, Any]:
    log: list[list[Any]] = run["log"]  # (kind, site, path, status, start, end)
    first: dict[tuple[str, str], float] = {}
    for kind, _site, path, status, start, _end in log:
        if status == 200:
            first.setdefault((kind, path), start)
    measured = [i for i in items if 0 < i.offset <= args.minutes * 60]
    pub = {i.path(site_name(i.site)): t0 + i.offset for i in measured}
    ids = {article_id(canonical_url(f"https://{site_name(i.site)}{i.rel}")): i for i in measured}
    out: dict[str, Any] = {"articles": len(measured), "asn": sum(i.asn for i in measured)}
    for kind in ("watch", "crawl"):
        lat = [first[(kind, p)] - t for p, t in pub.items() if (kind, p) in first]
        out[f"{kind}_fetched"] = lat
    searchable = run["searchable"]
    out["watch_searchable"] = [
        searchable[aid] - (t0 + i.offset) for aid, i in ids.items() if aid in searchable
    ]
    deliveries = Counter(str(body.get("id")) for _, body in run["alerts"])
    alert_lat = []
    for when, body in run["alerts"]:
        item = ids.get(str(body.get("article_id")))
        if item is not None:
            alert_lat.append(when - (t0 + item.offset))
    out["watch_alert"] = alert_lat
    out["alerts_delivered"] = len(run["alerts"])
    out["duplicate_deliveries"] = sum(n - 1 for n in deliveries.values() if n > 1)
    # Steady state, the same stretch of publishing for both: articles published after the
    # first cycle until the end of publishing. Watch: its requests in that time; the
    # crawl: the cycles that fetch those articles (the ones after the first).
    start, stop = t0 + args.every, t0 + args.minutes * 60
    spans = {"watch": (start, stop), "crawl": (start + 1, float("inf"))}
    for kind, (lo, hi) in spans.items():
        reqs = [r for r in log if r[0] == kind and lo <= r[4] <= hi]
        pages = [r for r in reqs if "/berita/" in r[2] and r[3] == 200]
        out[f"{kind}_requests"] = len(reqs)
        out[f"{kind}_requests_per_article"] = len(reqs) / len(pages) if pages else None
    per_host = Counter(r[1] for r in log if r[0] == "watch")
    out["watch_max_requests_per_host"] = max(per_host.values()) if per_host else 0
    seconds = max((r[4] for r in log), default=t0) - t0
    out["watch_host_budget_bound"] = BURST + BUDGET * seconds / 3600
    out["max_in_flight"] = run["max_in_flight"]
    out["rss_kb"] = run["rss"]
    return out


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
    threads = [
        threading.Thread(target=poll_index, args=(tmp / "data/index.sqlite3", searchable, stop)),
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
    """Kafka mode: a private broker on a free port (never the shared one: its topics are
    everyone's) and one enrich, index and alert worker; `env` is pointed at them."""
    if bus == "inline":
        return []
    from devkit import services

    port = free_port()
    services.up(tmp / "services", kafka_port=port, names=(services.KAFKA,))
    env.update(PANTAU_BUS="kafka", PANTAU_KAFKA__BOOTSTRAP=f"127.0.0.1:{port}")
    return [
        spawn(["worker", stage, "--metrics-port", str(free_port())], env, tmp / f"{stage}.log")
        for stage in ("enrich", "index", "alert")
    ]


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def print_report(args: argparse.Namespace, out: dict[str, Any]) -> None:
    print(f"network: {args.sites} sites x 4 feeds, {args.rate}/min, {out['articles']} articles "
          f"published during the run ({out['asn']} ASN)")  # fmt: skip
    for key in ("watch_fetched", "watch_searchable", "watch_alert", "crawl_fetched"):
        print(f"  {key:18} {quantiles(out[key])}")
    print(f"  alerts delivered {out['alerts_delivered']}, duplicate deliveries "
          f"{out['duplicate_deliveries']}")  # fmt: skip
    for kind in ("watch", "crawl"):
        rpa = out[f"{kind}_requests_per_article"]
        print(f"  {kind}: {out[f'{kind}_requests']} requests in the steady state, "
              f"{rpa if rpa is None else round(rpa, 2)} per new article")  # fmt: skip
    print(f"  most requests in flight at one host: {out['max_in_flight']}; "
          f"most watch requests to one host: {out['watch_max_requests_per_host']} "
          f"(budget allows {out['watch_host_budget_bound']:.0f})")  # fmt: skip
    rss = out["rss_kb"]
    if rss:
        kbs = [kb for _, kb in rss]
        print(f"  watch RSS: first {kbs[0] / 1024:.0f} MB, last {kbs[-1] / 1024:.0f} MB, "
              f"max {max(kbs) / 1024:.0f} MB ({len(kbs)} samples)")  # fmt: skip
    print(f"  watch exit code {out['watch_exit']}")


if __name__ == "__main__":
    main()
