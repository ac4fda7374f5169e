"""Run a crawl in a child process (Twisted cannot restart) and stream its outcomes back."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from crawlers.outcomes import (
    UNREACHABLE_REASONS,
    CrawlError,
    CrawlFailure,
    CrawlStats,
    article_line,
    failure_line,
    stats_from_scrapy,
    stats_line,
)
from pipeline.events import RawArticle, canonical_url

__all__ = ["CrawlError", "CrawlFailure", "CrawlStats", "crawl", "main"]

DEFAULT_DELAY = 1.0
DEFAULT_TIMEOUT = 1800.0
# Time the child gets, past its own CLOSESPIDER_TIMEOUT, to close down before it is killed.
KILL_GRACE = 30.0
_STDERR_TAIL = 40


# -- parent side -------------------------------------------------------------------


def crawl(
    start_urls: Sequence[str],
    *,
    on_article: Callable[[RawArticle], None],
    on_error: Callable[[CrawlFailure], None],
    delay: float = DEFAULT_DELAY,
    timeout: float = DEFAULT_TIMEOUT,
    allow_hosts: Sequence[str] = (),
    max_pages: int | None = None,
    log_level: str = "INFO",
) -> CrawlStats:
    """Crawl `start_urls` (feeds, listings or articles) in a child process.

    Callbacks run in this thread as outcomes arrive; an exception from a callback stops
    the crawl and propagates. Raises CrawlError when the child cannot start, does not
    finish within `timeout` (+ grace), or no start URL could be reached at all.
    """
    if not start_urls:
        raise ValueError("crawl() needs at least one start URL")
    command = _child_command(start_urls, delay, timeout, allow_hosts, max_pages, log_level)
    started = time.monotonic()
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=_child_env(),
        text=True,
        encoding="utf-8",
    )
    assert proc.stdout is not None and proc.stderr is not None
    tail: deque[str] = deque(maxlen=_STDERR_TAIL)
    drain = threading.Thread(target=_drain, args=(proc.stderr, tail), daemon=True)
    drain.start()
    killed = threading.Event()
    watchdog = threading.Timer(timeout + KILL_GRACE, lambda: _kill(proc, killed))
    watchdog.start()
    outcomes = _Outcomes(on_article, on_error)
    try:
        for line in proc.stdout:
            outcomes.take(_decode(line, tail))
    except BaseException:
        proc.kill()
        raise
    finally:
        watchdog.cancel()
        returncode = proc.wait()
        drain.join(timeout=5)
    if killed.is_set():
        raise CrawlError(f"crawl did not finish within {timeout + KILL_GRACE:.0f}s; child killed")
    if outcomes.stats is None:
        raise CrawlError(
            f"crawl child exited with status {returncode} before reporting stats:\n"
            + "\n".join(tail)
        )
    result = stats_from_scrapy(
        outcomes.stats, articles=outcomes.articles, elapsed=time.monotonic() - started
    )
    _raise_if_unreachable(start_urls, outcomes.failures, result)
    return result


@dataclass
class _Outcomes:
    """Dispatches the child's JSON lines to the callbacks and keeps what crawl() returns."""

    on_article: Callable[[RawArticle], None]
    on_error: Callable[[CrawlFailure], None]
    articles: int = 0
    failures: list[CrawlFailure] = field(default_factory=list)
    stats: dict[str, Any] | None = None

    def take(self, message: dict[str, Any] | None) -> None:
        if not message:
            return
        kind = message.get("kind")
        if kind == "article":
            self.articles += 1
            self.on_article(RawArticle.model_validate(message["article"]))
        elif kind == "error":
            failure = CrawlFailure(
                str(message.get("url", "")),
                str(message.get("reason", "unknown")),
                str(message.get("detail", "")),
            )
            self.failures.append(failure)
            self.on_error(failure)
        elif kind == "stats":
            self.stats = dict(message.get("stats") or {})


def _kill(proc: subprocess.Popen[str], killed: threading.Event) -> None:
    killed.set()
    proc.kill()


def _child_command(
    start_urls: Iterable[str],
    delay: float,
    timeout: float,
    allow_hosts: Iterable[str],
    max_pages: int | None,
    log_level: str,
) -> list[str]:
    command = [sys.executable, "-m", "crawlers.run", "--delay", str(delay)]
    command += ["--timeout", str(timeout), "--log-level", log_level]
    for url in start_urls:
        command += ["--start", url]
    for host in allow_hosts:
        command += ["--allow-host", host]
    if max_pages is not None:
        command += ["--max-pages", str(max_pages)]
    return command


def _child_env() -> dict[str, str]:
    """The parent's environment, with this checkout importable even when not installed."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def _drain(stream: IO[str], tail: deque[str]) -> None:
    for line in stream:
        tail.append(line.rstrip("\n"))


def _decode(line: str, tail: deque[str]) -> dict[str, Any] | None:
    line = line.strip()
    if not line:
        return None
    try:
        message = json.loads(line)
    except ValueError:
        tail.append(f"(stdout) {line}")
        return None
    return message if isinstance(message, dict) else None


def _same_url(a: str, b: str) -> bool:
    try:
        return canonical_url(a) == canonical_url(b)
    except ValueError:
        return a == b


def _raise_if_unreachable(
    start_urls: Sequence[str], failures: Sequence[CrawlFailure], stats: CrawlStats
) -> None:
    if stats.pages_fetched:
        return
    causes = []
    for url in start_urls:
        failure = next((f for f in failures if _same_url(f.url, url)), None)
        if failure is None or failure.reason not in UNREACHABLE_REASONS:
            return
        causes.append(f"{url}: {failure.reason} ({failure.detail})")
    raise CrawlError("could not fetch any start URL: " + "; ".join(causes))


# -- child side --------------------------------------------------------------------


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m crawlers.run",
        description="Crawl ANTARA feeds/listings; one JSON line per outcome on stdout.",
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
    return parser.parse_args(argv)


def _protocol_stream() -> IO[str]:
    """The real stdout for protocol lines; fd 1 is pointed at stderr so stray prints
    from libraries cannot corrupt the stream."""
    out = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    sys.stdout.flush()
    os.dup2(2, 1)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    args = _arguments(argv)
    out = _protocol_stream()

    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    from crawlers.settings import crawl_settings
    from crawlers.spiders.antara import AntaraSpider

    def emit(line: str) -> None:
        out.write(line + "\n")
        out.flush()

    def on_item(item: object, **_: Any) -> None:
        if isinstance(item, RawArticle):
            emit(article_line(item))
        elif isinstance(item, CrawlFailure):
            emit(failure_line(item))

    settings = crawl_settings(
        delay=args.delay, max_pages=args.max_pages, timeout=args.timeout, log_level=args.log_level
    )
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(AntaraSpider)
    crawler.signals.connect(on_item, signal=signals.item_scraped)
    process.crawl(crawler, start=args.start, allow_hosts=args.allow_host)
    process.start()
    emit(stats_line(crawler.stats.get_stats() if crawler.stats is not None else {}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
