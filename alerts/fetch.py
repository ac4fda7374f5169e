"""Fetch one page for an evidence snapshot: bytes, headers, status; never a private address.

The crawl keeps the extracted article, not the page, so the snapshot fetches the page
again when the alert fires. Like the crawler's downloader middleware, it refuses
loopback, private and link-local addresses (IP literals, and names that resolve to one),
on every redirect too, unless the operator trusts that host:port.
"""

from __future__ import annotations

import socket
from collections.abc import Collection
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from crawlers.urls import is_private_host

MAX_BYTES = 5_000_000  # a news page; more is not a page we keep
AGENT = "pantau-evidence/1.0 (+Bawaslu news monitor)"


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int | None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: str | None = None


class PrivateAddress(httpx.RequestError):
    """The page (or a redirect) points at an address this fetcher may not reach."""


def _resolves_private(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False  # the request fails on its own, with a clearer error
    return any(is_private_host(str(info[4][0])) for info in infos)


class PageFetcher:
    """GET with redirects, a timeout, a size cap and the private-address guard."""

    def __init__(self, *, timeout: float = 15.0, trusted: Collection[str] = ()) -> None:
        self.timeout = timeout
        self.trusted = {t.lower() for t in trusted}  # "host:port" the operator allows

    def _guard(self, request: httpx.Request) -> None:
        host = request.url.host
        netloc = f"{host}:{request.url.port}" if request.url.port else host
        if netloc.lower() in self.trusted:
            return
        if is_private_host(host) or _resolves_private(host):
            raise PrivateAddress(f"alamat privat ditolak: {netloc}", request=request)

    def fetch(self, url: str) -> Fetched:
        if urlsplit(url).scheme not in ("http", "https"):
            return Fetched(url, None, error="hanya alamat http(s) yang diambil")
        hooks = {"request": [self._guard]}
        headers = {"User-Agent": AGENT}
        try:
            with (
                httpx.Client(
                    timeout=self.timeout,
                    follow_redirects=True,
                    event_hooks=hooks,
                    headers=headers,
                ) as client,
                client.stream("GET", url) as response,
            ):
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > MAX_BYTES:
                        return Fetched(url, response.status_code, error="halaman lebih dari 5 MB")
                return Fetched(
                    str(response.url), response.status_code, dict(response.headers), bytes(body)
                )
        except httpx.HTTPError as exc:
            return Fetched(url, None, error=f"{type(exc).__name__}: {exc}")
