"""Benchmark: pantau's parser versus trafilatura on the same pages (`python -m bench.parse`).

Parse throughput (pages per CPU second, one core) and body-extraction F1 (bag of words) against the
text each page was written from: the sample site's pages (outlet rules) and the
real-design layouts of `devkit/layouts.py` (mostly the generic fallback), both in one run.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from scrapy.http import HtmlResponse

from crawlers.parsers.article import parse_article
from devkit.layouts import LAYOUTS
from devkit.server import SAMPLE_ROOT

_WORD = re.compile(r"\w+", re.UNICODE)
LOCAL = "http://127.0.0.1:8765"


@dataclass(frozen=True)
class Page:
    url: str
    html: bytes
    expected: str


@dataclass(frozen=True)
class Score:
    name: str
    pages_per_s: float
    f1: float
    min_f1: float


def f1(extracted: str, expected: str) -> float:
    """Bag-of-words F1 between two texts (case-folded)."""
    got = Counter(w.lower() for w in _WORD.findall(extracted))
    want = Counter(w.lower() for w in _WORD.findall(expected))
    overlap = sum((got & want).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(got.values()), overlap / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def sample_pages(outlets: bool) -> list[Page]:
    manifest: dict[str, Any] = json.loads((SAMPLE_ROOT / "manifest.json").read_text("utf-8"))
    entries = manifest["articles"] + (manifest["outlet_articles"] if outlets else [])
    pages = []
    for entry in entries:
        html = (SAMPLE_ROOT / (entry["path"].lstrip("/") + ".html")).read_bytes()
        pages.append(Page(LOCAL + entry["path"], html, "\n\n".join(entry["paragraphs"])))
    return pages


def layout_pages() -> list[Page]:
    """Pages in the designs of real outlets, most read by the generic fallback."""
    pages = []
    for make in LAYOUTS:
        layout = make()
        expected = "\n\n".join(layout.paragraphs)
        pages.append(Page(layout.url, layout.html.encode("utf-8"), expected))
    return pages


def _ours(page: Page) -> str:
    response = HtmlResponse(url=page.url, body=page.html, encoding="utf-8")
    return parse_article(response).article.body


def _trafilatura(page: Page) -> str:
    import trafilatura

    text = trafilatura.extract(page.html.decode("utf-8"), url=page.url, include_comments=False)
    return text or ""


def compare(
    extractors: dict[str, Callable[[Page], str]], pages: list[Page], rounds: int
) -> list[Score]:
    """Each extractor's speed and F1 on the same pages; rounds alternate between them so
    a busy machine slows all of them alike."""
    elapsed = dict.fromkeys(extractors, 0.0)
    for _ in range(rounds):
        for name, extract in extractors.items():
            started = time.process_time()  # CPU time: other processes do not count
            for page in pages:
                extract(page)
            elapsed[name] += time.process_time() - started
    scores = []
    for name, extract in extractors.items():
        f1s = [f1(extract(p), p.expected) for p in pages]
        speed = rounds * len(pages) / elapsed[name]
        scores.append(Score(name, speed, sum(f1s) / len(f1s), min(f1s)))
    return scores


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--antara-only", action="store_true", help="sample: ANTARA pages only")
    args = parser.parse_args(argv)
    sets = {
        "sample site (rules)": sample_pages(not args.antara_only),
        "real designs (fallback)": layout_pages(),
    }
    sets["all"] = [p for pages in sets.values() for p in pages]
    extractors: dict[str, Callable[[Page], str]] = {
        "pantau parsers": _ours,
        "trafilatura": _trafilatura,
    }
    for label, pages in sets.items():
        print(f"{label}: {len(pages)} pages, {args.rounds} rounds")
        for score in compare(extractors, pages, args.rounds):
            print(
                f"  {score.name:15s} {score.pages_per_s:8.1f} pages/s  "
                f"F1 mean {score.f1:.4f}  min {score.min_f1:.4f}"
            )


if __name__ == "__main__":
    main()
