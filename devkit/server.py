"""Serve the bundled sample news site (ANTARA and other outlets) over local HTTP."""

from __future__ import annotations

import argparse
import json
import logging
import threading
from dataclasses import dataclass, field
from functools import partial
from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, Self, cast
from urllib.parse import parse_qs, unquote, urlsplit

SAMPLE_ROOT = Path(__file__).resolve().parent / "sample_site"
BASE_PLACEHOLDER = b"{{BASE}}"
_CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/rss+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
}
logger = logging.getLogger(__name__)


class _Handler(BaseHTTPRequestHandler):
    """GET/HEAD of static files: `/a/b` served from `a/b`, `a/b.html`, `a/b.xml` (feeds at
    extension-less addresses such as `/rss`) or `a/b/index.html`; `/a/b?page=N` (N > 1)
    from `a/b@page=N.html` or `a/b/index@page=N.html`."""

    server_version = "pantau-sample/1"

    def __init__(self, *args: Any, root: Path, **kwargs: Any) -> None:
        self.root = root
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        self._serve(with_body=True)

    def do_HEAD(self) -> None:
        self._serve(with_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("%s " + format, self.address_string(), *args)

    def _serve(self, *, with_body: bool) -> None:
        parts = urlsplit(self.path)
        path = self._resolve(unquote(parts.path), _page_number(parts.query))
        if path is None:
            self.send_error(404, "Halaman tidak ditemukan")
            return
        body = path.read_bytes()
        content_type = _CONTENT_TYPES.get(path.suffix, "application/octet-stream")
        if content_type.startswith(("text/", "application/rss")):
            server = cast(HTTPServer, self.server)
            host = self.headers.get("Host") or f"127.0.0.1:{server.server_port}"
            body = body.replace(BASE_PLACEHOLDER, f"http://{host}".encode())
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def _resolve(self, url_path: str, page: int = 1) -> Path | None:
        relative = url_path.strip("/") or "index"
        base = (self.root / relative).resolve()
        if not base.is_relative_to(self.root):
            return None  # "..": never serve outside the site
        candidates: tuple[Path, ...] = (
            base, base.with_name(base.name + ".html"), base.with_name(base.name + ".xml"),
            base / "index.html",
        )  # fmt: skip
        if page > 1:  # ?page=2 of /a/b is a/b@page=2.html (or a/b/index@page=2.html)
            candidates = (
                base.with_name(f"{base.name}@page={page}.html"), base / f"index@page={page}.html"
            )  # fmt: skip
        for candidate in candidates:
            if candidate.is_file():
                return candidate
        return None


def _page_number(query: str) -> int:
    """The `page` query parameter (1 when absent or not a number)."""
    value = parse_qs(query).get("page", ["1"])[0]
    return int(value) if value.isdigit() else 1


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A crawler killed mid-response (a test stopping a crawl) is not worth a traceback.
        logger.debug("request from %s failed", client_address, exc_info=True)


@dataclass
class SampleSite:
    """A running sample-site server; use as a context manager or call close()."""

    server: ThreadingHTTPServer
    thread: threading.Thread
    root: Path
    base_url: str = field(init=False)

    def __post_init__(self) -> None:
        host, port = self.server.server_address[:2]
        self.base_url = f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        """Absolute URL of a path on this server."""
        return self.base_url + "/" + path.lstrip("/")

    @property
    def start_urls(self) -> list[str]:
        """The crawl entry points of the sample site: feeds, listings, sitemaps, all outlets
        (as its manifest names them; the generator derives them from the outlets' rules)."""
        manifest = json.loads((self.root / "manifest.json").read_text("utf-8"))
        paths = [*manifest["feeds"], *manifest["listings"], *manifest["other_outlets"]]
        return [self.url(p) for p in paths]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def serve_sample_site(
    host: str = "127.0.0.1", port: int = 0, *, root: Path | None = None
) -> SampleSite:
    """Start serving the sample site (port 0 = any free port) in a background thread."""
    site_root = (root or SAMPLE_ROOT).resolve()
    server = _Server((host, port), partial(_Handler, root=site_root))
    thread = threading.Thread(target=server.serve_forever, name="sample-site", daemon=True)
    thread.start()
    return SampleSite(server=server, thread=thread, root=site_root)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve pantau's ANTARA-like sample site.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args(argv)
    site = serve_sample_site(args.host, args.port)
    print(f"sample site at {site.base_url}; feeds: {' '.join(site.start_urls)}")
    try:
        site.thread.join()
    except KeyboardInterrupt:
        site.close()


if __name__ == "__main__":
    main()
