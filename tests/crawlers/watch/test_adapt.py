"""The polling interval follows how many new items a feed brings, within its bounds."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from crawlers.watch.adapt import backoff, next_interval, update_rate

T0 = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)


def _poll_for(rate_per_min: float, polls: int = 200, every: float = 60.0) -> float:
    """Learned rate after `polls` polls of a feed bringing `rate_per_min` new items."""
    dates = [T0 - timedelta(minutes=i / rate_per_min) for i in range(10)]
    rate, window = update_rate(None, None, new=10, elapsed=None, dates=dates)
    rng = random.Random(3)
    for _ in range(polls):
        new = sum(rng.random() < rate_per_min * every / 60 / 20 for _ in range(20))
        rate, window = update_rate(rate, window, new=new, elapsed=every)
    assert rate is not None
    return rate * 60


@pytest.mark.parametrize("per_min", [0.1, 1.0, 3.0])
def test_rate_is_learned_from_new_items(per_min: float) -> None:
    assert _poll_for(per_min) == pytest.approx(per_min, rel=0.35)


def test_first_poll_uses_item_dates() -> None:
    dates = [T0 - timedelta(minutes=5 * i) for i in range(7)]
    rate, _ = update_rate(None, None, new=7, elapsed=None, dates=dates, items=7)
    assert rate == pytest.approx(1 / 300 + 1 / 3600)
    # a section feed whose items another feed brought first starts slow
    rate, _ = update_rate(None, None, new=0, elapsed=None, dates=dates, items=7)
    assert rate == 0


def test_busier_feed_is_polled_more_often_within_bounds() -> None:
    rng = random.Random(1)
    quiet = next_interval(1 / 3600, low=20, high=1800, rng=rng)
    busy = next_interval(1 / 60, low=20, high=1800, rng=rng)
    assert busy < quiet
    assert 20 <= busy <= 60
    assert next_interval(None, low=20, high=900, rng=rng) >= 900 * 0.85
    assert next_interval(100.0, low=20, high=900, rng=rng) <= 20 * 1.15


def test_a_feed_that_brings_nothing_new_slows_to_its_bound() -> None:
    rate: float | None = 1 / 60
    window: float | None = 3600.0
    for _ in range(100):
        rate, window = update_rate(rate, window, new=0, elapsed=300)
    assert next_interval(rate, low=20, high=1800, rng=random.Random(0)) >= 1800 * 0.85


def test_backoff_doubles_and_retry_after_wins() -> None:
    assert backoff(60, 1, None) == 120
    assert backoff(60, 3, None) == 480
    assert backoff(60, 1, 900) == 900
    assert backoff(60, 50, None) == 6 * 3600
