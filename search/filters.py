"""The filter vocabulary: every list filter defined once, and each article's values derived once.

SearchQuery, the CLI (search and trends), the JSON API, the web form and both engines
read `FILTERS`; `article_values` is the only place an article's filter values come from
("agencies = ORG entities" is said here and nowhere else). Adding a filter: a row in
`FILTERS`, its values in `article_values`, its list field on `SearchQuery`, and a test.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pipeline.events import EnrichedArticle
from search.document import region_path


@dataclass(frozen=True)
class FilterSpec:
    """One list filter as every layer names and applies it."""

    name: str  # SearchQuery field, facet key, SQLite value kind ("sources")
    param: str  # CLI option, API and form parameter, `param:value` syntax ("source")
    field: str  # Elasticsearch document field
    label: str  # Indonesian name on pages (facet heading, chip)
    help: str  # CLI and API help
    combine: Literal["any", "all"]  # several values: one of them is enough, or all needed
    fold: bool  # values compare case-insensitively
    facet: bool  # counted as a facet
    syntax: bool  # usable as `param:value` in the query text (always case-insensitive)
    region: bool = False  # values are codes and names (`search.regions`), counted with parents


# The order is the order of facets in results.
FILTERS: tuple[FilterSpec, ...] = (
    FilterSpec(
        "sources", "source", "source", "Sumber", "Source, e.g. antara (any given).",
        combine="any", fold=True, facet=True, syntax=True,
    ),
    FilterSpec(
        "regions", "region", "region_path", "Wilayah",
        "Region: Kemendagri code or name, with what lies beneath (31 or DKI Jakarta covers 31.72).",
        combine="any", fold=True, facet=True, syntax=True, region=True,
    ),
    FilterSpec(
        "topics", "topic", "topics", "Topik", "Topic id, e.g. netralitas_asn (all given).",
        combine="all", fold=True, facet=True, syntax=True,
    ),
    FilterSpec(
        "entities", "entity", "entities", "Entitas", "Entity canonical name (all given).",
        combine="all", fold=True, facet=True, syntax=True,
    ),
    FilterSpec(
        "agencies", "agency", "agencies", "Lembaga", "Agency (ORG) canonical name (all given).",
        combine="all", fold=True, facet=True, syntax=False,
    ),
    FilterSpec(
        "roles", "role", "roles", "Peran", "Entity role: official | candidate (any given).",
        combine="any", fold=False, facet=False, syntax=False,
    ),
)  # fmt: skip

BY_NAME = {s.name: s for s in FILTERS}
BY_PARAM = {s.param: s for s in FILTERS}
FACETS = tuple(s for s in FILTERS if s.facet)
SYNTAX_FIELDS = tuple(s.param for s in FILTERS if s.syntax)


def article_values(doc: EnrichedArticle) -> dict[str, list[str]]:
    """Each filter's values of one article, distinct (topics by score, the rest sorted)."""
    entities = doc.entities
    topics = sorted(doc.topics, key=lambda t: (-t.score, t.id))
    return {
        "sources": [doc.article.source],
        "regions": region_path(doc.region.code if doc.region else None),  # 31.72: 31, 31.72
        "topics": list(dict.fromkeys(t.id for t in topics)),
        "entities": sorted({e.canonical for e in entities}),
        "agencies": sorted({e.canonical for e in entities if e.label == "ORG"}),
        "roles": sorted({e.role for e in entities if e.role}),
    }
