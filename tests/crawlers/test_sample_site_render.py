"""The shipped sample site is exactly what the generator renders, and covers what it must."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from devkit.sample.site import render_site, write_site


def test_shipped_site_matches_the_generator(site_root: Path, tmp_path: Path) -> None:
    write_site(tmp_path)
    rendered = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    shipped = {
        p.relative_to(site_root): p.read_bytes() for p in site_root.rglob("*") if p.is_file()
    }
    assert sorted(map(str, shipped)) == sorted(map(str, rendered))
    stale = [str(path) for path, data in rendered.items() if shipped[path] != data]
    assert stale == [], "re-render with: python -m devkit.sample"


def test_topics_and_designs(manifest: dict[str, Any]) -> None:
    articles = manifest["articles"]
    topics = Counter(a["topic"] for a in articles)
    assert len(articles) >= 24
    assert topics["asn_neutrality"] >= 6
    assert 2 <= topics["non_election"] <= 3
    for topic in ("money_politics", "campaign_props", "voter_list", "debate", "logistics",
                  "polling_station", "hoax", "security_neutrality"):  # fmt: skip
        assert topics[topic] >= 2, topic
    assert sum(a["design"] == "older" for a in articles) >= 4
    hosts = {a["url"].split("/")[2] for a in articles}
    assert {"www.antaranews.com", "megapolitan.antaranews.com"} < hosts


def test_pages_and_feeds_shape() -> None:
    files = render_site()
    article_pages = [text for path, text in files.items() if path.startswith("berita/")]
    assert all('<html lang="id">' in text for text in article_pages)
    feeds = [text for path, text in files.items() if path.startswith("rss/")]
    # every link in a feed goes through the server's placeholder, never to the internet
    for feed in feeds:
        assert "<link>https://" not in feed
        assert "+0700</pubDate>" in feed
        assert "<![CDATA[<img " in feed
