"""Shared pieces of the CLI: consoles, settings with overrides, error reporting."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from pantau.config import Settings

console = Console()
err = Console(stderr=True, soft_wrap=True)

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Where pantau keeps its data (default: PANTAU_DATA_DIR or a per-user data folder).",
    ),
]


def settings_with(data_dir: Path | None = None, **overrides: Any) -> Settings:
    """Settings from the environment, with command-line values on top."""
    settings = Settings()
    update: dict[str, Any] = {k: v for k, v in overrides.items() if v is not None}
    if data_dir is not None:
        update["data_dir"] = data_dir.expanduser().resolve()
    return settings.model_copy(update=update) if update else settings


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one clear error line and return the Exit to raise."""
    err.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code)


def known_errors() -> tuple[type[Exception], ...]:
    """Errors that carry a message a person can act on (shown without a traceback)."""
    from crawlers.outcomes import CrawlError
    from pantau.wiring import SetupError
    from pipeline.bus import BusError
    from search.backend import BackendError
    from search.query import QuerySyntaxError
    from store.db import StoreError

    return (SetupError, CrawlError, BackendError, BusError, QuerySyntaxError, StoreError)
