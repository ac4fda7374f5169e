"""Private Kafka + Elasticsearch for fault tests, and workers run as real subprocesses.

Fault tests stop and restart services, so they never touch the shared pair on 9092/9200:
each test module gets its own pair on free ports under a tmp state dir.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from devkit import services
from pipeline.bus import TransientError
from pipeline.events import TOPIC_ALERTS, TOPIC_ENRICHED, TOPIC_RAW, RawArticle, dlq_topic
from pipeline.kafka import KafkaBus
from pipeline.metrics import Labels, scrape
from tests.conftest import raw_article

REPO = Path(__file__).resolve().parents[2]
TOPICS = [
    TOPIC_RAW,
    TOPIC_ENRICHED,
    TOPIC_ALERTS,
    *(dlq_topic(t) for t in (TOPIC_RAW, TOPIC_ENRICHED)),
]
PARTITIONS = 4


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port(*offsets: int) -> int:
    """A port p such that p + each offset is free too (Kafka's controller, ES transport)."""
    for _ in range(200):
        port = random.randint(20000, 40000)
        if all(_free(port + o) for o in (0, *offsets)):
            return port
    raise RuntimeError("no free port")


@dataclass
class Private:
    """One private Kafka + Elasticsearch pair (tests may stop and start either)."""

    state: Path
    kafka_port: int
    es_port: int

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.kafka_port}"

    @property
    def es_url(self) -> str:
        return f"http://127.0.0.1:{self.es_port}"

    def stop(self, name: str) -> None:
        services.stop(self.state, name)

    def start(self, name: str) -> None:
        port = self.kafka_port if name == services.KAFKA else self.es_port
        services.start(self.state, name, port, timeout=120)


@pytest.fixture(scope="module")
def private(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Private]:
    state = tmp_path_factory.mktemp("services")
    pair = Private(state, free_port(1), free_port(100))
    services.up(
        state,
        kafka_port=pair.kafka_port,
        es_port=pair.es_port,
        timeout=180,
        names=(services.KAFKA, services.ELASTICSEARCH),
    )
    try:
        bus = KafkaBus(pair.bootstrap)
        bus.ensure_topics(TOPICS, partitions=PARTITIONS)
        bus.close()
        yield pair
    finally:
        services.down(state)


class Worker:
    """`python -m pantau.cli worker <stage>` against the private pair, metrics on a port."""

    def __init__(self, stage: str, pair: Private, alias: str, logs: Path) -> None:
        self.stage = stage
        self.port = free_port()
        self.log = logs / f"{stage}-{self.port}.log"
        env = {
            **os.environ,
            "PANTAU_KAFKA__BOOTSTRAP": pair.bootstrap,
            "PANTAU_KAFKA__PARTITIONS": str(PARTITIONS),
            "PANTAU_KAFKA__BATCH_SIZE": "50",
            "PANTAU_ELASTICSEARCH__URL": pair.es_url,
            "PANTAU_ELASTICSEARCH__ALIAS": alias,
            "PANTAU_DATA_DIR": str(logs / "data"),
            "PANTAU_ALERTS__BACKGROUND": "false",  # no delivery thread: the store is checked
        }
        command = [sys.executable, "-m", "pantau.cli", "worker", stage]
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(
                [*command, "--metrics-port", str(self.port)],
                cwd=REPO,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def metrics(self) -> dict[tuple[str, Labels], float]:
        try:
            return scrape(f"127.0.0.1:{self.port}", timeout=2)
        except OSError:
            return {}

    def total(self, name: str) -> float:
        return sum(v for (n, _), v in self.metrics().items() if n == name)

    def ready(self) -> bool:
        return self.total("pantau_assigned_partitions") > 0

    def signal(self, signum: signal.Signals) -> None:
        self.proc.send_signal(signum)

    def stop(self, timeout: float = 30) -> int:
        """SIGTERM and wait; returns the exit code (0 = graceful)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
            return -9

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@pytest.fixture
def workers(private: Private, tmp_path: Path, unique: str) -> Iterator[Callable[[str], Worker]]:
    started: list[Worker] = []

    def start(stage: str) -> Worker:
        w = Worker(stage, private, f"fault-{unique}", tmp_path)
        started.append(w)
        return w

    yield start
    for w in started:
        if w.proc.poll() is None:
            w.proc.kill()
            w.proc.wait(10)


def wait_until(
    what: str, check: Callable[[], bool], timeout: float = 120, every: float = 0.5
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:g}s waiting for {what}")


def articles(unique: str, n: int, *, paragraphs: int = 3) -> list[RawArticle]:
    """Distinct Indonesian articles (ids depend on `unique`, so tests never collide)."""
    text = (
        "Badan Pengawas Pemilu Kabupaten Bogor mengingatkan aparatur sipil negara agar "
        "menjaga netralitas menjelang pemungutan suara Pilkada serentak. Ketua Bawaslu "
        "mengatakan laporan dugaan pelanggaran akan ditindaklanjuti sesuai aturan."
    )
    body = "\n\n".join([text] * paragraphs)
    return [
        raw_article(i, host=f"f{unique}.example.id", title=f"Pengawasan Pilkada {i}", body=body)
        for i in range(n)
    ]


def produce(target: str | KafkaBus, payloads: Sequence[tuple[str | None, bytes]]) -> None:
    """Publish and wait for acks, retrying through a broker outage (ids make repeats safe)."""
    bus = KafkaBus(target, timeout=10) if isinstance(target, str) else target
    try:
        for start in range(0, len(payloads), 50):
            chunk = payloads[start : start + 50]
            for _ in range(60):
                try:
                    for key, value in chunk:
                        bus.publish(TOPIC_RAW, value, key=key)
                    bus.flush()
                    break
                except TransientError:
                    time.sleep(1)
            else:
                raise AssertionError("producer did not recover")
    finally:
        if isinstance(target, str):
            with contextlib.suppress(Exception):
                bus.close()


def indexed_ids(es_url: str, alias: str) -> list[str]:
    """Every `_id` in the index (with repeats, if there were any)."""
    es = Elasticsearch(es_url, request_timeout=10)
    try:
        if not es.indices.exists(index=alias):
            return []
        es.indices.refresh(index=alias)
        resp = es.search(index=alias, size=10_000, source=False, query={"match_all": {}})
        return [h["_id"] for h in resp["hits"]["hits"]]
    except Exception:  # ES may be down in the middle of a fault test
        return []
    finally:
        es.close()
