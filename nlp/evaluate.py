"""Scores the pipeline against the development set (nlp/data/devset.jsonl).

Gold annotations are per article and set-based: entities as (label, canonical name)
with a role for persons, topic ids, election_related, the main region's code and the
quote speakers. A place counts as found when it is a GPE entity or the region of an
agency ("Bawaslu Kota Jakarta Utara" finds Jakarta Utara).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language

from nlp.analyze import Analysis, analyze
from nlp.component import DATA_DIR

DEVSET = DATA_DIR / "devset.jsonl"
HELDOUT = DATA_DIR / "heldout.jsonl"  # never used to tune the rules
LABELS = ("PERSON", "ORG", "GPE")
ROLES = ("official", "candidate", "other")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[Any], pred: set[Any]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Counts per row ("PERSON", "PERSON/official", "topic:apk", "topics (micro)", ...)."""

    rows: dict[str, Counts] = field(default_factory=dict)
    region_hits: int = 0
    articles: int = 0
    errors: list[str] = field(default_factory=list)

    def row(self, name: str) -> Counts:
        return self.rows.setdefault(name, Counts())

    @property
    def region_accuracy(self) -> float:
        return self.region_hits / self.articles if self.articles else 0.0


def load_devset(path: Path | None = None) -> list[dict[str, Any]]:
    return list(srsly.read_jsonl(path or DEVSET))


def evaluate(
    nlp: Language,
    articles: Iterable[dict[str, Any]],
    *,
    labels: Iterable[str] = LABELS,
    topics: bool = True,
    names: dict[str, str] | None = None,
) -> Report:
    """Run `nlp` over the articles and count hits per label, role and topic."""
    articles = list(articles)
    results = analyze(nlp, [a["text"] for a in articles])
    report = Report(articles=len(articles))
    names = names if names is not None else region_names(nlp)
    for art, result in zip(articles, results, strict=True):
        _score_article(report, art, result, tuple(labels), topics, names)
    return report


def _score_article(
    report: Report,
    art: dict[str, Any],
    result: Analysis,
    labels: tuple[str, ...],
    topics: bool,
    names: dict[str, str],
) -> None:
    gold = art["gold"]
    pred = _predicted(result, names)
    for label in labels:
        want = {(p[0] if label == "PERSON" else p) for p in gold[label]}
        got = pred[label]
        report.row(label).add(want, got)
        for x in sorted(want - got):
            report.errors.append(f"{art['id']} {label} missed {x!r}")
        for x in sorted(got - want):
            report.errors.append(f"{art['id']} {label} spurious {x!r}")
    if "PERSON" in labels:
        for role in ROLES:
            want = {name for name, r in gold["PERSON"] if r == role}
            got = {name for name, r in pred["roles"] if r == role}
            report.row(f"PERSON/{role}").add(want, got)
        report.row("quote speakers").add(set(gold["speakers"]), pred["speakers"])
    if topics:
        want_t, got_t = set(gold["topics"]), pred["topics"]
        report.row("topics (micro)").add(want_t, got_t)
        for t in want_t | got_t:
            report.row(f"topic:{t}").add(want_t & {t}, got_t & {t})
        for t in sorted(want_t ^ got_t):
            kind = "missed" if t in want_t else "spurious"
            report.errors.append(f"{art['id']} topic {kind} {t}")
        e = {"election"} if gold["election_related"] else set()
        report.row("election_related").add(e, {"election"} if result.election_related else set())
        got_region = result.region.code if result.region else None
        report.region_hits += got_region == gold["region"]


def _predicted(result: Analysis, names: dict[str, str]) -> dict[str, set[Any]]:
    pred: dict[str, set[Any]] = {label: set() for label in LABELS}
    pred["roles"] = set()
    for e in result.entities:
        canonical = e.canonical or e.text
        pred.setdefault(e.label, set()).add(canonical)
        if e.label == "PERSON":
            pred["roles"].add((canonical, e.role or "other"))
        elif e.label == "ORG" and e.region and e.region in names:
            pred["GPE"].add(names[e.region])
    pred["topics"] = {t.id for t in result.topics}
    pred["speakers"] = {q.speaker for q in result.quotes}
    return pred


def region_names(nlp: Language) -> dict[str, str]:
    if "places" not in nlp.pipe_names:
        return {}
    places = nlp.get_pipe("places")
    return {code: str(rec["name"]) for code, rec in getattr(places, "records", {}).items()}


def summary(report: Report) -> Counter[str]:
    """Row name -> F1 rounded to 3 places (handy for tests and the README)."""
    return Counter({name: round(c.f1, 3) for name, c in report.rows.items()})
