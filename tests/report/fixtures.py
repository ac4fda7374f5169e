"""A fixed, invented data set around 25 November 2024 (masa tenang) in Jakarta Utara."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from alerts.stage import AlertStage
from pantau.config import AlertSettings, Settings
from pantau.wiring import build_alert_rules, build_alert_store, build_backend
from pipeline.events import EnrichedArticle, Entity, RawArticle, Region, TopicHit, article_id

WIB = timedelta(hours=7)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
OFFICE = "Bawaslu Kota Jakarta Utara"
PLACES = {
    "31.72": ("Jakarta Utara", "kota"),
    "31.72.01": ("Penjaringan", "kecamatan"),
    "31.71": ("Jakarta Pusat", "kota"),
}
LURAH = ("Hendra Wijaya", "official", "Lurah Kamal Muara")
WALIKOTA = ("Ali Maulana Hakim", "official", "Wali Kota Jakarta Utara")
CALON = ("Andika Pratama", "candidate", None)


@dataclass(frozen=True)
class Item:
    n: int
    title: str
    source: str
    when: str  # local WIB time "2024-11-25 09:00"
    topics: dict[str, float]
    people: Sequence[tuple[str, str, str | None]] = ()
    region: str = "31.72"
    copy_of: int | None = None


LURAH_BODY = (
    "Bawaslu Kota Jakarta Utara memeriksa seorang lurah yang mengunggah dukungan kepada "
    "pasangan calon di media sosial pada masa tenang.\n\n"
    "Lurah itu diduga melanggar netralitas ASN karena mengajak warga memilih calon tertentu."
)
ITEMS = [
    Item(
        1,
        "Lurah di Jakarta Utara diduga unggah dukungan paslon saat masa tenang",
        "antara",
        "2024-11-25 09:00",
        {"netralitas_asn": 0.92},
        [LURAH, CALON],
    ),
    Item(
        2,
        "Bawaslu Jakut periksa lurah yang unggah dukungan paslon",
        "detik",
        "2024-11-25 10:30",
        {"netralitas_asn": 0.9},
        [LURAH, CALON],
        copy_of=1,
    ),
    Item(
        3,
        "Lurah unggah dukungan paslon, Bawaslu Jakut turun tangan",
        "kompas",
        "2024-11-25 11:15",
        {"netralitas_asn": 0.9},
        [LURAH],
        copy_of=1,
    ),
    Item(
        4,
        "Satpol PP Jakarta Utara tertibkan alat peraga kampanye di masa tenang",
        "kompas",
        "2024-11-25 14:00",
        {"apk": 0.8, "kampanye": 0.6},
        [WALIKOTA],
    ),
    Item(
        5,
        "KPU Jakarta Utara distribusikan logistik ke Penjaringan",
        "tempo",
        "2024-11-25 16:20",
        {"logistik": 0.85},
        [WALIKOTA],
        region="31.72.01",
    ),
    Item(
        6,
        "Bawaslu Jakut dalami dugaan politik uang menjelang pencoblosan",
        "rmol",
        "2024-11-25 23:30",
        {"politik_uang": 0.8},
        [CALON],
    ),
    # the next day in WIB although still 25 November in UTC: not in the 25th's report
    Item(
        7,
        "Pengawas TPS Jakarta Utara dilantik",
        "antara",
        "2024-11-26 00:30",
        {"pengawasan_tps": 0.7},
    ),
    # another city: not in Jakarta Utara's report
    Item(
        8,
        "Bawaslu Jakarta Pusat awasi kampanye terselubung",
        "detik",
        "2024-11-25 12:00",
        {"kampanye": 0.7},
        region="31.71",
    ),
    # the day before
    Item(
        9,
        "Polres Jakarta Utara tegaskan netralitas Polri",
        "liputan6",
        "2024-11-24 08:00",
        {"netralitas_tni_polri": 0.8},
        [WALIKOTA],
    ),
    Item(
        10,
        "Warga Jakarta Utara diajak datang ke TPS",
        "antara",
        "2024-11-24 15:00",
        {"pengawasan_tps": 0.6},
    ),
    # earlier in the week, for the charts and the weekly report
    Item(
        11,
        "Debat terakhir calon gubernur disorot warga Jakarta Utara",
        "tempo",
        "2024-11-20 19:00",
        {"debat": 0.8},
        [CALON],
    ),
    Item(
        12,
        "Camat di Jakarta Utara diperiksa karena hadiri kampanye",
        "republika",
        "2024-11-19 10:00",
        {"netralitas_asn": 0.88},
        [WALIKOTA],
    ),
]


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC) - WIB


def _url(item: Item) -> str:
    return f"https://www.{item.source}.example/berita/{item.n}/artikel-{item.n}"


def doc(item: Item) -> EnrichedArticle:
    origin = next((i for i in ITEMS if i.n == item.copy_of), None)
    body = LURAH_BODY if item.n in (1, 2, 3) else f"{item.title}. Berita karangan untuk uji."
    raw = RawArticle(
        id=article_id(_url(item)),
        url=_url(item),
        source=item.source,
        host=f"www.{item.source}.example",
        title=item.title,
        body=body,
        published_at=local(item.when),
        fingerprint="a5a5a5a5a5a5a5a5" if item.n in (1, 2, 3) else f"{item.n:016x}",
        origin_id=article_id(_url(origin)) if origin else None,
    )
    name, level = PLACES[item.region]
    return EnrichedArticle(
        id=raw.id,
        article=raw,
        entities=[
            Entity(text=p, label="PERSON", canonical=p, role=role, title=title, start=0, end=1)  # type: ignore[arg-type]
            for p, role, title in item.people
        ],
        topics=[
            TopicHit(id=t, score=s, evidence=[body.split("\n\n")[-1][:200]])
            for t, s in item.topics.items()
        ],
        region=Region(code=item.region, name=name, level=level),
        election_related=True,
        nlp_version="test",
    )


def build(data_dir: Path) -> Settings:
    """Index the data set into SQLite and fire the alert rules over it, in publication
    order (as a crawl would), with a webhook channel so alerts have a delivery status."""
    rules = data_dir / "rules.yaml"
    rules.write_text(
        "channels:\n  hook: {type: webhook, url: 'http://127.0.0.1:9/hook'}\n"
        f"offices:\n  {OFFICE}: [hook]\n"
    )
    settings = Settings(data_dir=data_dir, alerts=AlertSettings(rules_file=rules))
    docs = sorted((doc(i) for i in ITEMS), key=lambda d: d.article.published_at or EPOCH)
    backend = build_backend(settings)
    backend.upsert(docs)
    backend.close()
    store = build_alert_store(settings)
    AlertStage(build_alert_rules(settings), store).process(docs)
    store.close()
    return settings
