"""A local news server whose routes tests set (feeds, pages, bad answers) and a watch run."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crawlers.watch.hosts import Politeness
from crawlers.watch.registry import Source
from crawlers.watch.scheduler import Scheduler, WatchOptions
from crawlers.watch.sink import Sink
from crawlers.watch.state import WatchState
from pipeline.events import RawArticle
from store.db import open_store, sqlite_url
from tests.store.fixtures import migrated_sqlite

__all__ = ["migrated_sqlite"]

PARAGRAPH = (
    "Panitia Pengawas Kecamatan mencatat laporan warga tentang kegiatan sosialisasi yang "
    "digelar di balai desa pada pekan lalu. Petugas meminta keterangan panitia dan warga "
    "yang hadir, lalu menyusun berita acara untuk diteruskan ke kabupaten."
)


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class NewsServer:
    """Routes by path; every request is logged with its start and end time."""

    base: str = ""
    routes: dict[str, Route] = field(default_factory=dict)
    log: list[tuple[str, float, float]] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def hits(self, path: str) -> int:
        return sum(1 for p, _, _ in self.log if p == path)

    def article(self, path: str, title: str, when: datetime | None = None) -> str:
        url = self.base + path
        stamp = (when or datetime.now(UTC)).isoformat()
        ld = f'{{"@type": "NewsArticle", "headline": "{title}", "datePublished": "{stamp}"}}'
        paras = "".join(f"<p>{PARAGRAPH} ({i})</p>" for i in range(4))
        self.routes[path] = Route(
            f'<html><head><title>{title}</title><link rel="canonical" href="{url}">'
            f'<meta property="og:type" content="article">'
            f'<script type="application/ld+json">{ld}</script></head><body><article>'
            f"<h1>{title}</h1>{paras}</article></body></html>".encode(),
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        return url

    def feed(self, path: str, links: Sequence[str], *, etag: str | None = None) -> str:
        now = datetime.now(UTC)
        items = "".join(
            f"<item><title>t{i}</title><link>{link}</link>"
            f"<pubDate>{format_datetime(now - timedelta(minutes=10 * i))}</pubDate></item>"
            for i, link in enumerate(links)
        )
        headers = {"Content-Type": "application/rss+xml"}
        if etag:
            headers["ETag"] = etag
        body = f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'
        self.routes[path] = Route(body.encode(), headers=headers)
        return self.base + path


def _handler(server: NewsServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            start = time.monotonic()
            with server.lock:
                server.in_flight += 1
                server.max_in_flight = max(server.max_in_flight, server.in_flight)
            try:
                self._answer()
            finally:
                with server.lock:
                    server.in_flight -= 1
                    server.log.append((self.path, start, time.monotonic()))

        def _answer(self) -> None:
            route = server.routes.get(self.path, Route(b"not found", 404))
            time.sleep(route.delay)
            etag = route.headers.get("ETag")
            if etag and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(route.status)
            for key, value in route.headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(route.body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def news() -> Iterator[NewsServer]:
    server = NewsServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
    httpd.daemon_threads = True
    server.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield server
    httpd.shutdown()
    httpd.server_close()


def local_source(name: str, feeds: Sequence[str], **kw: object) -> Source:
    values: dict[str, object] = {"min_interval": 0.2, "max_interval": 2.0, **kw}
    return Source(name=name, feeds=list(feeds), **values)  # type: ignore[arg-type]


@dataclass
class Collected:
    articles: list[RawArticle] = field(default_factory=list)

    def publish(self, batch: Sequence[RawArticle]) -> None:
        self.articles.extend(batch)


def run_watch(
    state: WatchState,
    seconds: float,
    *,
    policy: Politeness | None = None,
    timeout: float = 5.0,
    until: object = None,
) -> Collected:
    """Run a scheduler over `state` for `seconds` (or until `until()` is true), then stop."""
    out = Collected()
    sink = Sink(out.publish, state)
    scheduler = Scheduler(
        state, sink,
        policy=policy or Politeness(delay=0.0, budget=36000, burst=1000),
        options=WatchOptions(timeout=timeout, housekeeping=0.2, failing_after=0.5),
        seed=1,
    )  # fmt: skip

    async def main() -> None:
        task = asyncio.create_task(scheduler.run())
        end = time.monotonic() + seconds
        while time.monotonic() < end and not (callable(until) and until()):
            await asyncio.sleep(0.05)
        scheduler.stop()
        await task

    asyncio.run(main())
    sink.close()
    return out


def sqlite_state(path: Path) -> WatchState:
    """A watch state in a SQLite operational store (migrated when new)."""
    return WatchState(open_store(sqlite_url(path)))


@pytest.fixture
def state(tmp_path: Path, migrated_sqlite: Path) -> Iterator[WatchState]:
    path = tmp_path / "store.sqlite3"
    shutil.copyfile(migrated_sqlite, path)
    watch = sqlite_state(path)
    yield watch
    watch.db.close()
