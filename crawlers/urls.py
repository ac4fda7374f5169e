"""URL rules for ANTARA: AMP copies, tracking parameters and which links are articles."""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from pipeline.events import canonical_url

LinkKind = Literal["article", "not_article", "other"]

_AMP_PREFIX = re.compile(r"^/amp(?=/berita/)")
_ARTICLE_PATH = re.compile(r"^(?:/amp)?/berita/\d+(?:/[^/]*)?/?$")
_NOT_ARTICLE_PATH = re.compile(r"^(?:/amp)?/(?:foto|video|infografis|interaktif)(?:/|$)")
# m.antaranews.com only serves mobile/AMP copies of www articles.
_MOBILE_HOSTS = {"m.antaranews.com": "www.antaranews.com"}


def deamp(url: str) -> str:
    """The regular URL of an AMP copy (`/amp/berita/...`); other URLs unchanged."""
    parts = urlsplit(url)
    if not _AMP_PREFIX.match(parts.path):
        return url
    host = parts.netloc
    hostname = (parts.hostname or "").lower()
    if hostname in _MOBILE_HOSTS:
        host = host.lower().replace(hostname, _MOBILE_HOSTS[hostname])
    return urlunsplit((parts.scheme, host, _AMP_PREFIX.sub("", parts.path), parts.query, ""))


def article_url(url: str) -> str:
    """Canonical form of an ANTARA article URL: AMP mapped back, utm_* and fragment gone."""
    return canonical_url(deamp(url))


def classify_link(url: str) -> LinkKind:
    """Whether a link from a feed or listing is an article, a photo/video page, or other."""
    path = urlsplit(url).path
    if _NOT_ARTICLE_PATH.match(path):
        return "not_article"
    if _ARTICLE_PATH.match(path):
        return "article"
    return "other"


def host_of(url: str) -> str:
    """Lower-case host name of a URL, without port."""
    return (urlsplit(url).hostname or "").lower()
