"""pantau_persons_v1: persons (PERSON) with role, title and full-name coreference."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from nlp.candidates import Candidates, Found
from nlp.component import DataComponent, filter_matches, read_data, update_ents
from nlp.extensions import register_extensions, set_span_values
from nlp.names import PERSON, NameShape, Words, covered, name_tokens

ROLE_RANK = {"candidate": 3, "official": 2, "other": 1}


@Language.factory(
    "pantau_persons_v1",
    default_config={"gazetteer": ""},
    requires=["doc.ents"],
    assigns=["doc.ents", "span._.canonical", "span._.role", "span._.title"],
)
def make_persons(nlp: Language, name: str, *, gazetteer: str) -> PersonTagger:
    return PersonTagger(nlp, name, gazetteer=gazetteer)


class PersonTagger(DataComponent):
    """Finds persons after the agency and place rulers (and the statistical NER, if any).

    In order of trust: candidates (gazetteer, then "pasangan calon ... X-Y" cues), a
    title before the name ("Ketua Bawaslu DKI Jakarta Hendra Wiratama": walk over
    agencies, places and unit words to the name run), a title after it ("X, Ketua
    ..."), speech attribution ("kata X", "X mengatakan", "Menurut X,"), then names the
    NER model found. Short names are linked to the full name met in the same article
    ("kata Dhany" -> "Dhany Sukma"), which gives them its role and title.
    `gazetteer` is a JSONL file of candidates replacing the packaged candidates.jsonl.
    """

    filename = "persons.json"

    def __init__(self, nlp: Language, name: str, *, gazetteer: str) -> None:
        super().__init__(nlp, name)
        register_extensions()
        self.gazetteer = gazetteer

    def load_defaults(self) -> None:
        candidates = (
            list(srsly.read_jsonl(Path(self.gazetteer)))
            if self.gazetteer
            else read_data("candidates.jsonl")
        )
        self.set_data({"rules": read_data("persons.json"), "candidates": candidates})

    def _compile(self) -> None:
        rules: dict[str, Any] = self.data["rules"]
        self.shape = NameShape(rules["not_names"], rules["honorifics"])
        self.titles = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.titles.add("title", [self.nlp.make_doc(t) for t in rules["titles"]])
        self.non_official = set(rules["non_official_titles"])
        self.units = set(rules["unit_words"])
        self.after_cues = set(rules["after_name_cues"])
        self.speech_after = set(rules["speech_after"])
        self.speech_before = set(rules["speech_before"])
        self.weak = set(rules["weak_aliases"])
        words = self.speech_after | self.speech_before | {"menurut"}
        strings = self.nlp.vocab.strings
        self._speech_hashes = {strings.add(w) for w in words}
        self.candidates = Candidates(self.nlp, self.data["candidates"], rules)

    def __call__(self, doc: Doc) -> Doc:
        self._require_data()
        ents = doc.ents  # each read makes a Span per entity
        others = [e for e in ents if e.label_ != PERSON]
        blocked = {i for e in others for i in range(e.start, e.end)}
        ents_at = covered(others)
        titles = [
            Span(doc, start, end)
            for _, start, end in filter_matches(self.titles(doc))
            if start not in blocked
        ]
        words = Words(doc)
        found = [
            *self.candidates.find(words, blocked),
            *self._titled(words, titles, blocked, ents_at),
            *self._titled_after(words, titles, blocked, ents_at),
            *self._speakers(words, blocked),
            *self._guesses(words, ents, blocked),
        ]
        persons = self._resolve(words, _first_fit(found), blocked)
        spans = [Span(doc, f.start, f.end, label=PERSON) for f in persons]
        update_ents(doc, ents, others, spans)
        for span, f in zip(spans, persons, strict=True):
            set_span_values(span, canonical=f.canonical, role=f.role, title=f.title)
        return doc

    def _guesses(self, words: Words, ents: Sequence[Span], blocked: set[int]) -> list[Found]:
        """The NER's PERSON spans, trimmed to name-shaped tokens ("Rp", "Rabu" go)."""
        out = []
        is_name, text = self.shape.is_name, words.text
        for e in ents:
            if e.label_ != PERSON or blocked.intersection(range(e.start, e.end)):
                continue
            start, end = e.start, e.end
            while start < end and not is_name(text[start]):
                start += 1
            while end > start and not is_name(text[end - 1]):
                end -= 1
            if end > start and all(is_name(t) for t in text[start:end]):
                out.append(Found(start, end, words.span(start, end), "other", None, guess=True))
        return out

    def _role(self, title: Span) -> str:
        return "other" if title.text in self.non_official else "official"

    def _walk(
        self, words: Words, j: int, ents_at: dict[int, Span], names: bool
    ) -> tuple[int, int, int]:
        """From j, walk over agencies, places, unit words (and names).

        Returns (stop, boundary, after_entity): boundary is the index after the last
        non-name step, where a name may start; after_entity the index after the last
        agency or place (j when none), for names that end in a unit word ("Bangsa").
        """
        text, lower, like_num = words.text, words.lower, words.like_num
        boundary = after_entity = start = j
        while j < len(text) and j - start < 15:
            if j in ents_at:
                j = boundary = after_entity = ents_at[j].end
            elif text[j] in self.units or lower[j] in ("dan", "serta", "&") or like_num[j]:
                j = boundary = j + 1
            elif text[j] in self.shape.honorifics or (names and self.shape.is_name(text[j])):
                j += 1
            else:
                break
        return j, boundary, after_entity

    def _titled(
        self, words: Words, titles: list[Span], blocked: set[int], ents_at: dict[int, Span]
    ) -> list[Found]:
        out = []
        for t in titles:
            stop, boundary, after_entity = self._walk(words, t.end, ents_at, names=True)
            start, end = self.shape.run_right(words, boundary, blocked)
            if not (end > start and end == stop) and after_entity > t.end:
                start, end = self.shape.run_right(words, after_entity, blocked)
            if end > start and end == stop:
                title = words.span(t.start, start).rstrip(" ,")
                out.append(Found(start, end, words.span(start, end), self._role(t), title))
            elif appositive := self._appositive(words, t, blocked):
                out.append(appositive)
        return out

    def _appositive(self, words: Words, t: Span, blocked: set[int]) -> Found | None:
        """'Pengamat politik Universitas X, Dimas Prakoso, menilai ...'."""
        text, doc = words.text, words.doc
        end_at = min(t.end + 8, len(text))
        comma = next((k for k in range(t.end, end_at) if text[k] == ","), None)
        if comma is None or any(text[k] in ".;" or doc[k].is_sent_end for k in range(t.end, comma)):
            return None
        start, end = self.shape.run_right(words, comma + 1, blocked)
        after = text[end] if end < len(text) else ""
        if end > start and (after == "," or after in self.speech_before):
            title = words.span(t.start, comma)
            return Found(start, end, words.span(start, end), self._role(t), title)
        return None

    def _titled_after(
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

    def _speakers(self, words: Words, blocked: set[int]) -> list[Found]:
        out = []
        # candidate positions from the hash array: no strings for the other words
        lowers = words.lower_ids
        speech, strings = self._speech_hashes, words.doc.vocab.strings
        for i in [i for i, h in enumerate(lowers) if h in speech]:
            lower = strings[lowers[i]]
            start = end = 0
            if lower in self.speech_after or (lower == "menurut" and words.text[i] == "Menurut"):
                start, end = self.shape.run_right(words, i + 1, blocked)
            elif lower in self.speech_before:
                start, end = self.shape.run_left(words, i, blocked)
            if end > start:
                out.append(Found(start, end, words.span(start, end), "other", None))
        return out

    def _resolve(self, words: Words, found: list[Found], blocked: set[int]) -> list[Found]:
        """Link short names to full names; tag further mentions of known short names."""
        full: dict[str, Found] = {}
        for f in found:
            best = full.get(f.canonical)
            if best is None or ROLE_RANK[f.role] > ROLE_RANK[best.role]:
                full[f.canonical] = f
        long_names = [n for n in full if len(name_tokens(n)) >= 2]
        links = {n: self._link(n, long_names) for n in full}
        aliases: dict[str, set[str]] = defaultdict(set)
        for n in long_names:
            for w in name_tokens(n):
                if len(w.rstrip(".")) >= 3 and w not in self.weak:
                    aliases[w].add(links[n])
        unique = {a: next(iter(c)) for a, c in aliases.items() if len(c) == 1}
        taken = blocked | {i for f in found for i in range(f.start, f.end)}
        extra = [
            Found(i, i + 1, text, "other", None)
            for i, text in enumerate(words.text if unique else [])
            if text in unique and i not in taken and self._alone(words, i)
        ]
        seen_at: dict[str, list[int]] = defaultdict(list)
        for f in found:
            seen_at[f.canonical].append(f.start)
        out = []
        for f in sorted([*found, *extra], key=lambda f: f.start):
            name = links.get(f.canonical) or unique.get(f.canonical, f.canonical)
            if name == f.canonical and len(name_tokens(name)) == 1:
                name = self._nearest(name, f.start, long_names, seen_at)
            if f.guess and len(name_tokens(name)) < 2:
                continue  # a lone capitalised word is too weak without a rule or a full name
            best = max(
                (x for x in (full.get(name), full.get(f.canonical), f) if x is not None),
                key=lambda x: ROLE_RANK[x.role],
            )
            out.append(Found(f.start, f.end, name, best.role, best.title or f.title))
        return out

    @staticmethod
    def _link(name: str, long_names: list[str]) -> str:
        """The one longer name that contains `name`'s words in a row, else `name`."""
        words = name_tokens(name)
        hits = {
            n
            for n in long_names
            if len(name_tokens(n)) > len(words) and _contains(name_tokens(n), words)
        }
        return hits.pop() if len(hits) == 1 else name

    @staticmethod
    def _nearest(name: str, at: int, long_names: list[str], seen_at: dict[str, list[int]]) -> str:
        """An ambiguous short name ("Sari": Kartika Sari, Sari Ramadhani) goes to the
        full name mentioned last before it, as a reader would take it."""
        before = [
            (max(p for p in seen_at[n] if p < at), n)
            for n in long_names
            if name in name_tokens(n) and any(p < at for p in seen_at[n])
        ]
        return max(before)[1] if before else name

    def _alone(self, words: Words, i: int) -> bool:
        text = words.text
        return not (i > 0 and self.shape.is_name(text[i - 1])) and not (
            i + 1 < len(text) and self.shape.is_name(text[i + 1])
        )


def _first_fit(found: list[Found]) -> list[Found]:
    """Keep mentions in order of trust, dropping any that overlaps one kept before."""
    kept: list[Found] = []
    taken: set[int] = set()
    for f in found:
        span = set(range(f.start, f.end))
        if not span & taken:
            kept.append(f)
            taken |= span
    return sorted(kept, key=lambda f: f.start)


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    k = len(part)
    return any(words[i : i + k] == part for i in range(len(words) - k + 1))
