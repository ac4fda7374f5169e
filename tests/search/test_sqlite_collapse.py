"""Collapsing on the SQLite columns: sorting only a head of the order finds the same groups."""

from __future__ import annotations

import numpy as np
import pytest

from search.sqlite_columns import Columns
from search.sqlite_match import Matched
from search.sqlite_page import collapsed, copies


def _columns(n: int, groups: int, seed: int) -> Columns:
    """n articles in few groups, dates with many ties (a few distinct days)."""
    rnd = np.random.default_rng(seed)
    cols = Columns()
    cols._grow(n + 1)
    cols.live[1:] = True
    cols.pub[1:] = 20241200000000 + rnd.integers(1, 6, n) * 1_000_000
    cols.ids = np.array([b""] + [f"{i:032x}".encode() for i in rnd.permutation(n)], "S32")
    cols.origins = np.array([b""] + [f"{g:032x}".encode() for g in rnd.integers(0, groups, n)])
    return cols


def _every_group(cols: Columns, matched: Matched, relevance: bool) -> np.ndarray:
    """The plain way: sort every hit, keep each group's first."""
    rids = matched.rids
    keys = [matched.scores, cols.pub[rids]] if relevance else [cols.pub[rids]]
    order = np.lexsort((cols.ids[rids], *(-k for k in reversed(keys))))
    _, first = np.unique(cols.origins[rids[order]], return_index=True)
    return rids[order[np.sort(first)]]


@pytest.mark.parametrize("relevance", [False, True])
@pytest.mark.parametrize(
    ("groups", "offset", "limit"),
    [(7, 0, 5), (300, 0, 20), (300, 40, 20), (60, 50, 10), (30, 25, 10)],
)
def test_a_head_of_the_order_gives_the_groups_a_full_sort_gives(
    relevance: bool, groups: int, offset: int, limit: int
) -> None:
    cols = _columns(2000, groups, seed=groups + offset)
    rids = np.flatnonzero(cols.live)[::2]  # half of them match
    scores = np.round(np.random.default_rng(1).random(len(rids)), 1) if relevance else None
    matched = Matched(rids, scores)
    expected = _every_group(cols, matched, relevance)[offset : offset + limit]
    found, _ = collapsed(cols, matched, relevance=relevance, offset=offset, limit=limit)
    assert found.tolist() == expected.tolist()


def test_copies_are_the_matching_articles_of_the_leads_groups() -> None:
    cols = _columns(500, 40, seed=3)
    matched = Matched(np.flatnonzero(cols.live)[::3])
    leads = matched.rids[:4]
    found = set(copies(cols, matched, leads).tolist())
    wanted = set(cols.origins[leads].tolist())
    assert found == {r for r in matched.rids.tolist() if cols.origins[r] in wanted}
