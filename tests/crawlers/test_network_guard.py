"""Real crawls against a hostile local server: robots.txt for every start URL, every IP
spelling of loopback refused (in a feed and after a redirect), entity and gzip bombs."""

from __future__ import annotations

import gzip
import ipaddress
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from crawlers.middlewares import PrivateAddressError
from crawlers.resolver import (
    PrivateAddressLookupError,
    checked_address,
    is_public,
    literal_address,
)
from crawlers.urls import is_private_host
from tests.crawlers.test_middlewares import check, guard

ARTICLE = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{t}</title>
<link rel="canonical" href="https://www.antaranews.com/berita/{n}/{t}"></head><body>
<div class="wrap__article-detail-title"><h1>Berita {t}</h1></div>
<div class="wrap__article-detail-content post-content">
<p>Jakarta (ANTARA) - Bawaslu memantau kegiatan {t} di seluruh wilayah kota.</p></div>
</body></html>"""
# Loopback as inet_aton reads it: decimal, short, octal, and the all-zero address.
SPELLINGS = ("2130706433", "127.1", "0177.0.0.1", "0")
HOSTNAME = socket.gethostname().lower()
BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<rss version="2.0"><channel><title>&d;</title>
<item><title>&d;</title><link>https://www.antaranews.com/berita/50/x</link></item>
</channel></rss>"""


class Hostile(BaseHTTPRequestHandler):
    hits: ClassVar[Counter[str]] = Counter()
    port = 0

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path
        self.hits[path] += 1
        if path == "/robots.txt":
            time.sleep(0.5)  # every start request waits on it
            return self._send(200, b"User-agent: *\nDisallow: /berita/8/\n", "text/plain")
        if path.startswith("/alih/"):  # a redirect to loopback written another way
            where = f"http://{path.split('/')[2]}:{self.port}/berita/7/sasaran"
            return self._send(302, b"", "text/plain", {"Location": where})
        if path == "/rss/tautan.xml":
            return self._send(200, self._feed(), "application/rss+xml")
        if path == "/rss/bom.xml":
            return self._send(200, BOMB, "application/rss+xml")
        if path == "/berita/6/gzip":
            blob = gzip.compress(b"<p>" + b"a" * 8_000_000 + b"</p>")
            return self._send(200, blob, "text/html", {"Content-Encoding": "gzip"})
        if path.startswith("/berita/"):
            n, slug = path.split("/")[2:4]
            return self._send(200, ARTICLE.format(t=slug, n=n).encode(), "text/html")
        self._send(404, b"tidak ada", "text/plain")

    def _feed(self) -> bytes:
        items = "".join(
            f"<item><title>{s}</title><link>http://{s}:{self.port}/berita/7/feed</link></item>"
            for s in SPELLINGS
        )
        # a name, not an IP: only the resolver sees where it points (this machine's name
        # resolves to a loopback or private address on any host: /etc/hosts, containers)
        items += f"<item><link>http://{HOSTNAME}:{self.port}/berita/7/nama</link></item>"
        return f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()

    def _send(self, status: int, body: bytes, ctype: str, headers: Any = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def hostile() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    Hostile.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{Hostile.port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def hostile_crawl(hostile: str, run_crawl: Callable[..., Any]) -> Any:
    allowed = [f"{hostile}/berita/{n}/boleh{n}" for n in (1, 2, 3)]
    disallowed = [f"{hostile}/berita/8/rahasia{n}" for n in (1, 2, 3)]
    others = [f"{hostile}/alih/{s}" for s in SPELLINGS]
    others += [f"{hostile}/rss/tautan.xml", f"{hostile}/rss/bom.xml", f"{hostile}/berita/6/gzip"]
    # disallowed URLs come after the first two: the ones Scrapy's robots.txt chain let by
    starts = [allowed[0], allowed[1], *disallowed, allowed[2], *others]
    # this machine's name is allowed as a host: only the resolver may stop it
    return run_crawl(starts, max_pages=20, retry_backoff=0.1, allow_hosts=[HOSTNAME])


def _reasons(run: Any) -> dict[str, str]:
    return {f.url.split("/", 3)[3]: f.reason for f in run.failures}


def test_robots_txt_holds_for_every_start_url(hostile_crawl: Any) -> None:
    reasons = _reasons(hostile_crawl)
    assert [reasons[f"berita/8/rahasia{n}"] for n in (1, 2, 3)] == ["robots_txt"] * 3
    assert not [p for p in Hostile.hits if p.startswith("/berita/8/")]
    assert sorted(a.title for a in hostile_crawl.articles) == [
        "Berita boleh1", "Berita boleh2", "Berita boleh3"
    ]  # fmt: skip


def test_loopback_spellings_are_refused_after_redirect_and_in_feeds(hostile_crawl: Any) -> None:
    refused = [f for f in hostile_crawl.failures if f.reason == "private_address"]
    assert len(refused) == 2 * len(SPELLINGS) + 1
    assert Hostile.hits["/berita/7/sasaran"] == 0 and Hostile.hits["/berita/7/feed"] == 0
    assert Hostile.hits["/berita/7/nama"] == 0  # refused by the crawl's DNS resolver
    assert not is_public(ipaddress.IPv4Address(socket.gethostbyname(HOSTNAME)))


def test_entity_bomb_is_a_bad_feed_and_gzip_bomb_too_large(hostile_crawl: Any) -> None:
    reasons = _reasons(hostile_crawl)
    assert reasons["rss/bom.xml"] == "bad_feed"
    assert reasons["berita/6/gzip"] == "too_large"


@pytest.mark.parametrize("spelling", [*SPELLINGS, "0x7f.1", "127.000.000.001", "[::1]"])
def test_every_spelling_is_private_directly(spelling: str) -> None:
    assert is_private_host(spelling)
    with pytest.raises(PrivateAddressError):
        check(guard(), f"http://{spelling}:8080/berita/1/x")
    if ":" not in spelling:  # what the OS resolver makes of it is refused too
        with pytest.raises(PrivateAddressLookupError):
            checked_address(spelling)


def test_host_names_are_not_ip_spellings() -> None:
    assert literal_address("bad.cafe") is None
    assert literal_address("www.antaranews.com") is None
    assert str(literal_address("2130706433")) == "127.0.0.1"
