"""`pantau report`: an office's daily clipping or weekly report as PDF/HTML; scheduled mail."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pantau.clikit import DataDir, console, fail, known_errors, settings_with

if TYPE_CHECKING:
    from pantau.report.period import Kind

commands = typer.Typer()
report_app = typer.Typer(
    help="Reports per Bawaslu office: daily clipping, weekly report, scheduled email.",
    no_args_is_help=True,
)
commands.add_typer(report_app, name="report")


class FileFormat(StrEnum):
    pdf = "pdf"
    html = "html"
    json = "json"


OfficeOption = Annotated[
    str, typer.Option("--office", help='The office, e.g. "Bawaslu Kota Jakarta Utara".')
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        help="YYYY-MM-DD: the day, or a day of the week (Monday-Sunday) for weekly. "
        "Default: yesterday / last week in the office's time zone.",
    ),
]
OutOption = Annotated[Path, typer.Option("--out", help="Folder for the files.")]
FormatOption = Annotated[
    list[FileFormat] | None, typer.Option("--format", help="pdf, html, json (repeatable).")
]


def _errors() -> tuple[type[Exception], ...]:
    from pantau.report.office import OfficeError
    from pantau.report.subscriptions import SubscriptionError

    return (*known_errors(), OfficeError, SubscriptionError, OSError)


def _write(
    kind: Kind,
    office: str,
    day: str | None,
    out: Path,
    formats: list[FileFormat] | None,
    data_dir: Path | None,
) -> None:
    from pantau.report.service import make_report, write_files
    from pantau.wiring import build_alert_store, build_backend

    settings = settings_with(data_dir)
    try:
        when = date.fromisoformat(day) if day else None
    except ValueError as exc:
        raise fail(f"--date {day!r} is not a date (YYYY-MM-DD)") from exc
    started = time.perf_counter()
    try:
        backend, store = build_backend(settings), build_alert_store(settings)
        report = make_report(backend, store, office, kind, when)  # the calendar installed at start
        chosen = [f.value for f in formats or [FileFormat.pdf, FileFormat.html]]
        paths = write_files(report, out, chosen, link_base=settings.reports.base_url)  # type: ignore[arg-type]
    except _errors() as exc:
        raise fail(str(exc)) from exc
    c = report.current
    console.print(
        f"{report.office.name}, {report.period.label}: {c.articles} berita, {c.outlets} media, "
        f"{c.alerts} peringatan ({time.perf_counter() - started:.1f} s)"
    )
    for path in paths:
        console.print(f"  {path}")


@report_app.command("daily")
def daily(
    office: OfficeOption,
    day: DateOption = None,
    out: OutOption = Path("."),
    fmt: FormatOption = None,
    data_dir: DataDir = None,
) -> None:
    """The daily clipping (kliping berita harian) of an office, as PDF and HTML."""
    _write("daily", office, day, out, fmt, data_dir)


@report_app.command("weekly")
def weekly(
    office: OfficeOption,
    day: DateOption = None,
    out: OutOption = Path("."),
    fmt: FormatOption = None,
    data_dir: DataDir = None,
) -> None:
    """The weekly report (Monday to Sunday) of an office, as PDF and HTML."""
    _write("weekly", office, day, out, fmt, data_dir)


@report_app.command("deliver")
def deliver(
    watch: Annotated[
        float | None,
        typer.Option(min=1, help="Keep running: a round every this many seconds (e.g. 60)."),
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Mail the reports that are due to their subscribers (daily at 07:00 local time,
    weekly on Monday); a period missed while nothing ran is sent once, later."""
    from pantau.report.delivery import build_sender

    settings = settings_with(data_dir)
    try:
        sender = build_sender(settings)
        while True:
            done = sender.round(datetime.now(UTC))
            if done.total():
                console.print(", ".join(f"{k}: {v}" for k, v in sorted(done.items())))
            if watch is None:
                break
            time.sleep(watch)
    except KeyboardInterrupt:  # the state is in the outbox: stopping loses nothing
        console.print("stopped")
    except _errors() as exc:
        raise fail(str(exc)) from exc


@report_app.command("outbox")
def outbox(
    status: Annotated[str | None, typer.Option(help="pending, delivered or dead.")] = None,
    requeue: Annotated[bool, typer.Option(help="Send the dead ones again.")] = False,
    data_dir: DataDir = None,
) -> None:
    """The mailed reports: period, office, recipients, status, attempts, last error."""
    from pantau.report.outbox import ReportOutbox
    from pantau.wiring import build_store

    try:
        box = ReportOutbox(build_store(settings_with(data_dir)))
    except _errors() as exc:
        raise fail(str(exc)) from exc
    if requeue:
        console.print(f"{box.requeue(time.time())} report(s) queued again")
    for row in box.all(status=status):
        error = f" ({row.last_error})" if row.last_error else ""
        console.print(
            f"{row.period} {row.kind} {row.office} -> {', '.join(row.recipients)}: "
            f"{row.status}, {row.attempts} attempt(s){error}",
            markup=False,
            soft_wrap=True,
        )


class KindChoice(StrEnum):
    daily = "daily"
    weekly = "weekly"


EmailOption = Annotated[str, typer.Option("--email", help="The recipient's address.")]
KindOption = Annotated[
    list[KindChoice] | None,
    typer.Option("--kind", help="daily or weekly (repeatable). Default: both."),
]


def _subscriptions(
    change: str, office: str, email: str, kinds: list[KindChoice] | None, data_dir: Path | None
) -> None:
    from pantau.report import subscriptions as subs
    from pantau.report.office import find_office
    from pantau.wiring import build_store

    chosen: list[Kind] = [k.value for k in kinds] if kinds else ["daily", "weekly"]  # type: ignore[misc]
    try:
        store, found = build_store(settings_with(data_dir)), find_office(office)
        if change == "subscribe":
            n = subs.subscribe(store, found, email, chosen, time.time())
            console.print(f"{n} subscription(s) added: {found.name} -> {email.strip()}")
        else:
            n = subs.unsubscribe(store, found, email, chosen)
            console.print(f"{n} subscription(s) removed: {found.name} -> {email.strip()}")
    except _errors() as exc:
        raise fail(str(exc)) from exc


@report_app.command("subscribe")
def subscribe(
    office: OfficeOption, email: EmailOption, kind: KindOption = None, data_dir: DataDir = None
) -> None:
    """Mail an office's reports to this address (stored in the operational store)."""
    _subscriptions("subscribe", office, email, kind, data_dir)


@report_app.command("unsubscribe")
def unsubscribe(
    office: OfficeOption, email: EmailOption, kind: KindOption = None, data_dir: DataDir = None
) -> None:
    """Stop mailing an office's reports to this address (the store's rows; the YAML file
    is edited by hand)."""
    _subscriptions("unsubscribe", office, email, kind, data_dir)


@report_app.command("subscriptions")
def subscriptions(data_dir: DataDir = None) -> None:
    """Who gets which reports: the YAML file's (PANTAU_REPORTS__SUBSCRIPTIONS) and the store's."""
    from pantau.report.subscriptions import load, stored
    from pantau.wiring import build_store

    settings = settings_with(data_dir)
    try:
        sources = {
            "file": load(settings.reports.subscriptions),
            "store": stored(build_store(settings)),
        }
    except _errors() as exc:
        raise fail(str(exc)) from exc
    for source, found in sources.items():
        for (office, kind), emails in sorted(found.items(), key=lambda i: (i[0][0].name, i[0][1])):
            console.print(
                f"{office.name} {kind} -> {', '.join(emails)} ({source})",
                markup=False,
                soft_wrap=True,
            )
