"""`pantau replay raw|dlq` as a person runs them, over a private Kafka + Elasticsearch pair."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from elasticsearch import Elasticsearch

from nlp.pipeline import NLP_VERSION
from pipeline.events import TOPIC_RAW, dlq_topic
from pipeline.kafka import KafkaBus
from search.elastic import ElasticsearchBackend
from search.elastic_query import stored_event
from tests.conftest import enriched, raw_article
from tests.stream.conftest import REPO, Private, articles, indexed_ids, produce

pytestmark = [pytest.mark.kafka, pytest.mark.elasticsearch, pytest.mark.timeout(240)]

ALIAS = "replayed"


def _pantau(private: Private, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PANTAU_BUS": "kafka",  # replay dlq re-drives the configured bus (files when inline)
        "PANTAU_KAFKA__BOOTSTRAP": private.bootstrap,
        "PANTAU_ELASTICSEARCH__URL": private.es_url,
        "PANTAU_ELASTICSEARCH__ALIAS": ALIAS,
    }
    command = [sys.executable, "-m", "pantau.cli", *args]
    return subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, timeout=180, check=False
    )


def _dead(private: Private, group: str) -> list[dict[str, str]]:
    got: list[dict[str, str]] = []
    bus = KafkaBus(private.bootstrap, poll_timeout=0.3)
    bus.subscribe([dlq_topic(TOPIC_RAW)], group, lambda ms: got.extend(dict(m.headers) for m in ms))
    bus.run_until_idle(idle=3.0, limit=60)
    bus.close()
    return got


def test_replay_raw_builds_a_new_index_version_then_switches_the_alias(
    private: Private, unique: str
) -> None:
    old = ElasticsearchBackend(private.es_url, alias=ALIAS, version=1, refresh=True)
    old.ensure()
    stale = enriched(raw_article(1, host="lama.example.id"))
    old.upsert([stale])
    arts = articles(unique, 30)
    produce(private.bootstrap, [(a.id, a.to_bytes()) for a in arts] + [("bad", b"{nope")])

    result = _pantau(private, "replay", "raw", "--version", "2", "--switch", "--idle", "3")

    assert result.returncode == 0, result.stdout + result.stderr
    assert f"alias {ALIAS} -> {ALIAS}-v2" in result.stdout
    es = Elasticsearch(private.es_url)
    try:
        assert list(es.indices.get_alias(name=ALIAS)) == [f"{ALIAS}-v2"]
    finally:
        es.close()
    assert sorted(indexed_ids(private.es_url, ALIAS)) == sorted(a.id for a in arts)
    assert indexed_ids(private.es_url, f"{ALIAS}-v1") == [stale.id]  # the old one stays
    es = Elasticsearch(private.es_url)
    try:
        event = stored_event(es.get(index=ALIAS, id=arts[0].id)["_source"])
    finally:
        es.close()
    assert event.nlp_version == NLP_VERSION and event.article.title == arts[0].title
    headers = [h for h in _dead(private, f"r1-{unique}") if h["stage"] == "replay"]
    assert len(headers) == 1 and "invalid JSON" in headers[0]["error"]


def test_replay_dlq_sends_dead_letters_back_and_counts_attempts(
    private: Private, unique: str
) -> None:
    first = _pantau(private, "replay", "dlq", dlq_topic(TOPIC_RAW), "--idle", "3")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "re-drove 1 messages" in first.stdout
    # Still broken after the "fix": the next replay dead-letters it again, attempts 2.
    again = _pantau(private, "replay", "raw", "--version", "3", "--idle", "3")
    assert again.returncode == 0, again.stdout + again.stderr
    # (A raw replay reads all history, so the original poison is dead-lettered anew too.)
    attempts = sorted(h["attempts"] for h in _dead(private, f"r2-{unique}"))
    assert attempts == ["1", "1", "2"]
    last = _pantau(private, "replay", "dlq", dlq_topic(TOPIC_RAW), "--max-attempts", "2")
    assert last.returncode == 0, last.stdout + last.stderr
    assert "re-drove 1 messages" in last.stdout and "kept 1 that failed 2 times" in last.stdout


def test_replay_dlq_refuses_a_topic_that_is_not_a_dlq(private: Private) -> None:
    result = _pantau(private, "replay", "dlq", TOPIC_RAW)
    assert result.returncode == 2
    assert "not a dead-letter topic" in result.stderr
