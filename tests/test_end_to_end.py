"""End to end over the real services: sample site -> crawl -> Kafka -> enrich -> index -> ES."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawlers.run import crawl
from devkit.server import serve_sample_site
from pantau.config import ElasticsearchSettings, KafkaSettings, Settings
from pantau.demo import IngestCounter
from pantau.wiring import attach_stages
from pipeline.bus import Message
from pipeline.events import TOPIC_ALERTS, TOPIC_ENRICHED, TOPIC_RAW, RawArticle, dlq_topic
from pipeline.kafka import KafkaBus
from search.elastic import ElasticsearchBackend
from search.query import SearchQuery

pytestmark = [pytest.mark.kafka, pytest.mark.elasticsearch]

TOPICS = [TOPIC_RAW, TOPIC_ENRICHED, TOPIC_ALERTS, dlq_topic(TOPIC_RAW), dlq_topic(TOPIC_ENRICHED)]


def test_sample_site_to_search_over_kafka_and_elasticsearch(
    kafka_bootstrap: str, es_url: str, unique: str, tmp_path: Path
) -> None:
    settings = Settings(
        data_dir=tmp_path,
        bus="kafka",
        backend="elasticsearch",
        kafka=KafkaSettings(bootstrap=kafka_bootstrap),
        elasticsearch=ElasticsearchSettings(url=es_url, alias=f"e2e-{unique}"),
    )
    producer = KafkaBus(kafka_bootstrap)
    producer.ensure_topics(TOPICS, partitions=3)
    crawled: list[RawArticle] = []
    ingest = IngestCounter(producer)

    def on_article(article: RawArticle) -> None:
        crawled.append(article)
        ingest.article(article)

    with serve_sample_site() as site:
        stats = crawl(site.start_urls, on_article=on_article, on_error=ingest.failure, delay=0)
    assert len(crawled) >= 20
    assert stats.error_count >= 1  # the sample site's malformed page
    poison_key = f"poison-{unique}"
    producer.publish(TOPIC_RAW, b'{"schema_version": "1.0", "title": ', key=poison_key)
    producer.flush()
    producer.close()

    backend = ElasticsearchBackend(es_url, alias=f"e2e-{unique}", refresh=True)
    backend.ensure()
    workers = KafkaBus(kafka_bootstrap, poll_timeout=0.3)
    attach_stages(
        settings, workers, ("enrich", "index"), backend=backend, group_prefix=f"e2e-{unique}"
    )
    dead: list[Message] = []
    workers.subscribe([dlq_topic(TOPIC_RAW)], f"e2e-{unique}-dlq", dead.extend)
    workers.run_until_idle(idle=4.0, limit=240)
    workers.close()
    backend.refresh_now()

    for article in crawled:
        doc = backend.get(article.id)
        assert doc is not None, f"{article.url} was crawled but never indexed"
        assert doc.article.title == article.title
    assert backend.count() >= len({a.id for a in crawled})
    result = backend.search(SearchQuery(text="netralitas ASN", limit=50))
    assert result.total >= 3
    assert any("netralitas_asn" in h.topics for h in result.hits)

    # at-least-once: a redelivered poison message may be dead-lettered twice, never zero
    poison = [m for m in dead if m.key == poison_key]
    assert poison
    assert all("invalid JSON" in m.headers["error"] for m in poison)
    assert all(m.headers["stage"] == "enrich" for m in poison)
    crawl_failures = [m for m in dead if m.headers.get("stage") == "crawl"]
    assert crawl_failures, "the malformed sample page should be dead-lettered by the crawl"
    backend.es.indices.delete(index=backend.index)
    backend.close()
