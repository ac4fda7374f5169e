"""Writing an export (`search.export`) from the CLI: to a file or stdout, with a progress bar."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, BinaryIO

import typer

from pantau.clikit import err
from search.export import Export, recorded

if TYPE_CHECKING:
    from pantau.config import Settings
    from search.query import SearchQuery, TrendQuery

ACTOR = "cli"  # who exported, in the audit log (as `pantau users` records its changes)

Output = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the CSV, JSON Lines or XLSX download to this file (XLSX needs one).",
    ),
]
All = Annotated[
    bool,
    typer.Option(
        "--all",
        help="Every hit, page by page, up to PANTAU_EXPORT__MAX_ROWS (csv, json, xlsx).",
    ),
]


class Bar:
    """A progress bar on stderr (rich), or nothing when it is not wanted."""

    def __init__(self, enabled: bool, label: str = "ekspor") -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        columns = (f"[bold]{label}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        self.shown = Progress(*columns, console=err, disable=not enabled)
        self.task = self.shown.add_task(label, total=None)

    def __enter__(self) -> Bar:
        self.shown.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shown.__exit__(None, None, None)

    def total(self, n: int) -> None:
        self.shown.update(self.task, total=n)

    def advance(self, n: int) -> None:
        self.shown.update(self.task, advance=n)


def save(
    make: Callable[[Callable[[int], None]], Export], output: Path | None, *, bar: bool
) -> None:
    """Run the export `make(counted)` builds and write its bytes to `output` or stdout;
    its notice, when the cap bit, also goes to stderr."""
    shown = Bar(bar)
    with shown.shown:
        export = make(shown.advance)
        shown.shown.update(shown.task, total=export.rows)
        with _target(output) as out:
            for chunk in export.chunks:
                out.write(chunk)
    if export.notice:
        err.print(f"[yellow]{export.notice}[/]")
    if output is not None:
        err.print(f"wrote {export.rows} rows to {output}")


@contextmanager
def _target(output: Path | None) -> Iterator[BinaryIO]:
    if output is None:
        yield sys.stdout.buffer
        sys.stdout.flush()
        return
    # a partial file is removed: a download cut short must not pass for a whole one
    part = output.with_name(output.name + ".part")
    try:
        with part.open("wb") as file:
            yield file
        part.replace(output)
    finally:
        part.unlink(missing_ok=True)


def audited(
    settings: Settings, query: SearchQuery | TrendQuery, target: str
) -> Callable[[Export], Export]:
    """What records a CLI export in the operational store's audit log, like the web's."""
    from pantau.auditing import audit_export
    from pantau.wiring import build_accounts
    from store.db import StoreError

    try:
        accounts = build_accounts(settings)
    except StoreError as exc:  # the export still runs; the operator hears why it is unlogged
        err.print(f"[yellow]audit log unavailable, export not recorded: {exc}[/]")
        return lambda export: export

    def record(export: Export) -> Export:
        def done(finished: Export, complete: bool) -> None:
            audit_export(accounts, ACTOR, target, finished, query, complete=complete)

        return recorded(export, done)

    return record
