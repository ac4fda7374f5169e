"""A news site on loopback whose page the tests edit and remove (evidence re-checks)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = (
    "<html><head><title>Camat diduga tidak netral</title></head><body><article>"
    "<h1>Camat diduga tidak netral</h1>"
    "<p>Bawaslu Kota Jakarta Utara memanggil seorang camat yang diduga berfoto bersama "
    "pasangan calon sambil mengacungkan dua jari.</p>"
    "<p>Ketua Bawaslu mengatakan klarifikasi dilakukan pekan ini di kantor Bawaslu.</p>"
    "</article></body></html>"
)


class Site:
    """A news page the test edits and removes (served on loopback, trusted)."""

    def __init__(self) -> None:
        self.body: str | None = PAGE
        self.hits = 0
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.hits += 1
                if site.body is None:
                    self.send_error(404)
                    return
                data = site.body.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.netloc = f"127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str = "/berita/camat") -> str:
        return f"http://{self.netloc}{path}"
