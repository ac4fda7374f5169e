"""Fixtures for crawler tests: sample-site pages as responses, a served site, one real crawl."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from scrapy.http import HtmlResponse

from crawlers.outcomes import CrawlFailure, CrawlStats
from crawlers.run import crawl
from crawlers.syndication import Copy
from devkit.server import SAMPLE_ROOT, SampleSite, serve_sample_site
from pipeline.events import RawArticle

LOCAL = "http://127.0.0.1:8765"


@pytest.fixture(scope="session")
def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SAMPLE_ROOT / "manifest.json").read_text("utf-8"))
    return data


@pytest.fixture(scope="session")
def stories(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Manifest entries of the sample articles by key."""
    return {a["key"]: a for a in manifest["articles"]}


def _page_bytes(path: str) -> bytes:
    return (SAMPLE_ROOT / (path.lstrip("/") + ".html")).read_bytes()


@pytest.fixture
def sample_response(stories: dict[str, dict[str, Any]]) -> Callable[[str], HtmlResponse]:
    """The sample page of a story key, as the local server would return it."""

    def make(key: str) -> HtmlResponse:
        path = stories[key]["path"]
        return HtmlResponse(url=LOCAL + path, body=_page_bytes(path), encoding="utf-8")

    return make


@pytest.fixture(scope="session")
def sample_site() -> Iterator[SampleSite]:
    with serve_sample_site() as site:
        yield site


@dataclass
class CrawlRun:
    articles: list[RawArticle] = field(default_factory=list)
    failures: list[CrawlFailure] = field(default_factory=list)
    copies: list[Copy] = field(default_factory=list)
    stats: CrawlStats | None = None


def _run_crawl(start_urls: list[str], **kwargs: Any) -> CrawlRun:
    run = CrawlRun()
    kwargs.setdefault("delay", 0.0)
    kwargs.setdefault("timeout", 120.0)
    run.stats = crawl(
        start_urls,
        on_article=run.articles.append,
        on_error=run.failures.append,
        on_copy=run.copies.append,
        **kwargs,
    )
    return run


@pytest.fixture(scope="session")
def run_crawl() -> Callable[..., CrawlRun]:
    """crawl() in a child process, collecting articles and failures (no delay)."""
    return _run_crawl


@pytest.fixture(scope="session")
def sample_crawl(sample_site: SampleSite) -> CrawlRun:
    """One full crawl of the sample site (feeds + listing), shared by the crawl tests."""
    return _run_crawl(sample_site.start_urls)


@pytest.fixture
def site_root() -> Path:
    return SAMPLE_ROOT


@pytest.fixture
def response_from() -> Callable[..., HtmlResponse]:
    """HtmlResponse from literal bytes (for pages the sample site does not have)."""

    def make(body: bytes | str, url: str = LOCAL + "/berita/1/x", status: int = 200) -> Any:
        data = body.encode("utf-8") if isinstance(body, str) else body
        return HtmlResponse(url=url, body=data, encoding="utf-8", status=status)

    return make
