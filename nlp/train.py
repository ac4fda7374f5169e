"""Trains the statistical PERSON recogniser (pantau_ner_v1) on annotated news.

Rules carry agencies, places and titled officials; the model is the fallback for
names without a title or a speech verb ("Kuasa hukum pemohon, X, ..."), so it is
trained on PERSON only: an averaged perceptron over name-shaped spans (nlp/ner.py),
a few hundred kB of weights and cheap enough to run on every article. Its corpora:
the project's own (nlp/data/ner_corpus.jsonl) and, when given, BIO files of real
news such as the train split of idner-news-2k (MIT; read where it lies, never
copied: only the weights learnt from it ship).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import spacy
import srsly
from spacy.language import Language

from nlp.component import DATA_DIR
from nlp.conll import bio_spans, read_conll
from nlp.ner import add_ner
from nlp.tokenizer import tokenizer_setup

CORPUS = DATA_DIR / "ner_corpus.jsonl"
# The real-news corpus `pantau build-nlp` trains on by default: beside the repository
# (<repo>/../shared), where development machines and CI have it; optional elsewhere.
IDNER_TRAIN = Path(__file__).resolve().parents[2] / "shared/ner/idner-news-2k/train.txt"
EPOCHS = 20


def read_corpus(path: Path | None = None) -> list[dict[str, Any]]:
    """Rows {"text", "spans": [[start, end, label], ...]} (character offsets)."""
    return list(srsly.read_jsonl(path or CORPUS))


def read_bio_corpus(path: Path) -> list[dict[str, Any]]:
    """The PER spans of a BIO file as corpus rows (tokens joined by spaces)."""
    rows = []
    for sentence in read_conll(path):
        starts, pos = [], 0
        for token in sentence.tokens:
            starts.append(pos)
            pos += len(token) + 1
        spans = [
            [starts[a], starts[b - 1] + len(sentence.tokens[b - 1]), "PERSON"]
            for a, b, kind in sorted(bio_spans(sentence.tags))
            if kind == "PER"
        ]
        rows.append({"text": sentence.text, "spans": spans})
    return rows


def train_ner(
    nlp: Language, rows: list[dict[str, Any]], *, epochs: int = EPOCHS, seed: int = 0
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
