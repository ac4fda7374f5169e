"""A simulated news network on loopback: sites on 127.0.0.x, feeds, Poisson articles.

Each site is one host address with a "terkini" feed (every article) and section feeds
(a share each); articles appear at their scheduled time. The server logs every request
(client kind by User-Agent, host, path, status, start, end) and the most requests one
client kind ever had in flight at one host.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import random
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

from bench.freshness_text import story

SECTIONS = ("politik", "daerah", "hukum")
FEED_ITEMS = 20


@dataclass(frozen=True)
class Item:
    site: int
    section: str
    offset: float  # seconds after the network's start (negative: history)
    n: int
    title: str
    body: list[str]
    asn: bool

    @property
    def slug(self) -> str:
        return "-".join(self.title.lower().split()[:8]).strip("(),.")

    @property
    def rel(self) -> str:
        return f"/berita/{self.n}/{self.slug}"

    def path(self, site_name: str) -> str:
        return f"/{site_name}{self.rel}"


def site_name(i: int) -> str:
    return f"kabar{i:02d}.example"


def schedule(
    *, sites: int, per_min: float, minutes: float, history: float, asn_share: float, seed: int
) -> list[Item]:
    """Poisson arrivals per site; site rates lognormal (a few busy sites, many quiet)."""
    rng = random.Random(seed)
    weights = [rng.lognormvariate(0, 1.2) for _ in range(sites)]
    total = sum(weights)
    items: list[Item] = []
    n = 1000
    for site, w in enumerate(weights):
        rate = per_min / 60 * w / total
        t = -history
        while True:
            t += rng.expovariate(rate)
            if t > minutes * 60:
                break
            asn = rng.random() < asn_share
            title, body = story(rng, asn, n)
            items.append(Item(site, rng.choice(SECTIONS), t, n, title, body, asn))
            n += 1
    return sorted(items, key=lambda i: i.offset)


class Network:
    """Answers requests from the schedule as of now."""

    def __init__(self, items: list[Item], t0: float, port: int, base_ip: int = 2) -> None:
        self.items, self.t0, self.port, self.base_ip = items, t0, port, base_ip
        self.by_path = {i.path(site_name(i.site)): i for i in items}
        self.log: list[tuple[str, int, str, int, float, float]] = []
        self.in_flight: dict[tuple[str, int], int] = {}
        self.max_in_flight: dict[str, int] = {}

    def address(self, site: int) -> str:
        return f"127.0.0.{self.base_ip + site}"

    def base(self, site: int) -> str:
        return f"http://{self.address(site)}:{self.port}/{site_name(site)}"

    def feeds(self, site: int) -> list[str]:
        return [f"{self.base(site)}/rss/{name}.xml" for name in ("terkini", *SECTIONS)]

    def respond(
        self, site: int, path: str, headers: dict[str, str]
    ) -> tuple[int, dict[str, str], bytes]:
        now = time.time() - self.t0
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n"
        prefix = f"/{site_name(site)}"
        if path.startswith(prefix + "/rss/"):
            section = path.removeprefix(prefix + "/rss/").removesuffix(".xml")
            return self._feed(site, section, now, headers)
        item = self.by_path.get(path)
        if item is None or item.site != site or item.offset > now:
            return 404, {"Content-Type": "text/plain"}, b"not found"
        return 200, {"Content-Type": "text/html; charset=utf-8"}, self._page(item)

    def _feed(
        self, site: int, section: str, now: float, headers: dict[str, str]
    ) -> tuple[int, dict[str, str], bytes]:
        if section != "terkini" and section not in SECTIONS:
            return 404, {}, b"not found"
        live = [i for i in self.items if i.site == site and i.offset <= now
                and section in ("terkini", i.section)][-FEED_ITEMS:]  # fmt: skip
        etag = '"' + hashlib.sha1(",".join(str(i.n) for i in live).encode()).hexdigest()[:16] + '"'
        if headers.get("if-none-match") == etag:
            return 304, {"ETag": etag}, b""
        rows = "".join(
            f"<item><title>{i.title}</title><link>{self.base(site)}{i.rel}</link>"
            f"<pubDate>{format_datetime(self._when(i))}</pubDate></item>"
            for i in reversed(live)
        )
        body = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{site_name(site)}</title>{rows}</channel></rss>"
        )
        return 200, {"Content-Type": "application/rss+xml", "ETag": etag}, body.encode()

    def _when(self, item: Item) -> datetime:
        return datetime.fromtimestamp(self.t0 + item.offset, UTC)

    def _page(self, item: Item) -> bytes:
        name = site_name(item.site)
        canonical = f"https://{name}{item.rel}"
        ld = json.dumps({"@type": "NewsArticle", "headline": item.title,
                         "datePublished": self._when(item).isoformat()})  # fmt: skip
        paras = "".join(f"<p>{p}</p>" for p in item.body)
        return (
            '<!doctype html><html lang="id"><head><meta charset="utf-8">'
            f"<title>{item.title}</title>"
            f'<link rel="canonical" href="{canonical}"><meta property="og:type" content="article">'
            f'<script type="application/ld+json">{ld}</script></head><body><article>'
            f"<h1>{item.title}</h1>{paras}</article></body></html>"
        ).encode()


async def _handle(
    net: Network, site: int, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            _, path, _ = line.decode("latin-1").split(" ", 2)
            headers: dict[str, str] = {}
            while (h := await reader.readline()) not in (b"\r\n", b"\n", b""):
                key, _, value = h.decode("latin-1").partition(":")
                headers[key.strip().lower()] = value.strip()
            ua = headers.get("user-agent", "")
            kind = "watch" if "watch" in ua else ("crawl" if "Scrapy" in ua else "other")
            slot = (kind, site)
            net.in_flight[slot] = net.in_flight.get(slot, 0) + 1
            net.max_in_flight[kind] = max(net.max_in_flight.get(kind, 0), net.in_flight[slot])
            start = time.time()
            await asyncio.sleep(random.uniform(0.01, 0.05))  # a server takes a moment
            status, head, body = net.respond(site, path, headers)
            head = {**head, "Content-Length": str(len(body)), "Connection": "keep-alive"}
            lines = [f"HTTP/1.1 {status} X"] + [f"{k}: {v}" for k, v in head.items()]
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
            await writer.drain()
            net.in_flight[slot] -= 1
            net.log.append((kind, site, path, status, start, time.time()))
    except (ConnectionError, ValueError):
        pass
    finally:
        writer.close()


def serve(items: list[Item], t0: float, port: int, sites: int, stop_at: float, out: Path) -> None:
    """Run the network until `stop_at` (wall clock), then write the log to `out` (JSON)."""
    net = Network(items, t0, port)

    async def main() -> None:
        servers = [
            await asyncio.start_server(functools.partial(_handle, net, s), net.address(s), port)
            for s in range(sites)
        ]
        while time.time() < stop_at and not out.with_suffix(".stop").exists():
            await asyncio.sleep(0.5)
        for server in servers:
            server.close()

    asyncio.run(main())
    out.write_text(json.dumps({"log": net.log, "max_in_flight": net.max_in_flight}))


def items_json(items: list[Item]) -> list[dict[str, object]]:
    return [asdict(i) for i in items]
