"""A saved search as an alert rule, routed to its owner's office, with the same criteria.

A rule's lists are any-of while the search's topic and entity filters are all-of, so the
search is written into the rule's `keywords` in the search syntax the rule already reads
(`topic:` AND `topic:`, `(source: OR source:)`, region codes with what lies beneath),
ANDed with the text and, for office staff, with their office's region. What the rule
syntax cannot say (date ranges, several agencies at once) is refused with the reason.
"""

from __future__ import annotations

from pydantic import ValidationError

from alerts.rules import Rule, RulesError, RuleSet
from alerts.store import AlertStore
from pantau.pantauan.run import office_of, saved_query
from search.filters import FILTERS
from search.query import QuerySyntaxError, SearchQuery
from search.regions import regions
from store.accounts import User
from store.offices import scope_of
from store.saved import SavedSearch

ROLES = ("official", "candidate", "other")


class RuleRefused(ValueError):
    """This saved search cannot become a rule; the message (Indonesian) says why."""


def rule_id(saved: SavedSearch) -> str:
    return f"pantauan-{saved.id}"


def rule_of(saved: SavedSearch, owner: User) -> Rule:
    """The rule that fires on a new article exactly when the saved search would find it
    (within the owner's office), routed to the owner's office only."""
    try:
        query = saved_query(saved)
    except QuerySyntaxError as exc:
        raise RuleRefused(f"Pencarian pantauan ini tidak dapat dibaca: {exc.indonesian}") from exc
    _refuse_what_rules_cannot_say(query, saved)
    fields = {
        "id": rule_id(saved),
        "name": f"Pantauan {owner.username}: {saved.name}"[:200],
        "keywords": keywords(query, scope_of(owner)),
        "agencies": list(query.agencies),
        "roles": list(query.roles),
        "election_related": query.election_related,
        "offices": [office_of(owner)],
        "route_by_region": False,
    }
    try:
        return Rule.model_validate(fields)
    except ValidationError as exc:
        raise RuleRefused("Pantauan ini terlalu panjang untuk dijadikan aturan.") from exc


def _refuse_what_rules_cannot_say(query: SearchQuery, saved: SavedSearch) -> None:
    if not query.text.strip() and not any(query.values(spec) for spec in FILTERS):
        raise RuleRefused(
            "Pantauan tanpa kata kunci atau filter akan memicu peringatan untuk setiap "
            "berita; tambahkan kata kunci atau filter lalu simpan lagi."
        )
    if query.since or query.until or any(k == "during" for k, _ in saved.params):
        raise RuleRefused(
            "Pantauan dengan rentang tanggal (Sejak/Sampai/tahapan) tidak dapat dijadikan "
            "aturan: aturan memeriksa setiap berita baru. Simpan pencarian tanpa tanggal."
        )
    if len(query.agencies) > 1:
        raise RuleRefused(
            "Aturan hanya dapat memeriksa satu lembaga; pantauan ini meminta semua dari "
            f"{len(query.agencies)} lembaga sekaligus. Simpan pencarian dengan satu lembaga."
        )
    if any(r not in ROLES for r in query.roles):
        raise RuleRefused("Peran pada pantauan ini tidak dikenal aturan (official/candidate).")


def keywords(query: SearchQuery, scope: frozenset[str] | None) -> str:
    """The search's text and filters as one search-syntax expression (all ANDed)."""
    parts = [f"({query.text.strip()})"] if query.text.strip() else []
    parts += [_term("topic", t) for t in query.topics]  # all of them, as the search asks
    parts += [_term("entity", e) for e in query.entities]
    if query.sources:
        parts.append(_any("source", query.sources))
    if query.regions:
        parts.append(_any("region", _codes(query.regions)))
    if scope is not None:  # staff: only what their office may see
        parts.append(_any("region", sorted(scope)) if scope else "region:tidak-ada")
    return " ".join(parts)


def _codes(values: list[str]) -> list[str]:
    codes: list[str] = []
    for value in values:
        found = regions().codes(value)
        if not found:
            raise RuleRefused(f"Wilayah {value[:60]!r} tidak dikenal; pakai kode atau namanya.")
        codes += [c for c in found if c not in codes]
    return codes


def _term(field: str, value: str) -> str:
    if '"' in value:
        raise RuleRefused(f"Nilai {field} {value[:60]!r} memuat tanda kutip; aturan tidak bisa.")
    return f'{field}:"{value}"'


def _any(field: str, values: list[str]) -> str:
    terms = [_term(field, v) for v in values]
    return terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")"


def install(store: AlertStore, rules: RuleSet, rule: Rule) -> None:
    """Store the rule (running alert stages load it at their next batch); RuleRefused if
    it collides with a rule set in configuration."""
    if any(r.id == rule.id for r in rules.rules):
        raise RuleRefused(f"Aturan {rule.id!r} sudah ada di konfigurasi; tidak diubah.")
    try:
        rules.with_rules([*store.stored_rules(), rule])
    except RulesError as exc:
        raise RuleRefused(f"Aturan tidak dapat dipasang: {exc}") from exc
    store.put_rule(rule)
