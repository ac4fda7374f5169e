"""What both backends derive from an EnrichedArticle: syndication group, region path."""

from __future__ import annotations

from pipeline.events import EnrichedArticle


def origin_of(doc: EnrichedArticle) -> str:
    """The syndication group: the id of the story's origin article.

    The crawler's SyndicationIndex sets `origin_id` on a copy (SimHash distance <= 12 to
    an earlier article); the origin and any article that copies nothing are their own group.
    """
    return doc.article.origin_id or doc.id


def region_path(code: str | None) -> list[str]:
    """A Kemendagri code and its parents ("31.72.01" -> 31, 31.72, 31.72.01)."""
    if not code:
        return []
    parts = code.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]
