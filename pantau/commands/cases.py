"""`pantau alerts triage|verify|recheck`: handling one alert from the terminal."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer

from pantau.clikit import DataDir, console, fail, known_errors, settings_with
from pantau.commands.alerts import alerts_app

commands = typer.Typer()  # the commands join `pantau alerts` (alerts_app)


@alerts_app.command("triage")
def triage(
    alert_id: Annotated[str, typer.Argument(help="The alert id.")],
    by: Annotated[str, typer.Option("--by", help="Who makes the change (a username).")],
    state: Annotated[
        str | None,
        typer.Option(help="baru, ditinjau, ditindaklanjuti, bukan_pelanggaran or duplikat."),
    ] = None,
    outcome: Annotated[
        str | None, typer.Option(help="With ditindaklanjuti: temuan or diteruskan.")
    ] = None,
    assignee: Annotated[str | None, typer.Option(help='A username; "" unassigns.')] = None,
    due: Annotated[
        datetime | None, typer.Option(help="Due date (ISO), e.g. 2026-12-10T17:00+07:00.")
    ] = None,
    note: Annotated[str | None, typer.Option(help="A note for the history.")] = None,
    version: Annotated[
        int | None,
        typer.Option(help="The version you read (conflict check); default: the current one."),
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Change an alert's triage state, assignee or due date, or add a note."""
    from pydantic import ValidationError

    from alerts.triage import STATES, TriageChange, TriageConflict, TriageError
    from pantau.wiring import build_alert_store

    try:
        store = build_alert_store(settings_with(data_dir))
        item = store.get(alert_id)
        if item is None:
            raise fail(f"no alert {alert_id!r}")
        given = {"state": state, "outcome": outcome, "assignee": assignee, "note": note}
        body = {k: v for k, v in given.items() if v is not None}
        if due is not None:
            body["due_at"] = due.isoformat()
        change = TriageChange.model_validate({**body, "version": version or item.triage.version})
        done = store.triage(alert_id, change, by)
    except ValidationError as exc:
        raise fail(exc.errors()[0]["msg"]) from exc
    except (TriageConflict, TriageError) as exc:
        raise fail(str(exc)) from exc
    except known_errors() as exc:
        raise fail(str(exc)) from exc
    assert done is not None
    t = done.triage
    label = STATES[t.state] + (f" ({t.outcome})" if t.outcome else "")
    console.print(f"{alert_id[:12]}: {label}, assignee {t.assignee or '-'}, version {t.version}")


@alerts_app.command("verify")
def verify(
    alert_id: Annotated[str, typer.Argument(help="The alert id.")],
    data_dir: DataDir = None,
) -> None:
    """Recompute the SHA-256 of every snapshot of an alert; exit 1 if one does not match."""
    from pantau.wiring import build_alert_store

    try:
        checked = build_alert_store(settings_with(data_dir)).evidence.verify(alert_id)
    except known_errors() as exc:
        raise fail(str(exc)) from exc
    if not checked:
        raise fail(f"alert {alert_id!r} has no snapshot")
    for snap, ok in checked:
        mark = "[green]ok[/]" if ok else "[red]MISMATCH[/]"
        console.print(f"snapshot {snap.id} ({snap.kind}) {snap.sha256} {snap.size} bytes: {mark}")
    if not all(ok for _, ok in checked):
        raise typer.Exit(1)


@alerts_app.command("recheck")
def recheck(
    alert_id: Annotated[str, typer.Argument(help="The alert id.")],
    data_dir: DataDir = None,
) -> None:
    """Fetch the alert's page again and compare it with the original snapshot."""
    from pantau.wiring import build_alert_store

    try:
        store = build_alert_store(settings_with(data_dir))
        if store.evidence.original(alert_id) is None:
            store.evidence.take_for(alert_id)
        snap = store.evidence.recheck(alert_id)
    except known_errors() as exc:
        raise fail(str(exc)) from exc
    if snap is None:
        raise fail(f"no alert {alert_id!r}")
    console.print(f"{snap.url}: {snap.verdict} (HTTP {snap.status or '-'})")
    if snap.diff:
        console.print(snap.diff, markup=False, highlight=False)
