"""Issue 14's hardening findings: hosts, origins, headers, sizes, dates, damaged index."""

from __future__ import annotations

import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from pantau.cli import app as cli
from pantau.config import Settings, WebSettings
from pantau.wiring import build_api, build_backend
from store.accounts import Accounts
from tests.search.fixtures import MORE
from tests.web.conftest import BASE

PAGES = ("/", "/?q=bawaslu", "/alerts", "/trends?q=bawaslu", f"/articles/{MORE[3].id}", "/nope")


def test_every_answer_carries_csp_nosniff_and_referrer_policy(client: TestClient) -> None:
    for path in (*PAGES, "/api/search?q=bawaslu", "/docs", "/redoc"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
        assert directives["script-src"] == "'self'", path  # no inline script, eval or CDN
        assert directives["frame-ancestors"] == "'none'", path
        assert directives["default-src"] == "'none'", path
        assert r.headers["x-content-type-options"] == "nosniff", path
        assert r.headers["referrer-policy"] == "same-origin", path
        assert r.headers["cache-control"] == "no-store", path  # office data stays uncached


def test_pages_have_no_inline_script_or_style(client: TestClient) -> None:
    for path in PAGES:
        html = client.get(path).text
        assert "<script" not in html and "style=" not in html and "<style" not in html, path


def test_a_foreign_host_name_is_refused(client: TestClient) -> None:
    """DNS rebinding: evil.example resolves to 127.0.0.1, but its Host header gives it away."""
    r = client.get("/api/alerts/rules", headers={"Host": "evil.example:8000"})
    assert r.status_code == 400
    assert client.get("/api/alerts/rules", headers={"Host": "127.0.0.1:8000"}).status_code != 400


def test_a_configured_host_name_is_served(settings: Settings, accounts: Accounts) -> None:
    web = WebSettings(allowed_hosts=["pantau.bawaslu.example"])
    app = build_api(settings.model_copy(update={"web": web}), accounts)
    client = TestClient(app, base_url="http://pantau.bawaslu.example")
    assert client.get("/login").status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
    ],
)
def test_a_cross_site_write_is_refused(client: TestClient, headers: dict[str, str]) -> None:
    r = client.delete("/api/alerts/rules/netralitas_asn", headers=headers)
    assert r.status_code == 403 and r.json()["error"] == "cross_origin"
    page = client.post("/logout", headers=headers)
    assert page.status_code == 403 and "situs lain" in page.text


def test_a_same_origin_write_passes_the_origin_check(admin_api: TestClient) -> None:
    r = admin_api.delete("/api/alerts/rules/none", headers={"Origin": BASE})
    assert r.status_code == 404  # through the check, to the route: no such stored rule


def test_an_8mb_rule_name_is_refused_and_not_stored(admin_api: TestClient) -> None:
    body = {"name": "x" * 8_000_000, "topics": ["netralitas_asn"]}
    r = admin_api.put("/api/alerts/rules/besar", json=body)
    assert r.status_code == 413 and r.json()["error"] == "too_large"
    r = admin_api.put("/api/alerts/rules/besar", json={**body, "name": "x" * 10_000})
    assert r.status_code == 422 and "name" in r.json()["detail"]
    ids = [rule["id"] for rule in admin_api.get("/api/alerts/rules").json()["rules"]]
    assert "besar" not in ids


def test_a_chunked_body_over_the_limit_is_refused(client: TestClient, admin_api) -> None:
    def chunks():  # no Content-Length: counted while read
        for _ in range(40):
            yield b"x" * 65_536

    r = admin_api.put("/api/alerts/rules/besar", content=chunks())
    assert r.status_code == 413 and "batas" in r.json()["detail"]
    page = client.post("/logout", content=chunks(), headers={"Content-Type": "text/plain"})
    assert page.status_code == 413 and "terlalu besar" in page.text


def test_impossible_dates_are_a_400(client: TestClient) -> None:
    for path in (
        "/api/search?since=0001-01-01",
        "/api/trends?until=9999-12-31T23:59:59-12:00",
        "/api/search?since=999999d",
        "/?since=0001-01-01",
        "/trends?since=0001-01-01",
    ):
        r = client.get(path)
        said = "out of range" if path.startswith("/api/") else "di luar jangkauan"  # pages: id
        assert r.status_code == 400 and said in r.text, path


def _damaged(settings: Settings) -> None:
    """An index whose first page survives (it opens) but whose tables are cut off."""
    backend = build_backend(settings)
    backend.upsert(MORE)
    backend.close()
    with settings.index_path.open("r+b") as fh:
        fh.truncate(4096)


def test_an_index_damaged_while_serving_is_a_503_page_not_a_500(
    settings: Settings, client: TestClient
) -> None:
    size = settings.index_path.stat().st_size
    with settings.index_path.open("r+b") as fh:  # same size: the server's mmap stays valid
        fh.seek(4096)
        fh.write(b"\xff" * (size - 4096))
    page = client.get("/?q=bawaslu")
    assert page.status_code == 503 and "tidak dapat dihubungi" in page.text
    assert "malformed" not in page.text
    assert client.get("/api/search?q=bawaslu").status_code == 503


@pytest.mark.parametrize("cut", [4096, 10])
def test_a_damaged_index_is_a_clean_cli_message(
    settings: Settings, cut: int, cli_runner: CliRunner
) -> None:
    _damaged(settings)
    with settings.index_path.open("r+b") as fh:
        fh.truncate(cut)  # 10 bytes: not even a SQLite header
    r = cli_runner.invoke(cli, ["search", "bawaslu", "--data-dir", str(settings.data_dir)])
    assert r.exit_code == 2, r.output
    assert "index.sqlite3" in r.output and "damaged" in r.output
    assert "Traceback" not in r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)


def test_data_dir_is_0700_and_files_0600(tmp_path: Path) -> None:
    data = tmp_path / "data"
    subprocess.run(
        [sys.executable, "-m", "pantau.cli", "search", "bawaslu", "--data-dir", str(data)],
        check=True,
        capture_output=True,
    )
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    files = [p for p in data.iterdir() if p.is_file()]
    assert any(p.name == "index.sqlite3" for p in files)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in files}
    assert modes == dict.fromkeys(modes, 0o600)


def test_api_docs_come_from_this_server(client: TestClient) -> None:
    for path in ("/docs", "/redoc"):
        html = client.get(path).text
        scripts = re.findall(r'<script src="([^"]+)"', html)
        assert scripts and all(s.startswith("/static/docs/") for s in scripts), html
        assert "http" not in html  # no CDN, no web fonts
        for src in scripts:
            asset = client.get(src)
            assert asset.status_code == 200 and "javascript" in asset.headers["content-type"], src


def test_pages_are_gzipped(client: TestClient) -> None:
    r = client.get("/?q=bawaslu", headers={"Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip"
    raw = client.get("/?q=bawaslu", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in raw.headers
    assert "berita cocok" in r.text and len(raw.content) > 1024
