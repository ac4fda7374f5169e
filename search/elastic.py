"""ElasticsearchBackend: the production index (template + versioned index behind an alias)."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Any

from elasticsearch import ApiError, Elasticsearch, TransportError, helpers
from elasticsearch.serializer import OrjsonSerializer

from pipeline.errors import ItemsFailed, TransientError
from pipeline.events import EnrichedArticle
from search import elastic_trends
from search.backend import BackendError
from search.cursor import Cursor
from search.elastic_query import (
    ANALYSIS,
    LAYOUT,
    MAPPINGS,
    SORTED,
    build_query,
    facet_aggs,
    sort_for,
    stored_event,
    to_document,
)
from search.elastic_scan import sliced
from search.filters import BY_NAME
from search.highlight import Marker
from search.histogram import histogram
from search.query import (
    AlsoPublished,
    FacetCount,
    Histogram,
    SearchHit,
    SearchQuery,
    SearchResult,
    TrendQuery,
    TrendResult,
    utc_offset,
)
from search.regions import regions
from search.scan import Scan, chained

HIT_SOURCE = ["id", "title", "url", "source", "published_at", "topics", "region", "origin"]
HIT_SOURCE += ["entities", "agencies"]
log = logging.getLogger(__name__)


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
        self.es = Elasticsearch(
            url,
            request_timeout=timeout,
            retry_on_timeout=True,
            max_retries=2,
            serializer=OrjsonSerializer(),  # answers read ~3x faster than by json (exports)
        )

    def _unavailable(self, exc: Exception) -> BackendError:
        return BackendError(
            f"cannot reach Elasticsearch at {self.url}: {exc}. "
            "Start it (`pantau services up`) or set PANTAU_ELASTICSEARCH__URL."
        )

    def _call(self, fn: Any, **kwargs: Any) -> Any:
        try:
            return fn(**kwargs)
        except ApiError as exc:
            if exc.meta.status == 400:
                raise BackendError(f"query refused by Elasticsearch: {exc.message}") from exc
            raise self._unavailable(exc) from exc
        except TransportError as exc:
            raise self._unavailable(exc) from exc

    def ensure(self) -> None:
        """Install the template; on first use create the versioned index behind the alias."""
        try:
            self.es.indices.put_index_template(
                name=self.alias,
                index_patterns=[f"{self.alias}-v*"],
                template={
                    "settings": {
                        "number_of_shards": 1,
                        "number_of_replicas": 0,
                        "analysis": ANALYSIS,
                        "index": SORTED,
                    },
                    "mappings": MAPPINGS,
                },
            )
            current = self.current_index()
            if current is not None and (older := self.outdated()):
                log.warning(older)
            if current is not None and _version(current) >= _version(self.index):
                return  # a reindex moved the alias past this version: never recreate old ones
            if not self.es.indices.exists(index=self.index):
                self.es.indices.create(index=self.index)  # a newer version, e.g. for a replay
            if current is None:
                self.es.indices.put_alias(index=self.index, name=self.alias)
        except TransportError as exc:
            raise self._unavailable(exc) from exc

    def layout(self, index: str | None = None) -> int:
        """The layout (`elastic_query.LAYOUT`) `index` (the alias's, by default) was made with."""
        found: dict[str, Any] = dict(
            self._call(self.es.indices.get_mapping, index=index or self.alias)
        )
        mappings: dict[str, Any] = next(iter(found.values()))["mappings"]
        return int(mappings.get("_meta", {}).get("layout", 1))

    def outdated(self) -> str | None:
        """What to do when the alias serves an index of an older layout (it still works)."""
        have = self.layout()
        if have >= LAYOUT:
            return None
        return (
            f"Elasticsearch index {self.current_index()} has layout {have}, this release "
            f"writes layout {LAYOUT} (sorted by date: faster exports and newest-first "
            "pages, smaller documents). Searches keep working; run `pantau reindex` "
            "to rebuild it without downtime."
        )

    def upsert(self, docs: Sequence[EnrichedArticle]) -> int:
        """Bulk index by id. TransientError while ES is away or busy; ItemsFailed naming
        each refused document (and which are worth retrying) when only some failed."""
        return self._bulk(self.alias, (to_document(d) for d in docs), per_item=True)

    def _bulk(
        self,
        index: str,
        docs: Iterator[dict[str, Any]] | Any,
        *,
        per_item: bool = False,
        settle: bool = True,
    ) -> int:
        actions = (
            {"_op_type": "index", "_index": index, "_id": d["id"], "_source": d} for d in docs
        )
        try:
            ok, errors = helpers.bulk(
                self.es,
                actions,
                chunk_size=500,
                refresh="wait_for" if self.refresh and settle else False,
                raise_on_error=False,
                max_retries=3,
            )
        except TransportError as exc:
            raise TransientError(f"Elasticsearch unavailable: {exc}") from exc
        except ApiError as exc:
            if not per_item:
                raise
            if exc.meta.status in {408, 429, 500, 502, 503, 504}:
                raise TransientError(f"Elasticsearch busy ({exc.meta.status}): {exc}") from exc
            raise BackendError(f"Elasticsearch refused the bulk request: {exc}") from exc
        if isinstance(errors, list) and errors:
            if per_item:  # the index stage retries or dead-letters just these documents
                raise _items_failed(errors, int(ok))
            statuses = {e.get("index", {}).get("status", 0) for e in errors}  # type: ignore[union-attr]
            if statuses & {429, 502, 503, 504}:
                raise TransientError(f"Elasticsearch rejected {len(errors)} documents: {statuses}")
            raise BackendError(f"Elasticsearch refused {len(errors)} documents: {errors[:1]}")
        return int(ok)

    def search(self, query: SearchQuery) -> SearchResult:
        started = time.perf_counter()
        cursor = Cursor.decode(query)
        body: dict[str, Any] = {
            "query": build_query(query),
            "size": query.limit,
            "from": query.offset,
            "track_total_hits": query.exact_total,
            "_source": [*HIT_SOURCE, "body"] if query.highlight else HIT_SOURCE,
            "sort": sort_for(query),
        }
        if query.collapse:
            # ES pages collapsed results by from/size only: the cursor carries an offset
            body["collapse"] = {
                "field": "origin",
                "inner_hits": {
                    "name": "copies",
                    "size": 10,
                    "sort": [{"published_at": {"order": "asc", "missing": "_last"}}, {"id": "asc"}],
                    "_source": ["id", "source", "url", "published_at"],
                },
            }
            if cursor:
                body["from"] = cursor.offset
        elif cursor and cursor.after is not None:
            body["search_after"] = cursor.after
            body["from"] = 0
        elif cursor:
            body["from"] = cursor.offset
        resp, aggregations = self._hits_and_counts(query, body)
        raw_hits = resp["hits"]["hits"]
        marker = Marker.of(query.tree()) if query.highlight else None
        hits = [_hit(h, marker) for h in raw_hits]
        next_cursor = None
        if len(raw_hits) == query.limit:
            if query.collapse:
                next_cursor = Cursor(None, body["from"] + len(raw_hits)).encode(query)
            else:
                next_cursor = Cursor(list(raw_hits[-1]["sort"])).encode(query)
        facets = {
            name: [
                FacetCount(value=b["key"], count=b["doc_count"], label=_label(name, b["key"]))
                for b in agg["buckets"]
            ]
            for name, agg in aggregations.items()
            if name != "days"
        }
        took = (time.perf_counter() - started) * 1000
        return SearchResult(
            total=resp["hits"].get("total", {}).get("value", len(raw_hits)),
            hits=hits,
            facets=facets,
            histogram=_histogram(query, aggregations) if query.histogram else None,
            next_cursor=next_cursor,
            took_ms=took,
        )

    def _hits_and_counts(
        self, query: SearchQuery, body: dict[str, Any]
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The hits, and the total, facets and histogram counted by a request of their own
        (size 0, in the same msearch): Elasticsearch runs the two side by side, its shard
        request cache answers the same counts again until the index next refreshes
        (counting a million articles took ~350 ms of the ~420 ms of a search), and the
        hits, no longer counted, may skip articles that cannot reach the page (sorted by
        date: ~85 ms -> a few ms at a million)."""
        aggs: dict[str, Any] = facet_aggs(query.facet_size) if query.facet_size else {}
        if query.histogram:
            aggs["days"] = _days(query.timezone)
        if not aggs:
            return self._call(self.es.search, index=self.alias, **body), {}
        counts = {"query": body["query"], "size": 0, "track_total_hits": True, "aggs": aggs}
        body = {**body, "track_total_hits": False}
        searches = [{"index": self.alias}, body, {"index": self.alias, "request_cache": True}]
        found = self._call(self.es.msearch, searches=[*searches, counts])["responses"]
        for answer in found:
            if "error" in answer:
                error = str(answer["error"])[:500]
                if answer.get("status") == 400:
                    raise BackendError(f"query refused by Elasticsearch: {error}")
                raise self._unavailable(RuntimeError(error))
        found[0]["hits"]["total"] = found[1]["hits"]["total"]
        return found[0], found[1].get("aggregations", {})

    def scan(self, query: SearchQuery, limit: int) -> Scan:
        """Every hit of `query` up to `limit`, `query.limit` a page: from one point in
        time read in slices side by side (`elastic_scan`) when it takes several pages."""
        if query.cursor or limit <= query.limit or query.collapse:
            return chained(self.search, query, limit)
        body = {
            "query": build_query(query),
            "sort": sort_for(query),
            "_source": [*HIT_SOURCE, "body"] if query.highlight else HIT_SOURCE,
            "size": query.limit,
        }
        marker = Marker.of(query.tree()) if query.highlight else None
        return sliced(self._call, self.es, self.alias, body, limit, lambda h: _hit(h, marker))

    def trends(self, query: TrendQuery) -> TrendResult:
        started = time.perf_counter()
        q = build_query(query.query)
        q["bool"]["filter"].append({"exists": {"field": "published_at"}})

        def aggregate(body: dict[str, Any], aggs: dict[str, Any]) -> dict[str, Any]:
            resp = self._call(self.es.search, index=self.alias, query=body, size=0, aggs=aggs)
            found: dict[str, Any] = resp["aggregations"]
            return found

        result = elastic_trends.trends(aggregate, query, q)
        result.took_ms = (time.perf_counter() - started) * 1000
        return result

    def get(self, article_id: str) -> EnrichedArticle | None:
        try:
            resp = self.es.options(ignore_status=404).get(index=self.alias, id=article_id)
        except TransportError as exc:
            raise self._unavailable(exc) from exc
        if not resp.get("found"):
            return None
        return stored_event(resp["_source"])

    def count(self) -> int:
        return int(self._call(self.es.count, index=self.alias)["count"])

    def refresh_now(self) -> None:
        self.es.indices.refresh(index=self.alias)

    def current_index(self) -> str | None:
        """The versioned index the alias points at now."""
        try:
            found = self.es.options(ignore_status=404).indices.get_alias(name=self.alias)
        except TransportError as exc:
            raise self._unavailable(exc) from exc
        names = [n for n in found if n != "error" and n != "status"]
        return names[0] if names else None

    def reindex(
        self,
        *,
        keep_old: bool = False,
        batch: int = 500,
        counted: Callable[[int], None] | None = None,
    ) -> int:
        """Copy every document into a new version (re-derived from the stored event, so new
        stems and mappings apply), then move the alias atomically; readers never notice.

        Writes that arrive while copying land in the old version: pause the index workers,
        or replay articles.enriched from the start time of the reindex afterwards.
        """
        from search.reindex import copy_all

        self.ensure()
        old = self.current_index()
        if old is None:
            raise BackendError(f"alias {self.alias} points at no index: run ensure first")
        pattern = re.compile(rf"^{re.escape(self.alias)}-v(\d+)$")
        existing = self._call(self.es.indices.get, index=f"{self.alias}-v*")
        version = max(int(m.group(1)) for n in existing if (m := pattern.match(n))) + 1
        new = f"{self.alias}-v{version}"
        # no refreshes while copying (fewer, larger segments, and faster), as ES advises
        self._call(self.es.indices.create, index=new, settings={"refresh_interval": "-1"})
        copied = self._bulk(
            new, (to_document(d) for d in copy_all(self.es, old, batch, counted)), settle=False
        )
        self._call(self.es.indices.put_settings, index=new, settings={"refresh_interval": None})
        self._call(self.es.indices.refresh, index=new)
        self._call(
            self.es.indices.update_aliases,
            actions=[
                {"remove": {"index": old, "alias": self.alias}},
                {"add": {"index": new, "alias": self.alias}},
            ],
        )
        self.index = new
        if not keep_old:
            self._call(self.es.indices.delete, index=old)
        return copied

    def close(self) -> None:
        self.es.close()


def _label(facet: str, value: str) -> str | None:
    return regions().label(value) if BY_NAME[facet].region else None


def _days(timezone: str) -> dict[str, Any]:
    """Matching articles per local day (by the zone's offset, as SQLite counts them)."""
    return {
        "date_histogram": {
            "field": "published_at",
            "calendar_interval": "day",
            "format": "yyyy-MM-dd",
            "min_doc_count": 1,
            "time_zone": elastic_trends.es_offset(utc_offset(timezone)),
        }
    }


def _histogram(query: SearchQuery, aggregations: dict[str, Any]) -> Histogram:
    buckets = aggregations["days"]["buckets"]
    return histogram(
        query, {date.fromisoformat(b["key_as_string"]): b["doc_count"] for b in buckets}
    )


def _hit(h: dict[str, Any], marker: Marker | None) -> SearchHit:
    src = h["_source"]
    copies = h.get("inner_hits", {}).get("copies", {}).get("hits", {}).get("hits", [])
    also = [
        AlsoPublished(**{k: c["_source"].get(k) for k in ("id", "source", "url", "published_at")})
        for c in copies
        if c["_source"]["id"] != src["id"]
    ]
    return SearchHit(
        id=src["id"],
        title=src["title"],
        url=src["url"],
        source=src["source"],
        published_at=src.get("published_at"),
        score=float(h.get("_score") or 0.0),
        snippet=marker.snippet(src["body"]) if marker else "",
        title_highlight=marker.title(src["title"]) if marker else "",
        topics=src.get("topics", []),
        entities=src.get("entities", []),
        agencies=src.get("agencies", []),
        region=src.get("region"),
        origin=src.get("origin"),
        also_published_by=also,
    )


def _version(index: str) -> int:
    tail = index.rsplit("-v", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _items_failed(errors: list[Any], done: int) -> ItemsFailed:
    """A bulk's per-item errors, by document id; 408/429/5xx ones are worth retrying.

    The index stage re-sends only those, and the runner dead-letters only the refused.
    """
    failures: dict[str, str] = {}
    retry: set[str] = set()
    for error in errors:
        item: dict[str, Any] = next(iter(error.values()), {}) if isinstance(error, dict) else {}
        status = int(item.get("status", 0))
        doc_id = str(item.get("_id", ""))
        failures[doc_id] = f"Elasticsearch {status}: {item.get('error')}"[:1000]
        if status in {408, 429, 500, 502, 503, 504}:
            retry.add(doc_id)
    return ItemsFailed(failures, retry=frozenset(retry), done=done)
