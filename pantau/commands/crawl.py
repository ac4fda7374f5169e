"""`pantau crawl` and `pantau parse`: crawl sources into the configured bus, parse one page."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pantau.clikit import DataDir, console, fail, known_errors, settings_with

if TYPE_CHECKING:
    from crawlers.outcomes import CrawlStats, Progress
    from crawlers.state import CrawlState
    from crawlers.syndication import Copy
    from pantau.config import Settings
    from pantau.demo import IngestCounter

commands = typer.Typer()

Many = list[str] | None


@commands.command()
def crawl(
    urls: Annotated[Many, typer.Argument(help="Feed, sitemap, listing or article URLs.")] = None,
    source: Annotated[
        Many, typer.Option("--source", "-s", help="Outlet to crawl from its RSS feeds (repeat).")
    ] = None,
    start_url: Annotated[Many, typer.Option("--start-url", help="Another start URL.")] = None,
    keyword: Annotated[
        Many, typer.Option("--keyword", "-k", help="Also crawl the sources' search pages for it.")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Skip older articles; adds listings/sitemaps (backfill).")
    ] = None,
    until: Annotated[str | None, typer.Option(help="Skip articles newer than this.")] = None,
    max_pages: Annotated[int | None, typer.Option(help="Cap on article pages fetched.")] = None,
    delay: Annotated[float, typer.Option(help="Seconds between requests to one site.")] = 1.0,
    incremental: Annotated[
        bool, typer.Option(help="Skip URLs earlier crawls already handled (state in data dir).")
    ] = True,
    reset_state: Annotated[
        bool, typer.Option("--reset-state", help="Forget what earlier crawls saw first.")
    ] = False,
    allow_private: Annotated[
        bool, typer.Option(help="Allow loopback/private addresses anywhere (tests, local mirrors).")
    ] = False,
    antara_host: Annotated[
        Many,
        typer.Option(
            "--antara-host",
            help="ANTARA regional site to crawl besides www (repeat; 'jatim' or "
            "'jatim.antaranews.com'; 'none' for www only). Default: settings crawl.antara_hosts.",
        ),
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Crawl outlets (RSS-first) into the configured bus and summarise what happened."""
    from crawlers.outlets import OUTLETS
    from crawlers.sources import entry_points
    from search.query import parse_when

    settings = settings_with(data_dir)
    try:
        since_at = parse_when(since) if since else None
        until_at = parse_when(until, whole_day=True) if until else None
        regional = regional_hosts(antara_host, settings.crawl.antara_hosts)
        starts = [*(urls or []), *(start_url or [])]
        starts += entry_points(
            source or [], keywords=keyword or [], backfill=since is not None,
            regional_hosts=regional,
        )  # fmt: skip
    except (KeyError, ValueError) as exc:
        raise fail(str(exc.args[0])) from exc
    except known_errors() as exc:
        raise fail(str(exc)) from exc
    if not starts:
        raise fail(f"nothing to crawl: give URLs or --source ({', '.join(sorted(OUTLETS))})")
    state_dir = settings.data_dir / "crawl-state"
    if reset_state:
        (state_dir / "state.sqlite3").unlink(missing_ok=True)
    stats, published, copies = _run(
        settings, starts, state_dir if incremental else None,
        since=since_at, until=until_at, max_pages=max_pages, delay=delay,
        allow_private=allow_private, regional_hosts=regional,
        retry_backoff=settings.crawl.retry_backoff,
        download_timeout=settings.crawl.download_timeout,
    )  # fmt: skip
    _summary(stats, published, copies)


def regional_hosts(option: list[str] | None, configured: list[str] | None) -> dict[str, list[str]]:
    """The ANTARA regional hosts of a run: --antara-host wins over the settings; neither
    means the built-in list. Raises ValueError for a host that is not ANTARA's."""
    from crawlers.outlets import by_name

    chosen = option if option else configured
    if chosen is None:
        return {}
    antara = by_name("antara")
    values = [v for v in chosen if v.strip().lower() not in {"", "none"}]
    return {"antara": list(dict.fromkeys(antara.regional_host(v) for v in values))}


def _run(
    settings: Settings, starts: list[str], state_dir: Path | None, **options: Any
) -> tuple[CrawlStats, int, list[Copy]]:
    from crawlers.state import CrawlState
    from pantau.demo import IngestCounter
    from pantau.runtime import ALL_STAGES, Runtime
    from pantau.wiring import check_data_dir

    copies: list[Copy] = []
    inline = settings.bus == "inline"
    try:
        check_data_dir(settings.data_dir)
        # inline: the NLP pipeline loads while the crawl child starts
        stages = ALL_STAGES if inline else ()
        with Runtime(settings, stages=stages, backend=inline, loading=inline) as runtime:
            ingest = IngestCounter(runtime.bus, runtime if inline else None)
            state = CrawlState.in_dir(state_dir) if state_dir else None
            try:
                stats = _crawl(starts, ingest, state, copies, **options)
            finally:
                if state is not None:
                    state.close()
            ingest.flush()
    except known_errors() as exc:
        raise fail(str(exc)) from exc
    return stats, ingest.articles, copies


def _crawl(
    starts: list[str],
    ingest: IngestCounter,
    state: CrawlState | None,
    copies: list[Copy],
    **options: Any,
) -> CrawlStats:
    """The crawl with a progress line: pages, articles, skips and errors so far."""
    from rich.progress import Progress as ProgressBar
    from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

    from crawlers.run import crawl as run_crawl

    progress = ProgressBar(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
        console=console, transient=True,
    )  # fmt: skip
    with progress:
        task = progress.add_task("starting", total=None)

        def show(counts: Progress) -> None:
            progress.update(
                task,
                description=f"pages {counts.pages}  articles {ingest.articles}  "
                f"skipped {counts.skipped}  errors {counts.errors}",
            )

        return run_crawl(
            starts,
            on_article=ingest.article,
            on_error=ingest.failure,
            state=state,
            on_copy=copies.append,
            on_progress=show,
            **options,
        )


def _summary(stats: CrawlStats, published: int, copies: list[Copy]) -> None:
    from rich.table import Table

    pages = stats.pages_fetched
    rate = pages / stats.elapsed if stats.elapsed else 0.0
    console.print(
        f"published {published} articles from {pages} pages in {stats.elapsed:.1f}s "
        f"({rate:.1f} pages/s); finish: {stats.finish_reason}"
    )
    table = Table(title="Crawl summary", title_justify="left")
    table.add_column("kind")
    table.add_column("reason")
    table.add_column("count", justify="right")
    for kind, counts in (("error", stats.errors), ("skipped", stats.skipped),
                         ("warning", stats.warnings)):  # fmt: skip
        for reason, count in sorted(counts.items(), key=lambda kv: -kv[1]):
            table.add_row(kind, reason, str(count))
    sources = {k.removeprefix("pantau/source/"): v for k, v in stats.scrapy.items()
               if k.startswith("pantau/source/")}  # fmt: skip
    for name, count in sorted(sources.items()):
        table.add_row("source", name, str(count))
    console.print(table)
    for copy in copies:
        console.print(
            f"syndicated copy: {copy.url} ({copy.source}) of {copy.origin_url} "
            f"({copy.origin_source})"
        )


class ParseFormat(StrEnum):
    json = "json"
    text = "text"


@commands.command()
def parse(
    file: Annotated[Path, typer.Argument(help="A saved HTML page.", exists=True, dir_okay=False)],
    url: Annotated[str, typer.Option(help="The URL the page was fetched from.")],
    output: Annotated[ParseFormat, typer.Option("--format", help="Output format.")] = (
        ParseFormat.json
    ),
) -> None:
    """Parse one saved page with its outlet's rules (generic extractor otherwise)."""
    from scrapy.http import HtmlResponse

    from crawlers.parsers.article import parse_article
    from crawlers.parsers.html import PageError

    response = HtmlResponse(url=url, body=file.read_bytes())
    try:
        parsed = parse_article(response)
    except PageError as exc:
        raise fail(f"{file}: not an article ({exc.reason}: {exc.detail})") from exc
    article = parsed.article
    if output is ParseFormat.json:
        payload = article.model_dump(mode="json", exclude={"crawled_at"})
        payload["warnings"] = parsed.warnings
        console.print_json(json.dumps(payload, ensure_ascii=False))
        return
    console.print(f"[bold]{article.title}[/] ({article.source}, {article.published_at})")
    console.print(f"{article.url}\n")
    console.print(article.body)
