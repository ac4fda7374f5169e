"""Evaluate a rule against an enriched article and collect the evidence sentences."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from alerts.rules import Rule, Severity
from pipeline.events import EnrichedArticle, Entity
from search.calendar import Calendar
from search.query import And, Term, matches, parse, parse_text, words
from search.stem import stem

MAX_EVIDENCE = 5
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'“A-Z0-9(])|\n\s*\n")


@dataclass(frozen=True)
class Match:
    """A rule that fired: which criteria held, the topics that counted, and why."""

    rule: Rule
    criteria: list[str]
    topics: list[str] = field(default_factory=list)
    score: float = 0.0
    evidence: list[str] = field(default_factory=list)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


def _has_words(have: Sequence[str], term: Term, stemmed: Sequence[str] | None = None) -> bool:
    """As both search engines match: a prefix on the words as written, words and phrases
    on their stems ("kampanye" finds "berkampanye"); `stemmed`: `have`'s stems, if known."""
    if term.kind == "prefix":
        return any(w.startswith(term.words[0]) for w in have)
    have = [stem(w) for w in have] if stemmed is None else stemmed
    want = tuple(stem(w) for w in term.words)
    n = len(want)
    return any(tuple(have[i : i + n]) == want for i in range(len(have) - n + 1))


def term_matches(
    term: Term,
    doc: EnrichedArticle,
    text_words: Sequence[str],
    text_stems: Sequence[str] | None = None,
) -> bool:
    """One term of the search syntax against one article (negation is the caller's)."""
    if term.kind != "value":
        if term.field == "title":
            return _has_words(words(doc.article.title), term)
        return _has_words(text_words, term, text_stems)
    value = term.value.lower()
    if term.field == "source":
        return doc.article.source.lower() == value
    if term.field == "entity":
        return any(value in (e.canonical.lower(), e.text.lower()) for e in doc.entities)
    if term.field == "topic":
        return any(t.id.lower() == value for t in doc.topics)
    if term.field == "region":
        r = doc.region
        return r is not None and (
            r.name.lower() == value or r.code == value or r.code.startswith(value + ".")
        )
    return False


def keywords_match(tree: And, doc: EnrichedArticle) -> bool:
    """The parsed keywords (AND, OR, -exclusions, groups) hold for the article."""
    if not tree.parts:
        return False
    text_words = words(f"{doc.article.title}\n\n{doc.article.body}")
    text_stems = [stem(w) for w in text_words]
    return matches(tree, lambda t: term_matches(t, doc, text_words, text_stems))


def evaluate(rule: Rule, doc: EnrichedArticle) -> Match | None:
    """The Match when `rule` fires on `doc`, else None. Pure and cheap (no NLP here)."""
    if not rule.enabled:
        return None
    if rule.election_related is not None and doc.election_related != rule.election_related:
        return None
    if rule.during and not in_stages(rule, doc):
        return None
    checks = {
        "topics": _topics(rule, doc),
        "entities": bool(_folded(rule.entities) & _entity_keys(doc.entities)),
        "agencies": bool(
            _folded(rule.agencies) & _entity_keys(e for e in doc.entities if e.label == "ORG")
        ),
        "roles": bool(set(rule.roles) & {e.role for e in doc.entities if e.role}),
        "regions": _regions(rule, doc),
        "sources": doc.article.source in rule.sources,
        "keywords": keywords_match(parse(rule.keywords), doc),
    }
    given = rule.criteria()
    held = [name for name in given if checks[name]]
    if not held or (rule.match == "all" and len(held) != len(given)):
        return None
    topics = [t for t in doc.topics if t.id in rule.topics and t.score >= rule.min_score]
    return Match(
        rule=rule,
        criteria=held,
        topics=[t.id for t in topics],
        score=max((t.score for t in topics), default=0.0),
        evidence=_evidence(rule, doc, topics_evidence=[s for t in topics for s in t.evidence]),
    )


def in_stages(rule: Rule, doc: EnrichedArticle) -> bool:
    """The article appeared (published, else crawled) in one of the rule's stages."""
    at = doc.article.published_at or doc.article.crawled_at
    spans = Calendar.current().spans(tuple(rule.during), rule.timezone)
    return any(since <= at < until for since, until in spans)


def _folded(values: Iterable[str]) -> set[str]:
    return {v.casefold() for v in values}


def _entity_keys(entities: Iterable[Entity]) -> set[str]:
    """What a rule may name an entity by: its readable name or its stable id, any case."""
    return {k.casefold() for e in entities for k in (e.canonical, e.kb_id) if k}


def _topics(rule: Rule, doc: EnrichedArticle) -> bool:
    return any(t.id in rule.topics and t.score >= rule.min_score for t in doc.topics)


def _regions(rule: Rule, doc: EnrichedArticle) -> bool:
    codes = {e.canonical for e in doc.entities if e.label == "GPE"}
    codes |= {e.region for e in doc.entities if e.region}
    if doc.region is not None:
        codes.add(doc.region.code)
    # A prefix at a dot boundary: "31" covers "31.72" but "3" does not cover "31".
    return any(c == p or c.startswith(p + ".") for c in codes for p in rule.regions)


def _evidence(rule: Rule, doc: EnrichedArticle, *, topics_evidence: list[str]) -> list[str]:
    """Topic evidence first (the NLP's own sentences), then sentences with keywords or
    the rule's entities, each sentence once, at most MAX_EVIDENCE."""
    found = list(topics_evidence)
    sents = sentences(f"{doc.article.title}\n\n{doc.article.body}")
    positive = [t for t in parse_text(rule.keywords) if not t.negated and t.kind != "value"]
    if positive:
        found += [s for s in sents if any(_has_words(words(s), t) for t in positive)]
    wanted = _folded(rule.entities) | _folded(rule.agencies)
    surfaces = [e.text for e in doc.entities if _entity_keys([e]) & wanted]
    if surfaces:
        found += [s for s in sents if any(x in s for x in surfaces)]
    flat = (" ".join(s.split()) for s in found)  # one line each, for mail and tables
    return list(dict.fromkeys(s for s in flat if s))[:MAX_EVIDENCE]


LEVELS = ("info", "warning", "critical")
STRONG_SCORE = 0.8  # a topic this sure of itself, and
STRONG_SENTENCES = 2  # this many evidence sentences, make the evidence strong


def severity_for(rule: Rule, match: Match) -> Severity:
    """The rule's severity when the evidence is strong, one level lower for each of the
    two signs of strength missing (a confident topic score, several evidence sentences);
    a rule without topics has no score to miss."""
    sure = not rule.topics or match.score >= STRONG_SCORE
    signs = int(sure) + int(len(match.evidence) >= STRONG_SENTENCES)
    level = max(0, LEVELS.index(rule.severity) - (2 - signs))
    return LEVELS[level]  # type: ignore[return-value]
