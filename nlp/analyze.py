"""Runs cleaning + the pipeline over article texts and returns plain dataclasses."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.clean import Cleaned, clean_text
from nlp.extensions import doc_values, span_values
from nlp.places import PlaceRuler
from nlp.quotes import extract_quotes


@dataclass
class EntityOut:
    text: str
    label: str  # PERSON, ORG (agency, party) or GPE (region)
    canonical: str | None  # shown to people: "Bawaslu", "Jakarta Utara", "Dhany Sukma"
    role: str | None  # PERSON: official | candidate | other; None otherwise
    title: str | None  # PERSON: "Wali Kota Jakarta Pusat"
    start: int  # character offsets in Analysis.body
    end: int
    region: str | None = None  # Kemendagri code: of a place, or of an agency's place
    kb_id: str | None = None  # stable id: agency id ("bawaslu"), Kemendagri code ("31.72")


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
    warnings: list[str] = field(default_factory=list)  # "html: ...", "all_caps: ..."


def analyze(nlp: Language, texts: Iterable[str], *, batch_size: int = 32) -> list[Analysis]:
    """Clean each text, run the pipeline over all of them in batches, convert."""
    cleaned = [clean_text(t) for t in texts]
    for c in cleaned:
        if len(c.body) > nlp.max_length:  # spaCy refuses longer texts (E088)
            c.body = c.body[: nlp.max_length]
            c.warnings.append(f"truncated: text cut at {nlp.max_length} characters")
    docs = nlp.pipe((c.body for c in cleaned), batch_size=batch_size)
    return [to_analysis(doc, c) for doc, c in zip(docs, cleaned, strict=True)]


def region_of(nlp: Language, code: str) -> RegionOut | None:
    """The gazetteer's region for a Kemendagri code (or its nearest known parent): what a
    source's registry region becomes when the article's text names no place."""
    for _name, pipe in nlp.pipeline:
        if isinstance(pipe, PlaceRuler):
            found = pipe.region([code])
            return RegionOut(**found) if found else None
    return None


def to_analysis(doc: Doc, cleaned: Cleaned) -> Analysis:
    values = doc_values(doc)  # == doc._, without an Underscore per attribute
    region = values["region"]
    ents = doc.ents  # each read makes a Span per entity
    return Analysis(
        entities=[_entity(e, cleaned.body, doc.user_data) for e in ents],
        topics=[TopicOut(t["id"], t["score"], list(t["evidence"])) for t in values["topics"] or []],
        quotes=[QuoteOut(s, t) for s, t in extract_quotes(doc, cleaned.body, ents)],
        region=RegionOut(**region) if region else None,
        election_related=bool(values["election_related"]),
        byline=dict(cleaned.byline),
        body=cleaned.body,  # == doc.text, which would walk every token again
        dateline=cleaned.dateline,
        election_score=float(values["election_score"]),
        warnings=list(cleaned.warnings),
    )


def _entity(e: Span, body: str, user_data: dict[Any, Any]) -> EntityOut:
    start, end, kb_id = e.start_char, e.end_char, e.kb_id_  # one lookup each
    ext = span_values(user_data, start, end)  # == e._, without an Underscore per attribute
    return EntityOut(
        text=body[start:end],  # == e.text, which would walk the span's tokens
        label=e.label_,
        canonical=ext["canonical"] or kb_id or None,
        role=ext["role"],
        title=ext["title"],
        start=start,
        end=end,
        region=ext["region"],
        kb_id=kb_id or None,
    )


def to_json(analysis: Analysis, *, nlp_version: str | None = None) -> dict[str, Any]:
    """The `pantau extract --format json` document (schema in nlp/README.md)."""
    data = asdict(analysis)
    data.pop("body")
    ordered = {"nlp_version": nlp_version} if nlp_version else {}
    keys = ("entities", "topics", "quotes", "region", "election_related", "election_score")
    ordered.update({k: data.pop(k) for k in keys})
    ordered.update(data)  # byline, dateline, warnings
    return ordered
