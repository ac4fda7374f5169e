"""The real services answer the way pantau's code expects (they must be up: no skips)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from elasticsearch import Elasticsearch
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.admin import NewTopic

ARTICLES = {
    "tertib": "Baliho liar ditertibkan Satpol PP di Jakarta Utara",
    "langgar": "Bawaslu menemukan dugaan pelanggaran netralitas ASN",
    "kampanye": "Calon bupati dikampanyekan di tempat ibadah",
    "unrelated": "Harga cabai naik menjelang akhir tahun",
}


@pytest.mark.elasticsearch
def test_elasticsearch_info_and_ping_work_with_the_stock_client(es: Elasticsearch) -> None:
    info = es.info()
    assert info["version"]["number"].startswith("8.17.")
    assert info["tagline"] == "You Know, for Search"
    assert es.ping() is True
    health = es.cluster.health(wait_for_status="yellow", timeout="10s")
    assert health["status"] in ("yellow", "green")


@pytest.mark.elasticsearch
@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Penertiban ditertibkan", ["tertib", "tertib"]),
        ("pelanggaran dilanggar melanggar", ["langgar", "langgar", "langgar"]),
        ("yang dan di", []),
    ],
)
def test_indonesian_analyzer_stems_and_drops_stop_words(
    es: Elasticsearch, text: str, tokens: list[str]
) -> None:
    result = es.indices.analyze(analyzer="indonesian", text=text)
    assert [t["token"] for t in result["tokens"]] == tokens


@pytest.mark.elasticsearch
@pytest.mark.parametrize(
    "stem_filter", ["indonesian_stem", {"type": "stemmer", "language": "indonesian"}]
)
def test_indonesian_stem_filters_are_available(
    es: Elasticsearch, stem_filter: str | dict[str, str]
) -> None:
    result = es.indices.analyze(
        tokenizer="standard", filter=["lowercase", "asciifolding", stem_filter], text="Penertibán"
    )
    assert [t["token"] for t in result["tokens"]] == ["tertib"]


@pytest.fixture(scope="module")
def articles_index(es: Elasticsearch) -> Iterator[str]:
    index = f"test-services-articles-{uuid.uuid4().hex[:8]}"
    es.indices.delete(index=index, ignore_unavailable=True)
    es.indices.create(
        index=index,
        settings={
            "number_of_shards": 1,
            "number_of_replicas": 0,
            "analysis": {
                "analyzer": {"id_keep": {"type": "indonesian", "stem_exclusion": ["pemilu"]}},
                "normalizer": {
                    "folded": {"type": "custom", "filter": ["lowercase", "asciifolding"]}
                },
            },
        },
        mappings={
            "properties": {
                "body": {"type": "text", "analyzer": "indonesian"},
                "source": {"type": "keyword", "normalizer": "folded"},
            }
        },
    )
    for doc_id, body in ARTICLES.items():
        es.index(index=index, id=doc_id, document={"body": body, "source": "antara"})
    es.indices.refresh(index=index)
    yield index
    es.indices.delete(index=index, ignore_unavailable=True)


@pytest.mark.elasticsearch
@pytest.mark.parametrize(
    ("query", "expected"),
    [("penertiban", "tertib"), ("melanggar", "langgar"), ("berkampanye", "kampanye")],
)
def test_match_query_finds_other_derived_forms(
    es: Elasticsearch, articles_index: str, query: str, expected: str
) -> None:
    result = es.search(index=articles_index, query={"match": {"body": query}})
    assert [hit["_id"] for hit in result["hits"]["hits"]] == [expected]


@pytest.mark.kafka
def test_kafka_round_trip_with_idempotent_acks_all_producer(kafka_servers: str, topic: str) -> None:
    admin = KafkaAdminClient(bootstrap_servers=kafka_servers, client_id="test-services")
    try:
        admin.create_topics([NewTopic(topic, num_partitions=1, replication_factor=1)])
        producer = KafkaProducer(
            bootstrap_servers=kafka_servers, acks="all", enable_idempotence=True
        )
        for n in range(3):
            producer.send(topic, key=b"k", value=f"berita-{n}".encode()).get(timeout=10)
        producer.close()
        consumer = KafkaConsumer(
            topic,
            bootstrap_servers=kafka_servers,
            group_id=topic,
            auto_offset_reset="earliest",
            enable_auto_commit=False,
            consumer_timeout_ms=15000,
        )
        received = [message.value for _, message in zip(range(3), consumer, strict=False)]
        consumer.commit()
        consumer.close()
        assert received == [b"berita-0", b"berita-1", b"berita-2"]
    finally:
        admin.delete_topics([topic])
        admin.close()


@pytest.mark.elasticsearch
def test_indonesian_analyzer_keeps_stem_exclusions(es: Elasticsearch, articles_index: str) -> None:
    result = es.indices.analyze(index=articles_index, analyzer="id_keep", text="pemilu memilih")
    assert [t["token"] for t in result["tokens"]] == ["pemilu", "ilih"]


@pytest.mark.elasticsearch
def test_keyword_normalizer_folds_case_and_accents(es: Elasticsearch, articles_index: str) -> None:
    result = es.search(index=articles_index, query={"term": {"source": "ANTÁRA"}})
    assert result["hits"]["total"]["value"] == len(ARTICLES)
