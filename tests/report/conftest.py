"""The report's fixed data set, built once per module into a temporary data dir."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from alerts.store import AlertStore
from pantau.config import Settings
from pantau.wiring import build_alert_store, build_backend
from search.backend import SearchBackend
from tests.report.fixtures import build


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return build(tmp_path_factory.mktemp("report-data"))


@pytest.fixture(scope="module")
def backend(settings: Settings) -> Iterator[SearchBackend]:
    backend = build_backend(settings)
    yield backend
    backend.close()


@pytest.fixture(scope="module")
def store(settings: Settings) -> Iterator[AlertStore]:
    store = build_alert_store(settings)
    yield store
    store.close()


def pdf_text(path: Path) -> str:
    import subprocess

    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
