"""Titles and roles around a name: "Ketua Bawaslu DKI Jakarta X", "X, Kepala Dinas Y".

A title before a name is followed by a walk over agencies, places, unit words, ranks,
unit numbers and short asides ("(BKD)", ", Jawa Tengah,") to the run of capitalised
words that is the person; a title after a name follows a comma or "selaku"/"sebagai"
and may be lowercase. Used by pantau_persons_v1 (nlp/persons.py).
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from nlp.candidates import Found
from nlp.component import filter_matches
from nlp.names import PERSON, NameShape, Words

ROMAN = re.compile(r"[IVX]{1,5}")  # unit numbers: "Pangdam XVII", "Lantamal X"
LIST_AND = ("dan", "serta")


class TitleRules:
    """Finds persons by the titles before and after their names."""

    def __init__(self, nlp: Language, rules: dict[str, Any], shape: NameShape) -> None:
        self.shape = shape
        self.titles = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.titles.add("title", [nlp.make_doc(t) for t in rules["titles"]])
        self.titles_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.titles_lower.add("title", [nlp.make_doc(t.lower()) for t in rules["titles"]])
        self.non_official = set(rules["non_official_titles"])
        self.units = set(rules["unit_words"])
        self.after_cues = set(rules["after_name_cues"])
        self.speech_before = set(rules["speech_before"])

    def find(
        self, words: Words, doc: Doc, blocked: set[int], ents_at: dict[int, Span]
    ) -> list[Found]:
        """Persons named after a title, then persons followed by one."""
        titles = [
            Span(doc, start, end)
            for _, start, end in filter_matches(self.titles(doc))
            if start not in blocked
        ]
        # after a name titles are often lowercase: "X, anggota KPU", "X selaku kepala dinas"
        cues, text, lower = self.after_cues, words.text, words.lower
        # and so they are in lists: "Ketua dan anggota KPU", "X, Y, dan anggota KPU Z"
        listed = [
            Span(doc, start, end)
            for _, start, end in filter_matches(self.titles_lower(doc))
            if start not in blocked and start >= 1 and lower[start - 1] in LIST_AND
        ]
        titles = _joined(sorted({(t.start, t.end): t for t in [*titles, *listed]}.values()))
        titles_after = [
            Span(doc, start, end)
            for _, start, end in filter_matches(self.titles_lower(doc))
            if start not in blocked and start >= 2 and text[start - 1] in cues
        ]
        return [
            *self.before(words, titles, blocked, ents_at),
            *self.after(words, titles_after, blocked, ents_at),
        ]

    def _role(self, title: Span) -> str:
        return "other" if title.text in self.non_official else "official"

    def _walk(
        self,
        words: Words,
        j: int,
        ents_at: dict[int, Span],
        names: bool,
        next_titles: frozenset[int] = frozenset(),
    ) -> tuple[int, int, int]:
        """From j, walk over agencies, places, unit words (and names).

        Returns (stop, boundary, after_entity): boundary is the index after the last
        non-name step, where a name may start; after_entity the index after the last
        agency or place (j when none), for names that end in a unit word ("Bangsa").
        """
        text, lower, like_num = words.text, words.lower, words.like_num
        boundary = after_entity = start = j
        n = len(text)
        named = False  # the last step was a name word
        while j < n and j - start < 15:
            if j in next_titles:
                break  # "Pj Gubernur Papua X dan Kapolda Papua Y": the next title's person
            if names and named and self._list_next(words, j, ents_at, next_titles) > j:
                break  # "Ketua KPU X, Y dan Z": the title's first person ends here
            named = False
            if j in ents_at:
                j = boundary = after_entity = ents_at[j].end
            elif (
                text[j] in self.units
                or lower[j] in ("dan", "serta", "&")
                or like_num[j]
                or ROMAN.fullmatch(text[j])
                or (j > start and text[j - 1] == "/" and text[j].isupper())  # "0201/BS"
                or (text[j] == "/" and j > start and like_num[j - 1])
            ):
                j = boundary = j + 1
            elif text[j] in self.shape.honorifics or (names and self._name_word(text, j)):
                named = text[j] not in self.shape.honorifics
                j += 1
            elif (aside := self._aside(words, j, ents_at)) > j:
                j = boundary = aside  # "(BKD)", ", Jawa Tengah," or ", AKBP" inside the title
            else:
                break
        return j, boundary, after_entity

    def _list_next(
        self, words: Words, j: int, ents_at: dict[int, Span], next_titles: frozenset[int]
    ) -> int:
        """Where the next name of a list starts after the connector at j ("," "dan"
        "serta" ", dan"), else j: a name-shaped word that no agency, place or title
        claims."""
        text, lower, n = words.text, words.lower, len(words.text)
        k = j
        if k < n and text[k] == ",":
            k += 1
        if k < n and lower[k] in LIST_AND:
            k += 1
        if k == j or k >= n or k in ents_at or k in next_titles or text[k] in self.units:
            return j
        return k if self.shape.is_name(text[k]) or text[k] in self.shape.honorifics else j

    def _listed(
        self,
        words: Words,
        end: int,
        blocked: set[int],
        ents_at: dict[int, Span],
        next_titles: frozenset[int],
        found: Found,
    ) -> list[Found]:
        """The further names of a list after a title's first person ("Ketua KPU X, Y,
        dan Z"): each gets the title, up to where another title starts. A list ends
        with "dan"/"serta" (before its last name or before the next title)."""
        out: list[Found] = []
        lower, n = words.lower, len(words.text)
        while (k := self._list_next(words, end, ents_at, next_titles)) > end:
            start, stop = self.shape.run_right(words, k, blocked)
            if not stop > start:
                break
            out.append(Found(start, stop, words.span(start, stop), found.role, found.title))
            end = stop
        joined = any(lower[k] in LIST_AND for k in range(found.end, min(end + 2, n)))
        return out if joined else []

    def _name_word(self, text: list[str], j: int) -> bool:
        shape = self.shape
        if shape.is_name(text[j]):
            return True
        return text[j] in shape.first_names and j + 1 < len(text) and shape.is_name(text[j + 1])

    def _aside(self, words: Words, j: int, ents_at: dict[int, Span]) -> int:
        """The end of a short aside within a title chain, else j: an abbreviation in
        parentheses, or a comma before a place, an agency or a rank."""
        text, n = words.text, len(words.text)
        if text[j] == "(":
            close = next((k for k in range(j + 1, min(j + 5, n)) if text[k] == ")"), None)
            return close + 1 if close is not None else j
        if text[j] == "," and j + 1 < n:
            if j + 1 in ents_at and ents_at[j + 1].label_ != PERSON:
                end = ents_at[j + 1].end
                return end + 1 if end < n and text[end] == "," else end
            if text[j + 1] in self.shape.honorifics:
                return j + 1
        return j

    def before(
        self, words: Words, titles: list[Span], blocked: set[int], ents_at: dict[int, Span]
    ) -> list[Found]:
        starts = frozenset(t.start for t in titles)
        out = []
        for t in titles:
            stop, boundary, after_entity = self._walk(
                words, t.end, ents_at, names=True, next_titles=starts
            )
            start, end = self.shape.run_right(words, boundary, blocked)
            if not (end > start and end == stop) and after_entity > t.end:
                start, end = self.shape.run_right(words, after_entity, blocked)
            if not (end > start and end == stop):
                # "Kepala BKPSDM X dan beberapa ...": the walk went on over "dan"
                start, end = self._first_run(words, t.end, stop, blocked, ents_at)
                stop = end
            # "Ketua Bawaslu Pessel, Erman Wadison mengatakan": one word before a comma
            # and a name is the unit's place, the name is the person
            late = self._appositive(words, t, blocked, comma=stop)
            if late is not None and end - start <= 1:
                out.append(late)
            elif end > start and end == stop:
                title = words.span(t.start, start).rstrip(" ,")
                first = Found(start, end, words.span(start, end), self._role(t), title)
                out += [first, *self._listed(words, end, blocked, ents_at, starts, first)]
            elif appositive := self._appositive(words, t, blocked):
                out.append(appositive)
        return out

    def _first_run(
        self, words: Words, j: int, stop: int, blocked: set[int], ents_at: dict[int, Span]
    ) -> tuple[int, int]:
        """The first name run between j and stop that a connector ("dan") ends."""
        text, lower = words.text, words.lower
        while j < stop:
            if j in ents_at:
                j = ents_at[j].end
                continue
            if text[j] in self.units:
                j += 1
                continue
            start, end = self.shape.run_right(words, j, blocked)
            if end > start and end < len(text) and lower[end] in ("dan", "serta", ","):
                return start, end
            j = max(end, j + 1)
        return 0, 0

    def _appositive(
        self, words: Words, t: Span, blocked: set[int], comma: int | None = None
    ) -> Found | None:
        """'Pengamat politik Universitas X, Dimas Prakoso, menilai ...'; `comma`: where
        the title chain ended (the name must follow a comma there)."""
        text, doc = words.text, words.doc
        if comma is not None:
            if comma >= len(text) or text[comma] != ",":
                return None
        else:
            end_at = min(t.end + 8, len(text))
            comma = next((k for k in range(t.end, end_at) if text[k] == ","), None)
        if comma is None or any(text[k] in ".;" or doc[k].is_sent_end for k in range(t.end, comma)):
            return None
        start, end = self.shape.run_right(words, comma + 1, blocked)
        after = text[end] if end < len(text) else ""
        if end > start and (after in (",", ".") or after in self.speech_before or after.islower()):
            title = words.span(t.start, comma)
            return Found(start, end, words.span(start, end), self._role(t), title)
        return None

    def after(
        self, words: Words, titles: list[Span], blocked: set[int], ents_at: dict[int, Span]
    ) -> list[Found]:
        out = []
        for t in titles:
            if t.start < 2 or words.text[t.start - 1] not in self.after_cues:
                continue
            start, end = self.shape.run_left(words, t.start - 1, blocked)
            if end > start:
                stop, _, _ = self._walk(words, t.end, ents_at, names=False)
                title = words.span(t.start, stop).rstrip(" ,")
                out.append(Found(start, end, words.span(start, end), self._role(t), title))
        return out


def _joined(titles: list[Span]) -> list[Span]:
    """Titles joined by "dan"/"serta" are one ("Ketua dan anggota KPU"); overlapping
    matches give way to the first."""
    out: list[Span] = []
    for t in titles:
        last = out[-1] if out else None
        if last is not None and t.start < last.end:
            continue
        if last is not None and t.start == last.end + 1 and t.doc[last.end].lower_ in LIST_AND:
            out[-1] = t.doc[last.start : t.end]
        else:
            out.append(t)
    return out
