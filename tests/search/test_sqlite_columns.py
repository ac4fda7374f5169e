"""The SQLite backend's in-memory columns follow every write, from any connection."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from pipeline.events import EnrichedArticle
from search.query import SearchQuery
from search.sqlite import SqliteBackend
from search.sqlite_columns import Columns
from tests.search.fixtures import MORE, article

M = {int(d.article.url.rsplit("-", 1)[1]): d.id for d in MORE}


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[SqliteBackend, SqliteBackend]]:
    """A writer and a reader on one file, as the index worker and `pantau serve` are."""
    writer, reader = (
        SqliteBackend(tmp_path / "index.sqlite3"),
        SqliteBackend(tmp_path / "index.sqlite3"),
    )
    writer.ensure()
    reader.ensure()
    writer.upsert(MORE)
    yield writer, reader
    writer.close()
    reader.close()


def _facet(b: SqliteBackend, kind: str, **filters: object) -> dict[str, int]:
    found = b.search(SearchQuery(**filters)).facets[kind]  # type: ignore[arg-type]
    return {f.value: f.count for f in found}


def _ids(b: SqliteBackend, **filters: object) -> list[str]:
    return [h.id for h in b.search(SearchQuery(limit=50, **filters)).hits]  # type: ignore[arg-type]


def _moved(doc: EnrichedArticle, **changes: object) -> EnrichedArticle:
    return doc.model_copy(update={"article": doc.article.model_copy(update=changes)})


def test_another_connections_insert_is_seen(pair: tuple[SqliteBackend, SqliteBackend]) -> None:
    writer, reader = pair
    assert reader.search(SearchQuery()).total == len(MORE)  # the columns are loaded now
    writer.upsert([article(200, "Rapat pleno", "Rapat pleno KPU.", source="rmol", day=20)])
    result = reader.search(SearchQuery(sort="date"))
    assert result.total == len(MORE) + 1
    assert result.hits[0].source == "rmol"
    assert _facet(reader, "sources", sources=["rmol"]) == {"rmol": 1}


def test_another_connections_update_is_seen(pair: tuple[SqliteBackend, SqliteBackend]) -> None:
    writer, reader = pair
    assert _ids(reader, roles=["candidate"]) == [M[103]]
    old = MORE[2]  # 103: kampanye, 32.01, a candidate, 9 December
    new = _moved(old, source="tempo", published_at=datetime(2024, 12, 30, tzinfo=UTC))
    new = new.model_copy(update={"entities": [], "topics": [], "region": None})
    writer.upsert([new])
    assert _ids(reader, roles=["candidate"]) == []
    assert _ids(reader, sort="date")[0] == M[103]
    assert _ids(reader, topics=["kampanye"], sources=["antara"]) == [M[104], M[101]]
    assert _facet(reader, "sources")["tempo"] == 1
    assert set(_ids(reader, regions=["32.01"])) == {M[104], M[105]}


def test_another_connections_delete_is_seen(
    pair: tuple[SqliteBackend, SqliteBackend], tmp_path: Path
) -> None:
    _, reader = pair
    assert M[102] in _ids(reader, text="baliho")
    db = sqlite3.connect(tmp_path / "index.sqlite3")
    with db:  # by hand: the backend has no delete; the triggers log it all the same
        rid = db.execute("SELECT rid FROM articles WHERE id = ?", (M[102],)).fetchone()[0]
        for table in ("articles", "article_texts", "article_facets"):
            db.execute(f"DELETE FROM {table} WHERE rid = ?", (rid,))
    db.close()
    assert _ids(reader, text="baliho") == []
    assert reader.search(SearchQuery()).total == len(MORE) - 1
    assert "detik" not in _facet(reader, "sources")


def test_a_rolled_back_write_is_not_seen(pair: tuple[SqliteBackend, SqliteBackend]) -> None:
    writer, reader = pair
    reader.search(SearchQuery())
    writer._db.execute(
        "CREATE TEMP TRIGGER boom BEFORE INSERT ON article_facets "
        "BEGIN SELECT RAISE(ABORT, 'boom'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        writer.upsert([article(201, "Batal", "Batal.", source="rmol", topics={"debat": 1.0})])
    assert reader.search(SearchQuery()).total == len(MORE)
    assert "rmol" not in _facet(reader, "sources")


def test_own_writes_and_reindex_are_seen(pair: tuple[SqliteBackend, SqliteBackend]) -> None:
    writer, reader = pair
    assert writer.search(SearchQuery(election_related=False)).total == 1
    writer.upsert([MORE[0].model_copy(update={"election_related": False})])
    assert writer.search(SearchQuery(election_related=False)).total == 2
    before = reader.search(SearchQuery(sort="date", limit=50))
    assert writer.reindex() == len(MORE)
    after = reader.search(SearchQuery(sort="date", limit=50))
    assert after.model_dump(exclude={"took_ms"}) == before.model_dump(exclude={"took_ms"})


def test_a_reader_behind_the_pruned_log_reloads_everything(
    pair: tuple[SqliteBackend, SqliteBackend],
) -> None:
    writer, reader = pair
    reader.search(SearchQuery())
    writer.upsert([_moved(MORE[5], source="rmol")])  # 106
    writer.upsert([article(202, "Baru", "Baru.", source="tempo")])
    with writer._db:  # as if CHANGES_KEPT writes had passed since the reader's last look
        writer._db.execute("DELETE FROM changes WHERE seq < (SELECT max(seq) FROM changes)")
    assert _facet(reader, "sources", sources=["rmol", "tempo"]) == {"rmol": 1, "tempo": 1}
    assert reader.search(SearchQuery()).total == len(MORE) + 1


def test_articles_without_a_date_sort_last(tmp_path: Path) -> None:
    b = SqliteBackend(tmp_path / "index.sqlite3")
    b.ensure()
    undated = _moved(MORE[1], published_at=None)
    b.upsert([MORE[0], undated, MORE[2]])
    assert _ids(b, sort="date") == [M[103], M[101], M[102]]
    first = b.search(SearchQuery(sort="date", limit=2))
    rest = b.search(SearchQuery(sort="date", limit=2, cursor=first.next_cursor))
    assert [h.id for h in rest.hits] == [M[102]]
    assert _ids(b, since=MORE[0].article.published_at) == [M[103], M[101]]
    b.close()


def test_incremental_columns_equal_a_fresh_load(pair: tuple[SqliteBackend, SqliteBackend]) -> None:
    writer, reader = pair
    reader.search(SearchQuery())
    for n in range(30):  # rewrites and new articles, enough for the code list to compact
        doc = MORE[n % len(MORE)]
        writer.upsert([_moved(doc, source=f"s{n % 4}"), article(300 + n, "Baru", "Baru.")])
    reader.search(SearchQuery())
    fresh = Columns()
    fresh.refresh(reader._db)
    kept = reader._search.cols
    assert kept.dead < kept.used  # compacted at least once on the way
    live = np.flatnonzero(fresh.live)
    assert np.array_equal(np.flatnonzero(kept.live), live)
    for name in ("pub", "dated", "election", "ids", "origins"):
        assert np.array_equal(getattr(kept, name)[live], getattr(fresh, name)[live]), name
    regions = [kept.regions[i] for i in kept.region[live]]
    assert regions == [fresh.regions[i] for i in fresh.region[live]]
    for rid in live:
        mine = kept.codes[kept.start[rid] : kept.start[rid] + kept.count[rid]]
        theirs = fresh.codes[fresh.start[rid] : fresh.start[rid] + fresh.count[rid]]
        assert mine.tolist() == theirs.tolist()


def test_counts_over_everything_follow_writes(pair: tuple[SqliteBackend, SqliteBackend]) -> None:
    """Facets and histogram of a search without conditions are kept between searches
    (counted once over a million articles): a write elsewhere must still show, also one
    that leaves the number of articles as it was."""
    writer, reader = pair
    everything = SearchQuery(histogram="day", sort="date")
    before = reader.search(everything)
    assert reader.search(everything).model_dump(exclude={"took_ms"}) == before.model_dump(
        exclude={"took_ms"}
    )
    moved = _moved(MORE[0], source="rmol", published_at=datetime(2024, 12, 20, 2, tzinfo=UTC))
    writer.upsert([moved])
    after = reader.search(everything)
    assert after.total == before.total
    assert {f.value: f.count for f in after.facets["sources"]}["rmol"] == 1
    assert after.histogram is not None
    assert {b.date: b.count for b in after.histogram.buckets}["2024-12-20"] == 1
