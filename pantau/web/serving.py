"""Before `pantau serve` binds: who may reach it, and a first administrator on loopback."""

from __future__ import annotations

import gc
import ipaddress
from collections.abc import Callable

from pantau.config import Settings
from pantau.wiring import SetupError
from store.accounts import AccountError, Accounts, generate_password

LOCAL_ADMIN = "admin"
WILDCARDS = ("0.0.0.0", "::", "")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def prepare(
    settings: Settings, host: str, accounts: Accounts, say: Callable[[str], None]
) -> Settings:
    """Settings to serve `host` with; SetupError (saying what to do) when it is unsafe.

    On loopback with no accounts, one person on their own machine: a local administrator
    is created and its password printed once (`pantau demo` then `serve` just works).
    Anywhere else, accounts must exist first and the host names people use be listed.
    """
    if is_loopback(host):
        if accounts.count_users() == 0:
            _local_admin(accounts, say)
        return settings
    if accounts.count_users() == 0:
        where = "" if settings.store.url else f" --data-dir {settings.data_dir}"
        raise SetupError(
            f"refusing to serve on {host or 'every interface'} without accounts: anyone on the "
            "network could read and change everything. Create an administrator first "
            f"(pantau users add NAME --role admin --generate{where}), or serve on 127.0.0.1."
        )
    web = settings.web
    if host in WILDCARDS:
        if not web.allowed_hosts:
            raise SetupError(
                f"serving on {host or 'every interface'} needs the host names people will use: "
                "set PANTAU_WEB__ALLOWED_HOSTS='[\"pantau.example.go.id\"]' (requests for other "
                "names are refused, which is what stops DNS rebinding)."
            )
        return settings
    allowed = web.model_copy(update={"allowed_hosts": [*web.allowed_hosts, host]})
    return settings.model_copy(update={"web": allowed})


def _local_admin(accounts: Accounts, say: Callable[[str], None]) -> None:
    password = generate_password()
    try:
        accounts.add_user(LOCAL_ADMIN, password, "admin", actor="pantau serve")
    except AccountError:  # another `serve` made it a moment ago
        return
    say(
        f"No accounts yet: created the local administrator '{LOCAL_ADMIN}'.\n"
        f"  password {password}\n"
        f"It is shown only this once. Change it with `pantau users reset {LOCAL_ADMIN}`; "
        "add people with `pantau users add`."
    )


def settle_heap() -> None:
    """Once the app is built, before serving: its long-lived objects (routes, templates,
    regions, the engine's client) leave the garbage collector's sight, so the full
    collections that the garbage of big answers triggers scan only that garbage (an
    export of 100k hits: 15-20 % of the server's CPU). Not in `build_api`: tests build
    many apps in one process, and frozen objects are never freed."""
    gc.collect()
    gc.freeze()
