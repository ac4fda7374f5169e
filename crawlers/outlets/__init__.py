"""The registry of outlet families pantau knows, and which one owns a URL."""

from __future__ import annotations

from crawlers.outlet import Outlet
from crawlers.outlets import antara, detik, kompas, liputan6, republika, rmol, tempo

OUTLETS: dict[str, Outlet] = {
    o.name: o
    for o in (
        antara.OUTLET,
        detik.OUTLET,
        kompas.OUTLET,
        tempo.OUTLET,
        liputan6.OUTLET,
        republika.OUTLET,
        rmol.OUTLET,
    )
}


def by_name(name: str) -> Outlet:
    try:
        return OUTLETS[name.lower()]
    except KeyError:
        known = ", ".join(sorted(OUTLETS))
        raise KeyError(f"unknown source {name!r} (known: {known})") from None


def by_host(host: str) -> Outlet | None:
    """The outlet whose domains include `host`, or None."""
    return next((o for o in OUTLETS.values() if o.owns(host)), None)


def by_path(path: str) -> Outlet | None:
    """The first outlet whose article (or not-article) paths match: for local mirrors."""
    for outlet in OUTLETS.values():
        if outlet.article_path.match(path) or outlet.not_article_path.match(path):
            return outlet
        for pattern, repl in outlet.amp_paths:
            if pattern.search(path) and outlet.article_path.match(pattern.sub(repl, path, 1)):
                return outlet
    return None
