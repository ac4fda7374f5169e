"""Rules: YAML loading, the default rule, and matching each criterion."""

from __future__ import annotations

from pathlib import Path

import pytest

from alerts.matching import evaluate
from alerts.rules import DEFAULT_RULE, Rule, RulesError, load_rules, rules_from_data
from pipeline.events import EnrichedArticle, Entity, Region
from tests.conftest import enriched, raw_article

RULES_YAML = """
channels:
  pusat:
    type: webhook
    url: http://127.0.0.1:9/hook
  p2h-jakut:
    type: email
    to: [p2h@jakut.example]
    digest: hourly
offices:
  Bawaslu Kota Jakarta Utara: [p2h-jakut]
rules:
  - id: politik_uang_jakarta
    name: Politik uang di Jakarta
    topics: [politik_uang]
    min_score: 0.5
    regions: ["31"]
    severity: critical
    channels: [pusat]
  - id: sebut_kpu
    match: any
    agencies: [kpu]
    keywords: '"serangan fajar" OR amplop'
"""


def _doc(**kw: object) -> EnrichedArticle:
    return enriched(raw_article(body="Warga menerima amplop berisi uang dari tim sukses."), **kw)  # type: ignore[arg-type]


def test_yaml_rules_load_with_the_default_rule_first(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(RULES_YAML)
    rules = load_rules(path)
    assert [r.id for r in rules.rules] == [
        "netralitas_asn",
        "kampanye_masa_tenang",
        "politik_uang_jakarta",
        "sebut_kpu",
    ]
    assert rules.rules[0] == DEFAULT_RULE
    assert rules.channels_for(rules.rules[2], ["Bawaslu Kota Jakarta Utara"]) == [
        "pusat",
        "p2h-jakut",
    ]


def test_default_rule_can_be_replaced_or_switched_off() -> None:
    mine = {"rules": [{"id": "netralitas_asn", "topics": ["netralitas_asn"], "min_score": 0.9}]}
    assert rules_from_data(mine).rules[0].min_score == 0.9
    assert rules_from_data({}, default_rule=False).rules == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rules": [{"id": "a", "topics": ["x"], "channels": ["nope"]}]}, "unknown channel"),
        ({"rules": [{"id": "a"}]}, "no criteria"),
        ({"rules": [{"id": "a", "keywords": "OR amplop"}]}, "OR needs a word"),
        ({"rules": [{"id": "a", "topics": ["x"]}, {"id": "a", "topics": ["y"]}]}, "duplicate"),
        ({"rules": [{"id": "a", "topics": ["x"], "colour": "red"}]}, "colour"),
    ],
)
def test_bad_rules_say_what_is_wrong(data: dict[str, object], message: str) -> None:
    with pytest.raises(RulesError, match=message):
        rules_from_data(data)


def test_bad_yaml_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("rules: [ {id: a")
    with pytest.raises(RulesError, match=r"r\.yaml"):
        load_rules(path)


def test_topic_rule_needs_the_minimum_score_and_election_context() -> None:
    rule = DEFAULT_RULE
    assert evaluate(rule, _doc(topics={"netralitas_asn": 0.7})) is not None
    assert evaluate(rule, _doc(topics={"netralitas_asn": 0.4})) is None
    assert evaluate(rule, _doc(topics={"netralitas_asn": 0.9}, election_related=False)) is None
    match = evaluate(rule, _doc(topics={"netralitas_asn": 0.7, "kampanye": 0.9}))
    assert match is not None and match.topics == ["netralitas_asn"]
    assert match.evidence and "amplop" in match.evidence[0]


@pytest.mark.parametrize(
    ("keywords", "fires"),
    [
        ("amplop", True),
        ('"amplop berisi uang"', True),
        ('"uang berisi amplop"', False),
        ("amplop -sembako", True),
        ("amplop -uang", False),
        ("sembako OR amplop", True),
        ("ampl*", True),
        ("source:antara amplop", True),
        ("source:detik amplop", False),
        ("region:31 amplop", True),
        ("topic:politik_uang", True),
        ("(sembako OR amplop) -hoaks", True),
        ("(sembako OR beras) amplop", False),
        ("-(sembako OR beras) amplop", True),
        ("amplop -(uang berisi)", False),
    ],
)
def test_keywords_use_the_search_syntax(keywords: str, fires: bool) -> None:
    rule = Rule(id="k", keywords=keywords)
    assert (evaluate(rule, _doc(topics={"politik_uang": 0.8})) is not None) is fires


def test_all_needs_every_criterion_any_needs_one() -> None:
    doc = _doc(entities=[("kpu", "ORG")])
    both = {"agencies": ["kpu"], "sources": ["detik"]}
    assert evaluate(Rule(id="r", **both), doc) is None  # type: ignore[arg-type]
    match = evaluate(Rule(id="r", match="any", **both), doc)  # type: ignore[arg-type]
    assert match is not None and match.criteria == ["agencies"]


@pytest.mark.parametrize(
    ("regions", "fires"), [(["31"], True), (["31.72"], True), (["3"], False), (["32"], False)]
)
def test_regions_are_code_prefixes_at_a_dot(regions: list[str], fires: bool) -> None:
    assert (evaluate(Rule(id="r", regions=regions), _doc()) is not None) is fires


def test_roles_and_entities_match_canonical_values() -> None:
    raw = raw_article(body="Wali Kota Budi hadir di kampanye.")
    doc = enriched(raw).model_copy(
        update={
            "entities": [
                Entity(
                    text="Budi",
                    label="PERSON",
                    canonical="Budi Santoso",
                    role="official",
                    start=10,
                    end=14,
                )
            ],
            "region": Region(code="32.01", name="Bogor", level="kabupaten"),
        }
    )
    assert evaluate(Rule(id="r", roles=["official"]), doc) is not None
    assert evaluate(Rule(id="r", roles=["candidate"]), doc) is None
    match = evaluate(Rule(id="r", entities=["Budi Santoso"]), doc)
    assert match is not None and match.evidence == ["Wali Kota Budi hadir di kampanye."]


@pytest.mark.parametrize("named", ["kpu", "KPU", "Kpu"])
def test_agencies_match_by_readable_name_or_stable_id(named: str) -> None:
    raw = raw_article(body="Komisi Pemilihan Umum menetapkan DPT.")
    kpu = Entity(text="Komisi Pemilihan Umum", label="ORG", canonical="KPU", kb_id="kpu",
                 start=0, end=21)  # fmt: skip
    doc = enriched(raw).model_copy(update={"entities": [kpu]})
    match = evaluate(Rule(id="r", agencies=[named]), doc)
    assert match is not None and match.criteria == ["agencies"]
    assert evaluate(Rule(id="r", agencies=["bawaslu"]), doc) is None
