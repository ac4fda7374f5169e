"""Worker metrics: Prometheus text, the HTTP endpoint, and the `pantau status` table."""

from __future__ import annotations

import math
import urllib.error
import urllib.request

import pytest
from typer.testing import CliRunner

from pantau.cli import app
from pipeline.metrics import Metrics, parse, quantile, serve
from tests.stream.conftest import free_port


def test_render_then_parse_round_trips_labels_and_values() -> None:
    m = Metrics()
    m.inc("pantau_failed_total", group="pantau-index")
    m.inc("pantau_failed_total", group="pantau-index")
    m.set("pantau_consumer_lag", 42, group="g", topic="articles.raw.v1", partition="3")
    for s in (0.1, 0.2, 0.3, 2.0):
        m.observe(s, group="g")
    m.watch(lambda: [("pantau_processed_total", {"stage": "enrich"}, 7.0)])
    text = m.render()
    assert "# TYPE pantau_batch_seconds summary" in text
    got = parse(text)
    assert got[("pantau_failed_total", (("group", "pantau-index"),))] == 2
    lag_labels = (("group", "g"), ("partition", "3"), ("topic", "articles.raw.v1"))
    assert got[("pantau_consumer_lag", lag_labels)] == 42
    assert got[("pantau_batch_seconds", (("group", "g"), ("quantile", "0.95")))] == 2.0
    assert got[("pantau_batch_seconds_count", (("group", "g"),))] == 4
    assert got[("pantau_processed_total", (("stage", "enrich"),))] == 7


def test_quantile_is_nearest_rank() -> None:
    assert quantile([3.0, 1.0, 2.0, 4.0], 0.5) == 2.0
    assert quantile([1.0] * 19 + [9.0], 0.95) == 1.0
    assert math.isnan(quantile([], 0.5))


def test_healthz_turns_503_when_the_loop_stalls() -> None:
    m = Metrics()
    port = free_port()
    server = serve(m, port, host="127.0.0.1", stale=0.2)
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as resp:
            assert resp.status == 200
        m._beat -= 1.0  # as if the loop had not polled for a second
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
        assert err.value.code == 503
    finally:
        server.shutdown()


def test_status_table_shows_live_workers_and_flags_dead_ones() -> None:
    m = Metrics()
    m.watch(lambda: [("pantau_processed_total", {"stage": "enrich"}, 123.0)])
    m.watch(lambda: [("pantau_dlq_total", {"stage": "enrich", "kind": "decode"}, 4.0)])
    m.set("pantau_consumer_lag", 17, group="pantau-enrich", topic="t", partition="0")
    m.observe(0.25, group="pantau-enrich")
    live, dead = free_port(), free_port()
    server = serve(m, live, host="127.0.0.1")
    try:
        args = ["status", "--target", f"127.0.0.1:{live}", "--target", f"127.0.0.1:{dead}"]
        result = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    finally:
        server.shutdown()
    assert result.exit_code == 3, result.output
    row = next(line for line in result.output.splitlines() if f":{live}" in line)
    assert "enrich" in row and "123" in row and "17" in row and "0.25" in row
    assert "down" in next(line for line in result.output.splitlines() if f":{dead}" in line)
