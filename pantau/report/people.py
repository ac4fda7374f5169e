"""Officials and candidates most mentioned in a period, with the topics they appear with."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from pantau.report.model import Person
from search.backend import SearchBackend
from search.query import SearchQuery

ROLES = ("official", "candidate")
MAX_DOCS = 3000  # articles read in full for their entities (the newest first)
PAGE = 500
IGNORED_TOPICS = {"election_related"}


def most_mentioned(
    backend: SearchBackend, query: SearchQuery, notes: list[str], *, top: int = 10
) -> list[Person]:
    """Counted per article (a syndicated copy is one more outlet carrying the name). The
    facet of entity names does not say who is an official or a candidate: the stored
    article does, so the matching articles are read, the newest first."""
    articles: Counter[tuple[str, str]] = Counter()
    titles: dict[tuple[str, str], Counter[str]] = {}
    topics: dict[tuple[str, str], Counter[str]] = {}
    read = 0
    for article_id in _article_ids(backend, query):
        if read >= MAX_DOCS:
            notes.append(f"Tokoh dihitung dari {MAX_DOCS} berita terbaru periode ini.")
            break
        doc = backend.get(article_id)
        if doc is None:
            continue
        read += 1
        found = {(e.canonical, str(e.role)): e.title for e in doc.entities if e.role in ROLES}
        doc_topics = [t.id for t in doc.topics if t.id not in IGNORED_TOPICS]
        for key, title in found.items():
            articles[key] += 1
            if title:
                titles.setdefault(key, Counter())[title] += 1
            topics.setdefault(key, Counter()).update(doc_topics)
    ranked = sorted(articles.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return [
        Person(
            name=name,
            role=role,
            title=titles[(name, role)].most_common(1)[0][0] if (name, role) in titles else None,
            articles=n,
            topics=topics.get((name, role), Counter()).most_common(3),
        )
        for (name, role), n in ranked
    ]


def _article_ids(backend: SearchBackend, query: SearchQuery) -> Iterator[str]:
    cursor: str | None = None
    while True:
        page = query.model_copy(
            update={
                "roles": list(ROLES),
                "collapse": False,
                "sort": "date",
                "limit": PAGE,
                "facet_size": 0,
                "cursor": cursor,
            }
        )
        result = backend.search(page)
        yield from (h.id for h in result.hits)
        cursor = result.next_cursor
        if not cursor or not result.hits:
            return
