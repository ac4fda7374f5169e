"""CLI command groups, one module per capability; each exposes `commands: typer.Typer`.

Modules keep heavy imports (spaCy, Scrapy, Kafka, Elasticsearch) inside the command
functions so that `pantau --help` stays fast.
"""

MODULES = ("nlp", "search", "alerts", "stream", "crawl", "users", "db", "watch")
