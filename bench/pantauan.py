"""Saved searches: the cost of counting new hits and of stemmed rule keywords.

Counting one saved search's new hits (and what opening it remembers) against the search
page's own query (20 hits with facets) on the same SQLite index; and a keyword rule on
the same articles with the stemmed matcher against exact word matching (the matcher
before pantauan), in the same run.

    .venv/bin/python -m bench.pantauan --articles 20000 --share 0.05
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from alerts.matching import keywords_match
from pantau.pantauan.run import LOOKBACK, count_new, params_query, visit_now, window
from pipeline.events import EnrichedArticle, RawArticle, Region, TopicHit, article_id
from search.query import parse, words
from search.sqlite import SqliteBackend
from store.saved import SavedSearch

WORDS = [
    *[
        "kampanye",
        "berkampanye",
        "baliho",
        "spanduk",
        "calon",
        "bupati",
        "warga",
        "pasar",
        "camat",
        "lurah",
    ],
    *[
        "penertiban",
        "ditertibkan",
        "bawaslu",
        "panwascam",
        "netralitas",
        "pegawai",
        "rapat",
        "dinas",
    ],
]
OTHER = [w for w in WORDS if w not in ("kampanye", "berkampanye", "baliho")]
PARAMS = [("q", "kampanye OR baliho"), ("topic", "kampanye")]


def docs(n: int, rng: random.Random, now: datetime, share: float) -> list[EnrichedArticle]:
    out = []
    for i in range(n):
        url = f"https://bench.example/berita/{i}"
        body = " ".join(rng.choices(WORDS if rng.random() < share else OTHER, k=300))
        raw = RawArticle(
            id=article_id(url), url=url, source=rng.choice(["antara", "detik", "kompas"]),
            host="bench.example", title=" ".join(rng.choices(WORDS, k=6)), body=body,
            published_at=now - timedelta(hours=rng.uniform(0, 24 * 10)),
        )  # fmt: skip
        out.append(
            EnrichedArticle(
                id=raw.id,
                article=raw,
                topics=[TopicHit(id="kampanye", score=0.8)],
                region=Region(code="31.72", name="Jakarta Utara", level="kota"),
                election_related=True,
                nlp_version="bench",
            )
        )
    return out


def timed(fn: Callable[[], object], rounds: int) -> tuple[float, float]:
    runs = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    runs.sort()
    return statistics.median(runs), runs[int(0.95 * (len(runs) - 1))]


def exact_match(tree: object, doc: EnrichedArticle) -> bool:
    """The baseline: every word of the article lowered, no stems (the old matcher's work)."""
    have = set(words(f"{doc.article.title}\n\n{doc.article.body}"))
    return "kampanye" in have or "baliho" in have


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--rounds", type=int, default=30)
    ap.add_argument("--share", type=float, default=1.0, help="articles the search finds")
    args = ap.parse_args()
    now, rng = datetime.now(UTC), random.Random(7)
    articles = docs(args.articles, rng, now, args.share)
    with tempfile.TemporaryDirectory() as tmp:
        backend = SqliteBackend(Path(tmp) / "index.sqlite3")
        backend.ensure()
        backend.upsert(articles)
        visit = now - timedelta(days=1)
        one = params_query(PARAMS, limit=1, facet_size=0)
        before = backend.search(window(one, visit - LOOKBACK, visit)).total
        saved = SavedSearch(1, 1, "b", PARAMS, 0, 0, visit.timestamp(), before, None, None)
        page = params_query(PARAMS, limit=20, facet_size=15)
        print(f"{args.articles} articles; new hits: {count_new(backend, saved)}")
        for name, fn in (
            ("search page (20 hits, facets)", lambda: backend.search(page)),
            ("count_new (the Pantauan page)", lambda: count_new(backend, saved)),
            ("visit_now (opening it)", lambda: visit_now(backend, PARAMS)),
        ):
            p50, p95 = timed(fn, args.rounds)
            print(f"{name:32} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms")
        backend.close()
    tree, sample = parse("kampanye OR baliho"), articles[:2000]
    for name, match in (
        ("rule keywords, exact words", exact_match),
        ("rule keywords, stems", keywords_match),
    ):
        p50, _ = timed(lambda m=match: [m(tree, d) for d in sample], 5)  # type: ignore[misc]
        print(f"{name:32} {1000 * p50 / len(sample):7.1f} us an article")


if __name__ == "__main__":
    main()
