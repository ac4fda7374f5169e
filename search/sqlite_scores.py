"""Relevance (FTS5 bm25) of the matches of a MATCH expression, kept across searches and writes.

bm25 costs FTS5 ~2 us a match (each match's column sizes and positions are read): the
81k matches of "bawaslu" in a million articles take ~200 ms. Searches of the same text
with other filters, another office's scope, another sort or page (a facet click, the
next page, a colleague's search) reuse the scores kept here, and a write rescores only
the articles it changed, read from the index's change log. The scores of articles not
changed keep the collection statistics (article count, average length, how many
articles hold a term) of when they were computed; an entry is computed afresh once
the articles changed since pass `DRIFT` of the index, so no score is staler than that.
"""

from __future__ import annotations

import json
import sqlite3
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from search.sqlite_columns import CHANGED, Columns, paused_gc
from search.sqlite_query import BM25

ROWIDS = "SELECT group_concat(rowid) FROM articles_fts WHERE articles_fts MATCH ?"
SCORED = f"SELECT rowid, -{BM25} FROM articles_fts WHERE articles_fts MATCH ?"
# `+rowid`: FTS5 must not look the rowids up one query each (~1.5 ms a rowid)
AMONG = " AND +rowid IN (SELECT value FROM json_each(?))"
# up to this many rowids chosen by the other conditions go to bm25 as an IN list at once
FEW = 2_000
DRIFT = 0.02  # changed articles, as a share of the index, before an entry is recomputed
BUDGET = 3_000_000  # scored matches kept in all entries (16 bytes each: ~48 MB)


@dataclass
class _Entry:
    rids: np.ndarray  # every match, ascending
    scores: np.ndarray  # their bm25, NaN where no search has needed it yet
    loads: int  # the columns' full loads when found (rowids may differ after one)
    seq: int  # the change log entry it reflects
    changed: int = 0  # articles rescored since it was found

    def put(self, rids: np.ndarray, scores: np.ndarray) -> None:
        """Scores of matches already held (those of `rids`, ascending)."""
        self.scores[np.searchsorted(self.rids, rids)] = scores


class Scores:
    """The matches of each MATCH expression and the bm25 known of them (least recently
    used dropped first)."""

    def __init__(self, budget: int = BUDGET) -> None:
        self.budget = budget
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self.computed = 0  # matches scored by FTS5 so far (what tests and benchmarks read)

    def clear(self) -> None:
        self._entries.clear()

    def matches(self, db: sqlite3.Connection, cols: Columns, match: str) -> np.ndarray:
        """Every match's rowid, ascending (found without positions: ~0.1 us a match)."""
        entry = self._current(db, cols, match)
        if entry is None:
            entry = self._keep(match, _found(db, match), cols)
        return entry.rids

    def scored(
        self, db: sqlite3.Connection, cols: Columns, match: str, chosen: np.ndarray, narrowed: bool
    ) -> tuple[np.ndarray, np.ndarray]:
        """(rowids, scores) of the matches among `chosen` (`narrowed`: other conditions
        chose it, else it is every article), ascending. Only the matches not scored
        before are: all at once when that is most of them, else as an IN list (~0.6 us
        a rowid on top of bm25)."""
        entry = self._current(db, cols, match)
        if entry is None and narrowed and chosen.sum() <= FEW:  # too few to keep
            rids, scores = self._run(db, match, np.flatnonzero(chosen))
            return rids, scores
        if entry is None and not narrowed:  # score every match
            rids, scores = self._run(db, match, None)
            entry = self._keep(match, rids, cols, scores)
        elif entry is None:
            entry = self._keep(match, _found(db, match), cols)
        rids = entry.rids[entry.rids < len(chosen)]
        at = np.flatnonzero(chosen[rids])
        need = at[np.isnan(entry.scores[at])]
        if len(need) > max(FEW, 0.7 * np.isnan(entry.scores).sum()):
            entry.put(*self._run(db, match, None))
        elif len(need):
            entry.put(*self._run(db, match, rids[need]))
        return rids[at], entry.scores[at]

    def _keep(
        self, match: str, rids: np.ndarray, cols: Columns, scores: np.ndarray | None = None
    ) -> _Entry:
        unknown = np.full(len(rids), np.nan)
        entry = _Entry(rids, unknown if scores is None else scores, cols.loads, cols.seq)
        self._entries[match] = entry
        self._trim()
        return entry

    def _current(self, db: sqlite3.Connection, cols: Columns, match: str) -> _Entry | None:
        """The kept entry brought up to the columns' change, or None."""
        entry = self._entries.get(match)
        if entry is None:
            return None
        if entry.seq != cols.seq and not self._catch_up(db, cols, match, entry):
            del self._entries[match]
            return None
        self._entries.move_to_end(match)
        return entry

    def _catch_up(self, db: sqlite3.Connection, cols: Columns, match: str, entry: _Entry) -> bool:
        """Find and rescore the articles written since; False when that is not possible
        (the log no longer reaches back, the columns were reloaded) or too much changed."""
        low = db.execute("SELECT min(seq) FROM changes").fetchone()[0]
        if entry.loads != cols.loads or entry.seq > cols.seq or (low or 0) > entry.seq + 1:
            return False
        changed = ascending(np.array([r for (r,) in db.execute(CHANGED, (entry.seq,))], np.int64))
        entry.changed += len(changed)
        if entry.changed > DRIFT * max(int(cols.live.sum()), 1):
            return False
        keep = ~np.isin(entry.rids, changed)
        rids, scores = self._run(db, match, changed) if len(changed) else (changed, changed)
        order = np.argsort(np.concatenate([entry.rids[keep], rids]), kind="stable")
        entry.rids = np.concatenate([entry.rids[keep], rids])[order]
        entry.scores = np.concatenate([entry.scores[keep], scores.astype(np.float64)])[order]
        entry.seq = cols.seq
        return True

    def _run(
        self, db: sqlite3.Connection, match: str, among: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray]:
        sql, params = SCORED, [match]
        if among is not None:
            sql, params = SCORED + AMONG, [match, json.dumps(among.tolist())]
        with paused_gc():  # the rows are freed before collections resume
            rows = db.execute(sql, params).fetchall()
            rids = np.array([r[0] for r in rows], np.int64)
            scores = np.array([r[1] for r in rows], np.float64)
            del rows
        self.computed += len(rids)
        if len(rids) > 1 and not (rids[1:] > rids[:-1]).all():  # FTS5 yields rowid order
            order = np.argsort(rids, kind="stable")
            rids, scores = rids[order], scores[order]
        return rids, scores

    def _trim(self) -> None:
        total = sum(len(e.rids) for e in self._entries.values())
        while total > self.budget and len(self._entries) > 1:
            _, dropped = self._entries.popitem(last=False)
            total -= len(dropped.rids)


def _found(db: sqlite3.Connection, match: str) -> np.ndarray:
    """The matches' rowids, ascending, without scoring them."""
    joined = db.execute(ROWIDS, (match,)).fetchone()[0]
    return ascending(np.fromstring(joined, np.int64, sep=",") if joined else np.zeros(0, np.int64))


def ascending(rids: np.ndarray) -> np.ndarray:
    """Rowids sorted, each once. FTS5 yields them so (checked, not assumed): np.unique
    would hash them, ~0.6 us each."""
    if len(rids) > 1 and not (rids[1:] > rids[:-1]).all():
        rids = np.sort(rids)
        rids = rids[np.concatenate([[True], rids[1:] != rids[:-1]])]
    return rids
