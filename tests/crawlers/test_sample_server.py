"""The local sample-site server: static files, {{BASE}} substitution, 404s."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from devkit.server import SampleSite, serve_sample_site


def fetch(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            body = response.read().decode("utf-8")
            return response.status, response.headers["Content-Type"], body
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), ""


def test_feed_links_point_at_the_server(sample_site: SampleSite) -> None:
    status, content_type, body = fetch(sample_site.url("/rss/terkini.xml"))
    assert status == 200
    assert "xml" in content_type
    assert "{{BASE}}" not in body
    assert f"<link>{sample_site.base_url}/berita/313655/" in body


def test_listing_pages_resolve_without_extension(sample_site: SampleSite) -> None:
    first = fetch(sample_site.url("/terkini"))
    second = fetch(sample_site.url("/terkini/2"))
    assert first[0] == second[0] == 200
    assert first[1].startswith("text/html")
    assert f'href="{sample_site.base_url}/terkini/2"' in first[2]


def test_article_page_is_served_as_is(sample_site: SampleSite) -> None:
    status, _, body = fetch(
        sample_site.url(
            "/berita/312401/bawaslu-jakarta-timur-panggil-camat-yang-hadiri-kampanye-paslon"
        )
    )
    assert status == 200
    assert '<link rel="canonical" href="https://megapolitan.antaranews.com/berita/312401/' in body


def test_robots_txt(sample_site: SampleSite) -> None:
    status, content_type, body = fetch(sample_site.url("/robots.txt"))
    assert status == 200
    assert content_type.startswith("text/plain")
    assert "Disallow: /search" in body


@pytest.mark.parametrize(
    "path", ["/berita/999/tidak-ada", "/foto/4449870/suasana-pemungutan-suara-di-tps-jakarta",
             "/../server.py", "/%2e%2e/run.py", "/..%2f..%2fpyproject.toml"]
)  # fmt: skip
def test_missing_paths_are_404(sample_site: SampleSite, path: str) -> None:
    assert fetch(sample_site.base_url + path)[0] == 404


def test_two_servers_get_their_own_ports_and_close() -> None:
    with serve_sample_site() as one, serve_sample_site() as two:
        assert one.base_url != two.base_url
        url = two.url("/robots.txt")
        assert fetch(url)[0] == 200
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url, timeout=2)
