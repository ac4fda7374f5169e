"""`pantau search`: query the index from the command line."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from pantau.clikit import DataDir, console, fail, known_errors, settings_with

commands = typer.Typer()


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


class Sort(StrEnum):
    relevance = "relevance"
    date = "date"


@commands.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, "exact phrase", -exclude.')] = "",
    topic: Annotated[list[str] | None, typer.Option(help="Topic id, e.g. netralitas_asn.")] = None,
    source: Annotated[list[str] | None, typer.Option(help="Source, e.g. antara.")] = None,
    since: Annotated[str | None, typer.Option(help="YYYY-MM-DD or 7d / 24h.")] = None,
    until: Annotated[str | None, typer.Option(help="YYYY-MM-DD or 7d / 24h.")] = None,
    sort: Annotated[Sort, typer.Option()] = Sort.relevance,
    limit: Annotated[int, typer.Option(min=1, max=500)] = 10,
    fmt: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.table,
    data_dir: DataDir = None,
) -> None:
    """Search indexed articles."""
    from pantau.render import hits_table, result_json
    from pantau.wiring import build_backend
    from search.query import SearchQuery, parse_when

    try:
        q = SearchQuery(
            text=query,
            topics=topic or [],
            sources=source or [],
            since=parse_when(since) if since else None,
            until=parse_when(until) if until else None,
            sort=sort.value,
            limit=limit,
        )
        backend = build_backend(settings_with(data_dir))
        result = backend.search(q)
    except known_errors() as exc:
        raise fail(str(exc)) from exc
    if fmt is OutputFormat.json:
        console.print_json(result_json(result))
    else:
        console.print(hits_table(f"{result.total} hits ({result.took_ms:.0f} ms)", result.hits))
