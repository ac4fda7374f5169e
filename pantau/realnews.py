"""The realnews evaluation: enrich each article, decide its ASN alert, run the set's score.py.

The set (a folder with articles.jsonl, gold.jsonl and score.py, see its README) is read
where it lies and never copied. Its scorer is the one definition of the score: this
module only writes the system output the scorer reads. The alert decision is the
alert stage's own rule (`alerts.rules.DEFAULT_RULE`) and the office is what routing
picks for the region, so the figures are those users would see.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language

from alerts.matching import evaluate
from alerts.offices import NATIONAL_OFFICE, OfficeDirectory
from alerts.rules import DEFAULT_RULE
from pipeline.events import EnrichedArticle, Entity, RawArticle, article_id
from pipeline.stages.enrich import EnrichStage

# Offices whose name carries the level of their region ("Bawaslu Kabupaten Bogor");
# the others are named by the region alone ("Pemkab Bogor", "Polres Batang").
LEVELLED = {"bawaslu", "kpu", "kip", "panwaslu", "dprd"}
LEVEL_WORDS = {"provinsi": "Provinsi", "kabupaten": "Kabupaten", "kota": "Kota"}


@dataclass
class RealnewsResult:
    rows: list[dict[str, Any]]  # the system output, one row per article
    scorer_output: str  # what score.py printed: per-article errors, then the summary
    summary: dict[str, Any]  # score.py's --json summary
    office_right: int  # articles whose alert would reach the gold office
    office_errors: list[str]


def run_realnews(nlp: Language, folder: Path, *, quiet: bool = False) -> RealnewsResult:
    """Enrich every article of the set, write the system output and score it."""
    articles = list(srsly.read_jsonl(folder / "articles.jsonl"))
    gold = {g["id"]: g for g in srsly.read_jsonl(folder / "gold.jsonl")}
    raw = [
        RawArticle(
            id=article_id(a["url"]),
            url=a["url"],
            source=a["outlet"],
            host=a["url"].split("/")[2],
            title=a["title"] or "",
            body=a["text"],
        )
        for a in articles
    ]
    enriched = EnrichStage(nlp).process(raw)
    offices = OfficeDirectory.bundled()
    names = {code: p for code, p in offices.places.items()}
    rows, office_right, office_errors = [], 0, []
    for art, doc in zip(articles, enriched, strict=True):
        rows.append(system_row(art["id"], doc, names))
        routed = offices.route(doc.region.code if doc.region else None)
        want = gold_office(gold[art["id"]])
        if want in routed:
            office_right += 1
        else:
            office_errors.append(f"{art['id']}  office: system {routed}, gold {want!r}")
    with tempfile.TemporaryDirectory() as tmp:
        system = Path(tmp) / "system.jsonl"
        summary_path = Path(tmp) / "summary.json"
        srsly.write_jsonl(system, rows)
        args = [sys.executable, str(folder / "score.py"), str(system), "--json", str(summary_path)]
        done = subprocess.run(
            [*args, "--quiet"] if quiet else args, capture_output=True, text=True, check=True
        )
        summary = json.loads(summary_path.read_text(encoding="utf-8"))
    return RealnewsResult(rows, done.stdout, summary, office_right, office_errors)


def system_row(art_id: str, doc: EnrichedArticle, places: dict[str, Any]) -> dict[str, Any]:
    """One line of the scorer's input: one person per canonical name (under its longest
    mention as written, as the gold names persons), orgs by office name."""
    persons: dict[str, Entity] = {}
    for e in doc.entities:
        seen = persons.get(e.canonical)
        if e.label == "PERSON" and (seen is None or len(e.text) > len(seen.text)):
            persons[e.canonical] = e
    return {
        "id": art_id,
        "persons": [{"name": e.text, "role": e.role or "other"} for e in persons.values()],
        "orgs": org_names(doc.entities, places),
        "region_code": doc.region.code if doc.region else None,
        "topics": [t.id for t in doc.topics],
        "asn_alert": evaluate(DEFAULT_RULE, doc) is not None,
    }


def org_names(entities: list[Entity], places: dict[str, Any]) -> list[dict[str, str]]:
    """One org per (agency, region); a bare mention only when no regional one of that
    agency is named ("Bawaslu" then stands for "Bawaslu Kabupaten Bogor")."""
    orgs = [e for e in entities if e.label == "ORG"]
    regional = {e.kb_id for e in orgs if e.region}
    out: dict[tuple[str | None, str | None], dict[str, str]] = {}
    for e in orgs:
        key = (e.kb_id or e.canonical, e.region)
        if key in out or (not e.region and e.kb_id in regional):
            continue
        out[key] = {"name": e.text, "canonical": office_name(e, places)}
    return list(out.values())


def office_name(e: Entity, places: dict[str, Any]) -> str:
    place = places.get(e.region or "")
    if place is None:
        return e.canonical
    level = LEVEL_WORDS.get(place.level, "")
    if e.kb_id in LEVELLED or (level and f"{level} " in e.text):
        return f"{e.canonical} {level} {place.name}".replace("  ", " ")
    return f"{e.canonical} {place.name}"


def gold_office(gold: dict[str, Any]) -> str:
    """The gold office in routing's names ("Panwaslih Aceh (Bawaslu Provinsi Aceh)" is
    the provincial office, "Bawaslu RI" the national one)."""
    office = str(gold["region"].get("bawaslu_office") or "Bawaslu RI")
    inner = re.search(r"\(([^)]+)\)", office)
    office = inner.group(1) if inner else office
    return NATIONAL_OFFICE if office == "Bawaslu RI" else office
