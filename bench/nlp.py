"""Throughput of nlp.analyze (rules, rules + NER) against spacy.blank("id")'s tokenizer.

All variants read the same texts (the dev and held-out articles, repeated) in the
same process, after one warm-up pass each, on one core. Run:

    .venv/bin/python bench/nlp.py [--repeat 10] [--json]

Target (issue 4): the full pipeline at >= 50% of tokenizer-only articles/s.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

# Run as a script, this file's folder comes first on sys.path and "nlp" would be
# this very file, not the package.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

# One core: keep numpy/BLAS from spreading the NER's matrix work over threads.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import spacy  # noqa: E402
from spacy.tokenizer import Tokenizer  # noqa: E402

from nlp.analyze import analyze  # noqa: E402
from nlp.evaluate import DEVSET, HELDOUT, load_devset  # noqa: E402
from nlp.pipeline import MODEL_DIR, build_pipeline  # noqa: E402


def texts(repeat: int) -> list[str]:
    articles = load_devset(DEVSET) + (load_devset(HELDOUT) if HELDOUT.exists() else [])
    return [a["text"] for a in articles] * repeat


def timed(run: Callable[[list[str]], object], data: list[str]) -> float:
    run(data[: max(1, len(data) // 10)])  # warm-up: caches, lazy tables
    started = time.perf_counter()
    run(data)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    data = texts(args.repeat)
    tokenizer = cast(Tokenizer, spacy.blank("id").tokenizer)
    n_tokens = sum(len(d) for d in tokenizer.pipe(data))

    def tokenizer_only(batch: list[str]) -> object:
        return list(tokenizer.pipe(batch))

    variants: list[tuple[str, Callable[[list[str]], object]]] = [
        ('spacy.blank("id") tokenizer', tokenizer_only)
    ]
    rules = build_pipeline(ner=False)
    variants.append(("analyze: rules", lambda batch: analyze(rules, batch)))
    if (MODEL_DIR / "ner" / "model").exists():
        both = build_pipeline(ner=True)
        variants.append(("analyze: rules + NER", lambda batch: analyze(both, batch)))
    rows: list[dict[str, Any]] = []
    for name, run in variants:
        seconds = timed(run, data)
        rows.append(
            {
                "variant": name,
                "articles_per_s": round(len(data) / seconds, 1),
                "tokens_per_s": round(n_tokens / seconds),
            }
        )
    base = rows[0]["articles_per_s"]
    for row in rows:
        row["vs_tokenizer"] = round(row["articles_per_s"] / base, 3)
    if args.json:
        print(json.dumps({"articles": len(data), "tokens": n_tokens, "rows": rows}, indent=2))
        return
    print(f"{len(data)} articles, {n_tokens} tokens, one process")
    for row in rows:
        print(
            f"{row['variant']:32} {row['articles_per_s']:>9} articles/s "
            f"{row['tokens_per_s']:>9} tokens/s  {row['vs_tokenizer']:.0%} of tokenizer"
        )


if __name__ == "__main__":
    main()
