"""pantau_places_v1: gazetteer of Indonesian regions (GPE + Kemendagri code) and main region."""

from __future__ import annotations

from collections import Counter
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from nlp.component import DataComponent, filter_matches, update_ents
from nlp.extensions import register_extensions, set_doc_values, set_span_values

LABEL = "GPE"
STREET_CUES = ["Jalan", "Jl.", "Jln.", "Gang", "Gg.", "Universitas"]


@Language.factory(
    "pantau_places_v1",
    default_config={"skip_after": STREET_CUES},
    assigns=["doc.ents", "doc._.region"],
)
def make_places(nlp: Language, name: str, *, skip_after: list[str]) -> PlaceRuler:
    return PlaceRuler(nlp, name, skip_after=skip_after)


class PlaceRuler(DataComponent):
    """Tags region names as GPE (kb_id = Kemendagri code) and sets `doc._.region`.

    Aliases are matched case-sensitively; overlapping matches keep the longest, so
    "Jakarta Utara" wins over "Jakarta" and "Kabupaten Bandung" over "Bandung". A
    match right after a street or campus word ("Jalan Bandung") is not a place.
    """

    filename = "places.jsonl"

    def __init__(self, nlp: Language, name: str, *, skip_after: list[str]) -> None:
        super().__init__(nlp, name)
        register_extensions()
        self.skip_after = set(skip_after)
        self.records: dict[str, dict[str, Any]] = {}
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")

    def _compile(self) -> None:
        self.records = {rec["code"]: rec for rec in self.data}
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        for code, rec in self.records.items():
            self.matcher.add(code, [self.nlp.make_doc(a) for a in rec["aliases"]])

    @property
    def size(self) -> tuple[int, int]:
        """(regions, aliases) in the gazetteer."""
        return len(self.records), sum(len(r["aliases"]) for r in self.records.values())

    def __call__(self, doc: Doc) -> Doc:
        self._require_data()
        spans = [
            Span(doc, start, end, label=LABEL, kb_id=code)
            for code, start, end in filter_matches(self.matcher(doc))
            if start == 0 or doc[start - 1].text not in self.skip_after
        ]
        # The gazetteer wins over names a statistical NER put there before it.
        if spans:
            taken = {i for s in spans for i in range(s.start, s.end)}
            ents = doc.ents
            kept = [e for e in ents if not taken.intersection(range(e.start, e.end))]
            update_ents(doc, ents, kept, spans)
        for span in spans:
            code = span.kb_id_
            set_span_values(span, region=code, canonical=self.records[code]["name"])
        set_doc_values(doc, region=self.region([s.kb_id_ for s in spans]))
        return doc

    def region(self, codes: list[str]) -> dict[str, str] | None:
        code = main_region(codes)
        while code and code not in self.records:
            code = parent(code)
        if not code:
            return None
        rec = self.records[code]
        return {"code": code, "name": rec["name"], "level": rec["level"]}


def parent(code: str) -> str:
    """Kemendagri parent code ("31.72.02" -> "31.72", "31" -> "")."""
    return code.rpartition(".")[0]


def main_region(codes: list[str]) -> str | None:
    """The article's main region from its place mentions, in order of appearance.

    Every mention supports its region and all its ancestors. Start at the province
    with most support and descend to the best-supported child while that child
    holds at least half of its parent's support: the most specific region that
    most of the mentions agree on. Ties go to the region mentioned first.
    """
    support: Counter[str] = Counter()
    first: dict[str, int] = {}
    for i, code in enumerate(codes):
        node = code
        while node:
            support[node] += 1
            first.setdefault(node, i)
            node = parent(node)
    if not support:
        return None

    def rank(c: str) -> tuple[int, int]:
        return support[c], -first[c]

    node = max((c for c in support if "." not in c), key=rank)
    while True:
        children = [c for c in support if parent(c) == node]
        if not children:
            return node
        best = max(children, key=rank)
        if support[best] * 2 < support[node]:
            return node
        node = best
