"""Real crawls against a misbehaving local server: retries with backoff, loops, timeouts,
oversized pages, private addresses."""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

ARTICLE = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{t}</title>
<link rel="canonical" href="https://www.antaranews.com/berita/{n}/{slug}"></head><body>
<div class="wrap__article-detail-title"><h1>{t}</h1></div>
<div class="wrap__article-detail-content post-content">
<p>Jakarta (ANTARA) - Bawaslu DKI Jakarta memantau {t} di seluruh wilayah kota.</p>
<p class="text-muted">Pewarta: Rina<br>Editor: Sri</p></div></body></html>"""


class Misbehaving(BaseHTTPRequestHandler):
    hits: ClassVar[Counter[str]] = Counter()
    port = 0

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path
        self.hits[path] += 1
        if path == "/robots.txt":
            return self._send(200, "User-agent: *\nDisallow: /berita/8/\n", "text/plain")
        if path == "/rss/uji.xml":
            return self._send(200, self._feed(), "application/rss+xml")
        if path == "/berita/1/sibuk" and self.hits[path] == 1:
            return self._send(429, "terlalu banyak", "text/plain", {"Retry-After": "1"})
        if path == "/berita/2/rusak":
            return self._send(500, "galat", "text/plain")
        if path.startswith(("/berita/3/", "/putar/")):
            nxt = path.rsplit("/", 1)[0] + ("/b" if path.endswith("/a") else "/a")
            return self._send(302, "", "text/plain", {"Location": nxt})
        if path == "/berita/9/alih":  # a redirect into the operator's own machine
            where = f"http://localhost:{self.port}/berita/7/lewat-localhost"
            return self._send(302, "", "text/plain", {"Location": where})
        if path == "/berita/4/lambat":
            time.sleep(3)
        if path == "/berita/10/latin":  # the charset only in the page's own <meta>
            page = ARTICLE.format(t="berita latin \u201ckutipan\u201d", n=10, slug="latin")
            page = page.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
            return self._send(200, page.encode("cp1252"), "text/html")
        if path == "/berita/5/besar":
            filler = "<p>" + "isi " * 2_600_000 + "</p>"  # ~10 MB
            return self._send(200, ARTICLE.format(t="besar", n=5, slug="besar") + filler)
        if path.startswith("/berita/"):
            n, slug = path.split("/")[2:4]
            return self._send(200, ARTICLE.format(t=f"berita {slug}", n=n, slug=slug))
        return self._send(404, "tidak ada", "text/plain")

    def _feed(self) -> str:
        paths = ("1/sibuk", "2/rusak", "3/a", "4/lambat", "5/besar", "6/biasa", "9/alih",
                 "10/latin")  # fmt: skip
        links = [f"http://127.0.0.1:{self.port}/berita/{p}" for p in paths]
        links.append(f"http://localhost:{self.port}/berita/7/lewat-localhost")
        links.append(f"http://127.0.0.1:{self.port}/berita/8/rahasia")
        items = "".join(f"<item><title>x</title><link>{link}</link></item>" for link in links)
        channel = f"<channel><title>uji</title>{items}</channel>"
        return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'

    def _send(
        self, status: int, body: str | bytes, ctype: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:  # fmt: skip
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        with contextlib.suppress(OSError):  # the crawler gave up on a big or slow page
            self.wfile.write(data)


@pytest.fixture(scope="module")
def rough_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Misbehaving)
    server.daemon_threads = True
    Misbehaving.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{Misbehaving.port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def rough_crawl(rough_site: str, run_crawl: Callable[..., Any]) -> Any:
    Misbehaving.hits.clear()
    # a start URL that loops too: the dupefilter must not swallow it silently
    starts = [rough_site + "/rss/uji.xml", rough_site + "/putar/mulai"]
    return run_crawl(starts, retry_backoff=0.2, download_timeout=1.5, timeout=60)


def reasons(run: Any) -> dict[str, str]:
    return {f.url.split("/berita/")[-1]: f.reason for f in run.failures}


def test_one_bad_page_never_stops_the_crawl(rough_crawl: Any) -> None:
    titles = sorted(a.title for a in rough_crawl.articles)
    assert titles == ["berita biasa", "berita latin \u201ckutipan\u201d", "berita sibuk"]


def test_page_in_windows_1252_declared_only_by_meta_charset(rough_crawl: Any) -> None:
    [article] = [a for a in rough_crawl.articles if "/berita/10/" in a.url]
    assert "memantau berita latin \u201ckutipan\u201d di seluruh" in article.body


def test_429_is_retried_after_its_retry_after(rough_crawl: Any) -> None:
    assert Misbehaving.hits["/berita/1/sibuk"] == 2
    assert rough_crawl.stats.scrapy["pantau/retries"] >= 3  # 429 once, 500 twice


def test_500_gives_up_after_retries_with_a_reason(rough_crawl: Any) -> None:
    assert Misbehaving.hits["/berita/2/rusak"] == 3
    assert reasons(rough_crawl)["2/rusak"] == "http_500"


def test_redirect_loop_is_reported(rough_crawl: Any) -> None:
    loops = [f for f in rough_crawl.failures if "/berita/3/" in f.url or "/putar/" in f.url]
    # one from the feed's link, one from the start URL
    assert [f.reason for f in loops] == ["redirect_loop", "redirect_loop"]


def test_slow_page_times_out(rough_crawl: Any) -> None:
    assert reasons(rough_crawl)["4/lambat"] == "timeout"


def test_oversized_page_is_refused(rough_crawl: Any) -> None:
    assert reasons(rough_crawl)["5/besar"] == "too_large"


def test_private_address_reached_through_a_redirect_is_refused(rough_crawl: Any) -> None:
    assert reasons(rough_crawl)["7/lewat-localhost"] == "private_address"
    assert Misbehaving.hits["/berita/7/lewat-localhost"] == 0
    # a feed link to another host is not followed at all
    assert rough_crawl.stats.skipped["offsite"] == 1


def test_robots_disallow_is_honoured(rough_crawl: Any) -> None:
    assert reasons(rough_crawl)["8/rahasia"] == "robots_txt"
    assert Misbehaving.hits["/berita/8/rahasia"] == 0


def test_errors_are_counted_per_reason(rough_crawl: Any) -> None:
    errors = rough_crawl.stats.errors
    assert errors["http_500"] == 1
    assert errors["timeout"] == 1
    assert errors["private_address"] == 1
    assert sum(errors.values()) == len(rough_crawl.failures)


def test_allow_private_lets_tests_reach_other_local_names(
    rough_site: str, run_crawl: Callable[..., Any]
) -> None:
    run = run_crawl([rough_site.replace("127.0.0.1", "localhost") + "/berita/7/lewat-localhost"])
    assert [a.title for a in run.articles] == ["berita lewat-localhost"]
    refused = run_crawl(
        [rough_site + "/rss/uji.xml"], max_pages=0, allow_private=True, download_timeout=1.5,
        retry_backoff=0.1,
    )  # fmt: skip
    assert "private_address" not in refused.stats.errors
