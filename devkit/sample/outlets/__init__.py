"""The other outlets of the sample site, one module each: pages, feeds, indexes, sitemaps.

A module here defines `SAMPLE` (an `OutletSample`); it is found by its presence, so adding
an outlet's sample pages takes that one file. Every entry point sits at the address the
outlet's rules name (`crawlers/outlets/`), under its host prefix, so the rules themselves
are what the tests crawl.
"""

from __future__ import annotations

import importlib
import pkgutil

from crawlers.outlet import Outlet
from crawlers.outlets import OUTLETS
from devkit.sample.index import index_files
from devkit.sample.outlet import OutletSample, OutletStory, feed, local, newest


def samples() -> list[OutletSample]:
    """Every outlet module's SAMPLE, in module-name order."""
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.append(module.SAMPLE)
    return found


def stories() -> list[OutletStory]:
    return [s for sample in samples() for s in sample.stories]


def _rules(sample: OutletSample) -> Outlet | None:
    return OUTLETS.get(sample.name)


def feed_path(sample: OutletSample) -> str:
    """Where the outlet's feed is served: its rules' first feed (else its own feed_url)."""
    rules = _rules(sample)
    return local(rules.feeds[0] if rules is not None else sample.feed_url)


def start_path(sample: OutletSample) -> str:
    """The entry point a full crawl of the sample site begins this outlet from."""
    rules = _rules(sample)
    if sample.start.startswith("/") or rules is None:
        return sample.start if sample.start.startswith("/") else feed_path(sample)
    urls = {"feed": rules.feeds, "listing": rules.listings, "sitemap": rules.sitemaps}
    return local(urls[sample.start][0])


def _feed_file(sample: OutletSample) -> tuple[str, str]:
    path = feed_path(sample)
    found = newest(sample.stories)
    name = path.strip("/") + ("" if path.endswith(".xml") else ".xml")  # served at `path`
    home = f"https://{found[0].host}/"
    return name, feed(f"{sample.name} terkini", home, found, creator=sample.creator)


def outlet_files() -> dict[str, str]:
    files: dict[str, str] = {}
    for sample in samples():
        files.update({s.local_path.lstrip("/") + ".html": sample.page(s) for s in sample.stories})
        name, text = _feed_file(sample)
        files[name] = text
        rules = _rules(sample)
        if rules is not None:
            files.update(index_files(sample, rules))
        files.update(sample.files())
    return files


def start_paths() -> list[str]:
    return [start_path(sample) for sample in samples()]


def outlet_manifest() -> list[dict[str, object]]:
    return [
        {
            "key": s.key,
            "outlet": s.outlet,
            "path": s.local_path,
            "url": s.canonical,
            "title": s.title,
            "published_at": s.published.isoformat(),
            "section": s.section,
            "dateline": s.city,
            "reporters": list(s.reporters),
            "editor": s.editor,
            "tags": list(s.tags),
            "paragraphs": list(s.paragraphs),
            "image_caption": s.caption,
            "copy_of": s.copy_of,
            "paywalled": s.paywalled,
        }
        for s in stories()
    ]
