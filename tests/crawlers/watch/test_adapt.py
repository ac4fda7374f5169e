"""The polling interval follows how many new items a feed brings, within its bounds."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from crawlers.watch.adapt import (
    PRIOR_RATE,
    REDUNDANT_INTERVAL,
    Rates,
    backoff,
    learn,
    next_interval,
)

T0 = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)


def _learned(per_min: float, *, own: float = 1.0, polls: int = 200, every: float = 60.0) -> Rates:
    """Rates after `polls` polls of a feed publishing `per_min` items, `own` of them new."""
    dates = [T0 - timedelta(minutes=i / per_min) for i in range(10)]
    rates = learn(Rates(), new=10, fresh=10, elapsed=None, dates=dates, items=10)
    rng = random.Random(3)
    for _ in range(polls):
        fresh = sum(rng.random() < per_min * every / 60 / 20 for _ in range(20))
        new = sum(rng.random() < own for _ in range(fresh))
        rates = learn(rates, new=new, fresh=fresh, elapsed=every)
    return rates


@pytest.mark.parametrize("per_min", [0.1, 1.0, 3.0])
def test_rate_is_learned_from_new_items(per_min: float) -> None:
    rates = _learned(per_min)
    assert rates.new is not None and rates.new * 60 == pytest.approx(per_min, rel=0.35)
    assert not rates.redundant


def test_first_poll_uses_item_dates_and_the_share_that_was_new() -> None:
    dates = [T0 - timedelta(minutes=5 * i) for i in range(7)]
    rates = learn(Rates(), new=7, fresh=0, elapsed=None, dates=dates, items=7)
    assert rates.new == pytest.approx(1 / 300 + PRIOR_RATE)
    section = learn(Rates(), new=0, fresh=0, elapsed=None, dates=dates, items=7)
    assert section.new == 0 and section.redundant  # "terkini" brought them all first


def test_busier_feed_is_polled_more_often_within_bounds() -> None:
    rng = random.Random(1)
    quiet = next_interval(Rates(1 / 3600, 1 / 3600, 3600), low=20, high=1800, rng=rng)
    busy = next_interval(Rates(1 / 60, 1 / 60, 3600), low=20, high=1800, rng=rng)
    assert busy < quiet
    assert 20 <= busy <= 60
    assert next_interval(Rates(), low=20, high=900, rng=rng) >= 900 * 0.85
    assert next_interval(Rates(100.0, 100.0, 60), low=20, high=900, rng=rng) <= 20 * 1.15
    # a quiet site is still polled within its upper bound: that caps its delay
    assert next_interval(Rates(1e-6, 1e-6, 3600), low=20, high=100, rng=rng) <= 100 * 1.15


def test_a_feed_whose_items_come_first_elsewhere_slows_down() -> None:
    section = _learned(1.0, own=0.05)
    assert section.redundant
    interval = next_interval(section, low=20, high=100, rng=random.Random(0))
    assert interval >= REDUNDANT_INTERVAL * 0.85


def test_a_later_feed_of_a_source_must_show_items_of_its_own() -> None:
    quiet = learn(Rates(), new=0, fresh=0, elapsed=None, items=0)  # empty: only the prior
    assert next_interval(quiet, low=20, high=100, rng=random.Random(0)) <= 100 * 1.15
    slow = next_interval(quiet, low=20, high=100, secondary=True, rng=random.Random(0))
    assert slow >= REDUNDANT_INTERVAL * 0.85
    unique = _learned(0.5)  # a section feed that brings its own items stays fast
    assert next_interval(unique, low=20, high=100, secondary=True, rng=random.Random(0)) < 100


def test_backoff_doubles_and_retry_after_wins() -> None:
    assert backoff(60, 1, None) == 120
    assert backoff(60, 3, None) == 480
    assert backoff(60, 1, 900) == 900
    assert backoff(60, 50, None) == 6 * 3600
