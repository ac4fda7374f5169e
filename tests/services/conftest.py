"""Clients for the real Kafka and Elasticsearch that `scripts/services up` starts."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator

import pytest
from elasticsearch import Elasticsearch

HOST = "127.0.0.1"
KAFKA_PORT = 9092
ES_PORT = 9200


def require(name: str, port: int) -> None:
    """Fail, never skip: CI starts the services before the tests."""
    try:
        with socket.create_connection((HOST, port), timeout=2):
            return
    except OSError as error:
        pytest.fail(f"{name} is not answering on {HOST}:{port} ({error}): run scripts/services up")


@pytest.fixture(scope="module")
def es() -> Iterator[Elasticsearch]:
    require("Elasticsearch", ES_PORT)
    client = Elasticsearch(f"http://{HOST}:{ES_PORT}", request_timeout=30)
    yield client
    client.close()


@pytest.fixture(scope="module")
def kafka_servers() -> str:
    require("Kafka", KAFKA_PORT)
    return f"{HOST}:{KAFKA_PORT}"


@pytest.fixture
def topic() -> str:
    """A fresh topic name, so reruns and parallel runs do not collide."""
    return f"test-services-{uuid.uuid4().hex[:10]}"
