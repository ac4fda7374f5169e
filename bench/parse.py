"""Benchmark: outlet parsers versus trafilatura on the sample pages (`python -m bench.parse`).

Parse throughput (pages/s, one core) and body-extraction F1 (bag of words) against the
text each fixture page was rendered from.
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


def _ours(page: Page) -> str:
    response = HtmlResponse(url=page.url, body=page.html, encoding="utf-8")
    return parse_article(response).article.body


def _trafilatura(page: Page) -> str:
    import trafilatura

    text = trafilatura.extract(page.html.decode("utf-8"), url=page.url, include_comments=False)
    return text or ""


def measure(name: str, extract: Callable[[Page], str], pages: list[Page], rounds: int) -> Score:
    scores = [f1(extract(p), p.expected) for p in pages]
    started = time.perf_counter()
    for _ in range(rounds):
        for page in pages:
            extract(page)
    elapsed = time.perf_counter() - started
    return Score(name, rounds * len(pages) / elapsed, sum(scores) / len(scores), min(scores))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--all-outlets", action="store_true", help="not only ANTARA pages")
    args = parser.parse_args(argv)
    pages = sample_pages(args.all_outlets)
    print(f"{len(pages)} pages, {args.rounds} rounds")
    for name, extract in (("pantau parsers", _ours), ("trafilatura", _trafilatura)):
        score = measure(name, extract, pages, args.rounds)
        print(
            f"{score.name:15s} {score.pages_per_s:8.1f} pages/s  "
            f"F1 mean {score.f1:.4f}  min {score.min_f1:.4f}"
        )


if __name__ == "__main__":
    main()
