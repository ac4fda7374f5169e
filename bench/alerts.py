"""Alert latency: an article entering articles.raw -> the webhook receiving its alert.

Kafka mode runs the enrich and alert stages as two in-process workers (one KafkaBus
each, default poll timeouts, like `pantau worker enrich|alert`) on fresh topics, with
the alert dispatcher in its background thread; the inline baseline runs the same stages
on an InlineBus in the same run. Each article is a distinct ASN-neutrality story, sent
one at a time at `--interval`, so the figure is end-to-end latency, not throughput.

    .venv/bin/python -m bench.alerts --articles 40    # needs `pantau services up`

(Run it as a module: as a script its own directory would shadow the `alerts` package.)
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from pantau.config import AlertSettings, KafkaSettings, Settings
from pantau.wiring import build_alert_stage, build_dispatcher
from pipeline.bus import Bus, InlineBus
from pipeline.events import EnrichedArticle, RawArticle, article_id, dlq_topic
from pipeline.fingerprint import simhash
from pipeline.runner import StageRunner
from pipeline.stages.enrich import EnrichStage

PLACES = ["Jakarta Utara", "Kabupaten Bogor", "Kota Bandung", "Kabupaten Sleman",
          "Kota Surabaya", "Kabupaten Gowa", "Kota Medan", "Kabupaten Badung"]  # fmt: skip
ROLES = ["camat", "lurah", "kepala dinas", "sekretaris daerah", "kepala sekolah"]
ACTS = [
    "berfoto bersama pasangan calon sambil mengacungkan dua jari",
    "ikut berkampanye untuk pasangan calon bupati di depan warga",
    "mengajak pegawai memilih calon petahana dalam rapat dinas",
    "mengunggah dukungan kepada pasangan calon di media sosial",
]
SYLLABLES = ["ba", "di", "ka", "lu", "ma", "ne", "ri", "sa", "to", "wi", "ja", "pe", "ru", "gi",
             "ho", "ce", "fu", "ya", "zo", "ke"]  # fmt: skip


def filler(rng: random.Random, n: int) -> str:
    """Made-up words: bench stories must differ as much as real ones (SimHash > 12 bits
    apart), which a template with a small vocabulary does not."""
    return " ".join("".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(n))


def story(i: int, rng: random.Random) -> RawArticle:
    place, role, act = rng.choice(PLACES), rng.choice(ROLES), rng.choice(ACTS)
    words = filler(rng, 250)
    body = (
        f"Bawaslu {place} memeriksa seorang {role} yang diduga melanggar netralitas ASN "
        f"menjelang Pilkada 2024 setelah {role} itu {act}.\n\n"
        f"Menurut laporan nomor {i}, kejadian itu terekam di {words}.\n\n"
        f'"ASN dilarang terlibat politik praktis," kata Ketua Bawaslu {place}.'
    )
    url = f"https://bench.example/berita/{uuid.uuid4().hex}"
    return RawArticle(
        id=article_id(url),
        url=url,
        source="bench",
        host="bench.example",
        title=f"Bawaslu {place} periksa {role} yang diduga tidak netral ({i})",
        body=body,
        fingerprint=simhash(body),
    )


class Receiver:
    """Local webhook endpoint: article id -> monotonic arrival time."""

    def __init__(self) -> None:
        self.arrived: dict[str, float] = {}
        self.posts = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                now = time.monotonic()
                receiver.posts += 1
                receiver.arrived.setdefault(json.loads(body)["article_id"], now)
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"

    def wait_for(self, key: str, timeout: float) -> float | None:
        deadline = time.monotonic() + timeout
        while key not in self.arrived and time.monotonic() < deadline:
            time.sleep(0.002)
        return self.arrived.get(key)


def settings_for(tmp: Path, receiver: Receiver, bootstrap: str) -> Settings:
    rules = tmp / "rules.yaml"
    rules.write_text(f"channels:\n  hook: {{type: webhook, url: '{receiver.url}'}}\n"
                     "rules:\n  - id: semua_asn\n    topics: [netralitas_asn]\n"
                     "    channels: [hook]\n")  # fmt: skip
    alerts = AlertSettings(rules_file=rules, webhook_secret="bench", default_rule=False)
    return Settings(data_dir=tmp, alerts=alerts, kafka=KafkaSettings(bootstrap=bootstrap))


def measure(
    publish: Callable[[RawArticle], None],
    receiver: Receiver,
    articles: list[RawArticle],
    interval: float,
    timeout: float,
) -> tuple[list[float], int]:
    latencies, missing = [], 0
    for article in articles:
        start = time.monotonic()
        publish(article)
        arrived = receiver.wait_for(article.id, timeout)
        if arrived is None:
            missing += 1
        else:
            latencies.append(arrived - start)
        time.sleep(interval)
    return latencies, missing


def measure_burst(
    publish: Callable[[RawArticle], None],
    receiver: Receiver,
    articles: list[RawArticle],
    timeout: float,
) -> tuple[list[float], int]:
    """All articles at once (a crawl cycle landing): latency includes queueing."""
    started = {}
    for article in articles:
        started[article.id] = time.monotonic()
        publish(article)
    deadline = time.monotonic() + timeout
    for article in articles:
        receiver.wait_for(article.id, max(0.0, deadline - time.monotonic()))
    arrived = {k: receiver.arrived[k] - t for k, t in started.items() if k in receiver.arrived}
    return list(arrived.values()), len(articles) - len(arrived)


def run_inline(enrich: EnrichStage, articles: list[RawArticle], args: Any) -> dict[str, Any]:
    receiver = Receiver()
    with tempfile.TemporaryDirectory() as d:
        settings = settings_for(Path(d), receiver, args.bootstrap)
        bus = InlineBus()
        dispatcher = _alert_worker(settings, bus, "articles.enriched.v1", None)
        StageRunner(enrich, bus, source="articles.raw.v1", model=RawArticle,
                    sink="articles.enriched.v1").attach("bench-enrich")  # fmt: skip

        def publish(a: RawArticle) -> None:
            bus.publish("articles.raw.v1", a.to_bytes(), key=a.id)
            bus.flush()

        lat, missing = measure(publish, receiver, articles, args.interval, args.timeout)
        dispatcher.stop()
    return summary("inline", lat, missing, receiver)


def run_kafka(enrich: EnrichStage, articles: list[RawArticle], args: Any) -> list[dict[str, Any]]:
    from pipeline.kafka import KafkaBus

    receiver = Receiver()
    run = uuid.uuid4().hex[:8]
    raw, enriched, alerts = (f"bench-{run}.{n}" for n in ("raw", "enriched", "alerts"))
    producer = KafkaBus(args.bootstrap)
    topics = [raw, enriched, alerts, dlq_topic(raw), dlq_topic(enriched)]
    producer.ensure_topics(topics, partitions=args.partitions)
    with tempfile.TemporaryDirectory() as d:
        settings = settings_for(Path(d), receiver, args.bootstrap)
        enrich_bus = KafkaBus(args.bootstrap, batch_size=args.batch_size)
        alert_bus = KafkaBus(args.bootstrap, batch_size=args.batch_size)
        StageRunner(enrich, enrich_bus, source=raw, model=RawArticle, sink=enriched).attach(
            f"bench-{run}-enrich"
        )
        dispatcher = _alert_worker(settings, alert_bus, enriched, alerts, group=f"bench-{run}")
        stop = threading.Event()
        threads = [threading.Thread(target=b.run, args=(stop,), daemon=True)
                   for b in (enrich_bus, alert_bus)]  # fmt: skip
        for t in threads:
            t.start()

        def publish(a: RawArticle) -> None:
            producer.publish(raw, a.to_bytes(), key=a.id)
            producer.flush()  # acknowledged by the broker: the article has "entered" the topic

        # Consumer groups join and get partitions first; that is start-up, not latency.
        warm = [story(-1 - i, random.Random(i)) for i in range(2)]
        measure(publish, receiver, warm, 0.0, 60.0)
        lat, missing = measure(publish, receiver, articles, args.interval, args.timeout)
        posts = receiver.posts - len(warm)
        burst = [story(10_000 + i, random.Random(10_000 + i)) for i in range(args.burst)]
        b_lat, b_missing = measure_burst(publish, receiver, burst, args.timeout * 5)
        stop.set()
        for t in threads:
            t.join(30)
        enrich_bus.close()
        alert_bus.close()
        producer.close()
        dispatcher.stop()
    receiver.posts = posts
    mode = f"kafka ({args.partitions} partitions, batches of {args.batch_size})"
    results = [summary(mode, lat, missing, receiver)]
    if burst:
        receiver.posts = len(b_lat)
        results.append(summary(f"{mode}, burst of {len(burst)}", b_lat, b_missing, receiver))
    return results


def _alert_worker(
    settings: Settings, bus: Bus, source: str, sink: str | None, group: str = "bench"
) -> Any:
    dispatcher = build_dispatcher(settings)
    stage = build_alert_stage(settings, store=dispatcher.store, rules=dispatcher.rules)
    stage.notify = dispatcher.poke
    StageRunner(stage, bus, source=source, model=EnrichedArticle, sink=sink).attach(
        f"{group}-alert"
    )
    dispatcher.start()
    return dispatcher


def summary(mode: str, lat: list[float], missing: int, receiver: Receiver) -> dict[str, Any]:
    lat = sorted(lat)
    q = statistics.quantiles(lat, n=100, method="inclusive") if len(lat) > 1 else lat * 99
    return {
        "mode": mode,
        "alerts": len(lat),
        "missing": missing,
        "posts": receiver.posts,
        "p50_ms": round(q[49] * 1000, 1),
        "p95_ms": round(q[94] * 1000, 1),
        "max_ms": round(lat[-1] * 1000, 1) if lat else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--interval", type=float, default=0.2, help="pause between articles")
    parser.add_argument("--timeout", type=float, default=20.0, help="per-article wait")
    parser.add_argument("--partitions", type=int, default=3)
    parser.add_argument("--bootstrap", default="127.0.0.1:9092")
    parser.add_argument("--burst", type=int, default=50, help="then N at once (0: skip)")
    parser.add_argument("--batch-size", type=int, default=100, help="KafkaBus max poll records")
    parser.add_argument("--skip-kafka", action="store_true")
    args = parser.parse_args(argv)

    from nlp.pipeline import load_pipeline

    enrich = EnrichStage(load_pipeline())
    rng = random.Random(7)
    results = [run_inline(enrich, [story(i, rng) for i in range(args.articles)], args)]
    if not args.skip_kafka:
        results += run_kafka(enrich, [story(i, rng) for i in range(args.articles)], args)
    for r in results:
        print(json.dumps(r))
    return 0 if all(r["missing"] == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
