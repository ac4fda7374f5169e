"""Rich tables and machine formats for CLI output."""

from __future__ import annotations

import json
from collections.abc import Sequence

from rich.table import Table

from search.query import FacetCount, SearchHit, SearchResult


def facet_table(title: str, facets: Sequence[FacetCount]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("value")
    table.add_column("articles", justify="right")
    for f in facets[:10]:
        table.add_row(f.value, str(f.count))
    return table


def hits_table(title: str, hits: Sequence[SearchHit]) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False)
    table.add_column("published (UTC)", no_wrap=True)
    table.add_column("source")
    table.add_column("title")
    table.add_column("topics")
    for h in hits:
        when = h.published_at.strftime("%Y-%m-%d %H:%M") if h.published_at else "-"
        table.add_row(when, h.source, h.title, ", ".join(h.topics[:3]))
    return table


def result_json(result: SearchResult) -> str:
    return json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2)
