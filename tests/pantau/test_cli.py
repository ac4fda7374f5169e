"""The CLI as a person uses it: demo twice, search, and clear errors for bad setups."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pantau.cli import app

runner = CliRunner()


def _search_json(data: Path, *args: str) -> dict[str, object]:
    result = runner.invoke(app, ["search", *args, "--format", "json", "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def test_demo_indexes_sample_site_and_rerun_adds_no_duplicates(demo_dir: Path) -> None:
    first = _search_json(demo_dir, "", "--limit", "500")
    assert int(first["total"]) >= 20  # type: ignore[call-overload]
    again = runner.invoke(app, ["demo", "--data-dir", str(demo_dir)])
    assert again.exit_code == 0, again.output
    second = _search_json(demo_dir, "", "--limit", "500")
    assert second["total"] == first["total"]
    dlq = demo_dir / "dlq" / "articles.raw.v1.dlq.jsonl"
    lines = [json.loads(x) for x in dlq.read_text(encoding="utf-8").splitlines()]
    assert lines and all(x["headers"]["stage"] == "crawl" and x["headers"]["error"] for x in lines)


def test_search_finds_asn_neutrality_stories(demo_dir: Path) -> None:
    out = _search_json(demo_dir, "netralitas ASN")
    hits = out["hits"]
    assert isinstance(hits, list) and len(hits) >= 3
    assert all("netralitas_asn" in h["topics"] for h in hits[:3])
    table = runner.invoke(app, ["search", "netralitas ASN", "--data-dir", str(demo_dir)])
    assert table.exit_code == 0 and "hits" in table.output


def test_search_filters_by_topic_and_date(demo_dir: Path) -> None:
    out = _search_json(demo_dir, "--topic", "netralitas_asn", "--limit", "100")
    assert int(out["total"]) >= 6  # type: ignore[call-overload]
    future = _search_json(demo_dir, "--since", "2099-01-01")
    assert future["total"] == 0


def test_bad_date_is_a_clear_error(demo_dir: Path) -> None:
    args = ["search", "x", "--since", "sebentar lagi", "--data-dir", str(demo_dir)]
    result = runner.invoke(app, args)  # "kemarin" is a date now
    assert result.exit_code == 2
    assert "cannot read 'sebentar lagi' as a date" in result.output


def test_data_dir_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = runner.invoke(app, ["demo", "--data-dir", str(blocker / "data")])
    assert result.exit_code == 2
    assert "not writable" in result.output
    assert "PANTAU_DATA_DIR" in result.output


def test_unreachable_start_url_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PANTAU_CRAWL__RETRY_BACKOFF", "0.1")  # the retries, not their wait
    result = runner.invoke(
        app, ["crawl", "http://127.0.0.1:9/rss/terkini.xml", "--data-dir", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "127.0.0.1:9" in result.output


def test_kafka_not_running_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTAU_KAFKA__BOOTSTRAP", "127.0.0.1:9")
    result = runner.invoke(app, ["worker", "enrich"])
    assert result.exit_code == 2
    assert "cannot reach Kafka at 127.0.0.1:9" in result.output


def test_elasticsearch_not_running_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTAU_BACKEND", "elasticsearch")
    monkeypatch.setenv("PANTAU_ELASTICSEARCH__URL", "http://127.0.0.1:9")
    result = runner.invoke(app, ["search", "pilkada"])
    assert result.exit_code == 2
    assert "cannot reach Elasticsearch at http://127.0.0.1:9" in result.output
