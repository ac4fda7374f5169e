"""Search benchmark: bulk indexing docs/s and p50/p95 of typical P2H queries, both backends.

    .venv/bin/python bench/search.py --docs 100000          # SQLite and Elasticsearch
    .venv/bin/python bench/search.py --docs 20000 --no-es   # SQLite only
    .venv/bin/python bench/search.py --docs 1000000 --runs 20 \
        --sqlite /work/bench-1m/sqlite/index.sqlite3 --es-alias bench-web-1000000

Articles are generated (seeded, reproducible): Indonesian election-news sentences, a
tenth of them syndicated copies, with entities, roles, topics, regions and dates over
one year. Each backend gets the same batches; query latency is measured around
`backend.search` / `backend.trends` as the API calls them: each search with facets and
the date histogram, and bare (hits only) in turn.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.events import (
    EnrichedArticle,
    Entity,
    RawArticle,
    Region,
    TopicHit,
    article_id,
)
from search.backend import SearchBackend
from search.query import SearchQuery, TrendQuery

SOURCES = ["antara", "detik", "kompas", "tribun", "liputan6", "republika", "tempo", "rmol"]
REGIONS = [
    ("31.71", "Jakarta Pusat"),
    ("31.72", "Jakarta Utara"),
    ("31.75", "Jakarta Timur"),
    ("32.01", "Kabupaten Bogor"),
    ("32.73", "Kota Bandung"),
    ("32.75", "Kota Bekasi"),
    ("33.74", "Kota Semarang"),
    ("35.78", "Kota Surabaya"),
    ("52.71", "Kota Mataram"),
    ("73.71", "Kota Makassar"),
]
TOPICS = [
    "netralitas_asn",
    "politik_uang",
    "kampanye",
    "apk",
    "logistik",
    "daftar_pemilih",
    "debat",
    "sengketa",
    "pemungutan_suara",
    "keamanan",
]
AGENCIES = [
    "Bawaslu",
    "KPU",
    "Panwaslu",
    "Satpol PP",
    "Polri",
    "BKN",
    "KASN",
    "DKPP",
    "Pemprov DKI",
    "Gakkumdu",
]
PERSONS = (
    [(f"Calon {n}", "candidate") for n in ("Andi", "Budi", "Citra", "Dewi", "Eko")]
    + [(f"Camat {n}", "official") for n in ("Koja", "Cibinong", "Cilincing", "Bekasi Barat")]
    + [(f"Warga {n}", None) for n in ("Fajar", "Gita", "Hadi")]
)
POOLS = {
    "netralitas_asn": [
        "Bawaslu {r} memanggil seorang camat terkait dugaan pelanggaran netralitas ASN.",
        "Aparatur sipil negara diingatkan untuk menjaga netralitas selama pemilihan.",
        "Kepala desa dilarang terlibat dalam kegiatan kampanye pasangan calon.",
        "BKN menjatuhkan sanksi kepada ASN yang tidak netral di {r}.",
    ],
    "politik_uang": [
        "Bawaslu menerima laporan dugaan politik uang menjelang pencoblosan.",
        "Tim pemenangan membagikan amplop berisi uang kepada warga {r}.",
        "Gakkumdu memproses laporan pelanggaran pidana pemilihan.",
    ],
    "apk": [
        "Petugas gabungan melakukan penertiban alat peraga kampanye di {r}.",
        "Ratusan baliho calon kepala daerah ditertibkan karena dipasang di pohon.",
        "Satpol PP menertibkan spanduk yang melanggar aturan kampanye.",
    ],
    "kampanye": [
        "Pasangan calon menggelar kampanye terbuka di lapangan {r}.",
        "Tim kampanye membagikan sembako kepada warga.",
        "Calon bupati berkampanye di pasar tradisional.",
    ],
    "daftar_pemilih": [
        "KPU {r} menetapkan daftar pemilih tetap untuk Pilkada 2024.",
        "Pengawas pemilu menemukan pemilih ganda dalam daftar pemilih sementara.",
    ],
    "debat": ["Debat publik calon wali kota {r} membahas banjir dan transportasi."],
    "logistik": ["Logistik pemilihan didistribusikan ke tempat pemungutan suara di {r}."],
    "keamanan": ["Kepolisian menyiapkan pengamanan di seluruh TPS di {r}."],
    "sengketa": ["Sengketa hasil pemilihan {r} diajukan ke Mahkamah Konstitusi."],
    "pemungutan_suara": [
        "Panwaslu kecamatan mengawasi rekapitulasi suara di tingkat kecamatan.",
        "Pemungutan suara ulang digelar di dua TPS di {r}.",
    ],
}
OTHER = [
    "Warga mengeluhkan harga beras yang naik di pasar tradisional {r}.",
    "Banjir merendam ratusan rumah di {r} setelah hujan deras.",
    "Pemerintah kota memperbaiki jalan rusak menjelang libur panjang.",
    "Dinas kesehatan menggelar vaksinasi gratis untuk anak sekolah.",
]
SUBJECTS = [
    "Pemerintah daerah",
    "Dinas perhubungan",
    "Warga setempat",
    "Pedagang",
    "Petani",
    "Pelajar",
    "Komunitas pemuda",
    "Dinas pendidikan",
    "Pengusaha lokal",
    "Relawan",
    "Nelayan",
    "Perangkat desa",
    "Tokoh agama",
    "Karang taruna",
    "Pengemudi ojek",
]
VERBS = [
    "membahas",
    "meninjau",
    "meresmikan",
    "mengeluhkan",
    "mendukung",
    "menolak",
    "menyiapkan",
    "mengevaluasi",
    "memperbaiki",
    "mengunjungi",
    "merencanakan",
    "menyambut",
]
OBJECTS = [
    "program bantuan sosial",
    "perbaikan drainase",
    "harga bahan pokok",
    "jadwal sekolah",
    "pembangunan jembatan",
    "festival budaya",
    "layanan kesehatan",
    "pasar malam",
    "penataan taman kota",
    "distribusi air bersih",
    "pelatihan kerja",
    "jalur sepeda",
]
WHEN = [
    "pada Senin",
    "pada Selasa",
    "pada Rabu",
    "pada Kamis",
    "pada Jumat",
    "pekan ini",
    "sejak pagi",
    "hingga malam",
    "bulan lalu",
    "tahun depan",
]


def _filler(rnd: random.Random, region: str) -> str:
    return (
        f"{rnd.choice(SUBJECTS)} {rnd.choice(VERBS)} {rnd.choice(OBJECTS)} di {region} "
        f"{rnd.choice(WHEN)}."
    )


QUERIES: list[tuple[str, Callable[[datetime], SearchQuery | TrendQuery]]] = [
    # the search page's own (bench/web.py), 20 hits a page
    ("page: newest", lambda now: SearchQuery(sort="date", limit=20)),
    ("page: text", lambda now: SearchQuery(text="bawaslu", limit=20)),
    (
        "page: text+topic",
        lambda now: SearchQuery(text="kampanye OR baliho", topics=["netralitas_asn"], limit=20),
    ),
    ("page: collapse", lambda now: SearchQuery(text="calon", collapse=True, sort="date", limit=20)),
    ("words: netralitas ASN", lambda now: SearchQuery(text="netralitas ASN")),
    ("stemmed: penertiban", lambda now: SearchQuery(text="penertiban")),
    ("phrase, by date", lambda now: SearchQuery(text='"politik uang"', sort="date")),
    ("OR + exclude", lambda now: SearchQuery(text="bawaslu OR panwaslu -debat")),
    ("prefix netral*", lambda now: SearchQuery(text="netral*")),
    ("field entity:+word", lambda now: SearchQuery(text="entity:Bawaslu pelanggaran")),
    (
        "region 32 + 30d + topic",
        lambda now: SearchQuery(
            text="kampanye",
            regions=["32"],
            topics=["kampanye"],
            since=now - timedelta(days=30),
        ),
    ),
    (
        "officials, no text, date",
        lambda now: SearchQuery(roles=["official"], sort="date"),
    ),
    ("collapse copies", lambda now: SearchQuery(text="netralitas camat", collapse=True)),
    ("cursor pages 2-6 (each)", lambda now: SearchQuery(text="kampanye", sort="date", limit=20)),
    (
        "trends week x topic",
        lambda now: TrendQuery(query=SearchQuery(text="kampanye"), interval="week", split="topic"),
    ),
    ("trends day (90d)", lambda now: TrendQuery(query=SearchQuery(since=now - timedelta(days=90)))),
]


def generate(n: int, seed: int = 7, batch: int = 1000) -> Iterator[list[EnrichedArticle]]:
    """Batches of generated articles; about one in ten is a copy of an earlier story."""
    rnd = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    stories: list[tuple[str, str, str, str | None, str]] = []
    out: list[EnrichedArticle] = []
    for i in range(n):
        region = rnd.choice(REGIONS)
        origin: str | None = None
        if stories and rnd.random() < 0.1:
            title, body, fp, topic, origin = rnd.choice(stories[-200:])
        else:
            topic = rnd.choice(TOPICS) if rnd.random() < 0.7 else None
            pool = POOLS[topic] if topic else OTHER
            key = [s.format(r=region[1]) for s in rnd.sample(pool, min(2, len(pool)))]
            sents = key + [_filler(rnd, region[1]) for _ in range(6)]
            title = key[0].rstrip(".")
            rnd.shuffle(sents)
            body = "\n\n".join(" ".join(sents[j : j + 2]) for j in range(0, 8, 2))
            fp = f"{rnd.getrandbits(64):016x}"
        article = _article(i, rnd, title, body, fp, region, start, topic, origin)
        if origin is None:
            stories.append((title, body, fp, topic, article.id))
        out.append(article)
        if len(out) == batch:
            yield out
            out = []
    if out:
        yield out


def _article(
    i: int,
    rnd: random.Random,
    title: str,
    body: str,
    fp: str,
    region: tuple[str, str],
    start: datetime,
    topic: str | None,
    origin: str | None,
) -> EnrichedArticle:
    source = rnd.choice(SOURCES)
    url = f"https://www.{source}.example/berita/{i}/artikel-{i}"
    raw = RawArticle(
        id=article_id(url),
        url=url,
        source=source,
        host=f"www.{source}.example",
        title=title,
        body=body,
        fingerprint=fp,
        origin_id=origin,  # as the crawler's SyndicationIndex marks a copy
        published_at=start + timedelta(minutes=rnd.randrange(365 * 24 * 60)),
    )
    ents = [
        Entity(text=a, label="ORG", canonical=a, start=0, end=1) for a in rnd.sample(AGENCIES, 2)
    ]
    ents += [
        Entity(text=p, label="PERSON", canonical=p, role=role, start=0, end=1)  # type: ignore[arg-type]
        for p, role in rnd.sample(PERSONS, 1)
    ]
    topics = [TopicHit(id=topic, score=round(0.5 + rnd.random() / 2, 2))] if topic else []
    return EnrichedArticle(
        id=raw.id,
        article=raw,
        entities=ents,
        topics=topics,
        region=Region(code=region[0], name=region[1], level="kota"),
        election_related=topic is not None,
        nlp_version="bench",
    )


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure(backend: SearchBackend, runs: int, now: datetime) -> dict[str, dict[str, float]]:
    """p50/p95 per query; a search also without facets and histogram (`bare_*`), the two
    taking turns run by run so that load elsewhere falls on both alike."""
    out: dict[str, dict[str, float]] = {}
    for name, make in QUERIES:
        q = make(now)
        if isinstance(q, SearchQuery) and not name.startswith("cursor"):
            out[name] = searches(backend, q, runs)
            continue
        times: list[float] = []
        total = 0
        for r in range(runs + 2):
            t0 = time.perf_counter()
            if isinstance(q, TrendQuery):
                total = backend.trends(q).series[0].total
            elif name.startswith("cursor"):
                # a client pages on without asking for facets again; time per page
                page = backend.search(q)
                total = page.total
                t0 = time.perf_counter()
                for _ in range(5):
                    if not page.next_cursor:
                        break
                    nxt = {"cursor": page.next_cursor, "facet_size": 0}
                    page = backend.search(q.model_copy(update=nxt))
                if r >= 2:
                    times.append((time.perf_counter() - t0) * 1000 / 5)
                continue
            if r >= 2:  # two warm-up runs
                times.append((time.perf_counter() - t0) * 1000)
        out[name] = {
            "p50_ms": statistics.median(times),
            "p95_ms": percentile(times, 95),
            "hits": total,
        }
    return out


def forget(backend: SearchBackend) -> None:
    """Drop what the engine keeps of earlier searches: SQLite's matching sets, counts and
    relevance; Elasticsearch's shard request cache. The next search is a first one."""
    if hasattr(backend, "forget"):
        backend.forget()
    elif hasattr(backend, "es"):
        backend.es.indices.clear_cache(index=backend.alias, request=True)  # type: ignore[attr-defined]


def searches(backend: SearchBackend, query: SearchQuery, runs: int) -> dict[str, float]:
    """The query with facets and the date histogram, bare (hits only), and first (with
    facets and histogram, nothing kept from before: a new text, or after a restart)."""
    full = query.model_copy(update={"histogram": "auto"})
    bare = query.model_copy(update={"facet_size": 0, "histogram": None})
    times: dict[str, list[float]] = {"full": [], "bare": [], "first": []}
    total = 0
    for r in range(runs + 2):
        for kind, q in (("full", full), ("bare", bare), ("first", full)):
            if kind == "first":
                forget(backend)
            t0 = time.perf_counter()
            total = backend.search(q).total
            if r >= 2:  # two warm-up runs
                times[kind].append((time.perf_counter() - t0) * 1000)
    return {
        "p50_ms": statistics.median(times["full"]),
        "p95_ms": percentile(times["full"], 95),
        "bare_p50_ms": statistics.median(times["bare"]),
        "bare_p95_ms": percentile(times["bare"], 95),
        "first_p50_ms": statistics.median(times["first"]),
        "first_p95_ms": percentile(times["first"], 95),
        "hits": total,
    }


def backends(args: argparse.Namespace, tmp: Path) -> dict[str, SearchBackend]:
    from search.sqlite import SqliteBackend

    found: dict[str, SearchBackend] = {
        "sqlite": SqliteBackend(args.sqlite or tmp / "bench.sqlite3")
    }
    if args.es:
        from search.elastic import ElasticsearchBackend

        alias = args.es_alias or f"bench-{int(time.time())}"
        es = ElasticsearchBackend(args.es_url, alias=alias, timeout=60)
        found["elasticsearch"] = es
    for b in found.values():
        b.ensure()
    return found


def index_all(name: str, backend: SearchBackend, docs: int) -> float:
    """Seconds spent in `upsert` (generation excluded) for all generated articles."""
    spent = 0.0
    for n, batch in enumerate(generate(docs), 1):
        t0 = time.perf_counter()
        backend.upsert(batch)
        spent += time.perf_counter() - t0
        if n % 20 == 0:
            print(f"  {name}: {n * len(batch)} indexed", file=sys.stderr, flush=True)
    if hasattr(backend, "refresh_now"):
        t0 = time.perf_counter()
        backend.refresh_now()
        spent += time.perf_counter() - t0
        settle(backend)
    return spent


def settle(backend: object, limit: float = 90.0) -> None:
    """Wait for Elasticsearch's background merges, so they don't skew the latencies."""
    es = backend.es  # type: ignore[attr-defined]
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        stats = es.indices.stats(index=backend.alias, metric="merge")  # type: ignore[attr-defined]
        if stats["_all"]["total"]["merges"]["current"] == 0:
            return
        time.sleep(1)


def run(args: argparse.Namespace) -> dict[str, object]:
    """Each engine in turn: index everything, then query (the other one sits idle)."""
    now = datetime(2025, 1, 1, tzinfo=UTC)
    loads = [load()]
    result: dict[str, object] = {"docs": args.docs, "runs": args.runs, "load": loads}
    with tempfile.TemporaryDirectory(prefix="pantau-bench-") as tmp:
        for name, b in backends(args, Path(tmp)).items():
            # a kept index (--sqlite, --es-alias) of that size is reused
            kept = b.count() == args.docs
            spent = float("nan") if kept else index_all(name, b, args.docs)
            result[name] = {
                "count": b.count(),
                "bulk_docs_per_s": args.docs / spent,
                "bulk_s": spent,
                "queries": measure(b, args.runs, now),
            }
            if name == "elasticsearch" and not args.es_alias:
                b.es.indices.delete(index=f"{b.alias}-v*")  # type: ignore[attr-defined]
            b.close()
            loads.append(load())
    return result


def load() -> float:
    """The one-minute load average (the machine is shared: quote it with the numbers)."""
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def report(result: dict[str, object]) -> str:
    names = [n for n in ("sqlite", "elasticsearch") if n in result]
    loads = " -> ".join(f"{v:.2f}" for v in result["load"])  # type: ignore[attr-defined]
    lines = [
        f"{result['docs']} generated articles, {result['runs']} runs per query, load {loads}",
        "",
    ]
    for n in names:
        r = result[n]
        assert isinstance(r, dict)
        lines.append(f"{n:14} bulk: {r['bulk_docs_per_s']:8.0f} docs/s ({r['bulk_s']:.1f} s)")
    lines.append("")
    lines.append("searches: with facets and date histogram [bare: hits only] {first: nothing kept}")
    header = f"{'query':28}" + "".join(f"{n[:6] + ' p50/p95 ms':>52}" for n in names) + "  hits"
    lines.append(header)
    for q, _ in QUERIES:
        row = f"{q:28}"
        hits = ""
        for n in names:
            m = result[n]["queries"][q]  # type: ignore[index]
            bare = (
                f"[{m['bare_p50_ms']:.1f} / {m['bare_p95_ms']:.1f}]" if "bare_p95_ms" in m else ""
            )
            first = (
                f"{{{m['first_p50_ms']:.1f} / {m['first_p95_ms']:.1f}}}"
                if "first_p95_ms" in m
                else ""
            )
            row += f"{m['p50_ms']:>10.1f} / {m['p95_ms']:<7.1f}{bare:<17}{first:<17}"
            hits += f" {m['hits']}"
        lines.append(row + " " + hits)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--es-url", default="http://127.0.0.1:9200")
    parser.add_argument("--no-es", dest="es", action="store_false")
    parser.add_argument("--json", type=Path, help="Also write the numbers to this file.")
    parser.add_argument(
        "--es-alias",
        help="Keep the Elasticsearch index behind this alias; reuse it when it holds --docs "
        "articles (bench/web.py --keep makes bench-web-DOCS).",
    )
    parser.add_argument(
        "--sqlite",
        type=Path,
        help="Keep the SQLite index in this file; reuse it when it holds --docs articles.",
    )
    args = parser.parse_args()
    result = run(args)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
