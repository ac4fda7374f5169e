"""Search test data and a backend opener shared by the contract and API tests."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from pipeline.events import EnrichedArticle, Entity, RawArticle, Region, TopicHit, article_id
from search.backend import SearchBackend

SYN = "5a5a5a5a5a5a5a5a"
REGIONS = {
    "31.72": "Jakarta Utara",
    "32.75": "Kota Bekasi",
    "32.01": "Kabupaten Bogor",
}


def article(
    n: int,
    title: str,
    body: str,
    *,
    source: str = "antara",
    day: int = 1,
    hour: int = 2,
    region: str | None = "31.72",
    topics: dict[str, float] | None = None,
    entities: Sequence[tuple[str, str, str | None]] = (),
    fingerprint: str | None = None,
    origin: int | None = None,
    election_related: bool = True,
) -> EnrichedArticle:
    """An enriched article in December 2024 with entities (canonical, label, role)."""
    host = f"www.{source}.example"
    url = f"https://{host}/berita/{n}/artikel-{n}"
    raw = RawArticle(
        id=article_id(url),
        url=url,
        source=source,
        host=host,
        title=title,
        body=body,
        published_at=datetime(2024, 12, day, hour, 0, tzinfo=UTC),
        fingerprint=fingerprint or f"{n:016x}",
        origin_id=article_id(f"https://www.antara.example/berita/{origin}/artikel-{origin}")
        if origin
        else None,
    )
    return EnrichedArticle(
        id=raw.id,
        article=raw,
        topics=[TopicHit(id=t, score=s) for t, s in (topics or {}).items()],
        entities=[
            Entity(text=c, label=label, canonical=c, role=role, start=0, end=len(c))  # type: ignore[arg-type]
            for c, label, role in entities
        ],
        region=Region(code=region, name=REGIONS[region], level="kota") if region else None,
        election_related=election_related,
        nlp_version="test",
    )


MORE = [
    article(
        101,
        "Satpol PP lakukan penertiban APK",
        "Penertiban alat peraga kampanye dilakukan di Kecamatan Koja pada Senin.",
        day=2,
        topics={"kampanye": 0.6},
        entities=[("Satpol PP", "ORG", None)],
    ),
    article(
        102,
        "Baliho liar ditertibkan",
        "Ratusan baliho ditertibkan petugas gabungan di Bekasi.",
        source="detik",
        day=3,
        region="32.75",
        topics={"kampanye": 0.5},
    ),
    article(
        103,
        "Panwascam menertibkan spanduk calon",
        "Spanduk calon bupati Rudy Susmanto dipasang di pohon dan ditertibkan.",
        day=9,
        region="32.01",
        topics={"kampanye": 0.7},
        entities=[("Rudy Susmanto", "PERSON", "candidate"), ("Panwascam", "ORG", None)],
    ),
    article(
        104,
        "Camat hadiri kampanye calon bupati",
        "Seorang camat di Bogor hadir dalam kampanye calon bupati, Bawaslu menyelidiki.",
        day=10,
        region="32.01",
        topics={"netralitas_asn": 0.9, "kampanye": 0.3},
        entities=[("Camat Cibinong", "PERSON", "official"), ("Bawaslu", "ORG", None)],
        fingerprint=SYN,
    ),
    article(
        105,
        "Camat hadiri kampanye calon bupati",
        "Seorang camat di Bogor hadir dalam kampanye calon bupati, Bawaslu menyelidiki.",
        source="tribun",
        day=10,
        hour=6,
        origin=104,  # the crawler found it a copy of 104
        region="32.01",
        topics={"netralitas_asn": 0.9, "kampanye": 0.3},
        entities=[("Camat Cibinong", "PERSON", "official"), ("Bawaslu", "ORG", None)],
        fingerprint=SYN,
    ),
    article(
        106,
        "Harga beras stabil",
        "Harga beras di pasar tradisional stabil menjelang akhir tahun.",
        day=11,
        region=None,
        election_related=False,
    ),
]


@contextmanager
def open_backend(
    kind: str, tmp_path: Path, unique: str, docs: Sequence[EnrichedArticle], es_url: str = ""
) -> Iterator[SearchBackend]:
    if kind == "sqlite":
        from search.sqlite import SqliteBackend

        b: SearchBackend = SqliteBackend(tmp_path / f"{unique}.sqlite3")
    else:
        from search.elastic import ElasticsearchBackend

        b = ElasticsearchBackend(es_url, alias=f"test-{unique}", refresh=True)
    b.ensure()
    b.upsert(docs)
    try:
        yield b
    finally:
        if kind == "elasticsearch":
            from search.elastic import ElasticsearchBackend

            assert isinstance(b, ElasticsearchBackend)
            b.es.indices.delete(index=f"test-{unique}-v*")
        b.close()
