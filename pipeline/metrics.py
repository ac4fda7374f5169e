"""Worker metrics: counters, gauges and batch latency as Prometheus text over HTTP."""

from __future__ import annotations

import math
import re
import threading
import time
import urllib.request
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Labels = tuple[tuple[str, str], ...]
Sample = tuple[str, Mapping[str, str], float]
Collector = Callable[[], Iterable[Sample]]

HELP = {
    "pantau_processed_total": ("counter", "Events a stage processed (decoded and handled)."),
    "pantau_published_total": ("counter", "Events a stage published downstream."),
    "pantau_dlq_total": ("counter", "Messages dead-lettered, by kind (decode, process)."),
    "pantau_discarded_total": ("counter", "Expected discards, by reason."),
    "pantau_failed_total": ("counter", "Batches that failed transiently and were retried."),
    "pantau_commit_failed_total": ("counter", "Offset commits that failed (batch redelivered)."),
    "pantau_consumer_lag": ("gauge", "Messages between the consumer position and the log end."),
    "pantau_assigned_partitions": ("gauge", "Partitions assigned to this worker's consumer."),
    "pantau_paused": ("gauge", "1 while the group's partitions are paused for a backoff."),
    "pantau_batch_seconds": ("summary", "Time from poll to commit of one batch."),
    "pantau_last_poll_age_seconds": ("gauge", "Seconds since the worker loop last polled."),
}
QUANTILES = (0.5, 0.95, 0.99)


def _labels(labels: Mapping[str, str]) -> Labels:
    return tuple(sorted((k, str(v)) for k, v in labels.items()))


def _fmt(labels: Labels) -> str:
    if not labels:
        return ""
    inner = ",".join(f'{k}="{_escape(v)}"' for k, v in labels)
    return "{" + inner + "}"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def quantile(values: list[float], q: float) -> float:
    """Nearest-rank quantile of `values` (NaN when empty)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


class Metrics:
    """Thread-safe registry: the worker loop writes, the HTTP thread renders.

    Runners keep their own `stats` Counter; `watch` registers a collector read at scrape
    time, so the hot path never formats anything.
    """

    def __init__(self, *, window: int = 1000) -> None:
        self._lock = threading.Lock()
        self._values: dict[tuple[str, Labels], float] = {}
        self._latency: dict[Labels, deque[float]] = {}
        self._latency_sum: dict[Labels, tuple[float, int]] = {}
        self._collectors: list[Collector] = []
        self._window = window
        self._beat = time.monotonic()

    def inc(self, name: str, value: float = 1.0, **labels: str) -> None:
        key = (name, _labels(labels))
        with self._lock:
            self._values[key] = self._values.get(key, 0.0) + value

    def set(self, name: str, value: float, **labels: str) -> None:
        with self._lock:
            self._values[(name, _labels(labels))] = value

    def observe(self, seconds: float, **labels: str) -> None:
        key = _labels(labels)
        with self._lock:
            self._latency.setdefault(key, deque(maxlen=self._window)).append(seconds)
            total, count = self._latency_sum.get(key, (0.0, 0))
            self._latency_sum[key] = (total + seconds, count + 1)

    def beat(self) -> None:
        """The worker loop is alive (it just polled)."""
        self._beat = time.monotonic()

    def age(self) -> float:
        return time.monotonic() - self._beat

    def watch(self, collector: Collector) -> None:
        self._collectors.append(collector)

    def samples(self) -> dict[tuple[str, Labels], float]:
        with self._lock:
            values = dict(self._values)
            latency = {k: list(v) for k, v in self._latency.items()}
            sums = dict(self._latency_sum)
        for collector in self._collectors:
            for name, labels, value in collector():
                values[(name, _labels(labels))] = value
        for key, recent in latency.items():
            for q in QUANTILES:
                values[("pantau_batch_seconds", (*key, ("quantile", str(q))))] = quantile(recent, q)
            total, count = sums[key]
            values[("pantau_batch_seconds_sum", key)] = total
            values[("pantau_batch_seconds_count", key)] = float(count)
        values[("pantau_last_poll_age_seconds", ())] = self.age()
        return values

    def render(self) -> str:
        lines: list[str] = []
        seen: set[str] = set()
        for (name, labels), value in sorted(self.samples().items()):
            family = re.sub(r"_(sum|count)$", "", name) if name not in HELP else name
            if family not in seen and family in HELP:
                kind, text = HELP[family]
                lines += [f"# HELP {family} {text}", f"# TYPE {family} {kind}"]
                seen.add(family)
            lines.append(f"{name}{_fmt(labels)} {_number(value)}")
        return "\n".join(lines) + "\n"


def _number(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    return str(int(value)) if value == int(value) else f"{value:.6g}"


def serve(
    metrics: Metrics, port: int, *, host: str = "0.0.0.0", stale: float = 120.0
) -> ThreadingHTTPServer:
    """Serve `/metrics` (Prometheus text) and `/healthz` on a daemon thread.

    `/healthz` answers 503 once the loop has not polled for `stale` seconds (a hung worker).
    """

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.startswith("/metrics"):
                body, status = metrics.render().encode(), 200
            elif self.path.startswith("/healthz"):
                ok = metrics.age() < stale
                body, status = (b"ok\n" if ok else b"stalled\n"), (200 if ok else 503)
            else:
                body, status = b"not found\n", 404
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="metrics", daemon=True).start()
    return server


_LINE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)$")
_PAIR = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def parse(text: str) -> dict[tuple[str, Labels], float]:
    """Prometheus text -> {(name, labels): value} (enough for `pantau status`)."""
    out: dict[tuple[str, Labels], float] = {}
    for line in text.splitlines():
        match = _LINE.match(line.strip())
        if not match or line.startswith("#"):
            continue
        name, _, inner, value = match.groups()
        labels = tuple(sorted(_PAIR.findall(inner or "")))
        out[(name, labels)] = float(value)
    return out


def scrape(target: str, *, timeout: float = 3.0) -> dict[tuple[str, Labels], float]:
    """Fetch and parse `http://<target>/metrics`."""
    url = target if target.startswith("http") else f"http://{target}"
    with urllib.request.urlopen(f"{url.rstrip('/')}/metrics", timeout=timeout) as resp:
        return parse(resp.read().decode("utf-8"))
