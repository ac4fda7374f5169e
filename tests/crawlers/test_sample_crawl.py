"""Real crawls (child process + local HTTP server): what is found, skipped and reported."""

from __future__ import annotations

import re
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from crawlers.outcomes import CrawlError
from crawlers.run import crawl
from devkit.server import SampleSite, serve_sample_site
from pipeline.events import RawArticle, article_id

RunCrawl = Callable[..., Any]


def not_article_links(site_root: Path) -> int:
    """How many /foto/ and /video/ links the feeds and listing pages carry."""
    files = [*site_root.glob("rss/*.xml"), site_root / "terkini.html", site_root / "terkini/2.html"]
    # feed items, and card titles (the thumbnail repeats the link; it is not followed)
    pattern = re.compile(r'(?:<link>|<h2 class="h5"><a href=")\{\{BASE\}\}/(?:foto|video)/')
    return sum(len(pattern.findall(f.read_text("utf-8"))) for f in files)


def expected_urls(manifest: dict[str, Any]) -> set[str]:
    return {a["url"] for a in manifest["articles"] + manifest["outlet_articles"]}


def test_crawl_finds_every_article_of_every_outlet_exactly_once(
    sample_crawl: Any, manifest: dict[str, Any]
) -> None:
    found = [a.id for a in sample_crawl.articles]
    expected = {article_id(url) for url in expected_urls(manifest)}
    # counts come from the manifest, so adding an outlet's sample module needs no edit here
    assert len(found) == len(set(found)) == len(expected) >= 27 + 15
    assert set(found) == expected
    assert sample_crawl.stats.articles == len(expected)
    outlets = {a["outlet"] for a in manifest["outlet_articles"]} - {"generic"}
    sources = {a.source for a in sample_crawl.articles}
    assert sources == {"antara", "kabarpilkada.example", *outlets}
    assert {"detik", "kompas", "tempo", "liputan6", "republika", "rmol"} <= outlets


def test_crawled_articles_carry_canonical_urls_and_clean_bodies(
    sample_crawl: Any, manifest: dict[str, Any]
) -> None:
    by_url = {story["url"]: story for story in manifest["articles"] + manifest["outlet_articles"]}
    for article in sample_crawl.articles:
        story = by_url[article.url]
        assert "127.0.0.1" not in article.url
        assert article.title == story["title"]
        assert article.body == "\n\n".join(story["paragraphs"])
        assert article.fingerprint is not None


def test_syndicated_copies_are_grouped_under_the_earliest(sample_crawl: Any) -> None:
    assert sample_crawl.stats.copies == 2
    assert sample_crawl.stats.warnings["agency_dateline"] == 2
    origins = {c.origin_url for c in sample_crawl.copies}
    assert origins == {
        "https://www.antaranews.com/berita/4432810/"
        "bkn-jatuhkan-sanksi-kepada-12-asn-pemprov-dki-yang-tidak-netral"
    }
    assert {c.source for c in sample_crawl.copies} == {"detik", "republika"}


def test_published_copies_carry_their_origin_and_agency(sample_crawl: Any) -> None:
    # origin_id is what the crawl knew when it published the copy: crawl order decides
    # whether a copy or the original arrives first, so only the direction is fixed.
    by_id = {a.id: a for a in sample_crawl.articles}
    copies = [a for a in sample_crawl.articles if a.origin_id is not None]
    assert copies
    for copy in copies:
        origin = by_id[copy.origin_id]
        assert origin.published_at is not None and copy.published_at is not None
        assert origin.published_at <= copy.published_at
    agency = {a.source for a in sample_crawl.articles if a.agency_dateline == "ANTARA"}
    assert agency == {"detik", "republika"}


def test_foto_and_video_links_are_skipped_and_counted(sample_crawl: Any, site_root: Path) -> None:
    assert sample_crawl.stats.skipped["not_article"] == not_article_links(site_root) == 5
    seen = [a.url for a in sample_crawl.articles] + [f.url for f in sample_crawl.failures]
    assert not any("/foto/" in url or "/video/" in url for url in seen)


def test_malformed_page_is_reported_not_crashing(
    sample_crawl: Any, manifest: dict[str, Any]
) -> None:
    [failure] = sample_crawl.failures
    assert failure.url.endswith(manifest["malformed"][0])
    assert failure.reason == "no_body"
    assert sample_crawl.stats.errors == {"no_body": 1}


def test_paywalled_article_is_kept_and_counted(sample_crawl: Any, manifest: dict[str, Any]) -> None:
    assert sample_crawl.stats.warnings["paywalled"] == 1
    [story] = [s for s in manifest["outlet_articles"] if s["paywalled"]]
    [article] = [a for a in sample_crawl.articles if a.url == story["url"]]
    assert article.paragraphs == story["paragraphs"]
    assert article.paywalled
    assert sum(a.paywalled for a in sample_crawl.articles) == 1


def test_article_without_printed_date_is_kept_and_warned(sample_crawl: Any) -> None:
    assert all(a.published_at is not None for a in sample_crawl.articles)
    assert sample_crawl.stats.warnings["date_guessed"] == 1
    assert "missing_date" not in sample_crawl.stats.warnings


def test_crawl_stats(sample_crawl: Any, manifest: dict[str, Any]) -> None:
    stats = sample_crawl.stats
    # ANTARA: 2 feeds + 2 listing pages + 27 articles + the malformed page; others: a feed
    # each but detik (index, 3 pages) and kompas (sitemap index + 2 sitemaps), articles
    feeds = len(manifest["other_outlets"]) - 2
    assert feeds == 5 + (len({a["outlet"] for a in manifest["outlet_articles"]}) - 7)
    assert stats.pages_fetched == 32 + feeds + 3 + 3 + len(manifest["outlet_articles"])
    assert stats.finish_reason == "finished"
    assert stats.elapsed > 0
    assert stats.scrapy["robotstxt/request_count"] == 1


def test_amp_links_are_fetched_as_regular_pages(
    sample_site: SampleSite, run_crawl: RunCrawl, manifest: dict[str, Any]
) -> None:
    run = run_crawl([sample_site.url("/rss/politik.xml")])
    assert run.failures == []
    amp_path = manifest["amp_linked"][0]
    assert any(a.url.endswith(amp_path) for a in run.articles)
    assert run.stats.skipped == {"not_article": 1}


def test_max_pages_caps_article_requests(sample_site: SampleSite, run_crawl: RunCrawl) -> None:
    run = run_crawl([sample_site.url("/rss/terkini.xml")], max_pages=3)
    assert len(run.articles) + len(run.failures) == 3
    # 13 article links in the feed (12 stories and the malformed page)
    assert run.stats.skipped["max_pages"] == 10


def test_timeout_closes_the_crawl_early(sample_site: SampleSite, run_crawl: RunCrawl) -> None:
    # At a 0.5 s delay the whole site takes ~20 s; the timeout closes it after 1 s (Scrapy
    # still finishes the few requests already handed to the downloader).
    run = run_crawl(sample_site.start_urls[:3], delay=0.5, timeout=1.0)
    assert run.stats.finish_reason == "closespider_timeout"
    assert run.stats.elapsed < 20
    assert 0 < len(run.articles) < 27
    # breadth-first in feed order: what a cut-short crawl has is the newest news
    assert any("/berita/313655/" in a.url for a in run.articles)


def test_robots_txt_is_obeyed(sample_site: SampleSite, run_crawl: RunCrawl) -> None:
    run = run_crawl([sample_site.url("/search?q=pilkada")])
    assert [f.reason for f in run.failures] == ["robots_txt"]
    assert run.articles == []


def test_missing_start_url_is_an_error_not_an_exception(
    sample_site: SampleSite, run_crawl: RunCrawl
) -> None:
    run = run_crawl([sample_site.url("/rss/tidak-ada.xml")])
    assert [f.reason for f in run.failures] == ["http_404"]
    assert run.stats.errors == {"http_404": 1}


CHALLENGE = """<!DOCTYPE html><html><head><title>Just a moment...</title></head>
<body>Checking your browser before accessing the site.</body></html>"""


@pytest.fixture
def odd_site(tmp_path: Path) -> Any:
    """A site whose feed links to a block page, a missing page and another host."""
    (tmp_path / "berita/1").mkdir(parents=True)
    (tmp_path / "berita/1/diblokir.html").write_text(CHALLENGE, "utf-8")
    (tmp_path / "rss").mkdir()
    items = [
        "{{BASE}}/berita/1/diblokir",
        "{{BASE}}/berita/2/hilang",
        "https://www.antaranews.com/berita/4432810/di-host-lain",
        "{{BASE}}/tag/pilkada",
    ]
    (tmp_path / "rss/aneh.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
        + "".join(f"<item><title>t</title><link>{link}</link></item>" for link in items)
        + "</channel></rss>",
        "utf-8",
    )
    with serve_sample_site(root=tmp_path) as site:
        yield site


def test_block_missing_and_offsite_links(odd_site: SampleSite, run_crawl: RunCrawl) -> None:
    run = run_crawl([odd_site.url("/rss/aneh.xml")])
    reasons = {f.url.rsplit("/", 1)[1]: f.reason for f in run.failures}
    assert reasons == {"diblokir": "blocked", "hilang": "http_404"}
    assert run.articles == []
    assert run.stats.skipped == {"offsite": 1, "unknown_link": 1}


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_unreachable_start_url_raises_crawl_error() -> None:
    url = f"http://127.0.0.1:{closed_port()}/rss/terkini.xml"
    reported: list[Any] = []
    with pytest.raises(CrawlError) as caught:
        crawl([url], on_article=lambda a: None, on_error=reported.append, delay=0, timeout=60,
              retry_backoff=0.1)  # fmt: skip
    message = str(caught.value)
    assert url in message
    assert "connection_refused" in message
    assert [f.reason for f in reported] == ["connection_refused"]


def test_one_reachable_start_url_is_enough(sample_site: SampleSite, run_crawl: RunCrawl) -> None:
    dead = f"http://127.0.0.1:{closed_port()}/rss/terkini.xml"
    run = run_crawl([dead, sample_site.url("/rss/politik.xml")], retry_backoff=0.1)
    assert run.articles
    assert "connection_refused" in run.stats.errors


def test_child_start_up_failure_raises_with_its_stderr() -> None:
    with pytest.raises(CrawlError) as caught:
        crawl(
            ["http://127.0.0.1:9/x"],
            on_article=lambda a: None,
            on_error=lambda f: None,
            delay=0,
            timeout=30,
            log_level="NO-SUCH-LEVEL",
        )
    assert "Traceback" in str(caught.value)
    assert "NO-SUCH-LEVEL" in str(caught.value)


def test_callback_errors_stop_the_crawl(sample_site: SampleSite) -> None:
    def explode(article: RawArticle) -> None:
        raise RuntimeError("sink is down")

    with pytest.raises(RuntimeError, match="sink is down"):
        crawl(sample_site.start_urls, on_article=explode, on_error=lambda f: None, delay=0)


def test_start_urls_are_required() -> None:
    with pytest.raises(ValueError):
        crawl([], on_article=lambda a: None, on_error=lambda f: None)
