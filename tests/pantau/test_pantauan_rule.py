"""A saved search as an alert rule: the rule fires on exactly the articles the search finds."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from alerts.matching import evaluate
from alerts.rules import load_rules
from alerts.stage import AlertStage
from pantau.config import Settings
from pantau.pantauan.rule import RuleRefused, install, rule_of
from pantau.pantauan.run import owner_backend, saved_query
from pantau.wiring import build_alert_store
from pipeline.events import EnrichedArticle
from search.backend import SearchBackend
from store.accounts import User
from store.saved import SavedSearch
from tests.conftest import ES_URL, require_service
from tests.search.fixtures import MORE, article, open_backend

ADMIN = User(1, "admin", "admin", None, False, 0.0)
JAKUT = User(2, "jakut", "staff", "31.72", False, 0.0)

# Cases where the rule's own semantics differ from the search's: an inflected word
# (stems), a source in another case, both topics needed, a region below the one named.
DOCS = [
    *MORE,
    article(201, "Calon berkampanye di pasar", "Calon bupati berkampanye di Koja.",
            topics={"kampanye": 0.9}),
    article(202, "ASN ikut kampanye", "Seorang ASN ikut kampanye calon wali kota.",
            source="Antara", topics={"kampanye": 0.8, "netralitas_asn": 0.7},
            entities=[("Bawaslu", "ORG", None)]),
    article(203, "Penertiban baliho di Bekasi", "Baliho calon ditertibkan.", source="detik",
            region="32.75", topics={"kampanye": 0.4}),
]  # fmt: skip

CASES = {
    "text, stems": (ADMIN, [("q", "kampanye")]),
    "two topics, all of them": (ADMIN, [("topic", "kampanye"), ("topic", "netralitas_asn")]),
    "source in any case": (ADMIN, [("source", "ANTARA"), ("q", "kampanye OR penertiban")]),
    "region by name, with its cities": (ADMIN, [("region", "DKI Jakarta")]),
    "sources any of, phrase": (ADMIN, [("source", "detik"), ("source", "tribun"),
                                       ("q", '"calon bupati" OR baliho')]),
    "entity and role": (ADMIN, [("entity", "rudy susmanto"), ("role", "candidate")]),
    "agency, exclusion": (ADMIN, [("agency", "bawaslu"), ("q", "-hoaks")]),
    "staff: only their office": (JAKUT, [("q", "kampanye OR baliho")]),
}  # fmt: skip


def saved(params: list[tuple[str, str]], user: User = ADMIN) -> SavedSearch:
    return SavedSearch(7, user.id, "uji", params, 0.0, 0.0, 0.0, 0, None, None)


@pytest.fixture(
    scope="module",
    params=["sqlite", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)],
)
def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SearchBackend]:
    """The same articles on both engines: the rule must agree with either."""
    es = ""
    if request.param == "elasticsearch":
        require_service("Elasticsearch", ES_URL.split("//", 1)[-1])
        es = ES_URL
    unique = f"pantauan-{uuid.uuid4().hex[:8]}"
    with open_backend(request.param, tmp_path_factory.mktemp("rule"), unique, DOCS, es) as b:
        yield b


def found(backend: SearchBackend, s: SavedSearch, user: User) -> set[str]:
    result = owner_backend(backend, user).search(saved_query(s, limit=500, facet_size=0))
    return {h.id for h in result.hits}


@pytest.mark.parametrize("case", CASES)
def test_rule_fires_exactly_on_what_the_search_finds(backend: SearchBackend, case: str):
    user, params = CASES[case]
    s = saved(params, user)
    rule = rule_of(s, user)
    fired = {d.id for d in DOCS if evaluate(rule, d)}
    hits = found(backend, s, user)
    assert fired == hits
    assert 0 < len(hits) < len(DOCS)  # the case separates something


def test_staff_rule_routes_to_their_office_only():
    rule = rule_of(saved([("q", "kampanye")], JAKUT), JAKUT)
    assert rule.offices == ["Bawaslu Kota Jakarta Utara"] and not rule.route_by_region
    assert rule.id == "pantauan-7" and rule.name == "Pantauan jakut: uji"
    assert rule_of(saved([("q", "kampanye")]), ADMIN).offices == ["Bawaslu Republik Indonesia"]


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ([("q", "kampanye"), ("since", "2024-11-01")], "rentang tanggal"),
        ([("agency", "Bawaslu"), ("agency", "KPU")], "satu lembaga"),
        ([("region", "Atlantis")], "tidak dikenal"),
        ([("q", "(kampanye")], "tidak dapat dibaca"),
        ([("sort", "date")], "setiap berita"),
        ([("q", " ".join(f"kata{n}" for n in range(64))), ("region", "31.72")], "terlalu panjang"),
    ],
)
@pytest.mark.parametrize("user", [ADMIN, JAKUT], ids=["admin", "staff"])
def test_what_a_rule_cannot_say_is_refused(params: list[tuple[str, str]], reason: str, user: User):
    with pytest.raises(RuleRefused, match=reason):
        rule_of(saved(params, user), user)


def test_installed_rule_fires_in_the_alert_stage(tmp_path: Path):
    """Through the real alert stage: the matching article alerts the office, the other
    article (outside Jakarta Utara) does not."""
    store = build_alert_store(Settings(data_dir=tmp_path))
    rules = load_rules(None, default_rule=False)
    rule = rule_of(saved([("q", "baliho OR berkampanye")], JAKUT), JAKUT)
    install(store, rules, rule)
    inside: EnrichedArticle = DOCS[-3]  # 201, Jakarta Utara
    outside: EnrichedArticle = DOCS[-1]  # 203, Bekasi: baliho, but not their office
    alerts = AlertStage(rules, store).process([inside, outside])
    assert [(a.article_id, a.rule_id, a.offices) for a in alerts] == [
        (inside.id, "pantauan-7", ["Bawaslu Kota Jakarta Utara"])
    ]
    with pytest.raises(RuleRefused, match="konfigurasi"):
        install(store, load_rules(None), rule.model_copy(update={"id": "netralitas_asn"}))
    store.close()
