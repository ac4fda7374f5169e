"""Elasticsearch mapping, documents and queries built from parsed user text (never raw)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pipeline.events import EnrichedArticle
from search.document import origin_of, region_path
from search.filters import BY_PARAM, FACETS, FILTERS, FilterSpec, article_values
from search.query import And, Node, Or, SearchQuery, Term, walk
from search.regions import regions
from search.stem import STEMMER_VERSION, stem, stem_text

ANALYSIS = {
    "analyzer": {
        # Python already stemmed the text (search.stem); the engine only splits and lowercases.
        "pantau_stems": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
    }
}
TEXT = {
    "type": "text",
    "analyzer": "indonesian",
    "fields": {"exact": {"type": "text", "analyzer": "standard"}},
}
STEMS = {"type": "text", "analyzer": "pantau_stems"}
KEYWORD = {"type": "keyword"}

# The index layout: an index records the one it was created with (`_meta.layout`; none
# means 1); `ElasticsearchBackend.ensure` warns when the alias serves an older one, and
# `pantau reindex` moves it to this one. 2: sorted by date, the stems and the duplicate
# title and body kept out of `_source`.
LAYOUT = 2
# Segments sorted as date-sorted searches and exports read them (newest first, then id,
# as `sort_for`), so such a page stops after its hits instead of walking every match
# and fetches neighbouring documents: an export's pages cost Elasticsearch ~30 % less.
SORTED = {
    "sort.field": ["published_at", "id"],
    "sort.order": ["desc", "asc"],
    "sort.missing": ["_last", "_last"],
}

MAPPINGS: dict[str, Any] = {
    "dynamic": "strict",
    "_meta": {"layout": LAYOUT},
    # the stems are derived (re-derived by a reindex) and never read back: indexed only
    "_source": {"excludes": ["title_stems", "body_stems"]},
    "properties": {
        "id": KEYWORD,
        "url": KEYWORD,
        "host": KEYWORD,
        "title": TEXT,
        "body": TEXT,
        "title_stems": STEMS,
        "body_stems": STEMS,
        "stemmer": KEYWORD,
        "published_at": {"type": "date"},
        "indexed_at": {"type": "date"},
        "topic_scores": {
            "type": "nested",
            "properties": {"id": KEYWORD, "score": {"type": "float"}},
        },
        "persons": KEYWORD,
        "places": KEYWORD,
        "officials": KEYWORD,
        "candidates": KEYWORD,
        "region": KEYWORD,
        "region_name": KEYWORD,
        "region_path": KEYWORD,
        "election_related": {"type": "boolean"},
        "reporters": KEYWORD,
        "editor": KEYWORD,
        "fingerprint": KEYWORD,
        "origin": KEYWORD,
        "doc": {"type": "object", "enabled": False},
        **{spec.field: KEYWORD for spec in FILTERS},
    },
}


def to_document(doc: EnrichedArticle) -> dict[str, Any]:
    a = doc.article
    by_label: dict[str, set[str]] = {}
    by_role: dict[str, set[str]] = {}
    for e in doc.entities:
        by_label.setdefault(e.label, set()).add(e.canonical)
        if e.role:
            by_role.setdefault(e.role, set()).add(e.canonical)
    document: dict[str, Any] = {
        "id": doc.id,
        "url": a.url,
        "source": a.source,  # one value: hits read it back as a string
        "host": a.host,
        "title": a.title,
        "body": a.body,
        "title_stems": stem_text(a.title),
        "body_stems": stem_text(a.body),
        "stemmer": STEMMER_VERSION,
        "published_at": a.published_at.isoformat() if a.published_at else None,
        "indexed_at": datetime.now(UTC).isoformat(),
        "topic_scores": [{"id": t.id, "score": t.score} for t in doc.topics],
        "persons": sorted(by_label.get("PERSON", set())),
        "places": sorted(by_label.get("GPE", set())),
        "officials": sorted(by_role.get("official", set())),
        "candidates": sorted(by_role.get("candidate", set())),
        "region": doc.region.code if doc.region else None,
        "region_name": doc.region.name if doc.region else None,
        "region_path": region_path(doc.region.code if doc.region else None),
        "election_related": doc.election_related,
        "reporters": a.reporters,
        "editor": a.editor,
        "fingerprint": a.fingerprint,
        "origin": origin_of(doc),
        # the stored event, less the title and body held above (`stored_event` joins them)
        "doc": doc.model_dump(mode="json", exclude=_HELD),
    }
    values = article_values(doc)
    for spec in FILTERS:  # the filters' fields (source and region are set above, single)
        document.setdefault(spec.field, values[spec.name])
    return document


_HELD: Any = {"article": {"title", "body"}}


def stored_event(source: dict[str, Any]) -> EnrichedArticle:
    """The EnrichedArticle a document's `_source` holds (layout 1 kept it whole in `doc`)."""
    event = source["doc"]
    article = event["article"]
    if "body" not in article:
        event["article"] = {**article, "title": source["title"], "body": source["body"]}
    return EnrichedArticle.model_validate(event)


def _ci(field: str, value: str) -> dict[str, Any]:
    return {"term": {field: {"value": value, "case_insensitive": True}}}


def _region(value: str) -> dict[str, Any]:
    """At or beneath the regions `value` names (code or name), or named so by the NLP."""
    codes = regions().codes(value)
    return _any([{"terms": {"region_path": codes}}, _ci("region_name", value)][not codes :])


def _any(queries: list[dict[str, Any]]) -> dict[str, Any]:
    return (
        queries[0]
        if len(queries) == 1
        else {"bool": {"should": queries, "minimum_should_match": 1}}
    )


def _values(spec: FilterSpec, values: list[str], *, fold: bool) -> list[dict[str, Any]]:
    """The filter clauses for one filter's values (one clause when any value will do)."""
    if spec.region:
        return [_any([_region(v) for v in values])]
    one = [_ci(spec.field, v) if fold else {"term": {spec.field: v}} for v in values]
    if spec.combine == "all":
        return one
    return [_any(one) if fold else {"terms": {spec.field: values}}]


def term_query(t: Term) -> dict[str, Any]:
    if t.field in BY_PARAM:
        return _values(BY_PARAM[t.field], [t.value], fold=True)[0]
    title_only = t.field == "title"
    if t.kind == "prefix":
        fields = ["title.exact"] if title_only else ["title.exact", "body.exact"]
        return _any([{"prefix": {f: {"value": t.words[0]}}} for f in fields])
    fields = ["title_stems"] if title_only else ["title_stems^3", "body_stems"]
    text = " ".join(stem(w) for w in t.words)
    kind = "phrase" if t.kind == "phrase" else "best_fields"
    return {"multi_match": {"query": text, "type": kind, "fields": fields, "operator": "and"}}


def _positive(node: Node) -> dict[str, Any]:
    """The query for a node, its own negation left to the caller."""
    if isinstance(node, Term):
        return term_query(node)
    if isinstance(node, Or):
        return _any([_positive(p) for p in node.parts])
    must = [_positive(p) for p in node.parts if not p.negated]
    must_not = [_positive(p) for p in node.parts if p.negated]
    return {"bool": {"must": must, "must_not": must_not}}


def _tree_queries(tree: And) -> tuple[list[Any], list[Any], list[Any]]:
    """The root's parts as must (scored: has text), must_not, and filter (fields only)."""
    must: list[Any] = []
    must_not: list[Any] = []
    flt: list[Any] = []
    for part in tree.parts:
        if part.negated:
            must_not.append(_positive(part))
        elif any(t.is_text for t in walk(part)):
            must.append(_positive(part))
        else:
            flt.append(_positive(part))
    return must, must_not, flt


def build_query(query: SearchQuery) -> dict[str, Any]:
    """The bool query for a SearchQuery; user text only ever becomes term-level clauses."""
    must, must_not, flt = _tree_queries(query.tree())
    if query.since or query.until:
        rng: dict[str, str] = {}
        if query.since:
            rng["gte"] = query.since.isoformat()
        if query.until:
            rng["lt"] = query.until.isoformat()
        flt.append({"range": {"published_at": rng}})
    for spec in FILTERS:
        if values := query.values(spec):
            flt.extend(_values(spec, values, fold=spec.fold))
    if query.election_related is not None:
        flt.append({"term": {"election_related": query.election_related}})
    if query.scope is not None:  # region_path holds every prefix of the article's code
        flt.append({"terms": {"region_path": list(query.scope)}})
    return {"bool": {"must": must or [{"match_all": {}}], "must_not": must_not, "filter": flt}}


def facet_aggs(size: int) -> dict[str, Any]:
    aggs: dict[str, Any] = {}
    for spec in FACETS:
        aggs[spec.name] = {"terms": {"field": spec.field, "size": size}}
    return aggs


def sort_for(query: SearchQuery) -> list[Any]:
    date = {"published_at": {"order": "desc", "missing": "_last"}}
    if query.sort == "date":
        return [date, {"id": "asc"}]
    return ["_score", date, {"id": "asc"}]
