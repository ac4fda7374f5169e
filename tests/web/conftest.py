"""A data dir with a small SQLite index and a real alert store, served by build_api."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from alerts.stage import AlertStage
from pantau.config import AlertSettings, Settings
from pantau.wiring import build_alert_rules, build_alert_store, build_api, build_backend
from pipeline.events import EnrichedArticle, Quote
from tests.alerts.conftest import ASN_BODY, ASN_COPY_BODY, ASN_COPY_TITLE, ASN_TITLE, story
from tests.conftest import enriched
from tests.search.fixtures import MORE, article

BASE = "http://localhost"
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
def settings(tmp_path: Path) -> Settings:
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


@pytest.fixture
def client(settings: Settings) -> TestClient:
    # localhost: the trusted-host check refuses TestClient's default "testserver"
    return TestClient(build_api(settings), base_url=BASE, raise_server_exceptions=False)
