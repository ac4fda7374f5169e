"""Storage errors: transient ones make the alert stage retry, none is a raw traceback."""

from __future__ import annotations

import socket

import pytest

from alerts.rules import rules_from_data
from alerts.stage import AlertStage
from alerts.store import AlertStore
from pipeline.bus import TransientError
from store.db import StoreError, StoreUnavailable, open_store
from tests.conftest import enriched, raw_article


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # nothing listens once the socket is closed


def test_an_unreachable_postgres_is_unavailable_and_names_no_password():
    url = f"postgresql://pantau:rahasia@127.0.0.1:{_closed_port()}/pantau"
    with pytest.raises(StoreUnavailable) as caught:
        open_store(url)
    assert "127.0.0.1" in str(caught.value) and "rahasia" not in str(caught.value)


def test_the_alert_stage_retries_when_the_store_is_down():
    store = open_store(f"postgresql://pantau@127.0.0.1:{_closed_port()}/pantau", migrate=False)
    stage = AlertStage(rules_from_data({}), AlertStore(store))
    doc = enriched(raw_article(1), topics={"netralitas_asn": 0.9})
    with pytest.raises(TransientError, match="alert store"):  # the runner retries, no DLQ
        stage.process([doc])


def test_not_a_database_is_a_store_error(tmp_path):
    path = tmp_path / "store.sqlite3"
    path.write_bytes(b"bukan basis data " * 512)
    with pytest.raises(StoreError, match="file is not a database") as caught:
        open_store(f"sqlite:///{path}")
    assert not isinstance(caught.value, StoreUnavailable)


def test_an_unknown_url_scheme_is_refused():
    with pytest.raises(StoreError, match="sqlite:/// or postgresql://"):
        open_store("mysql://x@localhost/pantau")
