"""`pantau ingest`, `serve`, `reindex`: fill, serve and rebuild the index."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pantau.clikit import DataDir, console, err, fail, known_errors
from pantau.commands.search import BackendOpt, settings_for

commands = typer.Typer()


@commands.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Saved HTML, RawArticle JSON/JSONL, .txt")],
    url: Annotated[str | None, typer.Option(help="The page's URL (one file only).")] = None,
    source: Annotated[str | None, typer.Option(help="Source name to record.")] = None,
    backend: BackendOpt = None,
    data_dir: DataDir = None,
) -> None:
    """Bring archived articles in through the same pipeline as a crawl (enrich, index, alert)."""
    from pantau.ingest import ingest_files

    settings = settings_for(data_dir, backend)
    try:
        report = ingest_files(settings, paths, url=url, source=source)
    except known_errors() as exc:
        raise fail(str(exc)) from exc
    except ValueError as exc:
        raise fail(str(exc)) from exc
    for path, reason in report.failed:
        err.print(f"[yellow]skipped[/] {path}: {reason}")
    console.print(
        f"published {report.published} articles from {report.files} files; "
        f"index holds {report.indexed} articles"
    )
    if report.failed:
        raise typer.Exit(1)


@commands.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    backend: BackendOpt = None,
    data_dir: DataDir = None,
) -> None:
    """Serve the web UI (/, /alerts, /trends) and the JSON API (/api/..., documented at /docs)."""
    import uvicorn

    from pantau.runtime import Runtime
    from pantau.web.serving import prepare, settle_heap
    from pantau.wiring import build_accounts, build_api

    settings = settings_for(data_dir, backend)
    try:
        accounts = build_accounts(settings)
        settings = prepare(settings, host, accounts, console.print)
        runtime = Runtime(settings, bus=False).open()
    except known_errors() as exc:
        raise fail(str(exc)) from exc
    with runtime:
        api = build_api(settings, accounts, backend=runtime.backend)
        console.print(
            f"pantau on http://{host}:{port}/ (web UI), API docs at /docs ({settings.backend})"
        )
        settle_heap()
        # proxy_headers off: the app reads X-Forwarded-* itself, from trusted proxies only
        uvicorn.run(api, host=host, port=port, log_level="info", proxy_headers=False)


@commands.command()
def reindex(
    keep_old: Annotated[bool, typer.Option(help="Keep the previous ES index version.")] = False,
    backend: BackendOpt = None,
    data_dir: DataDir = None,
) -> None:
    """Rebuild the index from the stored events (new stemmer or mapping), without downtime."""
    from pantau.commands.exporting import Bar
    from pantau.wiring import build_backend
    from search.elastic import ElasticsearchBackend

    try:
        index = build_backend(settings_for(data_dir, backend))
        with Bar(True, "reindex") as bar:
            bar.total(index.count())
            if isinstance(index, ElasticsearchBackend):
                before = index.current_index()
                done = index.reindex(keep_old=keep_old, counted=bar.advance)
            else:
                done = index.reindex(counted=bar.advance)
        if isinstance(index, ElasticsearchBackend):
            console.print(
                f"reindexed {done} articles: {index.alias} {before} -> {index.index}",
                soft_wrap=True,
            )
        else:
            console.print(f"reindexed {done} articles in {index.name}")
    except known_errors() as exc:
        raise fail(str(exc)) from exc
