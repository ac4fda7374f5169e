"""Benchmark: articles/s from articles.raw.v1 to searchable in Elasticsearch, and latency.

    .venv/bin/python bench/stream.py [--articles 2000] [--rate 100] [--seconds 20]

Starts a private Kafka + Elasticsearch pair on free ports (never the shared one: its
topics are everyone's), runs `pantau worker enrich` and `pantau worker index` as
subprocesses, then measures on the same generated Indonesian articles:

1. throughput: a backlog of N articles produced at once, drained to searchable;
2. latency: articles produced at a steady rate, p50/p95 produce -> searchable;

and the same two runs in inline mode (InlineBus, same stages, same process) as the
baseline. "Searchable" = returned by an ES search (a poller searches for the pending
ids every 100 ms, which also keeps the shard from going search-idle).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from elasticsearch import Elasticsearch  # noqa: E402

from devkit import services  # noqa: E402
from pipeline.events import TOPIC_ALERTS, TOPIC_ENRICHED, TOPIC_RAW, RawArticle, article_id  # noqa: E402
from pipeline.kafka import KafkaBus  # noqa: E402
from pipeline.metrics import quantile, scrape  # noqa: E402

REGIONS = [
    "Kabupaten Bogor",
    "Kota Medan",
    "Kabupaten Sleman",
    "Kota Makassar",
    "Kabupaten Gowa",
    "Kota Surabaya",
    "Kabupaten Banyumas",
    "Kota Padang",
    "Kabupaten Kutai Kartanegara",
]
PEOPLE = [
    "Rahmat Hidayat",
    "Siti Nurhaliza",
    "Budi Santoso",
    "Dewi Lestari",
    "Agus Salim",
    "Yohanes Tanjung",
    "Made Wirawan",
    "Andi Pratama",
]
SENTENCES = [
    "Badan Pengawas Pemilu {r} menerima laporan dugaan pelanggaran netralitas aparatur sipil "
    "negara menjelang Pilkada serentak.",
    "Ketua Bawaslu {r}, {p}, mengatakan pihaknya akan memanggil kepala dinas yang diduga "
    "menghadiri kampanye pasangan calon.",
    '"Kami minta ASN tidak ikut berpolitik praktis," kata {p} di kantornya, Senin.',
    "Komisi Pemilihan Umum {r} menetapkan daftar pemilih tetap sebanyak {n} orang.",
    "Sejumlah warga melaporkan dugaan politik uang berupa pembagian sembako di tiga kecamatan.",
    "Tim sukses pasangan calon membantah tuduhan tersebut dan menyebut laporan itu tidak berdasar.",
    "Panitia pengawas kecamatan diminta memperketat pengawasan masa tenang hingga hari pemungutan.",
    "Polres setempat menyiagakan personel untuk mengamankan distribusi logistik pemilihan.",
    "Harga cabai di pasar tradisional naik menjelang akhir pekan, kata seorang pedagang.",
    "Pemerintah daerah meresmikan jembatan baru yang menghubungkan dua desa di wilayah itu.",
]


def generate(run: str, n: int, *, seed: int = 5) -> list[RawArticle]:
    """N distinct Indonesian news articles of ~1.5-3 KB (ids unique to this run)."""
    rnd = random.Random(seed)
    start = datetime(2024, 11, 20, tzinfo=UTC)
    out = []
    for i in range(n):
        region, person = rnd.choice(REGIONS), rnd.choice(PEOPLE)
        paragraphs = [
            " ".join(
                rnd.choice(SENTENCES).format(r=region, p=person, n=rnd.randint(10_000, 900_000))
                for _ in range(3)
            )
            for _ in range(rnd.randint(4, 7))
        ]
        url = (
            f"https://bench-{run}.example.id/berita/{i}/pilkada-{region.lower().replace(' ', '-')}"
        )
        out.append(
            RawArticle(
                id=article_id(url),
                url=url,
                source="bench",
                host=f"bench-{run}.example.id",
                title=f"Bawaslu {region} soroti netralitas ASN ({i})",
                body="\n\n".join(paragraphs),
                published_at=start + timedelta(minutes=i),
            )
        )
    return out


class Searchable:
    """Polls ES for pending ids and records when each first becomes searchable."""

    def __init__(self, es_url: str, alias: str) -> None:
        self.es = Elasticsearch(es_url, request_timeout=10)
        self.alias = alias
        self.sent: dict[str, float] = {}
        self.seen: dict[str, float] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def produced(self, ids: Sequence[str], at: float | None = None) -> None:
        now = time.monotonic() if at is None else at
        with self._lock:
            for i in ids:
                self.sent.setdefault(i, now)

    def _poll(self) -> None:
        while not self._stop.is_set():
            with self._lock:
                pending = [i for i in self.sent if i not in self.seen][:5000]
            if pending:
                try:
                    resp = self.es.search(
                        index=self.alias,
                        size=len(pending),
                        source=False,
                        query={"ids": {"values": pending}},
                    )
                    now = time.monotonic()
                    with self._lock:
                        for hit in resp["hits"]["hits"]:
                            self.seen.setdefault(hit["_id"], now)
                except Exception:  # index not created yet
                    pass
            time.sleep(0.1)

    def wait(self, ids: Sequence[str], timeout: float = 600) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if all(i in self.seen for i in ids):
                    return
            time.sleep(0.1)
        raise TimeoutError(f"{sum(i not in self.seen for i in ids)} articles never searchable")

    def latencies(self, ids: Sequence[str]) -> list[float]:
        return [self.seen[i] - self.sent[i] for i in ids]

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.es.close()


Publish = Callable[[Sequence[RawArticle]], None]


def backlog(publish: Publish, arts: Sequence[RawArticle], probe: Searchable) -> float:
    """Produce everything at once; articles/s until the last one is searchable."""
    started = time.monotonic()
    for chunk in range(0, len(arts), 200):
        part = arts[chunk : chunk + 200]
        probe.produced([a.id for a in part])
        publish(part)
    probe.wait([a.id for a in arts])
    return len(arts) / (max(probe.seen[a.id] for a in arts) - started)


def steady(
    publish: Publish, arts: Sequence[RawArticle], probe: Searchable, rate: float
) -> list[float]:
    """Produce at `rate` articles/s in 100 ms ticks; return per-article latencies.

    Latency counts from when an article was due, not when the producer got to it: the
    inline mode processes inside `publish`, so a slow pipeline delays its own producer,
    and timing from the actual send would hide that queueing (coordinated omission).
    """
    per_tick = max(1, round(rate / 10))
    started = time.monotonic()
    for tick, chunk in enumerate(range(0, len(arts), per_tick)):
        due = started + tick * 0.1
        time.sleep(max(0.0, due - time.monotonic()))
        part = arts[chunk : chunk + per_tick]
        probe.produced([a.id for a in part], at=due)
        publish(part)
    probe.wait([a.id for a in arts])
    return probe.latencies([a.id for a in arts])


def summary(rate: float, lat: list[float]) -> dict[str, float]:
    return {
        "throughput_per_s": round(rate, 1),
        "p50_s": round(quantile(lat, 0.5), 3),
        "p95_s": round(quantile(lat, 0.95), 3),
    }


def run_kafka(
    bootstrap: str,
    es_url: str,
    alias: str,
    arts: list[RawArticle],
    n: int,
    rate: float,
    enrich_workers: int,
    logs: Path,
    profile: Path | None = None,
) -> dict[str, float]:
    bus = KafkaBus(bootstrap)
    bus.ensure_topics(
        [TOPIC_RAW, TOPIC_ENRICHED, TOPIC_ALERTS, f"{TOPIC_RAW}.dlq", f"{TOPIC_ENRICHED}.dlq"],
        partitions=6,
    )
    env = {
        **os.environ,
        "PANTAU_KAFKA__BOOTSTRAP": bootstrap,
        "PANTAU_ELASTICSEARCH__URL": es_url,
        "PANTAU_ELASTICSEARCH__ALIAS": alias,
        "PANTAU_KAFKA__PARTITIONS": "6",
    }
    procs: list[tuple[subprocess.Popen[bytes], int]] = []
    for stage in ["enrich"] * enrich_workers + ["index"]:
        port = services_free_port()
        with (logs / f"{stage}-{port}.log").open("wb") as out:
            cmd = [sys.executable, "-m", "pantau.cli", "worker", stage, "--metrics-port", str(port)]
            if profile is not None:
                cmd += ["--profile", str(profile / f"{stage}-{port}.prof")]
            procs.append((subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=out), port))
    try:
        _wait_ready([p for _, p in procs])

        def publish(part: Sequence[RawArticle]) -> None:
            for a in part:
                bus.publish(TOPIC_RAW, a.to_bytes(), key=a.id)
            bus.flush()

        probe = Searchable(es_url, alias)
        through = backlog(publish, arts[:n], probe)
        lat = steady(publish, arts[n:], probe, rate)
        probe.close()
        return summary(through, lat)
    finally:
        for proc, _ in procs:
            proc.send_signal(signal.SIGTERM)
        for proc, _ in procs:
            proc.wait(30)
        bus.close()


def run_inline(
    es_url: str,
    alias: str,
    arts: list[RawArticle],
    n: int,
    rate: float,
    profile: Path | None = None,
) -> dict[str, float]:
    from nlp.pipeline import load_pipeline
    from pipeline.bus import InlineBus
    from pipeline.events import EnrichedArticle
    from pipeline.runner import StageRunner
    from pipeline.stages.enrich import EnrichStage
    from pipeline.stages.index import IndexStage
    from search.elastic import ElasticsearchBackend

    backend = ElasticsearchBackend(es_url, alias=alias)
    backend.ensure()
    bus = InlineBus(batch_size=100)
    StageRunner(
        EnrichStage(load_pipeline()), bus, source=TOPIC_RAW, model=RawArticle, sink=TOPIC_ENRICHED
    ).attach()
    StageRunner(IndexStage(backend), bus, source=TOPIC_ENRICHED, model=EnrichedArticle).attach()

    def publish(part: Sequence[RawArticle]) -> None:
        for a in part:
            bus.publish(TOPIC_RAW, a.to_bytes(), key=a.id)
        bus.flush()

    probe = Searchable(es_url, alias)
    prof = cProfile.Profile() if profile is not None else None
    if prof is not None:
        prof.enable()
    through = backlog(publish, arts[:n], probe)
    lat = steady(publish, arts[n:], probe, rate)
    if prof is not None and profile is not None:
        prof.disable()
        prof.dump_stats(profile / "inline.prof")
    probe.close()
    return summary(through, lat)


# Where a worker's time goes: (label, file suffix, function) summed as cumulative time.
PROFILE_PARTS = [
    ("nlp (nlp.analyze)", "nlp/analyze.py", "analyze"),
    ("enrich: events from analyses", "pipeline/stages/enrich.py", "_enriched"),
    ("decode (json + pydantic)", "pipeline/events.py", "decode"),
    ("encode (to_bytes)", "pipeline/events.py", "to_bytes"),
    ("es documents (to_document)", "search/elastic_query.py", "to_document"),
    ("es bulk (whole upsert)", "search/elastic.py", "upsert"),
    ("kafka poll", "kafka/consumer/group.py", "poll"),
    ("kafka flush (acks)", "pipeline/kafka.py", "flush"),
    ("kafka commit", "pipeline/kafka.py", "_commit"),
    ("lag metrics", "pipeline/kafka.py", "_update_lag"),
    ("inline: sleeping between ticks", "~", "<built-in method time.sleep>"),
]


def profile_summary(path: Path) -> dict[str, float]:
    """Seconds per PROFILE_PARTS label (cumulative; parts may nest) plus the total."""
    stats = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    total = sum(tt for (_, _, tt, _, _) in stats.values())
    out = {"total": round(total, 2)}
    for label, suffix, func in PROFILE_PARTS:
        cum = sum(v[3] for (f, _, fn), v in stats.items() if f.endswith(suffix) and fn == func)
        if cum:
            out[label] = round(cum, 2)
    return out


def services_free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_ready(ports: list[int], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if all(
                any(
                    n == "pantau_assigned_partitions" and v > 0
                    for (n, _), v in scrape(f"127.0.0.1:{p}").items()
                )
                for p in ports
            ):
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError("workers did not join their groups")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=2000, help="backlog size (throughput)")
    parser.add_argument("--rate", type=float, default=100.0, help="steady rate (latency), per s")
    parser.add_argument("--seconds", type=float, default=20.0, help="steady phase length")
    parser.add_argument("--enrich-workers", type=int, default=1)
    parser.add_argument("--kafka-port", type=int, default=0, help="0: start a private pair")
    parser.add_argument("--es-port", type=int, default=0)
    parser.add_argument(
        "--profile", type=Path, help="cProfile the workers and the inline run into this dir"
    )
    args = parser.parse_args()
    run = uuid.uuid4().hex[:8]
    steady_n = int(args.rate * args.seconds)
    arts = generate(run, args.articles + steady_n)
    inline_arts = generate(f"{run}i", args.articles + steady_n)  # same texts, other ids
    state = Path(tempfile.mkdtemp(prefix="pantau-bench-"))
    if args.profile is not None:
        args.profile.mkdir(parents=True, exist_ok=True)
    private = not args.kafka_port
    kport = args.kafka_port or _free_pair(1)
    eport = args.es_port or _free_pair(100)
    if private:
        services.up(
            state, kafka_port=kport, es_port=eport, names=(services.KAFKA, services.ELASTICSEARCH)
        )
    try:
        es_url = f"http://127.0.0.1:{eport}"
        kafka = run_kafka(
            f"127.0.0.1:{kport}",
            es_url,
            f"bench-k-{run}",
            arts,
            args.articles,
            args.rate,
            args.enrich_workers,
            state,
            args.profile,
        )
        inline = run_inline(
            es_url, f"bench-i-{run}", inline_arts, args.articles, args.rate, args.profile
        )
    finally:
        if private:
            services.down(state)
    size = sum(len(a.body) for a in arts) / len(arts)
    result: dict[str, object] = {
        "articles": args.articles,
        "steady_articles": steady_n,
        "rate": args.rate,
        "avg_body_chars": round(size),
        "enrich_workers": args.enrich_workers,
        "kafka": kafka,
        "inline": inline,
        "throughput_ratio_kafka_over_inline": round(
            kafka["throughput_per_s"] / inline["throughput_per_s"], 2
        ),
    }
    if args.profile is not None:
        result["profile_seconds"] = {
            p.stem: profile_summary(p) for p in sorted(args.profile.glob("*.prof"))
        }
    print(json.dumps(result, indent=2))
    return 0


def _free_pair(offset: int) -> int:
    import socket

    for _ in range(100):
        port = random.randint(20000, 40000)
        ok = True
        for p in (port, port + offset):
            with socket.socket() as s:
                try:
                    s.bind(("127.0.0.1", p))
                except OSError:
                    ok = False
        if ok:
            return port
    raise RuntimeError("no free port")


if __name__ == "__main__":
    sys.exit(main())
