"""The data model of one invented sample-site story (all people and events are fictional)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Literal

Design = Literal["current", "older"]
Style = Literal["p", "br", "mixed"]
# Where the page states its publication time; "none" is the missing-date case.
DateMode = Literal["jsonld", "broken_jsonld", "text", "time", "none"]

ZONES = {"WIB": 7, "WITA": 8, "WIT": 9}
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
    "September", "Oktober", "November", "Desember",
)  # fmt: skip


@dataclass(frozen=True)
class Story:
    """One article page of the sample site."""

    key: str
    host: str
    id: int
    slug: str
    title: str
    topic: str
    local_time: str  # "2024-11-28 14:30", in `zone`
    city: str
    paragraphs: tuple[str, ...]
    tags: tuple[str, ...]
    reporters: tuple[str, ...]
    editor: str
    caption: str
    photographer: str
    section: tuple[str, ...] = ("Politik", "Pilkada")
    zone: str = "WIB"
    design: Design = "current"
    style: Style = "p"
    date_mode: DateMode = "jsonld"
    inline_figure: str | None = None
    plain_baca_juga: bool = False
    ai_notice: bool = False
    election: bool = True
    extra_topics: tuple[str, ...] = field(default_factory=tuple)

    @property
    def path(self) -> str:
        return f"/berita/{self.id}/{self.slug}"

    @property
    def canonical(self) -> str:
        return f"https://{self.host}{self.path}"

    @property
    def published(self) -> datetime:
        tz = timezone(timedelta(hours=ZONES[self.zone]))
        return datetime.strptime(self.local_time, "%Y-%m-%d %H:%M").replace(tzinfo=tz)

    @property
    def date_text(self) -> str:
        """As the page prints it: "Kamis, 28 November 2024 14:30 WIB"."""
        at = self.published
        return (
            f"{DAYS[at.weekday()]}, {at.day:02d} {MONTHS[at.month - 1]} {at.year} "
            f"{at:%H:%M} {self.zone}"
        )

    @property
    def summary(self) -> str:
        first = self.paragraphs[0]
        return first if len(first) <= 220 else first[:217].rsplit(" ", 1)[0] + "..."
