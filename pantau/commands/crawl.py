"""`pantau crawl`: crawl URLs into the configured bus."""

from __future__ import annotations

from typing import Annotated

import typer

from pantau.clikit import DataDir, console, fail, known_errors, settings_with

commands = typer.Typer()


@commands.command()
def crawl(
    urls: Annotated[list[str], typer.Argument(help="Feed, listing or article URLs.")],
    data_dir: DataDir = None,
) -> None:
    """Crawl URLs into the configured bus (inline: enrich + index here; kafka: publish)."""
    from crawlers.run import crawl as run_crawl
    from pantau.demo import IngestCounter
    from pantau.wiring import attach_stages, build_bus

    settings = settings_with(data_dir)
    try:
        bus = build_bus(settings)
        if settings.bus == "inline":
            attach_stages(settings, bus)
        ingest = IngestCounter(bus)
        stats = run_crawl(urls, on_article=ingest.article, on_error=ingest.failure)
        bus.flush()
        bus.close()
    except known_errors() as exc:
        raise fail(str(exc)) from exc
    console.print(
        f"published {ingest.articles} articles; failures {dict(ingest.failures)}; "
        f"skipped {dict(stats.skipped)}"
    )
