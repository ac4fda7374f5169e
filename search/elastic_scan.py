"""Every hit of a query from Elasticsearch: one point in time, read in slices side by side.

A chain of `search_after` pages is one request after another, so an export of 100k
articles kept one of Elasticsearch's threads busy (its fetch phase costs ~30 us a hit)
while the server mostly waited. Here a point in time (PIT: the same articles for every
page, whatever is indexed meanwhile) is split into `SLICES` slices, each read as its
own `search_after` chain by a thread, and their pages, each in the query's sort order,
are merged by their sort values into that order (exact: the sort ends with the unique
id, and every slice scores against the same shard statistics).
"""

from __future__ import annotations

import contextlib
import heapq
import threading
from collections.abc import Callable, Generator, Iterator
from queue import Full, Queue
from typing import Any

from search.query import SearchHit
from search.scan import Scan

SLICES = 2
KEEP = "5m"  # how long the PIT outlives a request (a slow download waits between pages)
AHEAD = 2  # pages a slice reads ahead of the merge: memory stays flat
IDLE = 300.0  # seconds a reader waits for the merge to take a page before it gives up
Call = Callable[..., Any]
Key = tuple[Any, ...]


def sliced(
    call: Call,
    es: Any,
    index: str,
    body: dict[str, Any],
    limit: int,
    convert: Callable[[dict[str, Any]], SearchHit],
) -> Scan:
    """`body` (query, sort ending with id asc, `_source`, size) read through a PIT."""
    pit = call(es.open_point_in_time, index=index, keep_alive=KEEP)["id"]
    try:
        counted = call(
            es.search,
            pit={"id": pit, "keep_alive": KEEP},
            query=body["query"],
            size=0,
            track_total_hits=True,
        )
        total = int(counted["hits"]["total"]["value"])
    except BaseException:
        _close(es, pit)
        raise

    def start() -> list[_Slice]:
        return [_Slice(call, es, pit, body, n, convert) for n in range(SLICES)]

    return Scan(total, _merged(start, limit, int(body["size"]), lambda: _close(es, pit)))


def _key(values: list[Any], n: int) -> Key:
    """The first `n` sort values (the query's sort; a PIT adds `_shard_doc`) as an
    ascending key: all but the last (the id, ascending) are descending numbers
    (`_score`, `published_at` in ms; a missing date sorts last as Long.MIN_VALUE)."""
    return (*(-v for v in values[: n - 1]), values[n - 1])


def _merged(
    start: Callable[[], list[_Slice]], limit: int, size: int, close: Callable[[], None]
) -> Generator[list[SearchHit]]:
    """The slices' hits in order, `size` a page. The readers start with the first page
    asked for: a download never begun leaves only the PIT, which expires by itself."""
    page: list[SearchHit] = []
    left = limit
    slices: list[_Slice] = []
    try:
        slices = start()
        for _, hit in heapq.merge(*(s.hits() for s in slices), key=lambda kh: kh[0]):
            page.append(hit)
            left -= 1
            if len(page) == size or left == 0:
                yield page
                page = []
            if left == 0:
                return
        if page:
            yield page
    finally:  # the end, a cap, or the client went away: stop the readers, free the PIT
        for s in slices:
            s.stop.set()
        close()


class _Slice:
    """One slice's pages, read ahead by a thread into a small queue."""

    def __init__(
        self,
        call: Call,
        es: Any,
        pit: str,
        body: dict[str, Any],
        number: int,
        convert: Callable[[dict[str, Any]], SearchHit],
    ) -> None:
        self.stop = threading.Event()
        self._queue: Queue[list[tuple[Key, SearchHit]] | BaseException | None] = Queue(AHEAD)
        args = (call, es, pit, body, number, convert)
        name = f"pantau-scan-{number}"
        threading.Thread(target=self._read, args=args, name=name, daemon=True).start()

    def _read(
        self,
        call: Call,
        es: Any,
        pit: str,
        body: dict[str, Any],
        number: int,
        convert: Callable[[dict[str, Any]], SearchHit],
    ) -> None:
        after: list[Any] | None = None
        try:
            while not self.stop.is_set():
                request = {**body, "track_total_hits": False}
                request["pit"] = {"id": pit, "keep_alive": KEEP}
                request["slice"] = {"id": number, "max": SLICES}
                if after is not None:
                    request["search_after"] = after
                resp = call(es.search, **request)
                pit = resp.get("pit_id", pit)
                hits = resp["hits"]["hits"]
                n = len(body["sort"])
                if hits and not self._put([(_key(h["sort"], n), convert(h)) for h in hits]):
                    return
                if len(hits) < int(body["size"]):
                    break
                after = hits[-1]["sort"]
            self._put(None)
        except BaseException as exc:  # the merge raises it: the export ends incomplete
            self._put(exc)

    def _put(self, item: list[tuple[Key, SearchHit]] | BaseException | None) -> bool:
        """False when the merge stopped, or took nothing for as long as the PIT lives."""
        waited = 0.0
        while not self.stop.is_set() and waited < IDLE:
            try:
                self._queue.put(item, timeout=0.2)
                return True
            except Full:
                waited += 0.2
        return False

    def hits(self) -> Iterator[tuple[Key, SearchHit]]:
        while True:
            item = self._queue.get()  # the reader always ends with None or its error
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield from item


def _close(es: Any, pit: str) -> None:
    with contextlib.suppress(Exception):  # it expires by itself after KEEP
        es.close_point_in_time(id=pit)
