"""In-memory columns of the SQLite index, one slot per rowid, kept in step with the file.

Dates, regions, syndication groups, ids and facet codes of every article live in numpy
arrays, so a search's filters, sort, page and facet counts are array operations and
SQLite answers only the full-text part. The columns follow the index through its change
log (`changes`, written by triggers in the writing transaction): before each search, in
the search's read transaction, `refresh` reloads only the rows logged since the last
one, whichever connection or process wrote them.
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta

import numpy as np

PUB_NONE = -1  # the sort key of an article without a date (below every date)
ROWS = "SELECT rid, published_at, election_related, region, region_name, id, origin FROM articles"
# one row: the facet codes of the articles (rowid order) and how many each has
CODES = (
    "SELECT group_concat(rid), group_concat(codes), "
    "group_concat(length(codes) - length(replace(codes, ',', '')) + 1) "
    "FROM article_facets WHERE codes != ''"
)
CHANGED = "SELECT rid FROM changes WHERE seq > ?"
_NONE = "0000-00-00T00:00:00+00:00"  # stands in for a missing date while parsing
_ISO = np.frombuffer(_NONE.encode(), np.uint8)
_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]  # of YYYY-MM-DDTHH:MM:SS+00:00


@contextmanager
def paused_gc() -> Iterator[None]:
    """For reading many rows: each row is a new tuple, and every few hundred of them would
    start a garbage collection that finds nothing (it doubled the time of fetching
    15k (rowid, bm25) rows)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def pub_keys(values: Sequence[str | None]) -> np.ndarray:
    """Stored UTC times (`iso()` text) as int64 YYYYMMDDhhmmss, which order like the text;
    None -> PUB_NONE. Raises ValueError for any other text."""
    filled = [v or _NONE for v in values]
    if set(map(len, filled)) - {len(_NONE)} or not "".join(filled).isascii():
        raise ValueError("a published_at that is not a stored UTC time")
    chars = np.frombuffer("".join(filled).encode(), np.uint8).reshape(len(filled), len(_NONE))
    digits = chars[:, _DIGITS].astype(np.int64) - ord("0")
    fixed = np.delete(chars, _DIGITS, axis=1) != np.delete(_ISO, _DIGITS)
    if fixed.any() or ((digits < 0) | (digits > 9)).any():
        raise ValueError("a published_at that is not a stored UTC time")
    keys = digits @ (10 ** np.arange(len(_DIGITS) - 1, -1, -1, dtype=np.int64))
    keys[[v is None for v in values]] = PUB_NONE
    return keys


def prefix_keys(values: np.ndarray) -> np.ndarray:
    """The first 8 bytes of fixed-width byte strings (zero-padded), as uint64: equal
    strings have equal keys, so a key narrows a search among strings cheaply."""
    wide = np.zeros(len(values), f"S{max(8, values.dtype.itemsize)}")
    wide[:] = values
    return (
        np.ascontiguousarray(wide)
        .view(np.uint8)
        .reshape(len(values), -1)[:, :8]
        .copy()
        .view(np.uint64)
        .ravel()
    )


def epoch_minutes(keys: np.ndarray) -> np.ndarray:
    """YYYYMMDDhhmmss keys as minutes since 1970-01-01 UTC (days from the civil date as in
    Howard Hinnant's `days_from_civil`), so a local day is one division away."""
    year, month, day = keys // 10**10, keys // 10**8 % 100, keys // 10**6 % 100
    year = year - (month <= 2)
    era = year // 400
    yoe = year - era * 400
    doy = (153 * (month + np.where(month > 2, -3, 9)) + 2) // 5 + day - 1
    days = era * 146_097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719_468
    minutes: np.ndarray = days * 1440 + keys // 10**4 % 100 * 60 + keys // 100 % 100
    return minutes


def _put(column: np.ndarray, at: np.ndarray, values: Sequence[str]) -> np.ndarray:
    """Store the values as bytes (UTF-8 bytes order like SQLite's BINARY collation),
    widening the column when one is longer than its slots."""
    encoded: Sequence[str | bytes] = values
    if not "".join(values).isascii():  # numpy encodes ASCII itself, much faster
        encoded = [v.encode() for v in values]
    width = max(map(len, encoded))
    if width > column.dtype.itemsize:
        column = column.astype(f"S{width}")
    column[at] = np.array(encoded, dtype=column.dtype)
    return column


class Columns:
    """Per-rowid arrays of one index file; rowid 0 is never an article (SQLite starts at 1)."""

    def __init__(self) -> None:
        self.loads = 0  # full loads so far (facet codes may mean other values after one)
        self._reset()

    def _reset(self) -> None:
        self.seq = -1  # the last change applied (-1: nothing loaded yet)
        self.schema = -1  # PRAGMA schema_version at that time
        self.live = np.zeros(1, bool)
        self.pub = np.full(1, PUB_NONE, np.int64)
        self.minute = np.zeros(1, np.int64)  # of `pub`, since 1970 (0 without a date)
        self.dated = np.zeros(1, bool)
        self.election = np.zeros(1, np.int8)
        self.region = np.zeros(1, np.int32)  # an index into `regions`
        self.ids = np.zeros(1, "S32")
        self.origins = np.zeros(1, "S32")
        self.group_key = np.zeros(1, np.uint64)  # the origin's first 8 bytes, as a number
        # facet codes: one flat list of (code, owner rowid), an article's entries together
        # from `start`; a rewritten article's old entries get owner 0 until compacted
        self.start = np.zeros(1, np.int64)
        self.count = np.zeros(1, np.int64)
        self.codes = np.zeros(0, np.int64)  # int64: what numpy indexes and counts with
        self.owner = np.zeros(0, np.int64)
        self.used = self.dead = 0
        self.regions: list[tuple[str | None, str | None]] = []  # distinct (code, name)
        self._region_ids: dict[tuple[str | None, str | None], int] = {}
        # counts over every live article (a search without conditions), until a change
        self._whole: dict[object, object] = {}

    def _grow(self, n: int) -> None:
        if n <= len(self.live):
            return
        n = max(n, len(self.live) * 5 // 4)
        for name in (
            "live",
            "pub",
            "minute",
            "dated",
            "election",
            "region",
            "ids",
            "origins",
            "group_key",
            "start",
        ):
            old = getattr(self, name)
            new = np.full(n, PUB_NONE if name == "pub" else 0, old.dtype)
            new[: len(old)] = old
            setattr(self, name, new)
        self.count = np.concatenate([self.count, np.zeros(n - len(self.count), np.int64)])

    def refresh(self, db: sqlite3.Connection) -> None:
        """Catch up with the file: only the rows logged since the last refresh, or all of
        them when the log no longer reaches back that far (pruned, or rebuilt)."""
        top, low = db.execute(
            "SELECT (SELECT max(seq) FROM changes), (SELECT min(seq) FROM changes)"
        ).fetchone()
        schema = db.execute("PRAGMA schema_version").fetchone()[0]
        top = top or 0
        if top == self.seq and schema == self.schema:
            return
        behind = self.seq < 0 or top < self.seq or (low is not None and low > self.seq + 1)
        with paused_gc():
            if behind or schema != self.schema:
                loads = self.loads + 1
                self._reset()
                self.loads = loads
                self._load(db, "", ())
            else:
                self._load(db, f" rid IN ({CHANGED})", (self.seq,))
        self.seq, self.schema = top, schema
        self._whole.clear()

    def _load(self, db: sqlite3.Connection, only: str, params: tuple[int, ...]) -> None:
        """(Re)load the articles that `only` picks (all without it); those logged but
        gone are dropped."""
        if only:
            gone = np.unique(np.array([r for (r,) in db.execute(CHANGED, params)], np.int64))
            self._grow(int(gone.max(initial=0)) + 1)
            self.live[gone] = False
            self._drop_codes(gone)
        found = db.execute(ROWS + (" WHERE" + only if only else ""), params)
        while rows := found.fetchmany(20_000):  # in parts: less memory held at once
            self._rows(*zip(*rows, strict=True))
        rids, codes, counts = db.execute(CODES + (" AND" + only if only else ""), params).fetchone()
        if rids:
            self._add_codes(
                np.fromstring(rids, np.int64, sep=","),
                np.fromstring(codes, np.int64, sep=","),
                np.fromstring(counts, np.int64, sep=","),
            )

    def _rows(
        self,
        rids: tuple[int, ...],
        pubs: tuple[str | None, ...],
        election: tuple[int, ...],
        regions: tuple[str | None, ...],
        names: tuple[str | None, ...],
        ids: tuple[str, ...],
        origins: tuple[str, ...],
    ) -> None:
        at = np.array(rids, np.int64)
        self._grow(int(at.max()) + 1)
        keys = pub_keys(pubs)
        self.pub[at] = keys
        self.dated[at] = keys != PUB_NONE
        self.minute[at] = np.where(keys != PUB_NONE, epoch_minutes(keys), 0)
        self.election[at] = election
        pairs = list(zip(regions, names, strict=True))
        for pair in set(pairs) - self._region_ids.keys():
            self._region_ids[pair] = len(self.regions)
            self.regions.append(pair)
        self.region[at] = [self._region_ids[p] for p in pairs]
        self.ids = _put(self.ids, at, ids)
        self.origins = _put(self.origins, at, origins)
        self.group_key[at] = prefix_keys(self.origins[at])
        self.live[at] = True

    def _drop_codes(self, rids: np.ndarray) -> None:
        counts = self.count[rids]
        ends = np.cumsum(counts)
        total = int(ends[-1]) if len(ends) else 0
        at = np.repeat(self.start[rids] - (ends - counts), counts) + np.arange(total)
        self.owner[at] = 0
        self.dead += total
        self.count[rids] = 0

    def _add_codes(self, rids: np.ndarray, codes: np.ndarray, counts: np.ndarray) -> None:
        self._grow(int(rids.max()) + 1)
        if self.dead > self.used // 2:
            self._compact()
        need = self.used + len(codes)
        if need > len(self.codes):
            size = max(need, len(self.codes) * 3 // 2)
            self.codes = np.resize(self.codes, size)
            self.owner = np.resize(self.owner, size)
        self.codes[self.used : need] = codes
        self.owner[self.used : need] = np.repeat(rids, counts)
        self.start[rids] = self.used + np.cumsum(counts) - counts
        self.count[rids] = counts
        self.used = need

    def _compact(self) -> None:
        keep = np.flatnonzero(self.owner[: self.used])
        self.codes, self.owner = self.codes[keep], self.owner[keep]
        self.used, self.dead = len(keep), 0
        rids, first = np.unique(self.owner, return_index=True)  # entries stay in order
        self.start[rids] = first

    def with_codes(self, codes: list[int]) -> np.ndarray:
        """Articles holding any of these facet codes (a bool per rowid)."""
        found = np.zeros(len(self.live), bool)
        used = self.codes[: self.used]
        for code in set(codes):
            found[self.owner[np.flatnonzero(used == code)]] = True
        found[0] = False  # the owner of dropped entries
        return found

    def codes_of(self, rids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The facet codes of these articles, and the position in `rids` of each one's
        article."""
        counts = self.count[rids]
        ends = np.cumsum(counts)
        total = int(ends[-1]) if len(ends) else 0
        at = np.repeat(self.start[rids] - (ends - counts), counts) + np.arange(total)
        return self.codes[at], np.repeat(np.arange(len(rids)), counts)

    def _all(self, rids: np.ndarray) -> bool:
        """Whether `rids` (live articles, each once) are all of them."""
        if "live" not in self._whole:
            self._whole["live"] = int(self.live.sum())
        return len(rids) == self._whole["live"]

    def day_counts(self, rids: np.ndarray, offset: int) -> dict[date, int]:
        """How many of these articles (live ones, each once; those with a date) were
        published on each local day, `offset` minutes from UTC."""
        if not self._all(rids):
            return self._day_counts(rids, offset)
        if ("days", offset) not in self._whole:
            self._whole["days", offset] = self._day_counts(rids, offset)
        found: dict[date, int] = self._whole["days", offset]  # type: ignore[assignment]
        return found

    def _day_counts(self, rids: np.ndarray, offset: int) -> dict[date, int]:
        days = (self.minute[rids[self.dated[rids]]] + offset) // 1440
        if not len(days):
            return {}
        low = int(days.min())
        counts = np.bincount(days - low)
        epoch = date(1970, 1, 1)
        return {
            epoch + timedelta(days=low + int(d)): int(counts[d])
            for d in np.flatnonzero(counts).tolist()
        }

    def count_codes(self, rids: np.ndarray) -> np.ndarray:
        """How many of these articles (live ones, each once) hold each facet code; over
        all of them (the newest articles, no filter) counted once until a change."""
        if not self._all(rids):
            return self._count_codes(rids)
        if "codes" not in self._whole:
            self._whole["codes"] = self._count_codes(rids)
        found: np.ndarray = self._whole["codes"]  # type: ignore[assignment]
        return found

    def _count_codes(self, rids: np.ndarray) -> np.ndarray:
        if int(self.count[rids].sum()) * 3 < self.used:  # a few: gather their own entries
            return np.bincount(self.codes_of(rids)[0])
        chosen = np.zeros(len(self.live), bool)
        chosen[rids] = True
        return np.bincount(self.codes[: self.used][chosen[self.owner[: self.used]]])
