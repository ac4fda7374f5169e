"""`pantau search` and `trends`: the index queried from the command line."""

from __future__ import annotations

import functools
import inspect
import json
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from pantau.clikit import DataDir, console, fail, known_errors, settings_with
from pantau.commands.exporting import All, Output, audited, save
from search.query import DEFAULT_TIMEZONE, FIELDS

if TYPE_CHECKING:
    from search.export import Format
    from search.query import SearchResult, TrendResult

commands = typer.Typer()


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class Sort(StrEnum):
    relevance = "relevance"
    date = "date"


class Interval(StrEnum):
    day = "day"
    week = "week"


class Split(StrEnum):
    topic = "topic"
    entity = "entity"
    source = "source"
    region = "region"


class BackendName(StrEnum):
    sqlite = "sqlite"
    elasticsearch = "elasticsearch"


Query = Annotated[
    str,
    typer.Argument(
        help='Words, OR, -exclude, "exact phrase", prefix*, '
        + "/".join(f"{f}:" for f in FIELDS)
        + "value."
    ),
]
WHEN = "YYYY-MM-DD, ISO time, '1 Nov 2024', 'kemarin', or 7d / 24h / 2w / '7 hari'."
Since = Annotated[str | None, typer.Option(help=WHEN)]
Until = Annotated[str | None, typer.Option(help=WHEN + " A date covers its whole day.")]
During = Annotated[
    str | None,
    typer.Option(
        help="Election stage, e.g. masa_tenang or pilkada2024:masa_kampanye (its days in "
        "--tz; with --since/--until, the articles in both)."
    ),
]
Tz = Annotated[
    str,
    typer.Option(
        "--tz",
        help="Time zone of dates without an offset and of trend days: Asia/Jakarta (WIB), "
        "Asia/Makassar (WITA), Asia/Jayapura (WIT), UTC.",
    ),
]
Fmt = Annotated[OutputFormat, typer.Option("--format")]
BackendOpt = Annotated[
    BackendName | None, typer.Option("--backend", help="Default: PANTAU_BACKEND or sqlite.")
]


def settings_for(data_dir: Path | None, backend: BackendName | None) -> Any:
    return settings_with(data_dir, backend=backend.value if backend else None)


def download_format(
    fmt: OutputFormat, output: Path | None, *, every: bool = False
) -> Format | None:
    """The export format when the output is a download (csv, xlsx, --output, --all), else
    None: table and json print the API's answer."""
    if fmt not in (OutputFormat.csv, OutputFormat.xlsx) and output is None and not every:
        return None
    if fmt is OutputFormat.table:
        raise fail("--all and --output write csv, json or xlsx: add --format")
    if fmt is OutputFormat.xlsx and output is None:
        raise fail("xlsx is a binary file: add --output FILE.xlsx")
    return cast("Format", fmt.value)


def filter_options(command: Callable[..., None]) -> Callable[..., None]:
    """`command` with one repeatable option per filter of the vocabulary (`--source`,
    `--topic`... from `search.filters`) in place of its `filters` parameter, which then
    receives them as {parameter: values}: search and trends take the same filters."""
    from search.filters import FILTERS

    signature = inspect.signature(command, eval_str=True)
    options = [
        inspect.Parameter(
            spec.param,
            inspect.Parameter.KEYWORD_ONLY,
            default=None,
            annotation=Annotated[list[str] | None, typer.Option(f"--{spec.param}", help=spec.help)],
        )
        for spec in FILTERS
    ]
    params: list[inspect.Parameter] = []
    for p in signature.parameters.values():
        params += options if p.name == "filters" else [p.replace(kind=p.KEYWORD_ONLY)]

    @functools.wraps(command)
    def wrapper(**given: Any) -> None:
        filters = {spec.param: given.pop(spec.param) for spec in FILTERS}
        command(filters=filters, **given)

    wrapper.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in params}
    return wrapper


Filters = dict[str, list[str] | None]


@commands.command()
@filter_options
def search(
    query: Query = "",
    filters: Filters | None = None,
    since: Since = None,
    until: Until = None,
    during: During = None,
    tz: Tz = DEFAULT_TIMEZONE,
    sort: Annotated[Sort, typer.Option()] = Sort.relevance,
    limit: Annotated[int, typer.Option(min=1, max=500)] = 10,
    cursor: Annotated[str | None, typer.Option(help="next_cursor of the previous page.")] = None,
    collapse: Annotated[bool, typer.Option(help="Fold syndicated copies into one hit.")] = False,
    fmt: Fmt = OutputFormat.table,
    every: All = False,
    output: Output = None,
    backend: BackendOpt = None,
    data_dir: DataDir = None,
) -> None:
    """Search indexed articles (csv, xlsx and --all: one row per article, from the first)."""
    from pantau.wiring import build_backend
    from search.export import export_hits
    from search.query import SearchQuery

    download = download_format(fmt, output, every=every)
    if download and cursor:
        raise fail("--cursor pages table and json output; an export starts at the first hit")
    try:
        q = SearchQuery.from_params(
            query,
            filters=filters or {},
            since=since,
            until=until,
            during=during,
            timezone=tz,
            sort=sort.value,
            limit=limit,
            cursor=cursor,
            collapse=collapse,
        )
        settings = settings_for(data_dir, backend)
        index = build_backend(settings)
        if download:
            rows = settings.export.max_rows if every else limit
            record = audited(settings, q, "cli search")
            save(
                lambda counted: record(
                    export_hits(index, q, download, timezone=tz, max_rows=rows, counted=counted)
                ),
                output,
                bar=every,
            )
            return
        result = index.search(q)
    except known_errors() as exc:
        raise fail(str(exc)) from exc
    _print_result(result, fmt)


def _print_result(result: SearchResult, fmt: OutputFormat) -> None:
    from pantau.render import hits_table, result_json

    if fmt is OutputFormat.json:
        console.print_json(result_json(result))
    else:
        console.print(hits_table(f"{result.total} hits ({result.took_ms:.0f} ms)", result.hits))
        if result.next_cursor:
            console.print(f"next page: --cursor {result.next_cursor}", soft_wrap=True)


@commands.command()
@filter_options
def trends(
    query: Query = "",
    by: Annotated[Interval, typer.Option("--by")] = Interval.day,
    split: Annotated[Split | None, typer.Option("--split")] = None,
    top: Annotated[int, typer.Option(min=1, max=50, help="Series when split.")] = 5,
    filters: Filters | None = None,
    since: Since = None,
    until: Until = None,
    during: During = None,
    tz: Tz = DEFAULT_TIMEZONE,
    fmt: Fmt = OutputFormat.table,
    output: Output = None,
    backend: BackendOpt = None,
    data_dir: DataDir = None,
) -> None:
    """Articles per day or week (attention over time), optionally split by topic/entity/source."""
    from pantau.wiring import build_backend
    from search.export import export_trends
    from search.query import SearchQuery, TrendQuery

    download = download_format(fmt, output)
    try:
        q = SearchQuery.from_params(
            query, filters=filters or {}, since=since, until=until, during=during, timezone=tz
        )
        tq = TrendQuery(
            query=q,
            interval=by.value,
            split=split.value if split else None,
            top=top,
            timezone=tz,
        )
        settings = settings_for(data_dir, backend)
        result = build_backend(settings).trends(tq)
    except known_errors() as exc:
        raise fail(str(exc)) from exc
    if download:
        record = audited(settings, tq, "cli trends")
        save(lambda counted: record(export_trends(result, download)), output, bar=False)
        return
    _print_trends(result, fmt)


def _print_trends(result: TrendResult, fmt: OutputFormat) -> None:
    from rich.table import Table

    if fmt is OutputFormat.json:
        console.print_json(json.dumps(result.model_dump(mode="json"), ensure_ascii=False))
        return
    dates = [p.date for p in result.series[0].points] if result.series else []
    shown = [*result.series, *([result.others] if result.others else [])]  # + "lainnya"
    rows = [
        {"date": d, **{s.label or s.name: s.points[i].count for s in shown}}
        for i, d in enumerate(dates)
    ]
    title = f"articles per {result.interval} ({result.timezone})"
    table = Table(title=title, title_justify="left")
    table.add_column(result.interval)
    for s in shown:
        table.add_column(f"{s.label or s.name} ({s.total})", justify="right")
    for row in rows:
        table.add_row(*(str(v) for v in row.values()))
    console.print(table)
