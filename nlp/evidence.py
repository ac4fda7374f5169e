"""Evidence for persons: a capitalised run found by a rule is a name only with support.

Support is a gazetteer, a run that is not only titles, units or common Indonesian
words (wordfreq, nlp/lexicon.py), or the person model's score of the span (its
thresholds are data, `model_min` in persons.json, calibrated on the idner-news-2k dev
split). Headline capitals, streets and the model's lone words are weighed here too.
"""

from __future__ import annotations

from typing import Any

from nlp.candidates import Found, title_words
from nlp.lexicon import is_common
from nlp.names import NameShape, Words, name_tokens


class Evidence:
    """Weighs the person rules' finds (see the module docstring)."""

    def __init__(self, rules: dict[str, Any], shape: NameShape) -> None:
        self.shape = shape
        self.title_words = title_words(rules)
        self.units = set(rules["unit_words"])
        self.streets = set(rules["street_cues"])
        self.common_min = float(rules["model_min"]["common_words"])
        self.lone_min = float(rules["model_min"]["lone_word"])
        self.trim_below = float(rules["model_min"]["trim_below"])

    def filter(self, words: Words, found: list[Found], ner: Any, blocked: set[int]) -> list[Found]:
        """The finds (trimmed by the model when there is one) that have evidence."""
        if ner is not None:
            found = [self.trim(words, f, ner, blocked) for f in found]
        return self._outside_headlines(words, self.keep(words, found, ner))

    def trim(self, words: Words, f: Found, ner: Any, blocked: set[int]) -> Found:
        """The part of a rule's run the model likes best: a title's run may start with
        its portfolio or country ("Menko Perekonomian Boediono", "Presiden Palestina
        Mahmud Abbas"), a speaker's with a headline word."""
        if f.known or f.end - f.start < 2:
            return f
        best, best_score = (f.start, f.end), ner.span_score(words.doc, f.start, f.end)
        if best_score is not None and best_score > self.trim_below:
            return f  # the model may take the whole run for a name ("Sari Ramadhani")
        # right after an agency, a place or a rank the name's start is certain
        # ("Ketua Bawaslu DIY Bagus Sarwono")
        before = words.text[f.start - 1] if f.start else ""
        anchored = f.start - 1 in blocked or before in self.shape.honorifics
        for start in [f.start] if anchored else range(f.start, f.end):
            for end in range(start + 1, f.end + 1):
                score = ner.span_score(words.doc, start, end)
                if score is not None and (best_score is None or score > best_score):
                    best, best_score = (start, end), score
        if best == (f.start, f.end):
            return f
        start, end = best
        return Found(start, end, words.span(start, end), f.role, f.title, f.guess, best_score)

    def _outside_headlines(self, words: Words, found: list[Found]) -> list[Found]:
        """In a Title Case line (a headline) capitals say nothing: a name found there
        stays only when it is known or also found in the body."""
        caps = title_case_tokens(words)
        if not caps:
            return found
        body = {w for f in found if f.start not in caps for w in name_tokens(f.canonical)}
        return [
            f
            for f in found
            if f.known or f.start not in caps or set(name_tokens(f.canonical)) <= body
        ]

    def is_title(self, word: str) -> bool:
        return word.lower().rstrip(".") in self.title_words

    def keep(self, words: Words, found: list[Found], ner: Any) -> list[Found]:
        """The finds with evidence, and those whose every word belongs to a name that
        has it (document consistency: "ucap Sari" after "Ketua ... Sari Ramadhani")."""
        ok = [self._evidence(words, f, ner) for f in found]
        known = {
            w for f, good in zip(found, ok, strict=True) if good for w in name_tokens(f.canonical)
        }
        return [
            f
            for f, good in zip(found, ok, strict=True)
            if good or (not self.bare(words, f) and set(name_tokens(f.canonical)) <= known)
        ]

    def bare(self, words: Words, f: Found) -> bool:
        """Only titles, units or never-name words: "Kapolda", "Satgas", "Humas"."""
        return all(
            self.is_title(t) or t in self.shape.not_names or t in self.units
            for t in words.text[f.start : f.end]
        )

    def _evidence(self, words: Words, f: Found, ner: Any) -> bool:
        """A person needs more than capitals: a gazetteer, or not only title words, and
        runs of common Indonesian words ("Sumber Daya Air") only with the model's
        support; the model's own lone words only above a calibrated score."""
        if f.known:
            return True
        tokens = words.text[f.start : f.end]
        if self.bare(words, f) or (f.start > 0 and words.text[f.start - 1] in self.streets):
            return False
        score = f.score
        if score is None and ner is not None:
            score = ner.span_score(words.doc, f.start, f.end)
        if all(is_common(t) for t in tokens if len(t.rstrip(".")) > 2):
            return score is not None and score >= self.common_min
        if f.guess and f.end - f.start == 1:
            return score is not None and score >= self.lone_min
        return True


def title_case_tokens(words: Words) -> set[int]:
    """Tokens of headline-like lines: 3+ words, nearly every one capitalised, no full
    stop at the end, not the text's last line (which may be cut off)."""
    out: set[int] = set()
    text = words.text
    breaks = [i for i, t in enumerate(text) if "\n" in t and t.isspace()]
    for start, end in zip([0, *[b + 1 for b in breaks]], breaks, strict=False):
        tokens = [t for t in text[start:end] if not t.isspace()]
        if not tokens or tokens[-1] in (".", "!", "?", '"', "”"):
            continue
        alpha = [t for t in tokens if t[:1].isalpha()]
        if len(alpha) >= 3 and sum(t[:1].isupper() for t in alpha) >= 0.8 * len(alpha):
            out.update(range(start, end))
    return out
