"""Severity follows the rule and the strength of the evidence, not a constant."""

from __future__ import annotations

from alerts.matching import Match, severity_for
from alerts.rules import Rule

CRITICAL = Rule(id="asn", topics=["netralitas_asn"], severity="critical")
KEYWORDS = Rule(id="kata", keywords="politik uang", severity="warning")


def _match(rule: Rule, score: float, sentences: int) -> Match:
    return Match(
        rule, ["topics"], score=score, evidence=[f"kalimat {i}." for i in range(sentences)]
    )


def test_strong_evidence_keeps_the_rules_severity() -> None:
    assert severity_for(CRITICAL, _match(CRITICAL, 0.9, 3)) == "critical"


def test_each_missing_sign_of_strength_lowers_it_one_level() -> None:
    assert severity_for(CRITICAL, _match(CRITICAL, 0.65, 3)) == "warning"
    assert severity_for(CRITICAL, _match(CRITICAL, 0.9, 1)) == "warning"
    assert severity_for(CRITICAL, _match(CRITICAL, 0.65, 1)) == "info"


def test_a_rule_without_topics_is_judged_by_its_sentences() -> None:
    assert severity_for(KEYWORDS, _match(KEYWORDS, 0.0, 2)) == "warning"
    assert severity_for(KEYWORDS, _match(KEYWORDS, 0.0, 1)) == "info"
