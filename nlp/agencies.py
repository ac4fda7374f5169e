"""pantau_agencies_v1: gazetteer of agencies and parties (ORG, kb_id = canonical id) + region."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from nlp.component import DataComponent, Match, filter_matches, update_ents
from nlp.extensions import register_extensions, set_span_values

LABEL = "ORG"
CONNECTORS = [
    "Provinsi",
    "Prov.",
    "Kota",
    "Kabupaten",
    "Kab.",
    "Kab",
    "Kecamatan",
    "Kec.",
    "Kelurahan",
    "Kel.",
    "Administrasi",
    "Metro",
]
NATIONAL = ["RI", "Republik Indonesia", "Pusat"]


@Language.factory(
    "pantau_agencies_v1",
    default_config={"connectors": CONNECTORS, "national": NATIONAL},
    requires=["doc.ents"],
    assigns=["doc.ents", "span._.region"],
)
def make_agencies(
    nlp: Language, name: str, *, connectors: list[str], national: list[str]
) -> AgencyRuler:
    return AgencyRuler(nlp, name, connectors=connectors, national=national)


class AgencyRuler(DataComponent):
    """Tags agencies and parties as ORG with their canonical id as kb_id.

    Runs after pantau_places_v1: a regional agency followed by a place (optionally
    through a parenthesised abbreviation and connector words such as "Kota") becomes
    one entity whose `span._.region` is the place's code, e.g. "Bawaslu Kota Jakarta
    Utara" or "Badan Pengawas Pemilu (Bawaslu) Jakarta Utara" -> bawaslu, 31.72.
    """

    filename = "agencies.jsonl"

    def __init__(
        self, nlp: Language, name: str, *, connectors: list[str], national: list[str]
    ) -> None:
        super().__init__(nlp, name)
        register_extensions()
        self.connectors = set(connectors)
        self.national = [tuple(t.text for t in nlp.make_doc(words)) for words in national]
        self.records: dict[str, dict[str, Any]] = {}
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")

    def _compile(self) -> None:
        self.records = {rec["id"]: rec for rec in self.data}
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        for key, rec in self.records.items():
            self.matcher.add(key, [self.nlp.make_doc(a) for a in rec["aliases"]])

    def display(self, key: str) -> str:
        """The name shown in facets and alerts: "Bawaslu", "KPU", "Satpol PP"."""
        rec = self.records[key]
        return str(rec.get("display") or rec["aliases"][0])

    @property
    def size(self) -> tuple[int, int]:
        """(agencies, aliases) in the gazetteer."""
        return len(self.records), sum(len(r["aliases"]) for r in self.records.values())

    def __call__(self, doc: Doc) -> Doc:
        self._require_data()
        matches = filter_matches(self.matcher(doc))
        ents = doc.ents  # each read makes a Span per entity
        places = {e.start: e for e in ents if e.label_ == "GPE"}
        found: list[tuple[Span, str | None]] = []
        i = 0
        while i < len(matches):
            match = matches[i]
            end = match[2]
            nxt = matches[i + 1] if i + 1 < len(matches) else None
            if nxt is not None and self._is_abbreviation(doc, match, nxt):
                end = nxt[2] + 1
                i += 1
            end, region = self._attach_region(doc, match, end, places)
            found.append((Span(doc, match[1], end, label=LABEL, kb_id=match[0]), region))
            i += 1
        orgs = [s for s, _ in found]
        if orgs:
            taken = {t for s in orgs for t in range(s.start, s.end)}
            kept = [e for e in ents if not taken.intersection(range(e.start, e.end))]
            update_ents(doc, ents, kept, orgs)
        for span, region in found:
            set_span_values(span, region=region, canonical=self.display(span.kb_id_))
        return doc

    @staticmethod
    def _is_abbreviation(doc: Doc, match: Match, nxt: Match) -> bool:
        """`match ( nxt )` with both naming the same agency."""
        return (
            nxt[0] == match[0]
            and nxt[1] == match[2] + 1
            and doc[match[2]].text == "("
            and nxt[2] < len(doc)
            and doc[nxt[2]].text == ")"
        )

    def _attach_region(
        self, doc: Doc, match: Match, end: int, places: dict[int, Span]
    ) -> tuple[int, str | None]:
        key, start, match_end = match
        rec = self.records[doc.vocab.strings[key]]
        fixed: dict[str, str] = rec.get("fixed", {})
        text = doc[start:match_end].text if fixed else ""
        if text in fixed:
            return end, fixed[text]
        if not rec.get("regional"):
            return end, None
        for words in self.national:
            if tuple(t.text for t in doc[end : end + len(words)]) == words:
                return end + len(words), None
        for k in range(start + 1, end):
            # a place that starts inside the agency name: "Pemerintah Provinsi DKI Jakarta"
            place = places.get(k)
            if place is not None and end < place.end:
                return place.end, place.kb_id_
        j = end
        while j not in places and j - end < 2 and j < len(doc) and doc[j].text in self.connectors:
            j += 1
        if j in places:
            return places[j].end, places[j].kb_id_
        return end, None
