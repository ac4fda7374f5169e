"""Collect a report's data through the search query model and the alert store's feed."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

from alerts.store import AlertStore
from pantau.charts import OTHERS
from pantau.report.model import (
    NEUTRALITY,
    Copy,
    Counts,
    OfficeInfo,
    PeriodInfo,
    Report,
    SeriesData,
    StageInfo,
    Story,
)
from pantau.report.office import Office
from pantau.report.people import IGNORED_TOPICS, most_mentioned
from pantau.report.period import Kind, Period
from pantau.report.reading import AlertReader
from search.backend import SearchBackend
from search.calendar import Calendar
from search.query import SearchHit, SearchQuery, TrendQuery, TrendSeries

PAGE = 500
MAX_STORIES = 20_000  # collapsed stories ranked for "top stories" (a province's month)
TOP = {"daily": 10, "weekly": 15}
CHART_TOP = 6
_TAG = re.compile(r"<[^>]+>")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
FAR = datetime(9999, 1, 1, tzinfo=UTC)  # an undated copy sorts after every dated one
SNIPPET = 300


class Gatherer:
    """Reads one office's period from the index (SearchQuery) and the alert store (feed)."""

    def __init__(
        self,
        backend: SearchBackend,
        store: AlertStore,
        *,
        calendar: Calendar | None = None,
        now: datetime | None = None,
    ) -> None:
        self.backend = backend
        self.alerts = AlertReader(backend, store)
        self.calendar = calendar or Calendar.current()
        self.now = now
        self.notes: list[str] = []

    def report(self, office: Office, kind: Kind, day: date) -> Report:
        """The report of `office` for the day, or the Monday-to-Sunday week, holding `day`."""
        period = Period.of(kind, day, office.timezone)
        previous = period.previous()
        current_alerts = self.alerts.of(office, period)
        chart_days = period.days if kind == "weekly" else _week_to(period.first)
        alerted = {i for a in current_alerts for i in (a.article_id, *a.copy_ids)}
        stories = self._stories(office, period, alerted)
        previous_alerts = self.alerts.of(office, previous)
        if self.alerts.truncated:
            self.notes.append(
                f"Peringatan dibaca dari {self.alerts.limit} peringatan terbaru kantor ini."
            )
        return Report(
            office=OfficeInfo(**office.__dict__, zone_name=office.zone_name),
            period=_period_info(period),
            generated_at=self.now or datetime.now(UTC),
            current=self._counts(office, period, self.alerts.counts(current_alerts)),
            previous=self._counts(office, previous, self.alerts.counts(previous_alerts)),
            story_count=len(stories),
            previous_label=previous.label,
            chart_days=chart_days,
            by_topic=self._split(office, chart_days, "topic"),
            by_source=self._split(office, chart_days, "source"),
            alerts=current_alerts,
            stories=[self._lead(s) for s in stories[: TOP[kind]]],
            people=most_mentioned(self.backend, self._query(office, period), self.notes),
            stages=self._stages(period),
            notes=self.notes,
        )

    def _query(self, office: Office, period: Period, **more: Any) -> SearchQuery:
        regions = [office.region_code] if office.region_code else []
        return SearchQuery(regions=regions, since=period.since, until=period.until, **more)

    def _counts(self, office: Office, period: Period, alerts: dict[str, Any]) -> Counts:
        found = self.backend.search(self._query(office, period, limit=1, facet_size=200))
        topics = {f.value: f.count for f in found.facets.get("topics", [])}
        return Counts(
            articles=found.total,
            outlets=len(found.facets.get("sources", [])),
            topics={k: v for k, v in topics.items() if k not in IGNORED_TOPICS},
            **alerts,
        )

    def _split(
        self, office: Office, days: list[date], split: Literal["topic", "source"]
    ) -> list[SeriesData]:
        """The top series of the chart's days and "lainnya", the engine's count of the
        articles in none of them (an article has several topics: summing the left-out
        topics would count one article several times). Neutrality topics are always shown."""
        span = Period("daily", days[0], office.timezone)
        query = SearchQuery(
            regions=[office.region_code] if office.region_code else [],
            since=span.since,
            until=Period("daily", days[-1], office.timezone).until,
            facet_size=0,
        )
        ask = TrendQuery(query=query, split=split, top=CHART_TOP, timezone=office.timezone)
        trend = self.backend.trends(ask)
        shown, others = trend.series[1:], trend.others
        pinned = [
            found
            for key in (NEUTRALITY if split == "topic" else ())
            if key not in {s.name for s in shown}
            and (found := self._only(ask, key, topics=[key])).total
        ]
        if pinned:  # beyond the engine's top: "lainnya" must leave their articles out too
            names = [s.name for s in [*shown, *pinned]]
            others = self._only(ask, OTHERS, text=" ".join(f'-topic:"{n}"' for n in names))
        ranked = sorted([*shown, *pinned], key=lambda s: (-s.total, s.name))
        out = [
            SeriesData(name=s.name, counts=_per_day(s, days), highlight=s.name in NEUTRALITY)
            for s in ranked
        ]
        if others is not None and others.total:
            out.append(SeriesData(name=OTHERS, counts=_per_day(others, days)))
        return out

    def _only(self, ask: TrendQuery, name: str, **narrower: Any) -> TrendSeries:
        """The trend's articles narrowed (`topics=`, `text=`) as one series named `name`."""
        query = ask.query.model_copy(update=narrower)
        whole = self.backend.trends(ask.model_copy(update={"query": query, "split": None}))
        return whole.series[0].model_copy(update={"name": name})

    def _stories(self, office: Office, period: Period, alerted: set[str]) -> list[Story]:
        """Syndicated copies folded into their story; ranked by how many outlets carried
        it, then by alerts and neutrality topics, then the newest."""
        hits = [
            (h, bool({h.id, *(c.id for c in h.also_published_by)} & alerted))
            for h in self._collapsed(office, period)
        ]
        ranked = sorted(
            hits,
            key=lambda ha: (
                -(1 + len(ha[0].also_published_by)),
                -ha[1],
                -sum(t in NEUTRALITY for t in ha[0].topics),
                -(ha[0].published_at or EPOCH).timestamp(),
            ),
        )
        return [_story(h, flag) for h, flag in ranked]

    def _lead(self, story: Story) -> Story:
        """The story as its first publisher ran it: folding keeps the newest copy, but
        "juga dimuat oleh" should list those who ran it after the origin."""
        members = [Copy(id=story.id, source=story.source, url=story.url,
                        published_at=story.published_at), *story.also_published_by]  # fmt: skip
        members.sort(key=lambda c: ((c.published_at or FAR).timestamp(), c.id))
        first = members[0]
        doc = self.backend.get(first.id) if first.id != story.id else None
        if doc is None:
            return story
        a = doc.article
        return story.model_copy(
            update={
                "id": doc.id,
                "title": a.title,
                "url": a.url,
                "source": a.source,
                "published_at": a.published_at,
                "snippet": " ".join(a.paragraphs)[:SNIPPET],
                "topics": [t.id for t in doc.topics],
                "also_published_by": [c for c in members if c.id != first.id],
            }
        )

    def _collapsed(self, office: Office, period: Period) -> Iterator[SearchHit]:
        cursor: str | None = None
        seen = 0
        while True:
            query = self._query(
                office, period, sort="date", limit=PAGE, collapse=True, facet_size=0, cursor=cursor
            )
            result = self.backend.search(query)
            yield from result.hits
            seen += len(result.hits)
            cursor = result.next_cursor
            if not cursor or not result.hits:
                return
            if seen >= MAX_STORIES:
                self.notes.append(f"Berita utama dipilih dari {seen} cerita terbaru.")
                return

    def _stages(self, period: Period) -> list[StageInfo]:
        sources = {e.key: e.source for e in self.calendar.elections}
        return [
            StageInfo(
                election=f.election_name,
                key=f.stage.key,
                label=f.stage.label,
                first=f.stage.start,
                last=f.stage.end,
                approximate=f.stage.approximate,
                source=sources[f.election],
            )
            for f in self.calendar.stages_between(period.first, period.last)
        ]


def _per_day(series: TrendSeries, days: list[date]) -> list[int]:
    counts = {p.date: p.count for p in series.points}
    return [counts.get(d.isoformat(), 0) for d in days]


def _story(hit: SearchHit, alerted: bool) -> Story:
    return Story(
        id=hit.id,
        title=hit.title,
        url=hit.url,
        source=hit.source,
        published_at=hit.published_at,
        snippet=html.unescape(_TAG.sub("", hit.snippet)),
        topics=hit.topics,
        also_published_by=[Copy.model_validate(c.model_dump()) for c in hit.also_published_by],
        alerted=alerted,
    )


def _period_info(period: Period) -> PeriodInfo:
    return PeriodInfo(
        kind=period.kind,
        first=period.first,
        last=period.last,
        label=period.label,
        since=period.since,
        until=period.until,
    )


def _week_to(day: date) -> list[date]:
    """A daily report's charts show the seven days up to its day, for context."""
    return [day - timedelta(days=6 - i) for i in range(7)]
