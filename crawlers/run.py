"""Run a crawl in a child process (crawlers.child) and stream its outcomes back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from crawlers.outcomes import (
    UNREACHABLE_REASONS,
    CrawlError,
    CrawlFailure,
    CrawlStats,
    Progress,
    stats_from_scrapy,
)
from crawlers.parsers.generic import check_extractor
from crawlers.state import PERMANENT_FAILURES, CrawlState
from crawlers.syndication import Copy, SyndicationIndex
from crawlers.urls import article_url, host_of, is_private_host, logical_url, outlet_for
from pipeline.events import RawArticle, canonical_url

__all__ = ["CrawlError", "CrawlFailure", "CrawlStats", "crawl"]

DEFAULT_DELAY = 1.0
DEFAULT_TIMEOUT = 1800.0
# Time the child gets, past its own CLOSESPIDER_TIMEOUT, to close down before it is killed.
KILL_GRACE = 30.0
_STDERR_TAIL = 40


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
    since: datetime | None = None,
    until: datetime | None = None,
    state: CrawlState | None = None,
    allow_private: bool = False,
    retry_backoff: float | None = None,
    download_timeout: float | None = None,
    on_copy: Callable[[Copy], None] | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    regional_hosts: Mapping[str, Sequence[str]] | None = None,
) -> CrawlStats:
    """Crawl `start_urls` (feeds, sitemaps, listings or articles) in a child process.

    Callbacks run in this thread as outcomes arrive; an exception from a callback stops
    the crawl and propagates. With a `state`, URLs it has seen are not fetched again and
    each article is marked seen once `on_article` returned (so a crash re-fetches it).
    Syndicated copies are matched against the state's fingerprints (this run's only,
    without a state) and reported to `on_copy`. `regional_hosts` chooses, per outlet with
    regional editions (ANTARA), which regional hosts links may go to (default: the
    outlet's own list). Raises CrawlError when the child cannot
    start, does not finish within `timeout` (+ grace), or no start URL could be reached.
    """
    if not start_urls:
        raise ValueError("crawl() needs at least one start URL")
    check_extractor()  # a broken install fails here, not page by page in the child
    options = _ChildOptions(
        delay=delay, timeout=timeout, allow_hosts=list(allow_hosts), max_pages=max_pages,
        log_level=log_level, since=since, until=until, allow_private=allow_private,
        retry_backoff=retry_backoff, download_timeout=download_timeout,
        regional_hosts={k: list(v) for k, v in (regional_hosts or {}).items()},
    )  # fmt: skip
    ledger = state or CrawlState()
    with tempfile.TemporaryDirectory(prefix="pantau-crawl-") as scratch:
        if state is not None:
            seen_file = Path(scratch) / "seen.txt"
            seen_file.write_text("\n".join(sorted(state.seen_urls())), "utf-8")
            options.seen_file = str(seen_file)
        outcomes = _Outcomes(
            on_article, on_error, ledger, on_copy, on_progress, remember=state is not None
        )
        try:
            return _run_child(start_urls, options, outcomes)
        finally:
            if state is None:
                ledger.close()
            else:
                state.commit()


@dataclass
class _ChildOptions:
    delay: float
    timeout: float
    allow_hosts: list[str]
    max_pages: int | None
    log_level: str
    since: datetime | None
    until: datetime | None
    allow_private: bool
    retry_backoff: float | None
    download_timeout: float | None = None
    regional_hosts: dict[str, list[str]] = field(default_factory=dict)
    seen_file: str | None = None


def _run_child(
    start_urls: Sequence[str], options: _ChildOptions, outcomes: _Outcomes
) -> CrawlStats:
    command = _child_command(start_urls, options)
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
    limit = options.timeout + KILL_GRACE
    watchdog = threading.Timer(limit, lambda: _kill(proc, killed))
    watchdog.start()
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
        raise CrawlError(f"crawl did not finish within {limit:.0f}s; child killed")
    if outcomes.stats is None:
        raise CrawlError(
            f"crawl child exited with status {returncode} before reporting stats:\n"
            + "\n".join(tail)
        )
    result = stats_from_scrapy(
        outcomes.stats,
        articles=outcomes.articles,
        elapsed=time.monotonic() - started,
        copies=outcomes.copies,
    )
    _raise_if_unreachable(start_urls, outcomes.failures, result)
    return result


@dataclass
class _Outcomes:
    """Dispatches the child's JSON lines to the callbacks and keeps what crawl() returns."""

    on_article: Callable[[RawArticle], None]
    on_error: Callable[[CrawlFailure], None]
    ledger: CrawlState
    on_copy: Callable[[Copy], None] | None = None
    on_progress: Callable[[Progress], None] | None = None
    remember: bool = False
    articles: int = 0
    copies: int = 0
    failures: list[CrawlFailure] = field(default_factory=list)
    stats: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        self.syndication = SyndicationIndex(self.ledger)

    def take(self, message: dict[str, Any] | None) -> None:
        if not message:
            return
        kind = message.get("kind")
        if kind == "article":
            article = RawArticle.model_validate(message["article"])
            copy = self._syndicate(article)
            if copy is not None and copy.article_id == article.id != copy.origin_id:
                article = article.model_copy(update={"origin_id": copy.origin_id})
            self.on_article(article)
            self.articles += 1
            self._after_article(article, message.get("requested"))
        elif kind == "error":
            failure = CrawlFailure(
                str(message.get("url", "")),
                str(message.get("reason", "unknown")),
                str(message.get("detail", "")),
            )
            self.failures.append(failure)
            self.on_error(failure)
            if self.remember and failure.reason in PERMANENT_FAILURES:
                self._remember_failure(failure)
        elif kind == "progress" and self.on_progress is not None:
            self.on_progress(Progress.from_line(message))
        elif kind == "stats":
            self.stats = dict(message.get("stats") or {})

    def _syndicate(self, article: RawArticle) -> Copy | None:
        """Group the article with earlier copies of its story (before it is published)."""
        copy = self.syndication.add(article)
        if copy is not None:
            self.copies += 1
            if self.on_copy is not None:
                self.on_copy(copy)
        return copy

    def _after_article(self, article: RawArticle, requested: object) -> None:
        if self.remember:
            self.ledger.mark_article(article)
            if isinstance(requested, str):
                self.ledger.mark(requested, article.source)
        if self.articles % 50 == 0:
            self.ledger.commit()

    def _remember_failure(self, failure: CrawlFailure) -> None:
        try:
            url = article_url(logical_url(failure.url))
        except ValueError:
            return
        outlet = outlet_for(url)
        self.ledger.mark(url, outlet.name if outlet else host_of(url), failure.reason)


def _kill(proc: subprocess.Popen[str], killed: threading.Event) -> None:
    killed.set()
    proc.kill()


def _child_command(start_urls: Iterable[str], options: _ChildOptions) -> list[str]:
    command = [sys.executable, "-m", "crawlers.child", "--delay", str(options.delay)]
    command += ["--timeout", str(options.timeout), "--log-level", options.log_level]
    starts = list(start_urls)
    for url in starts:
        command += ["--start", url]
        if is_private_host(host_of(url)):
            command += ["--trust", url.split("//", 1)[-1].split("/", 1)[0]]
    for host in options.allow_hosts:
        command += ["--allow-host", host]
    if options.max_pages is not None:
        command += ["--max-pages", str(options.max_pages)]
    for flag, value in (("--since", options.since), ("--until", options.until)):
        if value is not None:
            command += [flag, value.isoformat()]
    if options.seen_file:
        command += ["--seen-file", options.seen_file]
    if options.allow_private:
        command.append("--allow-private")
    if options.retry_backoff is not None:
        command += ["--retry-backoff", str(options.retry_backoff)]
    if options.download_timeout is not None:
        command += ["--download-timeout", str(options.download_timeout)]
    for name, hosts in options.regional_hosts.items():
        for host in hosts or [""]:
            command += ["--regional-host", f"{name}={host}"]
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
