"""The operational store's tables (SQLAlchemy Core); migrations in store/migrations build them.

Times are UTC epoch seconds (a double on both engines: no naive-datetime surprises on
SQLite). Secrets are never stored: passwords as Argon2 hashes, tokens as SHA-256.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Double,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# Named constraints: Alembic's batch mode (SQLite ALTER) and PostgreSQL drops need names.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ROLES = ("admin", "analyst", "staff")

# -- people and offices ------------------------------------------------------------

offices = Table(
    "offices",
    metadata,
    Column("id", String(16), primary_key=True),  # "RI", or the region code: "31", "31.72"
    Column("name", String(200), nullable=False, unique=True),
    Column("level", String(16), nullable=False),  # nasional | provinsi | kabupaten | kota
    Column("region_code", String(16), unique=True),  # None for the national office
    Column("parent_id", String(16), ForeignKey("offices.id")),
    Column("tz", String(4), nullable=False),  # WIB | WITA | WIT
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=False),
    Column("role", String(16), nullable=False),
    Column("office_id", String(16), ForeignKey("offices.id")),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", Double, nullable=False),
    Column("password_changed_at", Double, nullable=False),
    CheckConstraint("role IN ('admin', 'analyst', 'staff')", name="role"),
    sqlite_autoincrement=True,
)

sessions = Table(
    "sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", Double, nullable=False),
    Column("last_seen_at", Double, nullable=False),
    Column("expires_at", Double, nullable=False),
    Column("ip", String(64)),
    Index(None, "user_id"),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(100), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", Double, nullable=False),
    Column("last_used_at", Double),
    Column("revoked_at", Double),
    UniqueConstraint("user_id", "name"),
    sqlite_autoincrement=True,
)

login_attempts = Table(
    "login_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False),
    Column("ip", String(64)),
    Column("at", Double, nullable=False),
    Column("outcome", String(16), nullable=False),  # ok | failed | locked
    Index(None, "username", "at"),
    Index(None, "ip", "at"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", Double, nullable=False),
    Column("actor", String(64), nullable=False),
    Column("action", String(64), nullable=False),
    Column("target", String(200), nullable=False),
    Column("detail", JSON),
    Column("ip", String(64)),
    Index(None, "at"),
    sqlite_autoincrement=True,
)

saved_searches = Table(
    "saved_searches",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("query", JSON, nullable=False),  # {"params": [[name, value], ...]} of the page
    Column("created_at", Double, nullable=False),
    Column("updated_at", Double, nullable=False),
    # pantauan (pantau/pantauan/run.py): the last visit, and how many recent hits it saw
    Column("last_seen_at", Double),
    Column("seen_count", Integer),
    Column("email", String(254)),  # a daily mail of the new hits goes here (None: none)
    Column("rule_id", String(100)),  # the alert rule made from it, if any
    # the name casefolded (store.saved.name_key): "Netralitas" and "netralitas" are one
    # name; kept by Python so SQLite and PostgreSQL fold alike (SQL lower() differs)
    Column("name_key", String(200), nullable=False),
    UniqueConstraint("user_id", "name_key"),
)

# The source registry (filled by a later issue: `pantau watch`).
# -- the source registry and `pantau watch`'s schedule (crawlers/watch) ----------------

sources = Table(
    "sources",
    metadata,
    Column("id", String(100), primary_key=True),  # the registry name: "antara", "kabar-sleman"
    Column("name", String(200), nullable=False),
    Column("url", Text, nullable=False),  # homepage (or the first entry point)
    Column("kind", String(32), nullable=False),  # outlet family rules, or "generic"
    Column("enabled", Boolean, nullable=False, default=True),
    Column("config", JSON),  # the whole registry entry (feeds, sitemaps, bounds, region)
    Column("created_at", Double, nullable=False),
    Column("updated_at", Double, nullable=False),
    Column("origin", String(8), nullable=False, server_default="file"),  # file | cli
    Column("failures", Integer, nullable=False, server_default="0"),  # polls failed in a row
    Column("failing_since", Double),
    Column("alerted_at", Double),  # the failure episode's one alert went out
    Column("last_status", String(64)),
    Column("last_success", Double),
)

watch_feeds = Table(
    "watch_feeds",
    metadata,
    Column("url", Text, primary_key=True),
    Column("source", String(100), ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    Column("host", String(255), nullable=False),  # host[:port]: the politeness unit
    Column("next_at", Double, nullable=False),
    Column("poll_interval", Double, nullable=False),
    Column("rate", Double),  # new items per second, learned
    Column("fresh_rate", Double),  # items published per second, new here or not
    Column("rate_window", Double),  # seconds of observation behind `rate`
    Column("etag", Text),
    Column("last_modified", Text),
    Column("failures", Integer, nullable=False, server_default="0"),
    Column("last_status", String(64)),
    Column("polled_at", Double),
    Index(None, "host", "next_at"),
)

watch_hosts = Table(
    "watch_hosts",
    metadata,
    Column("host", String(255), primary_key=True),
    Column("lease_owner", String(200)),  # the watch process polling it now
    Column("lease_until", Double),
    Column("next_allowed_at", Double, nullable=False, server_default="0"),
    Column("tokens", Double),  # request budget left
    Column("tokens_at", Double),
    Column("robots", Text),
    Column("robots_at", Double),
)

watch_seen = Table(
    "watch_seen",
    metadata,
    Column("url", Text, primary_key=True),  # canonical article URL
    Column("source", String(100), nullable=False),
    Column("state", String(64), nullable=False),  # claimed | article | a permanent failure
    Column("feed", Text),  # the entry point that brought it first
    Column("at", Double, nullable=False),
    Index(None, "at"),
)

watch_events = Table(
    "watch_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", String(100), nullable=False),
    Column("at", Double, nullable=False),
    Column("kind", String(16), nullable=False),  # poll | article | generic | article_error
    Column("outcome", String(64), nullable=False),
    Column("ok", Boolean, nullable=False),
    Index(None, "source", "at"),
    sqlite_autoincrement=True,
)

# -- alerts: stories, the feed, the delivery outbox -----------------------------------

story = Table(
    "story",
    metadata,
    Column("article_id", String(64), primary_key=True),
    Column("grp", String(64), nullable=False),
    Column("fingerprint", String(32)),
    Column("seen_at", Double, nullable=False),
    Index(None, "seen_at"),
)

alert = Table(
    "alert",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("rule_id", String(100), nullable=False),
    Column("grp", String(64), nullable=False),
    Column("article_id", String(64), nullable=False),
    Column("created_at", Double, nullable=False),
    Column("rule_name", Text, nullable=False),
    Column("offices", JSON, nullable=False),  # most specific first, as routed
    Column("region", JSON),
    Column("region_code", String(16)),  # the most specific; scope reads alert_region
    Column("event", Text, nullable=False),  # the Alert event as JSON
    Column("severity", String(16)),  # copied from the event: filtered in SQL
    Column("published_at", Double),  # when the article was published (event), if known
    # triage: what the office did with it (alerts/triage.py); version: optimistic locking
    Column("state", String(32), nullable=False, server_default="baru"),
    Column("outcome", String(32)),
    Column("assignee", String(64)),
    Column("due_at", Double),
    Column("version", Integer, nullable=False, server_default="1"),
    Column("changed_at", Double),
    Column("page_state", String(16)),  # the last re-check: None | berubah | dihapus
    UniqueConstraint("rule_id", "grp"),  # exactly one alert per rule and story
    Index(None, "created_at"),
    Index(None, "state", "created_at"),
    Index(None, "assignee"),
)

alert_history = Table(
    "alert_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("alert_id", String(64), ForeignKey("alert.id", ondelete="CASCADE"), nullable=False),
    Column("at", Double, nullable=False),
    Column("actor", String(64), nullable=False),
    Column("from_state", String(32)),
    Column("to_state", String(32)),
    Column("changes", JSON, nullable=False),  # {"assignee": [old, new], ...}
    Column("note", Text),
    Index(None, "alert_id", "id"),
    sqlite_autoincrement=True,
)

snapshot = Table(
    "snapshot",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("alert_id", String(64), ForeignKey("alert.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),  # asli (when it fired) | cek (a re-check)
    Column("url", Text, nullable=False),
    Column("fetched_at", Double, nullable=False),
    Column("status", Integer),  # HTTP status; None when the fetch failed
    Column("headers", JSON, nullable=False),
    Column("body", LargeBinary, nullable=False),  # the bytes as fetched
    Column("text", Text, nullable=False),  # extracted text
    Column("sha256", String(64), nullable=False),  # of body
    Column("verdict", String(16)),  # cek only: sama | berubah | dihapus
    Column("diff", Text),  # cek only: unified diff of the text against the original
    Column("error", Text),
    Index(None, "alert_id", "id"),
    sqlite_autoincrement=True,
)

alert_office = Table(
    "alert_office",
    metadata,
    Column("alert_id", String(64), ForeignKey("alert.id", ondelete="CASCADE"), primary_key=True),
    Column("office", String(200), primary_key=True),
    Index(None, "office"),
)

# Every level of an alert's region ("31", "31.72", "31.72.01"): scope by office is then an
# indexed equality on both engines (a LIKE prefix uses no index on SQLite, nor on
# PostgreSQL outside the C collation).
alert_region = Table(
    "alert_region",
    metadata,
    Column("alert_id", String(64), ForeignKey("alert.id", ondelete="CASCADE"), primary_key=True),
    Column("code", String(16), primary_key=True),
    # Covering (code, alert_id); not "ix_alert_region_code": that was alert's own index.
    Index("ix_alert_region_by_code", "code", "alert_id"),
)

alert_copy = Table(
    "alert_copy",
    metadata,
    Column("alert_id", String(64), ForeignKey("alert.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", String(64), primary_key=True),
    Column("url", Text, nullable=False),
    Column("source", String(100), nullable=False),
    Column("seen_at", Double, nullable=False),
)

delivery = Table(
    "delivery",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("alert_id", String(64), ForeignKey("alert.id", ondelete="CASCADE"), nullable=False),
    Column("channel", String(100), nullable=False),
    Column("mode", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_at", Double, nullable=False),
    Column("lease_until", Double),
    Column("last_error", Text),
    Column("delivered_at", Double),
    # alert: the alert itself; assigned / overdue: triage notifications (alerts/notify.py)
    Column("kind", String(16), nullable=False, server_default="alert"),
    UniqueConstraint("alert_id", "channel", "kind"),
    Index(None, "status", "next_at"),
    sqlite_autoincrement=True,
)

alert_rule = Table(
    "alert_rule",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("body", Text, nullable=False),
    Column("updated_at", Double, nullable=False),
)

# -- reports: who gets them, and what was mailed -------------------------------------

# One row per (office, email, kind). The office id is not a foreign key: the offices
# table is re-synced from the gazetteer and must be free to drop a renamed region.
report_subscription = Table(
    "report_subscription",
    metadata,
    Column("office_id", String(16), primary_key=True),  # offices.id: "RI", "31.72"
    Column("email", String(254), primary_key=True),
    Column("kind", String(8), primary_key=True),  # daily | weekly
    Column("created_at", Double, nullable=False),
    CheckConstraint("kind IN ('daily', 'weekly')", name="kind"),
)

# One row per (office, kind, period) to mail; the newest period is the mark. UNIQUE makes
# enqueueing idempotent across schedulers on any number of hosts.
report_delivery = Table(
    "report_delivery",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("office", String(200), nullable=False),  # the office's name, as reports use it
    Column("kind", String(8), nullable=False),
    Column("period", Date, nullable=False),  # the day, or the Monday of the week
    Column("recipients", JSON, nullable=False),
    Column("status", String(16), nullable=False),  # pending | delivered | dead
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_at", Double, nullable=False),
    Column("lease_until", Double),
    Column("last_error", Text),
    Column("created_at", Double, nullable=False),
    Column("delivered_at", Double),
    UniqueConstraint("office", "kind", "period"),
    Index(None, "status", "next_at"),
    sqlite_autoincrement=True,
)

# Counters and markers: the rules version, the seeded office data's checksum.
store_meta = Table(
    "store_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Integer, nullable=False),
    Column("text", Text),
)
