"""EnrichStage: RawArticle -> EnrichedArticle through the spaCy pipeline in nlp/."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language

from nlp.analyze import Analysis, analyze, region_of
from nlp.pipeline import NLP_VERSION
from pipeline.events import EnrichedArticle, Entity, Quote, RawArticle, Region, TopicHit
from pipeline.fingerprint import simhash


def article_text(article: RawArticle, max_chars: int) -> str:
    """What the NLP reads: title, then body, cut at `max_chars` (huge pages stay bounded)."""
    return f"{article.title}\n\n{article.body}"[:max_chars]


class EnrichStage:
    """RawArticle -> EnrichedArticle. Pure: no Kafka, no commits."""

    name = "enrich"

    def __init__(self, nlp: Language, *, max_chars: int = 100_000, batch_size: int = 32) -> None:
        self.nlp = nlp
        self.max_chars = max_chars
        self.batch_size = batch_size

    def process(self, batch: Sequence[RawArticle]) -> list[EnrichedArticle]:
        texts = [article_text(a, self.max_chars) for a in batch]
        results = analyze(self.nlp, texts, batch_size=self.batch_size)
        return [_enriched(a, self._located(a, r)) for a, r in zip(batch, results, strict=True)]

    def _located(self, article: RawArticle, result: Analysis) -> Analysis:
        """A local outlet's articles that name no place are about its region."""
        if result.region is None and article.source_region:
            result.region = region_of(self.nlp, article.source_region)
        return result


def with_fingerprint(article: RawArticle) -> RawArticle:
    """The article with its SimHash: crawled pages have one, text, JSON and replayed
    articles may not, and syndication groups (one alert per story) need it."""
    if article.fingerprint:
        return article
    return article.model_copy(update={"fingerprint": simhash(article.body)})


def _enriched(article: RawArticle, result: Analysis) -> EnrichedArticle:
    region = result.region
    article = with_fingerprint(article)
    return EnrichedArticle(
        id=article.id,
        article=article,
        entities=[
            Entity(
                text=e.text,
                label=e.label,
                canonical=e.canonical or e.text,
                kb_id=e.kb_id,
                role=e.role if e.role in ("official", "candidate", "other") else None,  # type: ignore[arg-type]
                title=e.title,
                region=e.region,
                start=e.start,
                end=e.end,
            )
            for e in result.entities
        ],
        topics=[TopicHit(id=t.id, score=t.score, evidence=list(t.evidence)) for t in result.topics],
        quotes=[Quote(speaker=q.speaker, text=q.text) for q in result.quotes],
        region=Region(code=region.code, name=region.name, level=region.level) if region else None,
        election_related=result.election_related,
        nlp_version=NLP_VERSION,
    )
