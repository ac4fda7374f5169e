"""What a report holds: plain data (the JSON of the API), rendered by one template."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from pantau.report.period import Kind

ALERT_STATUSES = {  # delivery summary of an alert -> Indonesian label (no triage yet)
    "delivered": "terkirim",
    "pending": "menunggu",
    "dead": "gagal",
    "none": "tanpa saluran",
}
NEUTRALITY = ("netralitas_asn", "netralitas_tni_polri")


class OfficeInfo(BaseModel):
    name: str
    region_code: str | None
    region_name: str
    level: str
    timezone: str
    zone_name: str


class PeriodInfo(BaseModel):
    kind: Kind
    first: date
    last: date
    label: str
    since: datetime
    until: datetime


class Counts(BaseModel):
    """The numbers of one period (the cover compares two)."""

    articles: int
    outlets: int
    topics: dict[str, int] = Field(default_factory=dict, description="articles per topic")
    alerts: int
    alerts_by_status: dict[str, int]
    alerts_by_severity: dict[str, int]


class AlertRow(BaseModel):
    id: str
    article_id: str
    copy_ids: list[str] = Field(default_factory=list, description="copies in other outlets")
    rule_name: str
    severity: str
    status: str = Field(description="terkirim | menunggu | gagal | tanpa saluran")
    title: str
    url: str
    source: str
    published_at: datetime | None
    created_at: datetime
    evidence: list[str]
    topics: list[str]
    copies: int


class Copy(BaseModel):
    id: str
    source: str
    url: str
    published_at: datetime | None = None


class Story(BaseModel):
    id: str
    title: str
    url: str
    source: str
    published_at: datetime | None
    snippet: str
    topics: list[str]
    also_published_by: list[Copy]
    alerted: bool


class Person(BaseModel):
    name: str
    role: str = Field(description="official | candidate")
    title: str | None
    articles: int
    topics: list[tuple[str, int]]


class StageInfo(BaseModel):
    election: str
    key: str
    label: str
    first: date
    last: date
    approximate: bool
    source: str


class SeriesData(BaseModel):
    name: str = Field(description="topic id, outlet, or 'lainnya'")
    counts: list[int]
    highlight: bool = False


class Report(BaseModel):
    office: OfficeInfo
    period: PeriodInfo
    generated_at: datetime
    current: Counts
    previous: Counts
    previous_label: str
    story_count: int = Field(description="articles with syndicated copies counted once")
    chart_days: list[date]
    by_topic: list[SeriesData]
    by_source: list[SeriesData]
    alerts: list[AlertRow]
    stories: list[Story]
    people: list[Person]
    stages: list[StageInfo]
    notes: list[str] = Field(default_factory=list, description="limits that applied")

    @property
    def topic_rows(self) -> list[tuple[str, int, int]]:
        """(topic, articles now, articles before), the most covered now first."""
        now, before = self.current.topics, self.previous.topics
        rows = [(t, now.get(t, 0), before.get(t, 0)) for t in {*now, *before}]
        return sorted(rows, key=lambda r: (-r[1], -r[2], r[0]))

    @property
    def empty(self) -> bool:
        return self.current.articles == 0 and self.current.alerts == 0
