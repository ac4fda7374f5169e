"""Settings: read once from PANTAU_* environment variables and passed in everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from platformdirs import user_data_path
from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from alerts.mail import SmtpConfig

REPO_ROOT = Path(__file__).resolve().parents[1]


class KafkaSettings(BaseModel):
    bootstrap: str = "127.0.0.1:9092"
    partitions: int = 3
    batch_size: int = 100


class ElasticsearchSettings(BaseModel):
    url: str = "http://127.0.0.1:9200"
    alias: str = "pantau-articles"
    version: int = 1


class NlpSettings(BaseModel):
    max_chars: int = 100_000
    batch_size: int = 32


class AlertSettings(BaseModel):
    rules_file: Path | None = None  # YAML rules and channels; None: only the default rule
    default_rule: bool = True  # the built-in netralitas_asn rule, routed by region
    webhook_secret: str = ""  # HMAC key for webhook channels without their own secret
    webhook_timeout: float = 5.0
    max_attempts: int = 8
    backoff_base: float = 2.0
    backoff_max: float = 3600.0
    group_distance: int = 12  # SimHash bits: copies of one story are within this distance
    group_window_hours: float = 168.0
    background: bool = True  # deliver from a thread next to the stage (else `alerts deliver`)
    smtp: SmtpConfig = Field(default_factory=SmtpConfig)  # defined with the mailer
    # Evidence snapshots: the alert's page fetched when it fires, re-checked this often.
    snapshots: bool = True
    recheck_hours: float = Field(default=24.0, gt=0)
    snapshot_timeout: float = Field(default=15.0, gt=0)
    snapshot_trust: list[str] = Field(default_factory=list)  # private host:port allowed


class CrawlSettings(BaseModel):
    # ANTARA regional sites crawled besides www ("jatim" or "jatim.antaranews.com");
    # None: the built-in list (megapolitan, jateng, sumsel, mataram, makassar).
    antara_hosts: list[str] | None = None
    # First retry of a 429/5xx/timeout waits this long, doubled per retry (Retry-After wins).
    retry_backoff: float = Field(default=2.0, ge=0)
    # Seconds before a page download is given up (then retried).
    download_timeout: float = Field(default=30.0, gt=0)


class StoreSettings(BaseModel):
    # The operational store (users, offices, alerts, outbox): None is the embedded SQLite
    # file <data dir>/store.sqlite3; distributed mode shares one PostgreSQL:
    # postgresql://user:password@host:5432/pantau (psycopg 3).
    url: str | None = None


class AccountSettings(BaseModel):
    max_failures: int = Field(default=5, ge=1)  # failed sign-ins in a row before a lockout
    lock_minutes: float = Field(default=15, gt=0)
    session_hours: float = Field(default=12, gt=0)  # absolute session lifetime
    idle_minutes: float = Field(default=60, gt=0)  # a session unused this long ends


class ReportSettings(BaseModel):
    subscriptions: Path | None = None  # YAML: who gets which reports, beside the store's rows
    send_hour: int = Field(default=7, ge=0, le=23)  # local time of the office
    catch_up: int = Field(default=3, ge=1, le=31)  # missed periods sent after a pause, at most
    base_url: str | None = None  # links to the web UI in mailed reports (none without it)
    calendar: Path | None = None  # old name of PANTAU_CALENDAR, still read (it loses to it)


class WebSettings(BaseModel):
    """`pantau serve`: who may reach it and how much a request may carry."""

    # Host names the UI answers to besides loopback (DNS rebinding): ["pantau.bawaslu.go.id"]
    allowed_hosts: list[str] = Field(default_factory=list)
    # Proxies whose X-Forwarded-For/-Proto are believed (TLS ends there: cookies get Secure)
    trusted_proxies: list[str] = Field(default_factory=lambda: ["127.0.0.1"])
    https: bool = False  # served over HTTPS: Secure cookies and HSTS even without a proxy header
    max_body: int = Field(default=1_048_576, ge=1024)  # bytes of one request body


class WatchSettings(BaseModel):
    """`pantau watch`: the source registry, politeness and health alerts."""

    sources_file: Path | None = None  # YAML `sources:` list; None: the built-in outlets
    max_hosts: int = Field(default=16, ge=1)  # hosts polled at once by one process
    delay: float = Field(default=1.0, ge=0)  # seconds between two requests to one host
    host_budget: float = Field(default=360.0, gt=0)  # requests per hour per host
    host_burst: float = Field(default=30.0, ge=1)
    failing_after: float = Field(default=3600.0, ge=0)  # seconds failing -> one info alert
    admin_office: str = "admin"  # office whose channels hear of failing sources
    allow_private: bool = False  # tests: feeds linking to other local servers


class ExportSettings(BaseModel):
    # rows of one download (web, API, CLI --all); an XLSX sheet holds 1,048,575 at most
    max_rows: int = Field(default=100_000, ge=1, le=1_048_575)


class Settings(BaseSettings):
    """Everything configurable; env vars are `PANTAU_<SECTION>__<KEY>`."""

    model_config = SettingsConfigDict(env_prefix="PANTAU_", env_nested_delimiter="__")

    data_dir: Path = Field(default_factory=lambda: user_data_path("pantau", appauthor=False))
    bus: Literal["inline", "kafka"] = "inline"
    backend: Literal["sqlite", "elasticsearch"] = "sqlite"
    # The election calendar (YAML) of search, alert rules, charts and reports; None: bundled
    calendar: Path | None = None
    services_dir: Path = REPO_ROOT / ".services"
    kafka: KafkaSettings = Field(default_factory=KafkaSettings)
    elasticsearch: ElasticsearchSettings = Field(default_factory=ElasticsearchSettings)
    nlp: NlpSettings = Field(default_factory=NlpSettings)
    alerts: AlertSettings = Field(default_factory=AlertSettings)
    crawl: CrawlSettings = Field(default_factory=CrawlSettings)
    store: StoreSettings = Field(default_factory=StoreSettings)
    accounts: AccountSettings = Field(default_factory=AccountSettings)
    reports: ReportSettings = Field(default_factory=ReportSettings)
    web: WebSettings = Field(default_factory=WebSettings)
    watch: WatchSettings = Field(default_factory=WatchSettings)
    export: ExportSettings = Field(default_factory=ExportSettings)

    @property
    def index_path(self) -> Path:
        return self.data_dir / "index.sqlite3"

    @property
    def store_url(self) -> str:
        return self.store.url or f"sqlite:///{self.data_dir / 'store.sqlite3'}"

    @property
    def calendar_file(self) -> Path | None:
        return self.calendar or self.reports.calendar

    @property
    def dlq_dir(self) -> Path:
        return self.data_dir / "dlq"
