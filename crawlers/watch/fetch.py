"""One polite, guarded HTTP GET: manual redirects, size cap, private-address guard."""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from crawlers.middlewares import retry_after
from crawlers.settings import DOWNLOAD_MAXSIZE, USER_AGENT
from crawlers.urls import is_private_host

WATCH_AGENT = USER_AGENT.replace("Scrapy", "watch")
MAX_REDIRECTS = 5


@dataclass
class Fetched:
    """What one GET gave: a status and body, or a failure `reason` (timeout, too_large...)."""

    url: str
    status: int = 0
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    reason: str = ""  # "" when a response arrived (any status)
    retry_after: float | None = None
    requests: int = 0  # HTTP requests it took (redirect hops included)

    @property
    def ok(self) -> bool:
        return not self.reason and 200 <= self.status < 300


class Fetcher:
    """httpx client with the crawler's limits; `trusted` netlocs may be private (the
    operator named them), every other private or privately-resolving host is refused."""

    def __init__(
        self,
        *,
        timeout: float = 30.0,
        max_bytes: int = DOWNLOAD_MAXSIZE,
        allow_private: bool = False,
        resolve: bool = True,
    ) -> None:
        self.max_bytes = max_bytes
        self.allow_private = allow_private
        self.resolve = resolve
        self._private: dict[str, bool] = {}
        self.client = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
            headers={"User-Agent": WATCH_AGENT, "Accept-Encoding": "gzip, deflate"},
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=32),
        )

    async def close(self) -> None:
        await self.client.aclose()

    async def get(
        self, url: str, *, trusted: set[str], headers: dict[str, str] | None = None
    ) -> Fetched:
        """GET with redirects followed by hand: each hop is guarded, loops are reported."""
        visited: list[str] = []
        out = Fetched(url)
        while True:
            if url in visited or len(visited) > MAX_REDIRECTS:
                out.reason = "redirect_loop"
                return out
            visited.append(url)
            if await self._refused(url, trusted):
                out.reason = "private_address"
                return out
            out.requests += 1
            hop = await self._one(url, headers or {})
            hop.requests = out.requests
            location = hop.headers.get("location")
            if hop.reason or hop.status not in (301, 302, 303, 307, 308) or not location:
                return hop
            url = urljoin(url, location)
            out = hop

    async def _one(self, url: str, headers: dict[str, str]) -> Fetched:
        out = Fetched(url)
        try:
            async with self.client.stream("GET", url, headers=headers) as resp:
                out.status = resp.status_code
                out.headers = {k.lower(): v for k, v in resp.headers.items()}
                out.retry_after = retry_after(resp.headers.get("retry-after", "").encode())
                declared = int(resp.headers.get("content-length") or 0)
                if declared > self.max_bytes:
                    out.reason = "too_large"
                    return out
                chunks: list[bytes] = []
                size = 0
                async for chunk in resp.aiter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        out.reason = "too_large"
                        return out
                    chunks.append(chunk)
                out.body = b"".join(chunks)
        except httpx.TimeoutException:
            out.reason = "timeout"
        except httpx.ConnectError:
            out.reason = "connection_refused"
        except (httpx.HTTPError, UnicodeError, ValueError) as exc:  # broken server, bad URL
            out.reason = "download_error"
            out.headers = {"x-error": f"{type(exc).__name__}: {exc}"[:200]}
        return out

    async def _refused(self, url: str, trusted: set[str]) -> bool:
        parts = urlsplit(url)
        if self.allow_private or parts.netloc.lower() in trusted:
            return False
        host = (parts.hostname or "").lower()
        return is_private_host(host) or await self._resolves_private(host)

    async def _resolves_private(self, host: str) -> bool:
        """A public-looking name pointing at a private address is refused too (resolved
        once per process; httpx resolves again to connect, so rebinding is not ruled out)."""
        if not self.resolve or not host or host.replace(".", "").isdigit() or ":" in host:
            return False
        if host not in self._private:
            try:
                infos = await asyncio.get_running_loop().getaddrinfo(
                    host, None, type=socket.SOCK_STREAM
                )
            except (OSError, UnicodeError):
                return False
            if len(self._private) > 10_000:  # bounded: a long-running process
                self._private.clear()
            self._private[host] = any(is_private_host(str(i[4][0])) for i in infos)
        return self._private[host]
