"""Exact-span entity scores of the pipeline on a BIO (CoNLL) file, per entity type."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from nlp.evaluate import Counts

# Our labels -> the corpus's BIO types (idner-news-2k: PER, ORG, LOC).
TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC"}
Span = tuple[int, int, str]  # token offsets [start, end) and type


@dataclass
class Sentence:
    tokens: list[str]
    tags: list[str]

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


@dataclass
class ConllReport:
    """Counts per type ("PER", "ORG", "LOC") and the errors of each sentence."""

    rows: dict[str, Counts] = field(default_factory=dict)
    sentences: int = 0
    errors: list[str] = field(default_factory=list)

    def row(self, name: str) -> Counts:
        return self.rows.setdefault(name, Counts())


def read_conll(path: Path) -> list[Sentence]:
    """Sentences of a file with one `token [columns...] tag` line per token, blank
    lines between sentences (the tag is the last column; CRLF line ends are fine)."""
    out: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split()
        if not cols or cols[0] == "-DOCSTART-":
            if tokens:
                out.append(Sentence(tokens, tags))
            tokens, tags = [], []
            continue
        tokens.append(cols[0])
        tags.append(cols[-1] if len(cols) > 1 else "O")
    if tokens:
        out.append(Sentence(tokens, tags))
    return out


def bio_spans(tags: list[str]) -> set[Span]:
    """Spans of a BIO sequence; an I- tag after O or another type starts a span."""
    spans: set[Span] = set()
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-")
        if kind and not (prefix == "I" and typ == kind):
            spans.add((start, i, kind))
            kind = ""
        if prefix == "B" or (prefix == "I" and not kind):
            start, kind = i, typ
    return spans


def predicted_spans(nlp: Language, sentences: list[Sentence]) -> Iterator[set[Span]]:
    """The pipeline's entities on each sentence's tokens joined by spaces, as token
    spans of the file's tokenisation (an entity that cuts a token is widened to it)."""
    for sentence, doc in zip(sentences, nlp.pipe(s.text for s in sentences), strict=True):
        starts, ends, pos = [], [], 0
        for token in sentence.tokens:
            starts.append(pos)
            ends.append(pos + len(token))
            pos += len(token) + 1
        spans = set()
        for e in doc.ents:
            kind = TYPES.get(e.label_)
            if kind is None:
                continue
            first = next(i for i, end in enumerate(ends) if end > e.start_char)
            last = max(i for i, start in enumerate(starts) if start < e.end_char)
            spans.add((first, last + 1, kind))
        yield spans


def score_conll(
    nlp: Language, sentences: Iterable[Sentence], *, max_errors: int = 10_000
) -> ConllReport:
    """Exact-span precision/recall/F1 per type over all sentences."""
    sentences = list(sentences)
    report = ConllReport(sentences=len(sentences))
    for n, (sentence, got) in enumerate(
        zip(sentences, predicted_spans(nlp, sentences), strict=True), 1
    ):
        want = bio_spans(sentence.tags)
        for kind in sorted(set(TYPES.values())):
            report.row(kind).add(
                {s for s in want if s[2] == kind}, {s for s in got if s[2] == kind}
            )
        for s in sorted(want ^ got):
            if len(report.errors) < max_errors:
                what = "missed" if s in want else "spurious"
                words = " ".join(sentence.tokens[s[0] : s[1]])
                report.errors.append(f"sentence {n} {s[2]} {what} {words!r}")
    return report
