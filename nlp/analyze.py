"""Runs cleaning + the pipeline over article texts and returns plain dataclasses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from nlp.clean import Cleaned, clean_text
from nlp.quotes import extract_quotes


@dataclass
class EntityOut:
    text: str
    label: str  # ORG (agency, party) or GPE (region)
    canonical: str | None  # agency id ("bawaslu") or Kemendagri code ("31.72")
    role: str | None  # filled by the officials work (PERSON), None for now
    title: str | None
    start: int  # character offsets in Analysis.body
    end: int
    region: str | None = None  # Kemendagri code attached to an agency ("Bawaslu DKI" -> "31")


@dataclass
class TopicOut:
    id: str
    score: float  # in [0, 1]
    evidence: list[str]  # sentences that fired the topic's rules, best first


@dataclass
class RegionOut:
    code: str
    name: str
    level: str  # provinsi | kabupaten | kota | kecamatan | kelurahan


@dataclass
class QuoteOut:
    speaker: str
    text: str


@dataclass
class Analysis:
    entities: list[EntityOut]
    topics: list[TopicOut]
    quotes: list[QuoteOut]
    region: RegionOut | None
    election_related: bool
    byline: dict[str, str]
    body: str = ""  # the cleaned text the offsets refer to
    dateline: str | None = None
    election_score: float = 0.0


def analyze(nlp: Language, texts: Iterable[str], *, batch_size: int = 32) -> list[Analysis]:
    """Clean each text, run the pipeline over all of them in batches, convert."""
    cleaned = [clean_text(t) for t in texts]
    docs = nlp.pipe((c.body for c in cleaned), batch_size=batch_size)
    return [to_analysis(doc, c) for doc, c in zip(docs, cleaned, strict=True)]


def to_analysis(doc: Doc, cleaned: Cleaned) -> Analysis:
    region = doc._.region
    return Analysis(
        entities=[
            EntityOut(
                text=e.text,
                label=e.label_,
                canonical=e.kb_id_ or None,
                role=None,
                title=None,
                start=e.start_char,
                end=e.end_char,
                region=e._.region,
            )
            for e in doc.ents
        ],
        topics=[TopicOut(t["id"], t["score"], list(t["evidence"])) for t in doc._.topics or []],
        quotes=[QuoteOut(s, t) for s, t in extract_quotes(doc)],
        region=RegionOut(**region) if region else None,
        election_related=bool(doc._.election_related),
        byline=dict(cleaned.byline),
        body=doc.text,
        dateline=cleaned.dateline,
        election_score=float(doc._.election_score),
    )
