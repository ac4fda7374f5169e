"""The filter vocabulary: one table read by the query model, CLI, API, syntax and engines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from pantau.cli import app
from search.api import create_app
from search.filters import FILTERS, article_values
from search.query import QuerySyntaxError, SearchQuery, parse
from search.sqlite import SqliteBackend
from tests.search.fixtures import MORE

runner = CliRunner()


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("filters")
    index = SqliteBackend(data / "index.sqlite3")
    index.ensure()
    index.upsert(MORE)
    index.close()
    return data


def test_every_filter_is_a_list_field_of_the_query_model() -> None:
    for spec in FILTERS:
        assert SearchQuery.model_fields[spec.name].annotation == list[str]
        assert SearchQuery().values(spec) == []


def test_agencies_are_the_org_entities_and_roles_never_empty() -> None:
    doc = next(d for d in MORE if any(e.canonical == "Panwascam" for e in d.entities))
    values = article_values(doc)  # Rudy Susmanto (PERSON, candidate), Panwascam (ORG)
    assert values["agencies"] == ["Panwascam"]
    assert values["entities"] == ["Panwascam", "Rudy Susmanto"]
    assert values["roles"] == ["candidate"]
    assert values["sources"] == [doc.article.source]


def _cli(data: Path, command: str, *args: str) -> Any:
    result = runner.invoke(app, [command, *args, "--format", "json", "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("spec", FILTERS, ids=lambda s: s.param)
def test_search_and_trends_take_every_filter_alike(data_dir: Path, spec: Any) -> None:
    every = _cli(data_dir, "search", "--limit", "500")
    value = next(v for doc in MORE for v in article_values(doc)[spec.name])
    option = [f"--{spec.param}", value]
    hits = _cli(data_dir, "search", *option, "--limit", "500")
    assert 0 < hits["total"] < every["total"] or spec.name == "roles"
    [everything] = _cli(data_dir, "trends", *option)["series"]
    assert everything["total"] == hits["total"]  # `pantau trends --agency/--role` used to fail


def test_the_api_documents_every_filter_on_search_and_trends() -> None:
    paths = TestClient(create_app(None)).get("/openapi.json").json()["paths"]
    for path in ("/api/search", "/api/trends"):
        names = {p["name"] for p in paths[path]["get"]["parameters"]}
        assert {spec.param for spec in FILTERS} <= names


def test_syntax_fields_and_facets_come_from_the_table() -> None:
    for spec in FILTERS:
        if spec.syntax:
            assert parse(f"{spec.param}:x").parts
        else:
            with pytest.raises(QuerySyntaxError, match="unknown field"):
                parse(f"{spec.param}:x")
