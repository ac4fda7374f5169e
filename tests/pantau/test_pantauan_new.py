"""What counts as new in a saved search: after the last visit, late arrivals, moving dates."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pantau.pantauan.run import count_new, visit_now
from pipeline.events import EnrichedArticle
from search.backend import SearchBackend
from store.saved import SavedSearch
from tests.search.fixtures import article, open_backend

NOW = datetime.now(UTC)


def at(n: int, days_ago: float) -> EnrichedArticle:
    doc = article(n, f"Baliho liar {n}", "Baliho calon dicopot petugas.")
    when = NOW - timedelta(days=days_ago)
    return doc.model_copy(update={"article": doc.article.model_copy(update={"published_at": when})})


def saved(params: list[tuple[str, str]], visit: datetime, count: int) -> SavedSearch:
    return SavedSearch(1, 1, "uji", params, 0.0, 0.0, visit.timestamp(), count, None, None)


@pytest.fixture(params=["sqlite", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SearchBackend]:
    es = request.getfixturevalue("es_url") if request.param == "elasticsearch" else ""
    with open_backend(request.param, tmp_path, f"new-{uuid.uuid4().hex[:8]}", [], es) as b:
        yield b


def test_after_the_visit_and_late_arrivals_are_new(backend: SearchBackend):
    backend.upsert([at(1, 2.0), at(2, 1.5)])
    visit = visit_now(backend, [("q", "baliho")])
    assert visit.count == 2
    s = saved([("q", "baliho")], datetime.fromtimestamp(visit.at, UTC), visit.count)
    assert count_new(backend, s) == 0
    # published after the visit; published a day before it but crawled only now; too old
    backend.upsert([at(3, -0.001), at(4, 1.0), at(5, 4.0)])
    assert count_new(backend, s) == 2


def test_a_relative_date_moving_on_hides_nothing_new(backend: SearchBackend):
    """Seen five days ago with `since=7d`: one hit then (7.5 days old now) has left the
    saved dates since; the hit published yesterday is still new."""
    backend.upsert([at(1, 7.5), at(2, 1.0)])
    s = saved([("q", "baliho"), ("since", "7d")], NOW - timedelta(days=5), count=1)
    assert count_new(backend, s) == 1
