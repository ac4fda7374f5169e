"""`pantau` commands for the alerts capability (filled in by its issue)."""

from __future__ import annotations

import typer

commands = typer.Typer()
