"""A PostgreSQL server for tests from Debian's binaries, run as `postgres` when we are root."""

from __future__ import annotations

import hashlib
import os
import pwd
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import psycopg

DEFAULT_PORT = 55432  # not 5432: a system cluster may own that
USER = "pantau"  # the superuser initdb creates (trust auth, 127.0.0.1 only)
DATABASE = "pantau"
HOST = "127.0.0.1"


class PostgresError(RuntimeError):
    """Missing binaries, a refused initdb: something a person has to act on."""


def url(port: int = DEFAULT_PORT) -> str:
    """What PANTAU_STORE__URL should say to use this server."""
    return f"postgresql://{USER}@{HOST}:{port}/{DATABASE}"


def bindir() -> Path:
    """The newest /usr/lib/postgresql/N/bin (Debian), else the folder of `postgres` on PATH."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/postgres"),
        key=lambda p: int(re.sub(r"\D", "", p.parent.parent.name) or 0),
    )
    if found:
        return found[-1].parent
    on_path = shutil.which("postgres")
    if on_path:
        return Path(on_path).parent
    raise PostgresError("PostgreSQL not found: apt-get install postgresql (Debian 12 has 15)")


def run_as() -> dict[str, Any]:
    """subprocess keywords: initdb and postgres refuse to run as root, so drop to `postgres`."""
    if os.geteuid() != 0:
        return {}
    try:
        pwd.getpwnam("postgres")
    except KeyError as exc:
        raise PostgresError(
            "running as root needs the `postgres` system user: apt-get install postgresql"
        ) from exc
    return {"user": "postgres", "group": "postgres", "extra_groups": []}


def home_for(state_dir: Path) -> Path:
    """Where the cluster lives: state_dir/postgres, unless we are root and `postgres`
    could not reach it (a 0700 folder on the way, as pytest's and some CI checkouts
    are); then a folder of its own under the system temp dir, named after state_dir."""
    home = state_dir.resolve() / "postgres"
    if os.geteuid() != 0 or all(p.stat().st_mode & 0o001 for p in home.parents):
        return home
    digest = hashlib.sha256(str(home).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"pantau-postgres-{digest}"


def prepare(home: Path, log: Path) -> Path:
    """Create the cluster under home/data once (initdb); return the data dir."""
    data = home / "data"
    if (data / "PG_VERSION").exists():
        return data
    home.mkdir(parents=True, exist_ok=True)
    owner = run_as()
    if owner:
        entry = pwd.getpwnam("postgres")
        os.chown(home, entry.pw_uid, entry.pw_gid)
    command = [
        str(bindir() / "initdb"),
        "-D",
        str(data),
        "-A",
        "trust",
        "-U",
        USER,
        "-E",
        "UTF8",
        "--no-locale",
        "--no-sync",
    ]
    with log.open("w") as out:
        result = subprocess.run(command, stdout=out, stderr=out, check=False, **owner)
    if result.returncode != 0:
        tail = log.read_text(errors="replace").strip().splitlines()[-3:]
        raise PostgresError(f"initdb in {data} failed: read {log}\n" + "\n".join(tail))
    return data


def command(data: Path, port: int) -> list[str]:
    """The server in the foreground: TCP on 127.0.0.1 only, no Unix socket; fsync off
    because this is a test server whose data may be thrown away."""
    return [
        str(bindir() / "postgres"),
        "-D",
        str(data),
        "-p",
        str(port),
        "-c",
        f"listen_addresses={HOST}",
        "-c",
        "unix_socket_directories=",
        "-c",
        "fsync=off",
        "-c",
        "synchronous_commit=off",
        "-c",
        "full_page_writes=off",
    ]


def is_server(cmdline: list[bytes]) -> bool:
    return bool(cmdline) and Path(cmdline[0].decode(errors="replace")).name == "postgres"


def answers(port: int) -> bool:
    try:
        with psycopg.connect(
            host=HOST, port=port, user=USER, dbname="postgres", connect_timeout=2
        ) as conn:
            conn.execute("SELECT 1")
        return True
    except psycopg.Error:
        return False


def ensure_database(port: int, name: str = DATABASE) -> None:
    with psycopg.connect(
        host=HOST, port=port, user=USER, dbname="postgres", autocommit=True, connect_timeout=5
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists is None:
            conn.execute(f'CREATE DATABASE "{name}"')
