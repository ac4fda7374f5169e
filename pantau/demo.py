"""`pantau demo`: serve the bundled sample site, crawl it, enrich, index, summarise."""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from crawlers.outcomes import CrawlFailure, CrawlStats
from crawlers.run import crawl
from crawlers.server import serve_sample_site
from pantau.config import Settings
from pantau.runtime import ALL_STAGES, Runtime
from pantau.wiring import build_alert_store, check_data_dir
from pipeline.bus import Bus
from pipeline.events import TOPIC_RAW, RawArticle, dlq_topic
from search.backend import SearchBackend

FLUSH_EVERY = 16


@dataclass
class IngestCounter:
    """Publishes crawl outcomes to the bus: articles to articles.raw, failures to its DLQ."""

    bus: Bus
    runtime: Runtime | None = None  # inline: its stages consume the bus (maybe still loading)
    articles: int = 0
    failures: Counter[str] = field(default_factory=Counter)

    def article(self, article: RawArticle) -> None:
        if self.runtime is not None:  # fail before the crawl state marks the article seen
            _ = self.runtime.stages
        self.bus.publish(TOPIC_RAW, article.to_bytes(), key=article.id)
        self.articles += 1
        if self.articles % FLUSH_EVERY == 0:
            self.flush()

    def flush(self) -> None:
        if self.runtime is not None:
            _ = self.runtime.stages
        self.bus.flush()

    def failure(self, failure: CrawlFailure) -> None:
        value = json.dumps({"url": failure.url, "reason": failure.reason, "detail": failure.detail})
        headers = {"stage": "crawl", "error": failure.reason, "origin": failure.url}
        self.bus.publish(dlq_topic(TOPIC_RAW), value.encode("utf-8"), key=None, headers=headers)
        self.failures[failure.reason] += 1


@dataclass
class DemoReport:
    crawl: CrawlStats
    published: int
    failures: Counter[str]
    indexed_before: int
    indexed_after: int
    seconds: float


def run_demo(settings: Settings, console: Console, *, query: str = "netralitas ASN") -> DemoReport:
    started = time.perf_counter()
    check_data_dir(settings.data_dir)
    with Runtime(settings, stages=ALL_STAGES, loading=True) as runtime:
        backend = runtime.backend
        before = backend.count()
        console.print("[bold]pantau demo[/]: loading the Indonesian NLP pipeline …")
        ingest = IngestCounter(runtime.bus, runtime)
        with serve_sample_site() as site, _progress(console) as progress:
            console.print(f"serving the bundled sample site at {site.base_url}")
            task = progress.add_task("crawling + enriching + indexing", total=None)

            def on_article(article: RawArticle) -> None:
                ingest.article(article)
                progress.update(task, advance=1, description=f"{article.title[:60]}")

            stats = crawl(
                site.start_urls,
                on_article=on_article,
                on_error=ingest.failure,
                delay=0.0,
            )
            ingest.flush()
        report = DemoReport(
            crawl=stats,
            published=ingest.articles,
            failures=ingest.failures,
            indexed_before=before,
            indexed_after=backend.count(),
            seconds=time.perf_counter() - started,
        )
        _summary(console, settings, backend, report, query)
    return report


def _progress(console: Console) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.completed} articles"),
        BarColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


def _summary(
    console: Console, settings: Settings, backend: SearchBackend, r: DemoReport, query: str
) -> None:
    from pantau.render import facet_table, hits_table
    from search.query import SearchQuery

    console.print(
        f"crawled [bold]{r.published}[/] articles in {r.seconds:.1f}s; index holds "
        f"[bold]{r.indexed_after}[/] articles (was {r.indexed_before}); "
        f"data dir {settings.data_dir}"
    )
    if r.crawl.skipped:
        console.print(f"skipped: {dict(r.crawl.skipped)}")
    if r.failures:
        console.print(
            f"[yellow]{sum(r.failures.values())} pages could not be used[/] "
            f"{dict(r.failures)} -> {settings.dlq_dir / (dlq_topic(TOPIC_RAW) + '.jsonl')}"
        )
    overview = backend.search(SearchQuery(limit=1))
    console.print(facet_table("Top topics", overview.facets.get("topics", [])))
    console.print(facet_table("Top entities", overview.facets.get("entities", [])))
    result = backend.search(SearchQuery(text=query, limit=5))
    console.print(hits_table(f'Example search: "{query}" ({result.total} hits)', result.hits))
    console.print(f'Try: pantau search "{query}" --data-dir {settings.data_dir}')
    store = build_alert_store(settings)
    alerts = store.counts()
    store.close()
    console.print(
        f"alert feed: [bold]{alerts['alerts']}[/] alerts in all, {alerts['copies']} syndicated "
        f"copies suppressed; see: pantau alerts list --data-dir {settings.data_dir}"
    )
