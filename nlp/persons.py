"""pantau_persons_v1: persons (PERSON) with role, title and full-name coreference."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.candidates import Candidates, Found
from nlp.component import DataComponent, batches, read_data, update_ents
from nlp.evidence import Evidence
from nlp.extensions import register_extensions, set_span_values
from nlp.names import PERSON, NameShape, Words, covered, name_tokens
from nlp.titles import TitleRules

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
        figures = read_data("figures.jsonl")
        self.set_data({"rules": read_data("persons.json"), "candidates": [*candidates, *figures]})

    def _compile(self) -> None:
        rules: dict[str, Any] = self.data["rules"]
        self.shape = NameShape(rules["not_names"], rules["honorifics"], rules["first_names"])
        self.title_rules = TitleRules(self.nlp, rules, self.shape)
        self.speech_after = set(rules["speech_after"])
        self.speech_before = set(rules["speech_before"])
        self.weak = set(rules["weak_aliases"])
        self.evidence = Evidence(rules, self.shape)
        words = self.speech_after | self.speech_before | {"menurut"}
        strings = self.nlp.vocab.strings
        self._speech_hashes = {strings.add(w) for w in words}
        self.candidates = Candidates(self.nlp, self.data["candidates"], rules)

    def __call__(self, doc: Doc) -> Doc:
        return self._annotate(doc, self._ner())

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for batch in batches(docs, batch_size):  # as batch_by_batch does
            ner = self._ner()  # once per batch: pipe_names builds a list per call
            yield from [self._annotate(doc, ner) for doc in batch]

    def _ner(self) -> Any:
        """The statistical NER when it runs in this pipeline (its span scores weigh
        the rules' finds), else None."""
        return self.nlp.get_pipe("ner") if "ner" in self.nlp.pipe_names else None

    def _annotate(self, doc: Doc, ner: Any) -> Doc:
        self._require_data()
        ents = doc.ents  # each read makes a Span per entity
        others = [e for e in ents if e.label_ != PERSON]
        blocked = {i for e in others for i in range(e.start, e.end)}
        ents_at = covered(others)
        words = Words(doc)
        found = [
            *self.candidates.find(words, blocked),
            *self.title_rules.find(words, doc, blocked, ents_at),
            *self._speakers(words, blocked),
            *self._guesses(words, ents, blocked, ner),
        ]
        found = self.evidence.filter(words, found, ner, blocked)
        persons = self._resolve(words, _first_fit(found), blocked)
        spans = [Span(doc, f.start, f.end, label=PERSON) for f in persons]
        update_ents(doc, ents, others, spans)
        for span, f in zip(spans, persons, strict=True):
            set_span_values(span, canonical=f.canonical, role=f.role, title=f.title)
        return doc

    def _guesses(
        self, words: Words, ents: Sequence[Span], blocked: set[int], ner: Any
    ) -> list[Found]:
        """The NER's PERSON spans, trimmed to name-shaped tokens ("Rp", "Rabu" go) and
        past leading titles ("Wapres Boediono" -> "Boediono")."""
        out = []
        is_name, text = self.shape.is_name, words.text
        for e in ents:
            if e.label_ != PERSON or blocked.intersection(range(e.start, e.end)):
                continue
            start, end = e.start, e.end
            while start < end and (not is_name(text[start]) or self.evidence.is_title(text[start])):
                start += 1
            while end > start and not is_name(text[end - 1]):
                end -= 1
            if end > start and all(is_name(t) for t in text[start:end]):
                score = ner.span_score(words.doc, start, end) if ner is not None else None
                name = words.span(start, end)
                out.append(Found(start, end, name, "other", None, guess=True, score=score))
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
            if f.guess and len(name_tokens(name)) < 2 and (f.score or 0.0) < self.evidence.lone_min:
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
        longest = max(hits, key=lambda n: len(name_tokens(n)), default=name)
        # "Fahrul" in "Fahrul Rizha" and "Fahrul Rizha Yusuf": one person, the longest
        nested = all(_contains(name_tokens(longest), name_tokens(n)) for n in hits)
        return longest if hits and nested else name

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
