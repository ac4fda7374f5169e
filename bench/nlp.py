"""Throughput of nlp.analyze (rules, rules + NER) against spacy.blank("id")'s tokenizer.

Two sets of texts, each read by every variant in the same process: "short" (the dev
and held-out articles as written, ~60 tokens each) and "long" (the same articles
joined into ~400-token ones). Variants take turns over several rounds (after one
warm-up pass each) so that load from other processes hits them alike; time is this
process's CPU time (one thread: numpy/BLAS are pinned to one core), each variant's
best round is reported, and the ratio to the tokenizer is the median of the
per-round ratios. Run:

    .venv/bin/python -m bench.nlp [--repeat 5] [--rounds 5] [--json]

Target (issue 4): the full pipeline (rules + NER, what the enrich stage runs) at
>= 50% of tokenizer-only articles/s.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

# Run as a script, this file's folder comes first on sys.path and "nlp" would be
# this very file, not the package.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

# One core: keep numpy/BLAS from spreading matrix work over threads.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

import spacy  # noqa: E402
from spacy.tokenizer import Tokenizer  # noqa: E402

from nlp.analyze import analyze  # noqa: E402
from nlp.evaluate import DEVSET, HELDOUT, load_devset  # noqa: E402
from nlp.pipeline import build_pipeline, load_pipeline  # noqa: E402

Run = Callable[[list[str]], object]


def articles() -> list[str]:
    rows = load_devset(DEVSET) + (load_devset(HELDOUT) if HELDOUT.exists() else [])
    return [a["text"] for a in rows]


def joined(texts: list[str], tokenizer: Tokenizer, tokens: int) -> list[str]:
    """Consecutive articles glued into ones of at least `tokens` tokens (paragraphs)."""
    out, parts, n = [], [], 0
    for text, doc in zip(texts, tokenizer.pipe(texts), strict=True):
        parts.append(text)
        n += len(doc)
        if n >= tokens:
            out.append("\n\n".join(parts))
            parts, n = [], 0
    return out or ["\n\n".join(parts)]


def measure(
    variants: list[tuple[str, Run]], data: list[str], rounds: int
) -> tuple[list[float], list[float]]:
    """(best CPU seconds, median ratio to the first variant) per variant; variants
    take turns within each round."""
    for _, run in variants:
        run(data)  # warm-up: caches, lazy tables
    seconds: list[list[float]] = [[] for _ in variants]
    for _ in range(rounds):
        for k, (_, run) in enumerate(variants):
            started = time.process_time()
            run(data)
            seconds[k].append(time.process_time() - started)
    ratios = [[base / s for base, s in zip(seconds[0], row, strict=True)] for row in seconds]
    return [min(row) for row in seconds], [statistics.median(r) for r in ratios]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="copies of the texts per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--long-tokens", type=int, default=400)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    tokenizer = cast(Tokenizer, spacy.blank("id").tokenizer)

    def tokenizer_only(batch: list[str]) -> object:
        return list(tokenizer.pipe(batch))

    variants: list[tuple[str, Run]] = [('spacy.blank("id") tokenizer', tokenizer_only)]
    rules = build_pipeline(ner=False)
    variants.append(("analyze: rules", lambda batch: analyze(rules, batch)))
    both = load_pipeline()  # what the enrich stage runs
    gc.freeze()  # as `pantau worker enrich` does after loading
    if "ner" in both.pipe_names:
        variants.append(("analyze: rules + NER", lambda batch: analyze(both, batch)))
    base = articles()
    sets = {"short": base, "long": joined(base, tokenizer, args.long_tokens)}
    report: dict[str, Any] = {}
    for set_name, texts in sets.items():
        data = texts * args.repeat
        n_tokens = sum(len(d) for d in tokenizer.pipe(data))
        best, ratios = measure(variants, data, args.rounds)
        report[set_name] = {
            "articles": len(data),
            "tokens_per_article": round(n_tokens / len(data)),
            "rows": [
                {
                    "variant": name,
                    "articles_per_s": round(len(data) / s, 1),
                    "tokens_per_s": round(n_tokens / s),
                    "vs_tokenizer": round(ratio, 3),
                }
                for (name, _), s, ratio in zip(variants, best, ratios, strict=True)
            ],
        }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for set_name, rep in report.items():
        print(
            f"{set_name}: {rep['articles']} articles x {args.rounds} rounds, "
            f"{rep['tokens_per_article']} tokens/article, one process, CPU time"
        )
        for row in rep["rows"]:
            print(
                f"  {row['variant']:30} {row['articles_per_s']:>9} articles/s "
                f"{row['tokens_per_s']:>9} tokens/s  {row['vs_tokenizer']:.0%} of tokenizer"
            )


if __name__ == "__main__":
    main()
