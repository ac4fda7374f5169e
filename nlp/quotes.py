"""Simple quote attribution: '"...," kata X', '..., ujar X' and 'X mengatakan ...'."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc

from nlp.component import read_data, sentences

_NAME = r"[A-Z][\w'-]*\.?(?:[ \t]+(?:[A-Z][\w'-]*\.?|bin|binti))*"
_PRONOUNS = {"Dia", "Ia", "Mereka", "Beliau", "Saya", "Kami"}


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = read_data("quotes.json")
    after = "|".join(words["after"])
    before = "|".join(words["before"])
    quoted = re.compile(
        rf"[“\"](?P<text>[^”\"]{{3,800}}?)[”\"]\s*,?\s*(?:{after})(?:nya)?\s+(?P<speaker>{_NAME})"
    )
    reported_after = re.compile(
        rf"^(?P<text>[^“”\"]{{10,}}?),\s+(?:{after})\s+(?P<speaker>{_NAME})"
    )
    reported_before = re.compile(
        rf"^(?:[^,]{{0,40}},\s+)?(?P<speaker>{_NAME})\s+(?:{before})\s+(?:bahwa\s+)?(?P<text>.{{10,}})"
    )
    return quoted, reported_after, reported_before


def extract_quotes(doc: Doc) -> list[tuple[str, str]]:
    """(speaker, text) pairs in document order; needs sentence boundaries."""
    quoted, reported_after, reported_before = _patterns()
    found: list[tuple[int, str, str]] = []
    covered: list[tuple[int, int]] = []
    for m in quoted.finditer(doc.text):
        _add(found, m.start(), m["speaker"], m["text"])
        covered.append((m.start(), m.end()))
    for sent in sentences(doc):
        start, end = sent.start_char, sent.end_char
        if any(s < end and start < e for s, e in covered):
            continue
        text = sent.text.strip()
        reported = reported_after.match(text) or reported_before.match(text)
        if reported:
            _add(found, start, reported["speaker"], reported["text"])
    return [(speaker, text) for _, speaker, text in sorted(found)]


def _add(found: list[tuple[int, str, str]], at: int, speaker: str, text: str) -> None:
    speaker = speaker.strip().rstrip(".,")
    text = text.strip().strip('“”"').strip().rstrip(",")
    if speaker and speaker.split()[0] not in _PRONOUNS and text:
        found.append((at, speaker, text))
