"""pantau_agencies_v1: gazetteer of agencies and parties (ORG, kb_id = canonical id) + region."""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from nlp.component import DataComponent, Match, filter_matches, update_ents
from nlp.extensions import register_extensions, set_doc_values, set_span_values
from nlp.places import PlaceRuler

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
ROMAN = re.compile(r"[IVX]{1,5}")
# Offices whose name says the level of their place ("Pemkot Bogor" is the kota).
LEVEL_OF = {"pemkot": "kota", "pemkab": "kabupaten", "pemprov": "provinsi"}


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
        self._national_len = max((len(w) for w in self.national), default=0)
        self.records: dict[str, dict[str, Any]] = {}
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._bare: dict[tuple[str, ...], list[tuple[str, str]]] | None = None

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
            if "places" in self.nlp.pipe_names:
                places_left = [e.kb_id_ for e in kept if e.label_ == "GPE"]
                set_doc_values(doc, region=self._main_region(places_left, found))
        return doc

    def _main_region(self, place_codes: list[str], found: list[tuple[Span, str | None]]) -> Any:
        """The main region again, now that offices name places: an office's place
        ("Polres Batang", "Bawaslu Kota Jakarta Utara") counts twice, a place named
        alone once. Jakarta alone, beside national bodies and no Jakarta office, is
        where national news is made, not what it is about."""
        places = self.nlp.get_pipe("places")
        assert isinstance(places, PlaceRuler)
        office_codes = [r for _, r in found if r]
        codes = place_codes + office_codes * 2
        national = any(
            r is None and self.records[s.kb_id_].get("kind") != "partai" for s, r in found
        )
        jakarta_only = bool(codes) and all(c.startswith("31") for c in codes)
        if national and jakarta_only and not any(c.startswith("31") for c in office_codes):
            return None
        return places.region(codes)

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
        # the words after the agency read once, not once per national phrase
        ahead = tuple(t.text for t in doc[end : end + self._national_len])
        for words in self.national:
            if ahead[: len(words)] == words:
                return end + len(words), None
        if not rec.get("regional"):
            return end, None
        for k in range(start + 1, end):
            # a place that starts inside the agency name: "Pemerintah Provinsi DKI Jakarta"
            place = places.get(k)
            if place is not None and end < place.end:
                return place.end, place.kb_id_
        j = end
        while j not in places and j - end < 2 and j < len(doc) and self._connects(doc[j].text):
            j += 1
        if j in places:
            place = places[j]
            if j == end and (level := LEVEL_OF.get(rec["id"])):
                # "Pemkot Bengkulu" is the city, though "Bengkulu" alone is the province
                codes = self._bare_names().get(tuple(t.text for t in place), [])
                return place.end, next((c for c, lv in codes if lv == level), place.kb_id_)
            return place.end, place.kb_id_
        if j == end:  # right after the office: a bare name the place gazetteer skips
            return self._bare_place(doc, end, rec["id"]) or (end, None)
        return end, None

    def _connects(self, word: str) -> bool:
        """A word between an office and its place: "Kota", or a unit number ("Lantamal X
        Jayapura", "Kodim 0201 Deli Serdang")."""
        return word in self.connectors or word.isdigit() or bool(ROMAN.fullmatch(word))

    def _bare_place(self, doc: Doc, at: int, agency: str) -> tuple[int, str] | None:
        """ "Polres Batang", "Pemkot Bengkulu": a kabupaten/kota (or province) name that
        alone is too common a word or shared by two regions; the office's kind decides
        between a kota and a kabupaten of one name, else the kabupaten."""
        bare = self._bare_names()
        for n in (3, 2, 1):
            words = tuple(t.text for t in doc[at : at + n])
            codes = bare.get(words) if len(words) == n else None
            if codes:
                want = LEVEL_OF.get(agency, "kabupaten")
                pick = next((c for c, lv in codes if lv == want), None)
                return at + n, pick or codes[0][0]
        return None

    def _bare_names(self) -> dict[tuple[str, ...], list[tuple[str, str]]]:
        if self._bare is None:
            self._bare = {}
            places = self.nlp.get_pipe("places") if "places" in self.nlp.pipe_names else None
            for code, rec in getattr(places, "records", {}).items():
                if rec["level"] in ("provinsi", "kabupaten", "kota"):
                    key = tuple(t.text for t in self.nlp.make_doc(rec["name"]))
                    self._bare.setdefault(key, []).append((code, rec["level"]))
        return self._bare
