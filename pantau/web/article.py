"""What the article page shows of an EnrichedArticle: entities grouped, body paragraphs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.events import Entity

GROUPS = (  # (key, heading): the order of the page
    ("official", "Pejabat"),
    ("candidate", "Calon"),
    ("person", "Tokoh lain"),
    ("agency", "Lembaga"),
    ("place", "Tempat"),
    ("other", "Lainnya"),
)


@dataclass
class Mention:
    """One entity as the page lists it: the name, its title and how often it occurs."""

    name: str
    title: str | None
    region: str | None
    kb_id: str | None
    count: int = 1


def _group(e: Entity) -> str:
    if e.label == "PERSON":
        return e.role if e.role in ("official", "candidate") else "person"
    return {"ORG": "agency", "GPE": "place", "LOC": "place"}.get(e.label, "other")


def entity_groups(entities: Sequence[Entity]) -> list[tuple[str, list[Mention]]]:
    """(heading, mentions) for the non-empty groups, each name once in order of appearance."""
    found: dict[str, dict[str, Mention]] = {key: {} for key, _ in GROUPS}
    for e in entities:
        group = found[_group(e)]
        seen = group.get(e.canonical)
        if seen is None:
            group[e.canonical] = Mention(e.canonical, e.title, e.region, e.kb_id)
        else:
            seen.count += 1
            seen.title = seen.title or e.title
    return [(heading, list(found[key].values())) for key, heading in GROUPS if found[key]]


def paragraphs(body: str) -> list[str]:
    """The cleaned body keeps paragraphs apart with blank lines."""
    return [p.strip() for p in body.split("\n\n") if p.strip()]
