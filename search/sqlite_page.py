"""Sort, keyset paging and collapsing of a matching set, on the in-memory columns.

The order is total: relevance is (score desc, published desc, id asc), date is
(published desc, id asc); an article without a date sorts as the empty text did, below
every date. A page needs only its first `offset + limit` hits: a partition keeps those
(and their ties) before the exact sort, so its cost grows with the matching set only
through one linear pass.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from search.cursor import BAD_CURSOR, BAD_CURSOR_ID
from search.query import QuerySyntaxError
from search.sqlite_columns import PUB_NONE, Columns, pub_keys
from search.sqlite_match import Matched

_STORED_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00")


def _keys(cols: Columns, matched: Matched, relevance: bool) -> list[np.ndarray]:
    pub = cols.pub[matched.rids]
    return [_scores(matched), pub] if relevance else [pub]


def _scores(matched: Matched) -> np.ndarray:
    return np.zeros(len(matched.rids)) if matched.scores is None else matched.scores


def _sorted(cols: Columns, rids: np.ndarray, keys: list[np.ndarray], at: np.ndarray) -> np.ndarray:
    """The positions `at`, sorted by the keys (descending) and then by id (ascending)."""
    return at[np.lexsort((cols.ids[rids[at]], *(-k[at] for k in reversed(keys))))]


def _first(keys: list[np.ndarray], at: np.ndarray, n: int) -> np.ndarray:
    """Positions holding the first n of `at` by the keys (descending), ties included."""
    kept: list[np.ndarray] = []
    for key in keys:
        if len(at) <= n:
            break
        values = key[at]
        nth = np.partition(values, len(values) - n)[len(values) - n]
        above = values > nth
        kept.append(at[above])  # fewer than n: all of them belong
        n -= int(above.sum())
        at = at[values == nth]
    return np.concatenate([*kept, at])


def _cursor_keys(after: list[Any], relevance: bool) -> tuple[list[float | int], bytes]:
    """The cursor's sort values as column keys; BAD_CURSOR unless this sort wrote them."""
    if len(after) != (3 if relevance else 2):
        raise QuerySyntaxError(BAD_CURSOR, BAD_CURSOR_ID, help="")
    *values, pub, last = after
    number = all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
    timed = isinstance(pub, str) and (pub == "" or _STORED_TIME.fullmatch(pub))
    if not number or not timed or not isinstance(last, str):
        raise QuerySyntaxError(BAD_CURSOR, BAD_CURSOR_ID, help="")
    key = PUB_NONE if pub == "" else int(pub_keys([pub])[0])
    return [*(float(v) for v in values), key], last.encode()


def _after(
    cols: Columns, rids: np.ndarray, keys: list[np.ndarray], after: list[Any], relevance: bool
) -> np.ndarray:
    """Which positions sort after the cursor's hit (keyset paging)."""
    values, last = _cursor_keys(after, relevance)
    later = np.zeros(len(rids), bool)
    same = np.ones(len(rids), bool)
    for key, value in zip(keys, values, strict=True):
        later |= same & (key < value)
        same &= key == value
    tied = np.flatnonzero(same)
    later[tied] = cols.ids[rids[tied]] > last
    return later


def page(
    cols: Columns,
    matched: Matched,
    *,
    relevance: bool,
    after: list[Any] | None,
    offset: int,
    limit: int,
) -> tuple[np.ndarray, np.ndarray]:
    """(rowids, scores) of one page: after the cursor's hit, or from `offset`."""
    rids = matched.rids
    keys = _keys(cols, matched, relevance)
    at = np.arange(len(rids))
    if after is not None:
        at = at[_after(cols, rids, keys, after, relevance)]
    chosen = _sorted(cols, rids, keys, _first(keys, at, offset + limit))[offset : offset + limit]
    return rids[chosen], _scores(matched)[chosen]


def collapsed(
    cols: Columns, matched: Matched, *, relevance: bool, offset: int, limit: int
) -> tuple[np.ndarray, np.ndarray]:
    """(rowids, scores) of one page of syndication groups, each its best hit.

    Only a head of the order is sorted: the first n hits (ties included) are a prefix of
    it, and the groups met first in a prefix are the first groups, each at its best hit;
    the head grows until it holds enough groups (or is everything)."""
    rids = matched.rids
    keys = _keys(cols, matched, relevance)
    every = np.arange(len(rids))
    want = offset + limit
    size = 4 * want
    while True:
        head = _first(keys, every, size)
        ordered = _sorted(cols, rids, keys, head)
        _, first = np.unique(cols.origins[rids[ordered]], return_index=True)
        if len(first) >= want or len(head) == len(rids):
            break
        size *= 4
    chosen = ordered[np.sort(first)][offset : offset + limit]
    return rids[chosen], _scores(matched)[chosen]


def copies(cols: Columns, matched: Matched, leads: np.ndarray) -> np.ndarray:
    """Rowids of the matching articles in the leads' groups, oldest first (then by id)."""
    groups = cols.origins[leads]
    # the groups' first 8 bytes as numbers narrow the set cheaply; the whole id decides
    maybe = matched.rids[np.isin(cols.group_key[matched.rids], cols.group_key[leads])]
    rids = maybe[np.isin(cols.origins[maybe], groups)]
    return rids[np.lexsort((cols.ids[rids], cols.pub[rids]))]
