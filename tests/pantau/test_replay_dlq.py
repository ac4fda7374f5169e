"""`pantau replay dlq` in embedded mode re-drives the dead-letter files, never Kafka."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pantau.cli import app
from pipeline.bus import Message
from pipeline.deadletter import DeadLetterFile
from pipeline.events import TOPIC_RAW, dlq_topic
from tests.conftest import raw_article

runner = CliRunner()
pytestmark = pytest.mark.usefixtures("one_nlp")
DLQ = dlq_topic(TOPIC_RAW)


def _dead(data: Path, value: bytes, key: str | None, attempts: int) -> None:
    headers = {"stage": "enrich", "error": "nlp down", "attempts": str(attempts)}
    DeadLetterFile(data / "dlq")(Message(DLQ, value, key, headers))


def test_embedded_redrive_indexes_the_fixed_and_keeps_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PANTAU_BUS", raising=False)
    monkeypatch.setenv("PANTAU_KAFKA__BOOTSTRAP", "127.0.0.1:9")  # would fail if contacted
    good = raw_article(1, title="Bawaslu Bogor temukan ASN ikut kampanye")
    tired = raw_article(2, title="Pesan yang sudah gagal lima kali")
    _dead(tmp_path, good.to_bytes(), good.id, attempts=1)
    _dead(tmp_path, tired.to_bytes(), tired.id, attempts=5)
    _dead(tmp_path, b'{"bukan": "artikel"}', None, attempts=1)
    args = ["replay", "dlq", DLQ, "--data-dir", str(tmp_path)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "re-drove 2 messages" in result.output and "kept 1" in result.output
    left = DeadLetterFile(tmp_path / "dlq").read(DLQ)
    assert [r["key"] for r in left] == [tired.id, None]  # kept, then failed again
    assert left[1]["headers"]["attempts"] == "2"
    found = runner.invoke(app, ["search", "ASN kampanye", "--format", "json", "--data-dir",
                                str(tmp_path)])  # fmt: skip
    assert [h["id"] for h in json.loads(found.output)["hits"]] == [good.id]


def test_kafka_redrive_must_be_asked_for_and_says_when_kafka_is_down(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PANTAU_KAFKA__BOOTSTRAP", "127.0.0.1:9")
    args = ["replay", "dlq", DLQ, "--bus", "kafka", "--data-dir", str(tmp_path)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "127.0.0.1:9" in result.output
