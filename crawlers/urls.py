"""URL rules: which outlet owns a URL, AMP copies, tracking parameters, local mirrors."""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from crawlers.outlet import Outlet
from crawlers.outlets import by_host, by_path
from crawlers.resolver import is_public, literal_address
from pipeline.events import canonical_url

LinkKind = Literal["article", "not_article", "other"]

# A local test/demo server serves other outlets under a path prefix: http://127.0.0.1:8765
# /news.detik.com/berita/d-1/x stands for https://news.detik.com/berita/d-1/x.
_MIRROR_SEGMENT = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$")


def host_of(url: str) -> str:
    """Lower-case host name of a URL, without port."""
    return (urlsplit(url).hostname or "").lower()


def is_private_host(host: str) -> bool:
    """True for localhost and for loopback, private, link-local or reserved IP literals
    in any spelling the OS accepts ("127.1", "2130706433", "0177.0.0.1", "0")."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    address = literal_address(host)
    return address is not None and not is_public(address)


def logical_url(url: str) -> str:
    """The outlet URL a local mirror URL stands for; any other URL unchanged."""
    parts = urlsplit(url)
    if not is_private_host(parts.hostname or ""):
        return url
    first, sep, rest = parts.path.lstrip("/").partition("/")
    if not sep or not _MIRROR_SEGMENT.match(first.lower()):
        return url
    return urlunsplit(("https", first.lower(), "/" + rest, parts.query, ""))


def fetch_url(logical: str, like: str) -> str:
    """`logical` as the crawler must request it: through the mirror `like` came from."""
    if logical_url(like) == like:
        return logical
    mirror = urlsplit(like)
    target = urlsplit(logical)
    path = f"/{target.hostname}{target.path}"
    return urlunsplit((mirror.scheme, mirror.netloc, path, target.query, ""))


def outlet_for(url: str) -> Outlet | None:
    """The outlet family of a URL: by host; for local servers also by path shape."""
    url = logical_url(url)
    parts = urlsplit(url)
    outlet = by_host(parts.hostname or "")
    if outlet is None and is_private_host(parts.hostname or ""):
        outlet = by_path(parts.path)
    return outlet


def deamp(url: str) -> str:
    """The regular URL of an AMP or mobile copy; other URLs unchanged."""
    outlet = outlet_for(url)
    if outlet is None:
        return url
    parts = urlsplit(url)
    path = parts.path
    for pattern, replacement in outlet.amp_paths:
        path = pattern.sub(replacement, path, count=1)
    if path == parts.path:
        return url
    host = parts.netloc
    hostname = (parts.hostname or "").lower()
    if hostname in outlet.host_aliases:
        host = host.lower().replace(hostname, outlet.host_aliases[hostname])
    return urlunsplit((parts.scheme, host, path, parts.query, ""))


def article_url(url: str) -> str:
    """Canonical form of an article URL: AMP mapped back, tracking and view params dropped."""
    url = deamp(url)
    outlet = outlet_for(url)
    if outlet is not None and outlet.drop_params:
        parts = urlsplit(url)
        query = [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if k.lower() not in outlet.drop_params
        ]
        url = urlunsplit(parts._replace(query=urlencode(query)))
    return canonical_url(url)


def classify_link(url: str) -> LinkKind:
    """Whether a link from a feed or listing is an article, a photo/video page, or other.

    A link on a host no outlet owns is "other" here; feeds of such hosts are read with
    the generic extractor (the spider decides, since only it knows where a link came from).
    """
    outlet = outlet_for(url)
    if outlet is None:
        return "other"
    path = urlsplit(logical_url(url)).path
    if outlet.not_article_path.match(path):
        return "not_article"
    regular = urlsplit(deamp(logical_url(url))).path.rstrip("/") or "/"
    if outlet.article_path.match(regular):
        return "article"
    return "other"
