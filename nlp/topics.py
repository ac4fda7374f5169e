"""pantau_topics_v1: rule-based topic detection with scores and evidence sentences."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from nlp.component import DataComponent, sentences, span_texts
from nlp.extensions import register_extensions, set_doc_values
from nlp.terms import TermIndex

ELECTION = "election_related"
Hits = dict[str, list[tuple[int, int]]]  # group -> (start, end) token offsets


@Language.factory(
    "pantau_topics_v1",
    default_config={"max_evidence": 3, "election_threshold": 0.5},
    assigns=["doc._.topics", "doc._.election_related", "doc._.election_score"],
)
def make_topics(
    nlp: Language, name: str, *, max_evidence: int, election_threshold: float
) -> TopicDetector:
    return TopicDetector(
        nlp, name, max_evidence=max_evidence, election_threshold=election_threshold
    )


@dataclass(frozen=True)
class Rule:
    groups: tuple[str, ...]
    unless: tuple[str, ...]
    subject: str | None
    weight: float


class TopicDetector(DataComponent):
    """Scores the topics of topics.json per article; see the "notes" field there."""

    filename = "topics.json"

    def __init__(
        self, nlp: Language, name: str, *, max_evidence: int, election_threshold: float
    ) -> None:
        super().__init__(nlp, name)
        register_extensions()
        self.max_evidence = max_evidence
        self.election_threshold = election_threshold
        self.index = TermIndex(nlp.make_doc)
        self.rules: dict[str, list[Rule]] = {}
        self._needs: dict[str, list[frozenset[str]]] = {}
        self.requires_election: dict[str, bool] = {}
        self.subjects: list[str] = []
        self.coordinators: set[str] = set()

    def _compile(self) -> None:
        data: dict[str, Any] = self.data
        if ELECTION not in data["topics"]:
            raise ValueError(f"topics.json must define {ELECTION!r}")
        self.index = TermIndex(self.nlp.make_doc)
        for group, terms in data["groups"].items():
            self.index.add(group, terms)
        self.subjects = list(data.get("subjects", []))
        self.min_score = float(data.get("min_score", 0.0))
        self.list_topics = int(data.get("list_topics", 1_000))
        self.coordinators = set(data.get("coordinators", []))
        self.rules, self.requires_election = {}, {}
        for topic, spec in data["topics"].items():
            self.requires_election[topic] = bool(spec.get("requires_election", True))
            self.rules[topic] = [self._rule(topic, i, r) for i, r in enumerate(spec["rules"])]
        # the groups each rule needs: a topic is scored only when one rule can fire
        self._needs = {t: [frozenset(r.groups) for r in rules] for t, rules in self.rules.items()}

    def _rule(self, topic: str, i: int, spec: dict[str, Any]) -> Rule:
        items = spec["all"] if "all" in spec else [spec["any"]]
        groups = tuple(self._group(f"{topic}/{i}/all{k}", x) for k, x in enumerate(items))
        unless = tuple(
            self._group(f"{topic}/{i}/unless{k}", x) for k, x in enumerate(spec.get("unless", []))
        )
        return Rule(groups, unless, spec.get("subject"), float(spec.get("weight", 0.6)))

    def _group(self, name: str, item: str | list[str]) -> str:
        """A "@shared" group's name, or a new group made of the listed terms and refs."""
        if isinstance(item, str):
            if item.startswith("@"):
                return item[1:]
            item = [item]
        shared: dict[str, list[str]] = self.data["groups"]
        terms = [t for x in item for t in (shared[x[1:]] if x.startswith("@") else [x])]
        self.index.add(name, terms)
        return name

    @property
    def topic_ids(self) -> list[str]:
        return [t for t in self.rules if t != ELECTION]

    def __call__(self, doc: Doc) -> Doc:
        self._require_data()
        sents = sentences(doc)
        starts = [s.start for s in sents]
        per_sent: dict[int, Hits] = defaultdict(lambda: defaultdict(list))
        for start, end, group in self.index.find(doc):
            per_sent[bisect_right(starts, start) - 1][group].append((start, end))
        seen = {g for hits in per_sent.values() for g in hits}
        ordered = sorted(per_sent.items())
        weights = {
            t: self._weights(doc, self.rules[t], ordered)
            for t, needs in self._needs.items()
            if any(groups <= seen for groups in needs)
        }
        found = {t: self._score(w) for t, w in self._damp_lists(weights).items()}
        election, _ = found.pop(ELECTION, (0.0, []))
        related = election >= self.election_threshold
        set_doc_values(doc, election_score=election, election_related=related)
        shown = [
            (t, score, best)
            for t, (score, best) in found.items()
            if score >= self.min_score and (related or not self.requires_election[t])
        ]
        cited = sorted({n for _, _, best in shown for n in best})
        bounds = [(sents[n].start, sents[n].end) for n in cited]
        texts = dict(zip(cited, span_texts(doc, bounds), strict=True))
        topics: list[dict[str, Any]] = sorted(
            (
                {"id": t, "score": score, "evidence": [texts[n].strip() for n in best]}
                for t, score, best in shown
            ),
            key=lambda h: (-h["score"], h["id"]),
        )
        set_doc_values(doc, topics=topics)
        return doc

    def _weights(
        self, doc: Doc, rules: list[Rule], per_sent: list[tuple[int, Hits]]
    ) -> list[tuple[float, int]]:
        """(best rule weight, sentence number) of each sentence where a rule fires."""
        weighted: list[tuple[float, int]] = []
        for n, hits in per_sent:
            w = max((r.weight for r in rules if self._fires(doc, r, hits)), default=0.0)
            if w > 0:
                weighted.append((w, n))
        return weighted

    def _damp_lists(
        self, weights: dict[str, list[tuple[float, int]]]
    ) -> dict[str, list[tuple[float, int]]]:
        """A sentence that fires many topics is a list ("politik uang, kampanye hitam,
        hoaks ...") naming each in passing: its weights count half."""
        per_sentence = Counter(n for t, w in weights.items() if t != ELECTION for _, n in w)
        crowded = {n for n, k in per_sentence.items() if k >= self.list_topics}
        return {
            t: [(w / 2 if n in crowded and t != ELECTION else w, n) for w, n in ws]
            for t, ws in weights.items()
        }

    def _score(self, weighted: list[tuple[float, int]]) -> tuple[float, list[int]]:
        """The topic's score and its evidence: the best sentences, in text order."""
        score = 1 - math.prod(1 - w for w, _ in weighted)
        best = sorted(weighted, key=lambda wn: (-wn[0], wn[1]))[: self.max_evidence]
        return round(score, 3), sorted(n for _, n in best)

    def _fires(self, doc: Doc, rule: Rule, hits: Hits) -> bool:
        if not all(g in hits for g in rule.groups) or any(g in hits for g in rule.unless):
            return False
        return rule.subject is None or self._attributed(doc, rule, hits)

    def _attributed(self, doc: Doc, rule: Rule, hits: Hits) -> bool:
        """The predicate's nearest subject (with its coordinated list) is rule.subject."""
        predicate = next(g for g in rule.groups if g not in self.subjects)
        subjects = sorted((s, e, g) for g in self.subjects for s, e in hits.get(g, []))
        if not subjects:
            return False
        for ps, pe in hits[predicate]:
            verbal = doc[ps].lower_.startswith(VERB_PREFIXES)
            near = min(range(len(subjects)), key=lambda k: _distance(subjects[k], ps, pe, verbal))
            if rule.subject in self._chain(doc, subjects, near):
                return True
        return False

    def _chain(self, doc: Doc, subjects: list[tuple[int, int, str]], k: int) -> set[str]:
        """Groups of the subjects linked to subjects[k] by coordinators only."""
        groups = {subjects[k][2]}
        for step in (-1, 1):
            cur = k
            while 0 <= cur + step < len(subjects):
                a, b = sorted((subjects[cur], subjects[cur + step]))
                gap = doc[a[1] : b[0]]
                if any(t.lower_ not in self.coordinators for t in gap):
                    break
                cur += step
                groups.add(subjects[cur][2])
        return groups


# Verbal prefixes of Indonesian (berfoto, mengajak, dipasang, terlibat): a predicate
# that starts with one is a verb, whose subject comes before it.
VERB_PREFIXES = ("ber", "me", "di", "ter", "ikut")


def _distance(
    hit: tuple[int, int, str], start: int, end: int, verbal: bool
) -> tuple[int, int, int]:
    """Order of preference of a subject for a predicate. A verb's subject comes before
    it ("petugas Panwascam ... berfoto bersama kepala desa"): nearest one before, else
    nearest after. A noun's is the nearest either side ("netralitas ASN"), ties to
    the one before."""
    if hit[1] <= start:
        gap, after = start - hit[1], 0
    elif hit[0] >= end:
        gap, after = hit[0] - end, 1
    else:
        gap, after = 0, 0
    return (after, gap, 0) if verbal else (gap, after, 0)
