"""`pantau pantauan list --user NAME`: a user's saved searches with their new hits."""

from __future__ import annotations

from typing import Annotated

import typer

from pantau.clikit import DataDir, console, fail, known_errors, settings_with

commands = typer.Typer()
pantauan_app = typer.Typer(help="Saved searches (pantauan) of the web UI.", no_args_is_help=True)
commands.add_typer(pantauan_app, name="pantauan")


@pantauan_app.command("list")
def list_saved(
    user: Annotated[str, typer.Option("--user", help="Whose saved searches.")],
    data_dir: DataDir = None,
) -> None:
    """Name, new hits since the user last opened it (in their office scope), mail, rule."""
    from pantau.pantauan.pages import new_hits
    from pantau.pantauan.run import owner_backend
    from pantau.wiring import build_accounts, build_backend
    from store.saved import SavedSearches

    settings = settings_with(data_dir)
    try:
        accounts = build_accounts(settings)
        owner = accounts.get_user(user)
        if owner is None:
            raise fail(f"no user {user!r}")
        backend = owner_backend(build_backend(settings), owner)
        for s in SavedSearches(accounts.store).mine(owner.id):
            new = new_hits(backend, s)
            console.print(
                f"{s.id} {s.name}: {'?' if new is None else new} baru"
                f"{f', surel {s.email}' if s.email else ''}"
                f"{f', aturan {s.rule_id}' if s.rule_id else ''}",
                markup=False,
                soft_wrap=True,
            )
    except known_errors() as exc:
        raise fail(str(exc)) from exc
