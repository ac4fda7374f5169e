"""Trains the statistical PERSON recogniser (pantau_ner_v1) on the project's own corpus.

Rules carry agencies, places and titled officials; the model is the fallback for
names without a title or a speech verb ("Kuasa hukum pemohon, X, ..."), so it is
trained on PERSON only: an averaged perceptron over name-shaped spans (nlp/ner.py),
a few hundred kB of weights and cheap enough to run on every article.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import spacy
import srsly
from spacy.language import Language

from nlp.component import DATA_DIR
from nlp.ner import add_ner
from nlp.tokenizer import tokenizer_setup

CORPUS = DATA_DIR / "ner_corpus.jsonl"


def read_corpus(path: Path | None = None) -> list[dict[str, Any]]:
    """Rows {"text", "spans": [[start, end, label], ...]} (character offsets)."""
    return list(srsly.read_jsonl(path or CORPUS))


def train_ner(
    nlp: Language, rows: list[dict[str, Any]], *, epochs: int = 12, seed: int = 0
) -> list[int]:
    """Add and train a "ner" component in place; returns the errors per epoch."""
    ner = add_ner(nlp)
    data = []
    for row in rows:
        doc = nlp.make_doc(row["text"])
        gold = set()
        for start, end, _label in row["spans"]:
            span = doc.char_span(start, end)
            if span is not None:
                gold.add((span.start, span.end))
        data.append((doc, gold))
    return ner.train(data, epochs=epochs, seed=seed)


def model_only(ner_dir: Path) -> Language:
    """A blank "id" pipeline with just the trained NER (for evaluation and benchmarks)."""
    nlp = tokenizer_setup()(spacy.blank("id"))
    nlp.add_pipe("sentencizer")
    add_ner(nlp).from_disk(ner_dir, exclude=["vocab"])
    return nlp
