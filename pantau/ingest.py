"""`pantau ingest`: archives (saved pages, RawArticle JSON, plain text) into articles.raw,
through the same pipeline as a crawl (enrich, index, alert)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

from pantau.config import Settings
from pipeline.events import (
    TOPIC_RAW,
    EventError,
    RawArticle,
    article_id,
    canonical_url,
    decode,
)


class IngestReport:
    """What an ingest did: files read, articles published, index size, files refused."""

    def __init__(self) -> None:
        self.files = 0
        self.published = 0
        self.indexed = 0
        self.failed: list[tuple[Path, str]] = []


def _files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file()))
        elif p.is_file():
            out.append(p)
        else:
            raise ValueError(f"{p} does not exist")
    return out


def ingest_files(
    settings: Settings, paths: list[Path], *, url: str | None, source: str | None
) -> IngestReport:
    """Publish every article found in `paths` to articles.raw and run the pipeline on it."""
    from pantau.runtime import ALL_STAGES, Runtime

    files = _files(paths)
    if url and len(files) != 1:
        raise ValueError("--url names one page: give exactly one file with it")
    report = IngestReport()
    # Kafka: the workers run the stages; inline: this process does
    stages = () if settings.bus == "kafka" else ALL_STAGES
    with Runtime(settings, stages=stages) as runtime:
        for path in files:
            report.files += 1
            try:
                articles = _read(path, url=url, source=source)
            except (ValueError, OSError) as exc:
                report.failed.append((path, str(exc)))
                continue
            for article in articles:
                runtime.bus.publish(TOPIC_RAW, article.to_bytes(), key=article.id)
                report.published += 1
            runtime.bus.flush()
        report.indexed = runtime.backend.count()
    return report


def _read(path: Path, *, url: str | None, source: str | None) -> list[RawArticle]:
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        articles = [_from_html(path, url)]
    elif suffix in (".json", ".jsonl", ".ndjson"):
        articles = _from_json(path)
    elif suffix in (".txt", ".text", ".md"):
        articles = [_from_text(path, url, source)]
    else:
        raise ValueError("not an article file (use .html, .json, .jsonl or .txt)")
    if source:
        articles = [a.model_copy(update={"source": source}) for a in articles]
    return articles


def _from_html(path: Path, url: str | None) -> RawArticle:
    """A saved page, parsed with the rules of the outlet that owns its URL (from --url or
    the page's canonical link); the generic extractor for outlets without rules."""
    from scrapy.http import HtmlResponse

    from crawlers.parsers.article import parse_article
    from crawlers.parsers.html import PageError

    response = HtmlResponse(url=url or path.resolve().as_uri(), body=path.read_bytes())
    try:
        article = parse_article(response).article
    except PageError as exc:
        raise ValueError(f"not a usable article page: {exc}") from exc
    if article.url.startswith("file:"):
        raise ValueError("the page has no canonical link: give its address with --url")
    return article


def _from_json(path: Path) -> list[RawArticle]:
    text = path.read_text(encoding="utf-8")
    stripped = text.lstrip()
    if path.suffix.lower() == ".json" and stripped.startswith("["):
        items = [json.dumps(item) for item in json.loads(stripped)]
    elif path.suffix.lower() == ".json":
        items = [stripped]
    else:
        items = [line for line in text.splitlines() if line.strip()]
    out = []
    for n, item in enumerate(items, 1):
        try:
            out.append(decode(RawArticle, item.encode("utf-8")))
        except EventError as exc:
            raise ValueError(f"item {n}: {exc.reason}") from exc
    return out


def _from_text(path: Path, url: str | None, source: str | None) -> RawArticle:
    """Plain text: the first line is the title, the rest the body."""
    lines = path.read_text(encoding="utf-8").strip().splitlines()
    if len(lines) < 2:
        raise ValueError("a text file needs a title line and a body")
    address = canonical_url(url or "file://localhost" + path.resolve().as_posix())
    paragraphs = "\n".join(lines[1:]).split("\n\n")
    body = "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())
    return RawArticle(
        id=article_id(address),
        url=address,
        source=source or "archive",
        host=urlsplit(address).hostname or "localhost",
        title=lines[0].strip(),
        body=body,
    )
