"""`pantau users`: accounts (add, list, disable, enable, reset, token) and the office list."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from pantau.clikit import DataDir, console, fail, known_errors, settings_with

if TYPE_CHECKING:
    from store.accounts import Accounts

commands = typer.Typer()
users_app = typer.Typer(
    help="Accounts: administrators, analysts and office staff of the web UI and API.",
    no_args_is_help=True,
)
commands.add_typer(users_app, name="users")
ACTOR = "cli"  # who made a change, in the audit log


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


class Role(StrEnum):
    admin = "admin"
    analyst = "analyst"
    staff = "staff"


Username = Annotated[str, typer.Argument(help="Login name: 2-64 of a-z 0-9 . _ -")]
Generate = Annotated[
    bool, typer.Option("--generate", help="Make a random password and show it once.")
]


def _accounts(data_dir: DataDir) -> Accounts:
    from pantau.wiring import build_accounts

    return build_accounts(settings_with(data_dir))


def _errors() -> tuple[type[Exception], ...]:
    from store.accounts import AccountError

    return (*known_errors(), AccountError)


def _password(generate: bool) -> str:
    from store.accounts import generate_password

    if generate:
        return generate_password()
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


@users_app.command("add")
def add(
    username: Username,
    role: Annotated[
        Role,
        typer.Option(help="admin: users, rules, sources; analyst: all regions; staff: one office."),
    ],
    office: Annotated[
        str | None, typer.Option(help='Staff office id: "31" (provinsi), "31.72" (kota).')
    ] = None,
    generate: Generate = False,
    data_dir: DataDir = None,
) -> None:
    """Create an account (the password is asked twice, or made with --generate)."""
    try:
        accounts = _accounts(data_dir)
        password = _password(generate)
        user = accounts.add_user(username, password, role.value, office, actor=ACTOR)
    except _errors() as exc:
        raise fail(str(exc)) from exc
    console.print(f"added {user.username} ({user.role}{f', office {office}' if office else ''})")
    if generate:
        console.print(f"password (shown once): {password}", highlight=False)


@users_app.command("list")
def list_users(
    fmt: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.table,
    data_dir: DataDir = None,
) -> None:
    """Every account: role, office, enabled or disabled."""
    try:
        users = _accounts(data_dir).list_users()
    except _errors() as exc:
        raise fail(str(exc)) from exc
    if fmt is OutputFormat.json:
        console.print_json(json.dumps([u.__dict__ for u in users]))
        return
    for u in users:
        state = "disabled" if u.disabled else "active"
        made = datetime.fromtimestamp(u.created_at, UTC).strftime("%Y-%m-%d")
        console.print(f"{u.username:<24} {u.role:<8} {u.office_id or '-':<8} {state:<9} {made}")
    console.print(f"{len(users)} users")


@users_app.command("disable")
def disable(username: Username, data_dir: DataDir = None) -> None:
    """Refuse sign-ins; end the user's sessions; their API tokens stop working."""
    try:
        _accounts(data_dir).disable(username, actor=ACTOR)
    except _errors() as exc:
        raise fail(str(exc)) from exc
    console.print(f"{username} disabled")


@users_app.command("enable")
def enable(username: Username, data_dir: DataDir = None) -> None:
    """Let a disabled user sign in again."""
    try:
        _accounts(data_dir).enable(username, actor=ACTOR)
    except _errors() as exc:
        raise fail(str(exc)) from exc
    console.print(f"{username} enabled")


@users_app.command("reset")
def reset(username: Username, generate: Generate = False, data_dir: DataDir = None) -> None:
    """Set a new password: ends the user's sessions and lifts a lockout."""
    try:
        accounts = _accounts(data_dir)
        password = _password(generate)
        accounts.reset_password(username, password, actor=ACTOR)
    except _errors() as exc:
        raise fail(str(exc)) from exc
    console.print(f"password of {username} reset")
    if generate:
        console.print(f"password (shown once): {password}", highlight=False)


@users_app.command("token")
def token(
    username: Username,
    name: Annotated[str, typer.Argument(help="What the token is for, e.g. 'ekspor harian'.")],
    revoke: Annotated[bool, typer.Option("--revoke", help="Revoke it instead.")] = False,
    data_dir: DataDir = None,
) -> None:
    """An API token for a machine client (Authorization: Bearer ...), shown once."""
    from store.accounts import AccountError

    try:
        accounts = _accounts(data_dir)
        user = accounts.get_user(username)
        if user is None:
            raise AccountError(f"no user {username!r}")
        if revoke:
            if not accounts.revoke_api_token(user.id, name, actor=ACTOR):
                raise AccountError(f"{username} has no live token named {name!r}")
            console.print(f"token {name!r} of {username} revoked")
            return
        secret = accounts.create_api_token(user.id, name, actor=ACTOR)
    except _errors() as exc:
        raise fail(str(exc)) from exc
    console.print(f"token (shown once): {secret}", highlight=False)


@users_app.command("offices")
def offices(
    under: Annotated[
        str | None, typer.Option(help='Only this office and those beneath it ("31").')
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Bawaslu offices to bind staff to: id, name, time zone."""
    from pantau.wiring import build_store
    from store.offices import Offices

    try:
        directory = Offices(build_store(settings_with(data_dir)))
    except _errors() as exc:
        raise fail(str(exc)) from exc
    found = directory.beneath(under) if under else directory.all()
    if under and not found:
        raise fail(f"no office {under!r}")
    for o in found:
        console.print(f"{o.id:<8} {o.tz:<5} {o.name}", highlight=False)
