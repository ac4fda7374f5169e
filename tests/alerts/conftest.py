"""Fixtures for alerts: Indonesian stories, the real NLP, a webhook receiver, an SMTP server."""

from __future__ import annotations

import json
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from pipeline.events import RawArticle, article_id
from pipeline.fingerprint import simhash

# An ASN-neutrality breach in Jakarta Utara, as Antara would run it.
ASN_TITLE = "Camat di Jakarta Utara diduga tidak netral jelang Pilkada"
ASN_BODY = (
    "Badan Pengawas Pemilu (Bawaslu) Kota Jakarta Utara memanggil seorang camat yang diduga "
    "melanggar netralitas ASN menjelang Pilkada DKI Jakarta 2024.\n\n"
    "Camat tersebut kedapatan berfoto bersama pasangan calon gubernur sambil mengacungkan "
    "dua jari, lalu mengunggahnya ke media sosial.\n\n"
    '"Kami sudah meminta klarifikasi. ASN dilarang terlibat politik praktis dan wajib '
    'menjaga netralitas," kata Ketua Bawaslu Jakarta Utara, Benny Sabdo, Selasa.\n\n'
    "Bawaslu akan meneruskan temuan itu ke Badan Kepegawaian Negara untuk diproses sesuai "
    "aturan kepegawaian."
)
# The same story as a regional portal reposts it: own dateline, a reporter line, one edit.
ASN_COPY_TITLE = "Bawaslu Jakut Panggil Camat yang Diduga Tak Netral"
ASN_COPY_BODY = (
    "JAKARTA, Kabarjakarta.id - "
    + ASN_BODY.replace("memanggil seorang camat", "memanggil camat")
    + "\n\nPewarta: Rina Oktaviani"
)
# ASN in passing: the money is the news, nobody takes sides.
PASSING_TITLE = "Pemkot Jakarta Utara cairkan tunjangan ASN sebelum Pilkada"
PASSING_BODY = (
    "Pemerintah Kota Jakarta Utara mencairkan tunjangan kinerja bagi ASN pekan ini, sebelum "
    "hari pemungutan suara Pilkada DKI Jakarta 27 November 2024.\n\n"
    "Kepala Badan Kepegawaian Daerah mengatakan pencairan dilakukan lebih awal agar pegawai "
    "bisa berlibur saat hari libur nasional pemungutan suara.\n\n"
    "KPU DKI Jakarta menetapkan tiga pasangan calon gubernur."
)
# A different breach in another province (for digests and for grouping distances).
OTHER_TITLE = "Kepala dinas di Kabupaten Bogor ikut kampanye pasangan calon bupati"
OTHER_BODY = (
    "Bawaslu Kabupaten Bogor menerima laporan seorang kepala dinas yang ikut berkampanye "
    "untuk pasangan calon bupati di Cibinong pada Minggu.\n\n"
    "Dalam video yang beredar, kepala dinas itu mengajak warga memilih pasangan calon "
    "nomor urut dua dan menyebut program petahana.\n\n"
    "Bawaslu menilai perbuatan itu melanggar netralitas ASN dan akan memeriksa saksi."
)


def story(n: int, title: str, body: str, *, host: str = "www.antaranews.com") -> RawArticle:
    url = f"https://{host}/berita/{4000 + n}/artikel-{n}"
    return RawArticle(
        id=article_id(url),
        url=url,
        source=host.split(".")[-2],
        host=host,
        title=title,
        body=body,
        fingerprint=simhash(body),
    )


@pytest.fixture(scope="session")
def enrich_stage() -> Any:
    from nlp.pipeline import load_pipeline
    from pipeline.stages.enrich import EnrichStage

    return EnrichStage(load_pipeline())


# -- a webhook receiver ----------------------------------------------------------------


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    """A local HTTP endpoint that records POSTs; `status` is what it answers."""

    port: int
    received: list[Received] = field(default_factory=list)
    status: int = 200
    server: ThreadingHTTPServer | None = None
    arrived: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                receiver.received.append(Received(dict(self.headers.items()), body))
                receiver.arrived.set()
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def wait(self, count: int = 1, timeout: float = 10.0) -> list[Received]:
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.received


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver(free_port())
    r.start()
    yield r
    r.stop()


@pytest.fixture
def down_receiver() -> Iterator[Receiver]:
    """A receiver whose port nobody listens on yet: call start() to bring it up."""
    r = Receiver(free_port())
    yield r
    r.stop()


# -- an SMTP server with STARTTLS and AUTH ---------------------------------------------

SMTP_USER, SMTP_PASSWORD = "p2h", "rahasia"


@dataclass
class Mailbox:
    host: str
    port: int
    ca_file: Path
    messages: list[Any] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    d = tmp_path_factory.mktemp("tls")
    cert, key = d / "cert.pem", d / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def smtp_server(tls_files: tuple[Path, Path]) -> Iterator[Mailbox]:
    from email import message_from_bytes

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    cert, key = tls_files
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    box = Mailbox("127.0.0.1", free_port(), cert)

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            box.messages.append(message_from_bytes(envelope.content))
            return "250 OK"

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any):
        ok = isinstance(data, LoginPassword) and (
            data.login.decode(),
            data.password.decode(),
        ) == (SMTP_USER, SMTP_PASSWORD)
        if ok:
            box.logins.append(data.login.decode())
        return AuthResult(success=ok)

    controller = Controller(
        Handler(),
        hostname="127.0.0.1",
        port=box.port,
        tls_context=context,
        require_starttls=True,
        authenticator=authenticator,
        auth_require_tls=True,
        auth_required=True,
    )
    controller.start()
    yield box
    controller.stop()
