"""ElasticsearchBackend: the production index (template + versioned index behind an alias)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from elasticsearch import ApiError, Elasticsearch, TransportError, helpers

from pipeline.bus import TransientError
from pipeline.events import EnrichedArticle
from search.backend import BackendError
from search.query import Clause, FacetCount, SearchHit, SearchQuery, SearchResult

TEXT = {
    "type": "text",
    "analyzer": "indonesian",
    "fields": {"exact": {"type": "text", "analyzer": "standard"}},
}
KEYWORD = {"type": "keyword"}

MAPPINGS: dict[str, Any] = {
    "dynamic": "strict",
    "properties": {
        "id": KEYWORD,
        "url": KEYWORD,
        "source": KEYWORD,
        "host": KEYWORD,
        "title": TEXT,
        "body": TEXT,
        "published_at": {"type": "date"},
        "topics": KEYWORD,
        "entities": KEYWORD,
        "agencies": KEYWORD,
        "persons": KEYWORD,
        "places": KEYWORD,
        "region": KEYWORD,
        "election_related": {"type": "boolean"},
        "reporters": KEYWORD,
        "editor": KEYWORD,
        "origin": KEYWORD,
        "doc": {"type": "object", "enabled": False},
    },
}


class ElasticsearchBackend:
    """Bulk upserts with `_id` = article id into `<alias>-v<version>` behind `<alias>`."""

    name = "elasticsearch"

    def __init__(
        self,
        url: str,
        *,
        alias: str = "pantau-articles",
        version: int = 1,
        refresh: bool = False,
        timeout: float = 10.0,
    ) -> None:
        self.url = url
        self.alias = alias
        self.index = f"{alias}-v{version}"
        self.refresh = refresh
        self.es = Elasticsearch(url, request_timeout=timeout, retry_on_timeout=True, max_retries=2)

    def _unavailable(self, exc: Exception) -> BackendError:
        return BackendError(
            f"cannot reach Elasticsearch at {self.url}: {exc}. "
            "Start it (`pantau services up`) or set PANTAU_ELASTICSEARCH__URL."
        )

    def ensure(self) -> None:
        """Install the template, create the versioned index and point the alias at it."""
        try:
            self.es.indices.put_index_template(
                name=self.alias,
                index_patterns=[f"{self.alias}-v*"],
                template={
                    "settings": {"number_of_shards": 1, "number_of_replicas": 0},
                    "mappings": MAPPINGS,
                },
            )
            if not self.es.indices.exists(index=self.index):
                self.es.indices.create(index=self.index)
            if not self.es.indices.exists_alias(name=self.alias):
                self.es.indices.put_alias(index=self.index, name=self.alias)
        except TransportError as exc:
            raise self._unavailable(exc) from exc

    def upsert(self, docs: Sequence[EnrichedArticle]) -> int:
        actions = [
            {"_op_type": "index", "_index": self.alias, "_id": d.id, "_source": to_document(d)}
            for d in docs
        ]
        try:
            ok, errors = helpers.bulk(
                self.es,
                actions,
                refresh="wait_for" if self.refresh else False,
                raise_on_error=False,
                max_retries=3,
            )
        except TransportError as exc:
            raise TransientError(f"Elasticsearch unavailable: {exc}") from exc
        if isinstance(errors, list) and errors:
            statuses = {e.get("index", {}).get("status", 0) for e in errors}  # type: ignore[union-attr]
            if statuses & {429, 502, 503, 504}:
                raise TransientError(f"Elasticsearch rejected {len(errors)} documents: {statuses}")
            raise BackendError(f"Elasticsearch refused {len(errors)} documents: {errors[:1]}")
        return int(ok)

    def search(self, query: SearchQuery) -> SearchResult:
        started = time.perf_counter()
        body: dict[str, Any] = {
            "query": build_query(query),
            "from": query.offset,
            "size": query.limit,
            "track_total_hits": True,
            "_source": ["id", "title", "url", "source", "published_at", "topics", "region", "body"],
            "highlight": {
                "fields": {"body": {"fragment_size": 160, "number_of_fragments": 1}},
                "pre_tags": ["["],
                "post_tags": ["]"],
            },
            "aggs": {
                "sources": {"terms": {"field": "source", "size": 20}},
                "topics": {"terms": {"field": "topics", "size": 20}},
                "entities": {"terms": {"field": "entities", "size": 20}},
            },
        }
        if query.sort == "date":
            body["sort"] = [{"published_at": {"order": "desc", "missing": "_last"}}, {"id": "asc"}]
        else:
            body["sort"] = [
                "_score",
                {"published_at": {"order": "desc", "missing": "_last"}},
                {"id": "asc"},
            ]
        try:
            resp = self.es.search(index=self.alias, **body)
        except ApiError as exc:
            if exc.meta.status == 400:
                raise BackendError(f"query refused by Elasticsearch: {exc.message}") from exc
            raise self._unavailable(exc) from exc
        except TransportError as exc:
            raise self._unavailable(exc) from exc
        hits = []
        for h in resp["hits"]["hits"]:
            src = h["_source"]
            frag = h.get("highlight", {}).get("body", [src["body"][:200]])
            hits.append(
                SearchHit(
                    id=src["id"],
                    title=src["title"],
                    url=src["url"],
                    source=src["source"],
                    published_at=src.get("published_at"),
                    score=float(h.get("_score") or 0.0),
                    snippet=frag[0],
                    topics=src.get("topics", []),
                    region=src.get("region"),
                )
            )
        facets = {
            name: [FacetCount(value=b["key"], count=b["doc_count"]) for b in agg["buckets"]]
            for name, agg in resp["aggregations"].items()
        }
        took = (time.perf_counter() - started) * 1000
        return SearchResult(
            total=resp["hits"]["total"]["value"], hits=hits, facets=facets, took_ms=took
        )

    def get(self, article_id: str) -> EnrichedArticle | None:
        try:
            resp = self.es.options(ignore_status=404).get(index=self.alias, id=article_id)
        except TransportError as exc:
            raise self._unavailable(exc) from exc
        if not resp.get("found"):
            return None
        return EnrichedArticle.model_validate(resp["_source"]["doc"])

    def count(self) -> int:
        try:
            return int(self.es.count(index=self.alias)["count"])
        except TransportError as exc:
            raise self._unavailable(exc) from exc

    def refresh_now(self) -> None:
        self.es.indices.refresh(index=self.alias)

    def close(self) -> None:
        self.es.close()


def _clause_query(c: Clause) -> dict[str, Any]:
    if c.phrase:
        return {"multi_match": {"query": c.text, "type": "phrase", "fields": ["title^3", "body"]}}
    return {"multi_match": {"query": c.text, "fields": ["title^3", "body"], "operator": "and"}}


def build_query(query: SearchQuery) -> dict[str, Any]:
    """The bool query for a SearchQuery; user text only ever becomes match clauses."""
    clauses = query.clauses()
    must = [_clause_query(c) for c in clauses if not c.negated]
    must_not = [_clause_query(c) for c in clauses if c.negated]
    flt: list[dict[str, Any]] = []
    if query.since or query.until:
        rng: dict[str, str] = {}
        if query.since:
            rng["gte"] = query.since.isoformat()
        if query.until:
            rng["lt"] = query.until.isoformat()
        flt.append({"range": {"published_at": rng}})
    if query.sources:
        flt.append({"terms": {"source": query.sources}})
    flt.extend({"term": {"topics": t}} for t in query.topics)
    if query.election_related is not None:
        flt.append({"term": {"election_related": query.election_related}})
    return {"bool": {"must": must or [{"match_all": {}}], "must_not": must_not, "filter": flt}}


def to_document(doc: EnrichedArticle) -> dict[str, Any]:
    a = doc.article
    by_label: dict[str, list[str]] = {}
    for e in doc.entities:
        by_label.setdefault(e.label, []).append(e.canonical)
    return {
        "id": doc.id,
        "url": a.url,
        "source": a.source,
        "host": a.host,
        "title": a.title,
        "body": a.body,
        "published_at": a.published_at.isoformat() if a.published_at else None,
        "topics": [t.id for t in doc.topics],
        "entities": sorted({e.canonical for e in doc.entities}),
        "agencies": sorted(set(by_label.get("ORG", []))),
        "persons": sorted(set(by_label.get("PERSON", []))),
        "places": sorted(set(by_label.get("GPE", []))),
        "region": doc.region.code if doc.region else None,
        "election_related": doc.election_related,
        "reporters": a.reporters,
        "editor": a.editor,
        "origin": a.fingerprint,
        "doc": doc.model_dump(mode="json"),
    }
