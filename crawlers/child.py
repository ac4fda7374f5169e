"""The crawl child: runs NewsSpider in its own process, one JSON line per outcome on stdout.

Started by crawlers.run.crawl() (Twisted's reactor cannot restart in one process);
`python -m crawlers.child --start URL ...` runs it by hand.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from typing import IO, Any

from crawlers.outcomes import CrawlFailure, article_line, failure_line, progress_line, stats_line
from pipeline.events import RawArticle

DEFAULT_DELAY = 1.0  # the same default as crawlers.run.crawl()
PROGRESS_EVERY = 0.5  # seconds between progress lines


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m crawlers.child",
        description="Crawl news feeds/listings; one JSON line per outcome on stdout.",
    )
    parser.add_argument("--start", action="append", required=True, help="feed/listing/article URL")
    parser.add_argument(
        "--allow-host", action="append", default=[], help="another host links may go to"
    )
    parser.add_argument(
        "--delay", type=float, default=DEFAULT_DELAY, help="seconds between requests"
    )
    parser.add_argument("--max-pages", type=int, default=None, help="cap on article pages")
    parser.add_argument(
        "--timeout", type=float, default=0.0, help="close the crawl after S seconds"
    )
    parser.add_argument("--log-level", default="INFO")
    parser.add_argument("--since", default=None, help="ISO datetime: skip older articles")
    parser.add_argument("--until", default=None, help="ISO datetime: skip newer articles")
    parser.add_argument("--seen-file", default=None, help="canonical URLs not to fetch again")
    parser.add_argument("--trust", action="append", default=[], help="private netloc to allow")
    parser.add_argument(
        "--allow-private", action="store_true", help="allow any private/loopback address"
    )
    parser.add_argument(
        "--regional-host",
        action="append",
        default=[],
        metavar="OUTLET=HOST",
        help="a regional edition to crawl (OUTLET= alone: none but the main hosts)",
    )
    parser.add_argument("--retry-backoff", type=float, default=None)
    parser.add_argument("--download-timeout", type=float, default=None)
    return parser.parse_args(argv)


def _protocol_stream() -> IO[str]:
    """The real stdout for protocol lines; fd 1 is pointed at stderr so stray prints
    from libraries cannot corrupt the stream."""
    out = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    sys.stdout.flush()
    os.dup2(2, 1)
    return out


def _regional(pairs: Sequence[str]) -> dict[str, list[str]]:
    """{"antara": ["jatim.antaranews.com"]} from ["antara=jatim.antaranews.com"]."""
    chosen: dict[str, list[str]] = {}
    for pair in pairs:
        name, _, host = pair.partition("=")
        hosts = chosen.setdefault(name.strip().lower(), [])
        if host.strip():
            hosts.append(host.strip().lower())
    return chosen


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    out = _protocol_stream()

    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from crawlers.settings import crawl_settings
    from crawlers.spiders.news import NewsSpider

    def emit(line: str) -> None:
        out.write(line + "\n")
        out.flush()

    def on_item(item: object, response: Any = None, **_: Any) -> None:
        if isinstance(item, RawArticle):
            meta = getattr(response, "meta", None) or {}
            emit(article_line(item, requested=meta.get("pantau_target")))
        elif isinstance(item, CrawlFailure):
            emit(failure_line(item))

    settings = crawl_settings(
        delay=args.delay,
        max_pages=args.max_pages,
        timeout=args.timeout,
        log_level=args.log_level,
        retry_backoff=args.retry_backoff,
    )
    settings.update(
        PANTAU_SINCE=args.since,
        PANTAU_UNTIL=args.until,
        PANTAU_SEEN_FILE=args.seen_file,
        PANTAU_TRUSTED_NETLOCS=args.trust,
        PANTAU_ALLOW_PRIVATE=args.allow_private,
    )
    if args.download_timeout:
        settings["DOWNLOAD_TIMEOUT"] = args.download_timeout
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(NewsSpider)
    crawler.signals.connect(on_item, signal=signals.item_scraped)
    last_progress = [0.0]

    def on_response(**_: Any) -> None:
        now = time.monotonic()
        if crawler.stats is None or now - last_progress[0] < PROGRESS_EVERY:
            return
        last_progress[0] = now
        emit(progress_line(crawler.stats.get_stats()))

    crawler.signals.connect(on_response, signal=signals.response_received)
    process.crawl(
        crawler,
        start=args.start,
        allow_hosts=args.allow_host,
        regional_hosts=_regional(args.regional_host),
    )
    process.start()
    emit(stats_line(crawler.stats.get_stats() if crawler.stats is not None else {}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
