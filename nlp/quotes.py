"""Quote attribution: '"...," kata X', '..., ujar X', 'X mengatakan ...' and '"...," ujarnya'.

The speaker is the canonical name of the person entity the attribution points at
("kata Ketua Bawaslu DKI Hendra" -> "Hendra Wiratama"); "ujarnya" / "Dia mengatakan"
go to the last person named before the quote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache

from spacy.tokens import Doc, Span

from nlp.component import read_data, sentences
from nlp.extensions import span_value

_NAME = r"[A-Z][\w'-]*\.?(?:[ \t]+(?:[A-Z][\w'-]*\.?|bin|binti))*"
PRONOUNS = {"Dia", "Ia", "Mereka", "Beliau", "Saya", "Kami", "Kita"}
ANAPHORS = {"Dia", "Ia", "Beliau"}


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    words = read_data("quotes.json")
    after = "|".join(words["after"])
    before = "|".join(words["before"])
    return {
        "quoted": re.compile(
            rf"[“\"](?P<text>[^”\"]{{3,800}}?)[”\"]\s*,?\s*(?:{after})\s+(?P<speaker>{_NAME})"
        ),
        "quoted_self": re.compile(
            rf"[“\"](?P<text>[^”\"]{{3,800}}?)[”\"]\s*,?\s*(?:{after})nya\b(?P<speaker>)"
        ),
        "after": re.compile(rf"^(?P<text>[^“”\"]{{10,}}?),\s+(?:{after})\s+(?P<speaker>{_NAME})"),
        "after_self": re.compile(rf"^(?P<text>[^“”\"]{{10,}}?),\s+(?:{after})nya\b(?P<speaker>)"),
        "before": re.compile(
            rf"^(?:[^,]{{0,40}},\s+)?(?P<speaker>{_NAME})\s+(?:{before})\s+(?:bahwa\s+)?"
            rf"(?P<text>.{{10,}})"
        ),
    }


def extract_quotes(
    doc: Doc, text: str | None = None, ents: Sequence[Span] | None = None
) -> list[tuple[str, str]]:
    """(speaker, text) pairs in document order; needs sentence boundaries.

    `text` is doc.text and `ents` doc.ents when the caller has them: the properties
    walk every token and make a Span per entity.
    """
    pats = _patterns()
    text = doc.text if text is None else text
    ents = doc.ents if ents is None else ents
    persons = [e for e in ents if e.label_ == "PERSON"]
    found: list[tuple[int, str, str]] = []
    covered: list[tuple[int, int]] = []
    for name in ("quoted", "quoted_self"):
        for m in pats[name].finditer(text):
            if any(s < m.end() and m.start() < e for s, e in covered):
                continue
            _add(found, text, ents, persons, m, 0)
            covered.append((m.start(), m.end()))
    covered.sort()
    ends = [e for _, e in covered]
    for sent in sentences(doc):
        start, end = sent.start_char, sent.end_char
        k = bisect_right(ends, start)  # first quote ending after the sentence starts
        if k < len(covered) and covered[k][0] < end:
            continue
        sent_text = text[start:end]
        lead = len(sent_text) - len(sent_text.lstrip())
        sent_text = sent_text.strip()
        for name in ("after", "after_self", "before"):
            reported = pats[name].match(sent_text)
            if reported:
                _add(found, text, ents, persons, reported, start + lead)
                break
    return [(speaker, text) for _, speaker, text in sorted(found)]


def _add(
    found: list[tuple[int, str, str]],
    text: str,
    ents: Sequence[Span],
    persons: list[Span],
    m: re.Match[str],
    offset: int,
) -> None:
    s, e = offset + m.start("speaker"), offset + m.end("speaker")
    speaker = _speaker(text, ents, persons, s, e, offset + m.start())
    quote = m["text"].strip().strip('“”"').strip().rstrip(",")
    if speaker and quote:
        found.append((offset + m.start(), speaker, quote))


def _speaker(
    text: str, ents: Sequence[Span], persons: list[Span], start: int, end: int, quote_at: int
) -> str | None:
    raw = text[start:end].strip().rstrip(".,")
    first = raw.split()[0] if raw else ""
    if first in PRONOUNS - ANAPHORS:  # "Kami mengatakan": no one to name
        return None
    if not raw or first in ANAPHORS:  # "ujarnya", "Dia mengatakan": the last person named
        before = [p for p in persons if p.end_char <= quote_at]
        return _name(before[-1]) if before else None
    inside = [p for p in persons if p.start_char < end and start < p.end_char]
    if inside:
        return _name(inside[-1])
    orgs = [x for x in ents if x.start_char < end and start < x.end_char]
    return _name(orgs[-1]) if orgs else raw


def _name(span: Span | None) -> str | None:
    if span is None:
        return None
    return str(span_value(span, "canonical") or span.text)
