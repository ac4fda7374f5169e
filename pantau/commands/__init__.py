"""CLI command groups, one module per capability; each exposes `commands: typer.Typer`.

Modules keep heavy imports (spaCy, Scrapy, Kafka, Elasticsearch) inside the command
functions so that `pantau --help` stays fast.
"""

MODULES = (
    "nlp",
    "search",
    "index",
    "alerts",
    "cases",
    "stream",
    "replay",
    "crawl",
    "users",
    "db",
    "report",
    "pantauan",
    "watch",
)
