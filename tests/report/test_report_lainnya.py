"""The report's topic chart: "lainnya" counts each article in none of the shown topics once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from alerts.store import AlertStore
from pantau.charts import OTHERS
from pantau.report.model import NEUTRALITY
from pantau.report.service import make_report
from pipeline.events import EnrichedArticle
from search.backend import SearchBackend
from tests.report.fixtures import OFFICE
from tests.search.fixtures import article, open_backend

DAY = date(2024, 12, 10)  # 10:00 WIB (the fixture's 03:00 UTC) of the day
# six topics held by two articles or more (the engine's top six), then articles that
# hold only smaller ones: two small topics in one article, a neutrality topic beside a
# small one (shown anyway), and no topic at all
TOPICS = [
    {"kampanye": 0.9, "apk": 0.9},
    {"kampanye": 0.9, "apk": 0.9, "logistik": 0.9},
    {"kampanye": 0.9, "logistik": 0.9, "debat": 0.9},
    {"debat": 0.9, "pengawasan_tps": 0.9, "politik_uang": 0.9},
    {"pengawasan_tps": 0.9, "politik_uang": 0.9},
    {"dana_kampanye": 0.9, "hoaks": 0.9},
    {"netralitas_asn": 0.9, "sara": 0.9},
    {},
]


def _docs() -> list[EnrichedArticle]:
    return [
        article(200 + n, f"Berita uji {n}", f"Isi uji {n}.", day=10, hour=3, topics=topics)
        for n, topics in enumerate(TOPICS)
    ]


@pytest.fixture(params=["sqlite", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def engine(
    request: pytest.FixtureRequest, tmp_path: Path, unique: str, es_url: str
) -> Iterator[SearchBackend]:
    with open_backend(request.param, tmp_path, unique, _docs(), es_url) as backend:
        yield backend


def test_lainnya_counts_the_articles_in_none_of_the_shown_topics_once(
    engine: SearchBackend, store: AlertStore
) -> None:
    r = make_report(engine, store, OFFICE, "daily", DAY, now=datetime(2024, 12, 11, tzinfo=UTC))
    series = {s.name: s.counts[-1] for s in r.by_topic}  # the report's day is the last
    shown = set(series) - {OTHERS}
    assert "netralitas_asn" in shown and series["netralitas_asn"] == 1  # pinned, though small
    assert {s.name for s in r.by_topic if s.highlight} == shown & set(NEUTRALITY)
    assert len(shown - set(NEUTRALITY)) == 6
    # every article is in a shown series or in "lainnya", and "lainnya" holds each once
    expected = sum(1 for t in TOPICS if not set(t) & shown)
    assert series[OTHERS] == expected == 2  # two small topics in one article; no topic
    assert sum(sum(s.counts[:-1]) for s in r.by_topic) == 0  # nothing on the other days
