"""Group syndicated copies of one story by content fingerprint; the earliest is the origin."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from crawlers.state import CrawlState
from pipeline.events import RawArticle
from pipeline.fingerprint import hamming_distance

MAX_DISTANCE = 12  # bits; see pipeline.fingerprint.near_duplicates
_FAR_FUTURE = "9999-12-31T23:59:59+00:00"


@dataclass(frozen=True)
class Copy:
    """`article_id` is a copy of `origin_id` (or is itself the origin of a known copy)."""

    article_id: str
    url: str
    source: str
    origin_id: str
    origin_url: str
    origin_source: str
    distance: int


class SyndicationIndex:
    """Fingerprints of every stored story, in the crawl state so copies match across runs.

    `add` returns the Copy relation when the article joins an existing story group. When
    the new article was published earlier than the group's origin, it becomes the origin
    (a regional re-post crawled before the national original).
    """

    def __init__(self, state: CrawlState) -> None:
        self.db = state.db

    def add(self, article: RawArticle) -> Copy | None:
        if not article.fingerprint:
            return None
        known = self.db.execute(
            "SELECT origin_id FROM stories WHERE id = ?", (article.id,)
        ).fetchone()
        if known is not None:
            return self._relation(article.id, str(known[0]))
        match = self._nearest(article)
        published = _iso(article.published_at)
        if match is None:
            self._insert(article, published, article.id)
            return None
        origin_id, distance = match
        origin_published = self.db.execute(
            "SELECT published_at FROM stories WHERE id = ?", (origin_id,)
        ).fetchone()[0]
        if published < (origin_published or _FAR_FUTURE):
            # Published before the group's origin: it takes over as the origin.
            self.db.execute("UPDATE stories SET origin_id = ? WHERE origin_id = ?",
                            (article.id, origin_id))  # fmt: skip
            self._insert(article, published, article.id)
            return self._relation(origin_id, article.id, distance)
        self._insert(article, published, origin_id)
        return self._relation(article.id, origin_id, distance)

    def group(self, story_id: str) -> list[str]:
        """Ids of every copy in the story's group, origin first."""
        row = self.db.execute("SELECT origin_id FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            return []
        rows = self.db.execute(
            "SELECT id FROM stories WHERE origin_id = ? ORDER BY id != ?, published_at",
            (row[0], row[0]),
        )
        return [str(r[0]) for r in rows]

    def _nearest(self, article: RawArticle) -> tuple[str, int] | None:
        best: tuple[str, int] | None = None
        assert article.fingerprint is not None
        for origin_id, fingerprint in self.db.execute("SELECT origin_id, fingerprint FROM stories"):
            distance = hamming_distance(article.fingerprint, fingerprint)
            if distance <= MAX_DISTANCE and (best is None or distance < best[1]):
                best = (str(origin_id), distance)
        return best

    def _insert(self, article: RawArticle, published: str, origin_id: str) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO stories VALUES (?, ?, ?, ?, ?, ?)",
            (article.id, article.url, article.source, published, article.fingerprint,
             origin_id),
        )  # fmt: skip

    def _relation(self, article_id: str, origin_id: str, distance: int = 0) -> Copy | None:
        rows = {
            str(r[0]): (str(r[1]), str(r[2]))
            for r in self.db.execute(
                "SELECT id, url, source FROM stories WHERE id IN (?, ?)", (article_id, origin_id)
            )
        }
        if article_id == origin_id or article_id not in rows or origin_id not in rows:
            # The article is (now) the origin: report nothing for it.
            return None
        url, source = rows[article_id]
        origin_url, origin_source = rows[origin_id]
        return Copy(article_id, url, source, origin_id, origin_url, origin_source, distance)


def _iso(value: datetime | None) -> str:
    return value.isoformat() if value is not None else _FAR_FUTURE
