"""`pantau ingest`, `search`, `trends`, `reindex` as a person runs them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pantau.cli import app
from tests.conftest import raw_article

runner = CliRunner()
SAMPLE = Path(__file__).resolve().parents[2] / "devkit" / "sample_site" / "berita"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir filled by `pantau ingest` from a saved page, JSON lines and a text file."""
    files = tmp_path_factory.mktemp("archive")
    page = next(SAMPLE.rglob("*.html"))
    (files / "page.html").write_bytes(page.read_bytes())
    lines = [
        raw_article(1, title="Satpol PP menertibkan baliho", body="Baliho ditertibkan petugas."),
        raw_article(2, title="Penertiban APK di Koja", body="Penertiban dilakukan malam hari."),
    ]
    (files / "raw.jsonl").write_text("\n".join(a.model_dump_json() for a in lines))
    (files / "note.txt").write_text("Camat dipanggil Bawaslu\n\nCamat diduga tidak netral.\n")
    data = tmp_path_factory.mktemp("data")
    result = runner.invoke(app, ["ingest", str(files), "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    assert "published 4 articles from 3 files" in result.output
    return data


def run_json(data: Path, *args: str) -> dict[str, Any]:
    result = runner.invoke(app, [*args, "--format", "json", "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    loaded: dict[str, Any] = json.loads(result.output)
    return loaded


def test_ingested_articles_are_searchable_by_any_form(archive: Path) -> None:
    out = run_json(archive, "search", "penertiban")
    assert out["total"] == 2
    assert run_json(archive, "search", "title:camat")["total"] == 1


def test_ingest_twice_creates_no_duplicates(archive: Path, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Camat dipanggil Bawaslu\n\nCamat diduga tidak netral.\n")
    before = run_json(archive, "search", "")["total"]
    runner.invoke(app, ["ingest", str(note), "--data-dir", str(archive)])
    runner.invoke(app, ["ingest", str(note), "--data-dir", str(archive)])
    assert run_json(archive, "search", "")["total"] == before + 1


def test_ingest_reports_unusable_files(archive: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"title": "no schema"}')
    result = runner.invoke(app, ["ingest", str(bad), "--data-dir", str(archive)])
    assert result.exit_code == 1
    assert "schema_version" in result.output


def test_search_csv_and_syntax_error(archive: Path) -> None:
    result = runner.invoke(app, ["search", "baliho", "--format", "csv", "--data-dir", str(archive)])
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith("id,published_at,source,title")
    bad = runner.invoke(app, ["search", '"baliho', "--data-dir", str(archive)])
    assert bad.exit_code == 2
    assert "unbalanced quote" in bad.output
    assert "Traceback" not in bad.output


def test_trends_split_by_source(archive: Path) -> None:
    out = run_json(archive, "trends", "--by", "week", "--split", "source")
    assert out["series"][0]["name"] == "all"  # type: ignore[index]
    assert "antara" in [s["name"] for s in out["series"]]  # type: ignore[attr-defined]
    table = runner.invoke(
        app, ["trends", "--split", "source", "--top", "1", "--data-dir", str(archive)]
    )
    assert table.exit_code == 0, table.output
    assert "lainnya" in table.output  # what the top 1 leaves out, as a column


def test_reindex_sqlite(archive: Path) -> None:
    result = runner.invoke(app, ["reindex", "--data-dir", str(archive)])
    assert result.exit_code == 0, result.output
    assert "reindexed" in result.output
    assert run_json(archive, "search", "penertiban")["total"] == 2


@pytest.mark.elasticsearch
def test_reindex_elasticsearch_moves_the_alias(
    es_url: str, unique: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from search.elastic import ElasticsearchBackend
    from tests.search.fixtures import MORE

    alias = f"test-cli-{unique}"
    backend = ElasticsearchBackend(es_url, alias=alias, refresh=True)
    backend.ensure()
    backend.upsert(MORE)
    monkeypatch.setenv("PANTAU_ELASTICSEARCH__URL", es_url)
    monkeypatch.setenv("PANTAU_ELASTICSEARCH__ALIAS", alias)
    try:
        result = runner.invoke(app, ["reindex", "--backend", "elasticsearch"])
        assert result.exit_code == 0, result.output
        assert f"{alias}-v1 -> {alias}-v2" in result.output
        assert backend.current_index() == f"{alias}-v2"
        assert not backend.es.indices.exists(index=f"{alias}-v1")
        found = runner.invoke(
            app, ["search", "menertibkan", "--backend", "elasticsearch", "--format", "json"]
        )
        assert json.loads(found.output)["total"] == 3
        # a process still configured for v1 must not recreate it next to the alias
        ElasticsearchBackend(es_url, alias=alias).ensure()
        assert not backend.es.indices.exists(index=f"{alias}-v1")
    finally:
        backend.es.indices.delete(index=f"{alias}-v*")
        backend.close()
