"""The source registry: what to watch, as data (YAML file entries and store rows)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from crawlers.outlets import OUTLETS

GENERIC = "generic"
_NAME = r"^[a-z0-9][a-z0-9_.-]{0,62}$"


class RegistryError(ValueError):
    """A sources file or a source entry cannot be used; the message says why."""


class Source(BaseModel):
    """One news source: where its feeds are, whose page rules read it, how often to poll."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=_NAME)
    homepage: str = ""
    feeds: list[str] = Field(default_factory=list, description="RSS / Atom feed URLs")
    sitemaps: list[str] = Field(default_factory=list, description="(news) sitemap URLs")
    listings: list[str] = Field(default_factory=list, description="listing page URLs")
    family: str = Field(default=GENERIC, description="outlet family rules, or 'generic'")
    region: str | None = Field(default=None, description="Kemendagri code it covers")
    min_interval: float = Field(default=60.0, gt=0, description="seconds, fastest polling")
    max_interval: float = Field(default=1800.0, gt=0, description="seconds, slowest polling")
    enabled: bool = True

    @model_validator(mode="after")
    def _consistent(self) -> Source:
        if self.family != GENERIC and self.family not in OUTLETS:
            known = ", ".join(sorted(OUTLETS))
            raise ValueError(f"unknown family {self.family!r} (generic or one of {known})")
        if self.min_interval > self.max_interval:
            raise ValueError("min_interval is larger than max_interval")
        if not self.entry_points():
            raise ValueError(f"source {self.name!r} has no feed, sitemap or listing URL")
        for url in self.entry_points():
            if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
                raise ValueError(f"not an http(s) URL: {url!r}")
        if self.region is not None and not re.fullmatch(r"\d{2}(\.\d{2}){0,3}", self.region):
            raise ValueError(f"region {self.region!r} is not a Kemendagri code like 33.04")
        return self

    def entry_points(self) -> list[str]:
        return list(dict.fromkeys([*self.feeds, *self.sitemaps, *self.listings]))

    def netlocs(self) -> set[str]:
        """host[:port] of every URL the operator gave: links there are on-site."""
        urls = [*self.entry_points(), *([self.homepage] if self.homepage else [])]
        return {urlsplit(u).netloc.lower() for u in urls}


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sources: list[Source] = Field(default_factory=list)


def bundled_path() -> Path:
    return Path(str(resources.files("crawlers.watch") / "sources.yaml"))


def load_sources(path: Path | None = None) -> list[Source]:
    """Sources of a YAML file (`sources:` list); the bundled built-in outlets by default."""
    path = path or bundled_path()
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RegistryError(f"cannot read sources file {path}: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise RegistryError(f"sources file {path} is not valid YAML: {exc}") from exc
    try:
        sources = _File.model_validate(data or {}).sources
    except ValidationError as exc:
        raise RegistryError(f"sources file {path}: {explain(exc)}") from exc
    names = [s.name for s in sources]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise RegistryError(f"sources file {path}: duplicate names {', '.join(dupes)}")
    return sources


def explain(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err["loc"]) or "(root)"
        parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)


def dump_sources(sources: Iterable[Source]) -> str:
    data = {"sources": [s.model_dump(exclude_defaults=True) for s in sources]}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def name_for(url: str) -> str:
    """A registry name from a URL's host: www.kabarsleman.id -> kabarsleman.id."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    name = re.sub(r"[^a-z0-9_.-]+", "-", host).strip("-.") or "source"
    return name[:63]
