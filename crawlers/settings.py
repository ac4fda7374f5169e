"""Scrapy settings for pantau's spiders: polite by default, loosened only for local sites."""

from __future__ import annotations

from typing import Any

BOT_NAME = "pantau"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

USER_AGENT = "pantau/0.1 (election news monitor for Bawaslu; Scrapy)"
ROBOTSTXT_OBEY = True

# What existing scrapers of these outlets use: ~1 s between requests, 1-2 per site.
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5  # ±50%; Scrapy < 2.19 randomises by default instead
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# An ANTARA article page is ~150-400 kB; anything past 5 MB is not an article.
DOWNLOAD_MAXSIZE = 5 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Scrapy's retry and offsite-free downloader stack, plus pantau's guard and backoff.
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawlers.middlewares.RobotsTxtMiddleware": 100,
    "crawlers.middlewares.BackoffRetryMiddleware": 550,
    "crawlers.middlewares.PrivateAddressMiddleware": 50,
    "crawlers.middlewares.BackoffDelayMiddleware": 60,
}
PANTAU_RETRY_BACKOFF_BASE = 2.0  # seconds, doubled per retry
PANTAU_RETRY_BACKOFF_MAX = 60.0
# Redirect loops end after this many hops (reported as a failure, not followed forever).
REDIRECT_MAX_TIMES = 5

# Breadth-first and in feed order: all entry points first, then articles newest-first,
# so a crawl cut short by a timeout has the latest news rather than the oldest.
DEPTH_PRIORITY = 1
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"

COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# Scrapy 2.19+ opens a local remote-control HTTP port per crawl; a crawl child needs none.
REMOTE_CONTROL_ENABLED = False
LOG_LEVEL = "INFO"

# pantau's own knobs (read by the spider in from_crawler).
PANTAU_MAX_LISTING_PAGES = 3
PANTAU_MAX_ARTICLES = 0  # 0 = no cap
# Loopback/private addresses are refused except the start URLs' own (the operator named
# them); tests that link between local servers switch this on.
PANTAU_ALLOW_PRIVATE = False
PANTAU_TRUSTED_NETLOCS: list[str] = []
# Host names are resolved once, every address checked, and the checked one connected to.
TWISTED_DNS_RESOLVER = "crawlers.resolver.GuardedResolver"
PANTAU_SINCE: str | None = None
PANTAU_UNTIL: str | None = None
PANTAU_SEEN_FILE: str | None = None


def crawl_settings(
    *,
    delay: float | None = None,
    max_pages: int | None = None,
    timeout: float | None = None,
    log_level: str | None = None,
    retry_backoff: float | None = None,
) -> dict[str, Any]:
    """This module's settings with per-run overrides applied.

    `delay` below the polite default is for the bundled sample site and tests; with a
    delay of 0 AutoThrottle is switched off (it would otherwise start at its own delay).
    """
    settings = {name: value for name, value in globals().items() if name.isupper()}
    if delay is not None:
        settings["DOWNLOAD_DELAY"] = delay
        settings["AUTOTHROTTLE_START_DELAY"] = delay
        settings["AUTOTHROTTLE_ENABLED"] = delay > 0
        settings["DOWNLOAD_DELAY_JITTER"] = 0.5 if delay > 0 else 0.0
    if max_pages is not None:
        settings["PANTAU_MAX_ARTICLES"] = max_pages
    if timeout is not None and timeout > 0:
        settings["CLOSESPIDER_TIMEOUT"] = timeout
    if log_level is not None:
        settings["LOG_LEVEL"] = log_level
    if retry_backoff is not None:
        settings["PANTAU_RETRY_BACKOFF_BASE"] = retry_backoff
    return settings
