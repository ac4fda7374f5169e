"""A data dir with a small SQLite index, a real alert store and accounts, served by
build_api; clients signed in as an administrator, an analyst or office staff."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from typer.testing import CliRunner

from alerts.stage import AlertStage
from pantau.config import AlertSettings, Settings
from pantau.wiring import (
    build_alert_rules,
    build_alert_store,
    build_api,
    build_backend,
    build_store,
)
from pipeline.events import EnrichedArticle, Quote
from store.accounts import Accounts
from tests.alerts.conftest import ASN_BODY, ASN_COPY_BODY, ASN_COPY_TITLE, ASN_TITLE, story
from tests.conftest import enriched
from tests.search.fixtures import MORE, article
from tests.store.fixtures import FAST

BASE = "http://localhost"
STORE_FILE = "store.sqlite3"  # where build_store keeps the store in a data dir
PASSWORD = "kata-sandi-uji-coba"
USERS = {  # username: (role, office)
    "admin": ("admin", None),
    "analis": ("analyst", None),
    "dki": ("staff", "31"),  # Bawaslu Provinsi DKI Jakarta
    "jakut": ("staff", "31.72"),  # Bawaslu Kota Jakarta Utara
    "jabar": ("staff", "32"),  # Bawaslu Provinsi Jawa Barat
    "kunci": ("analyst", None),  # locked out by a browser test
}
HOSTILE = article(
    107,
    "<script>alert(1)</script> Bawaslu & panwascam",
    "Bawaslu memeriksa <b>laporan</b> warga.\n\nParagraf kedua soal pengawasan.",
    day=12,
)


def asn_alert_doc() -> EnrichedArticle:
    doc = enriched(
        story(1, ASN_TITLE, ASN_BODY),
        topics={"netralitas_asn": 0.9},
        entities=[("Bawaslu", "ORG"), ("Jakarta Utara", "GPE")],
    )
    quote = Quote(speaker="Benny Sabdo", text="ASN dilarang terlibat politik praktis")
    return doc.model_copy(update={"quotes": [quote]})


@pytest.fixture
def settings(tmp_path: Path, store_template: Path) -> Settings:
    return data_dir(tmp_path, store_template)


def data_dir(tmp_path: Path, store_template: Path) -> Settings:
    """A fresh data dir: the template's accounts, the fixture articles indexed and the
    ASN alert fired into the operational store."""
    shutil.copy(store_template, tmp_path / STORE_FILE)
    rules = tmp_path / "rules.yaml"  # a channel, so the alert has a delivery to show
    rules.write_text(
        "channels:\n  hook: {type: webhook, url: 'http://127.0.0.1:9/hook'}\n"
        "offices:\n  Bawaslu Kota Jakarta Utara: [hook]\n"
    )
    s = Settings(data_dir=tmp_path, alerts=AlertSettings(rules_file=rules))
    backend = build_backend(s)
    doc = asn_alert_doc()
    backend.upsert([*MORE, HOSTILE, doc])
    backend.close()
    copy = enriched(
        story(2, ASN_COPY_TITLE, ASN_COPY_BODY, host="www.kabarjakarta.id"),
        topics={"netralitas_asn": 0.9},
    )
    AlertStage(build_alert_rules(s), build_alert_store(s)).process([doc, copy])
    return s


@pytest.fixture(scope="session")
def store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An operational store with its schema, offices and users, made once per run."""
    data = tmp_path_factory.mktemp("store-template")
    made = Accounts(build_store(Settings(data_dir=data)), hasher=FAST)
    for name, (role, office) in USERS.items():
        made.add_user(name, PASSWORD, role, office, actor="test")
    made.store.close()
    return data / STORE_FILE


@pytest.fixture
def accounts(settings: Settings) -> Iterator[Accounts]:
    """The data dir's accounts (a copy of the template's), with a fast hasher."""
    found = Accounts(build_store(settings), hasher=FAST)
    yield found
    found.store.close()


def csrf_of(page: Response) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, page.text
    return found.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> Response:
    token = csrf_of(client.get("/login"))
    form = {"username": username, "password": password, "csrf_token": token}
    answer: Response = client.post("/login", data=form, follow_redirects=False)
    return answer


@pytest.fixture
def anonymous(settings: Settings, accounts: Accounts) -> TestClient:
    # localhost: the trusted-host check refuses TestClient's default "testserver"
    app = build_api(settings, accounts)
    return TestClient(app, base_url=BASE, raise_server_exceptions=False)


@pytest.fixture
def client(anonymous: TestClient) -> TestClient:
    """Signed in as the administrator (sees everything)."""
    assert sign_in(anonymous, "admin").status_code == 303
    return anonymous


@pytest.fixture
def admin_api(settings: Settings, accounts: Accounts) -> TestClient:
    """A machine client with the administrator's API token (no cookies, no CSRF)."""
    user = accounts.get_user("admin")
    assert user is not None
    token = accounts.create_api_token(user.id, "test", actor="test")
    app = build_api(settings, accounts)
    headers = {"Authorization": f"Bearer {token}"}
    return TestClient(app, base_url=BASE, headers=headers, raise_server_exceptions=False)


@pytest.fixture
def cli_runner() -> Iterator[CliRunner]:
    """The CLI in this process; it sets the umask (private files), put back afterwards."""
    before = os.umask(0o022)
    os.umask(before)
    yield CliRunner()
    os.umask(before)
