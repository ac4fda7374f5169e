"""Reading every event back out of an Elasticsearch index (PIT + search_after)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from elasticsearch import Elasticsearch

from pipeline.events import EnrichedArticle
from search.elastic_query import stored_event


def copy_all(
    es: Elasticsearch,
    index: str,
    batch: int = 500,
    counted: Callable[[int], None] | None = None,
) -> Iterator[EnrichedArticle]:
    """Every stored EnrichedArticle of `index`, from one consistent point in time;
    `counted(n)` hears of every batch of n read."""
    pit = es.open_point_in_time(index=index, keep_alive="2m")["id"]
    after: list[object] | None = None
    try:
        while True:
            resp = es.search(
                pit={"id": pit, "keep_alive": "2m"},
                size=batch,
                sort=["_shard_doc"],
                search_after=after,
                source_includes=["doc", "title", "body"],
                track_total_hits=False,
            )
            hits = resp["hits"]["hits"]
            if not hits:
                return
            pit = resp.get("pit_id", pit)
            for h in hits:
                yield stored_event(h["_source"])
            if counted:
                counted(len(hits))
            after = hits[-1]["sort"]
    finally:
        es.close_point_in_time(id=pit)
