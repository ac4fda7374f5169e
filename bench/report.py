"""Report benchmark: render time and PDF size of a daily and a weekly report.

    .venv/bin/python bench/report.py                 # targets: 500 + 20 daily, 5,000 weekly
    .venv/bin/python bench/report.py --png docs/report-sample.png

Seeded articles are indexed into a fresh SQLite index with a real alert store: a day of
500 articles in Kota Jakarta Utara with 20 alerts (plus the six days before, for the
charts and the previous period), a week of 5,000 articles across DKI Jakarta's cities
(plus the week before), and other provinces around them. Each report is timed from the
data to the PDF bytes (gathering through SearchQuery and the alert feed, charts, HTML,
WeasyPrint), three runs after a warm-up; the same run times an empty period's report as
the baseline (the fixed cost of WeasyPrint and the template).
"""

from __future__ import annotations

import argparse
import logging
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from alerts.stage import AlertStage
from bench.search import OTHER, PERSONS, POOLS, SOURCES, _filler
from pantau.config import Settings
from pantau.report import render
from pantau.report.service import make_report
from pantau.web.view import topic_labels
from pantau.wiring import build_alert_rules, build_alert_store, build_backend
from pipeline.events import EnrichedArticle, Entity, RawArticle, Region, TopicHit, article_id

DAY = date(2024, 11, 25)  # a Monday in masa tenang
WEEK = date(2024, 11, 4)  # a Monday: the weekly case (DAY's charts reach back to the 19th)
JAKARTA = [
    ("31.71", "Jakarta Pusat"),
    ("31.72", "Jakarta Utara"),
    ("31.73", "Jakarta Barat"),
    ("31.74", "Jakarta Selatan"),
    ("31.75", "Jakarta Timur"),
]
ELSEWHERE = [("32.73", "Kota Bandung"), ("33.74", "Kota Semarang"), ("73.71", "Kota Makassar")]
TOPICS = [t for t in POOLS if t != "netralitas_asn" and t in topic_labels()]


class Maker:
    """Seeded articles; `n` keeps urls (ids) unique over the whole run."""

    def __init__(self, seed: int = 11) -> None:
        self.rnd = random.Random(seed)
        self.n = 0
        self.stories: list[tuple[str, str, str]] = []

    def day(
        self, day: date, count: int, regions: list[tuple[str, str]], alerts: int = 0
    ) -> Iterator[EnrichedArticle]:
        for i in range(count):
            yield self.article(day, self.rnd.choice(regions), neutral=i < alerts)

    def article(self, day: date, region: tuple[str, str], *, neutral: bool) -> EnrichedArticle:
        rnd = self.rnd
        self.n += 1
        origin = None
        topic = "netralitas_asn" if neutral else rnd.choice(TOPICS) if rnd.random() < 0.7 else None
        if not neutral and self.stories and rnd.random() < 0.15:  # a syndicated copy
            title, body, origin = rnd.choice(self.stories[-50:])
        else:
            pool = POOLS[topic] if topic else OTHER
            sents = [s.format(r=region[1]) for s in rnd.sample(pool, min(2, len(pool)))]
            sents += [_filler(rnd, region[1]) for _ in range(6)]
            title = sents[0].rstrip(".")
            body = "\n\n".join(" ".join(sents[j : j + 2]) for j in range(0, 8, 2))
        source = rnd.choice(SOURCES)
        url = f"https://www.{source}.example/berita/{self.n}/artikel-{self.n}"
        raw = RawArticle(
            id=article_id(url),
            url=url,
            source=source,
            host=f"www.{source}.example",
            title=title,
            body=body,
            fingerprint=f"{rnd.getrandbits(64):016x}",
            origin_id=origin,
            published_at=datetime.combine(day, datetime.min.time(), UTC)
            + timedelta(minutes=rnd.randrange(24 * 60) - 7 * 60),
        )
        if origin is None:
            self.stories.append((title, body, raw.id))
        people = [
            Entity(text=p, label="PERSON", canonical=p, role=role, start=0, end=1)  # type: ignore[arg-type]
            for p, role in rnd.sample(PERSONS, 2)
        ]
        score = 0.9 if neutral else round(0.5 + rnd.random() / 2, 2)
        evidence = [body.split("\n\n")[0][:200]]
        return EnrichedArticle(
            id=raw.id,
            article=raw,
            entities=people,
            topics=[TopicHit(id=topic, score=score, evidence=evidence)] if topic else [],
            region=Region(code=region[0], name=region[1], level="kota"),
            election_related=topic is not None,
            nlp_version="bench",
        )


def build(data_dir: Path) -> Settings:
    settings = Settings(data_dir=data_dir)
    maker = Maker()
    jakut = [JAKARTA[1]]
    batches: list[list[EnrichedArticle]] = [
        list(maker.day(DAY, 500, jakut, alerts=20)),
        *(list(maker.day(DAY - timedelta(days=d), 300, jakut, alerts=2)) for d in range(1, 7)),
        *(list(maker.day(WEEK + timedelta(days=d), 715, JAKARTA, alerts=3)) for d in range(7)),
        *(list(maker.day(WEEK - timedelta(days=7 - d), 430, JAKARTA)) for d in range(7)),
        list(maker.day(DAY, 3000, ELSEWHERE)),
    ]
    backend = build_backend(settings)
    store = build_alert_store(settings)
    stage = AlertStage(build_alert_rules(settings), store)
    for batch in batches:
        backend.upsert(batch)
        stage.process(batch)
    print(f"indexed {backend.count()} articles, {store.counts()['alerts']} alerts")
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    backend.close()
    store.close()
    return settings


def timed(settings: Settings, office: str, kind: str, day: date, runs: int) -> dict[str, float]:
    """Median wall and CPU seconds (CPU: what the 2-core machine's other load moves less)."""
    backend, store = build_backend(settings), build_alert_store(settings)
    gather, total, cpu, size = [], [], [], 0
    for i in range(runs + 1):
        started, cpu_start = time.perf_counter(), time.process_time()
        report = make_report(backend, store, office, kind, day)  # type: ignore[arg-type]
        gathered = time.perf_counter()
        pdf = render.pdf(report)
        if i:  # the first run warms caches (fonts, imports)
            gather.append(gathered - started)
            total.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_start)
        size = len(pdf)
    backend.close()
    store.close()
    c = report.current
    return {
        "articles": c.articles,
        "alerts": c.alerts,
        "gather_s": statistics.median(gather),
        "total_s": statistics.median(total),
        "max_s": max(total),
        "cpu_s": statistics.median(cpu),
        "pdf_kb": size / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--png", type=Path, help="write page 1 of the daily report here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = build(Path(tmp))
        cases = [
            ("baseline: empty day", "Bawaslu Kota Jakarta Utara", "daily", date(2024, 10, 1)),
            ("daily, 500 articles + 20 alerts", "Bawaslu Kota Jakarta Utara", "daily", DAY),
            ("weekly, province, 5,000 articles", "Bawaslu Provinsi DKI Jakarta", "weekly", WEEK),
        ]
        print(
            f"{'report':34} {'articles':>8} {'alerts':>6} {'gather s':>8} {'total s':>8} "
            f"{'max s':>6} {'CPU s':>6} {'PDF KB':>7}"
        )
        for name, office, kind, day in cases:
            r = timed(settings, office, kind, day, args.runs)
            print(
                f"{name:34} {r['articles']:8.0f} {r['alerts']:6.0f} {r['gather_s']:8.2f} "
                f"{r['total_s']:8.2f} {r['max_s']:6.2f} {r['cpu_s']:6.2f} {r['pdf_kb']:7.0f}"
            )
        if args.png:
            backend, store = build_backend(settings), build_alert_store(settings)
            report = make_report(backend, store, "Bawaslu Kota Jakarta Utara", "daily", DAY)
            pdf = Path(tmp) / "sample.pdf"
            pdf.write_bytes(render.pdf(report))
            stem = str(args.png.with_suffix(""))
            subprocess.run(
                ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "2", str(pdf), stem], check=True
            )
            print(f"pages 1-2 written next to {args.png}")


if __name__ == "__main__":
    main()
