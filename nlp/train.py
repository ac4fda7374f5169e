"""Trains the small statistical PERSON recogniser on the project's own corpus.

Rules carry agencies, places and titled officials; the model is the fallback for
names without a title or a speech verb ("Kuasa hukum pemohon, X, ..."), so it is
trained on PERSON only. A hash-embedding CNN (width 64) keeps it under ~2 MB and
fast enough to sit in the pipeline.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import spacy
import srsly
from spacy.language import Language
from spacy.training import Example
from thinc.api import fix_random_seed

from nlp.component import DATA_DIR

CORPUS = DATA_DIR / "ner_corpus.jsonl"
NER_CONFIG: dict[str, Any] = {
    "model": {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": 64,
        "maxout_pieces": 2,
        "use_upper": True,
        "tok2vec": {
            "@architectures": "spacy.HashEmbedCNN.v2",
            "pretrained_vectors": None,
            "width": 64,
            "depth": 2,
            "embed_size": 1000,
            "window_size": 1,
            "maxout_pieces": 3,
            "subword_features": True,
        },
    }
}


def read_corpus(path: Path | None = None) -> list[dict[str, Any]]:
    """Rows {"text", "spans": [[start, end, label], ...]} (character offsets)."""
    return list(srsly.read_jsonl(path or CORPUS))


def examples(nlp: Language, rows: Iterable[dict[str, Any]]) -> list[Example]:
    out = []
    for row in rows:
        doc = nlp.make_doc(row["text"])
        ents = [(s, e, label) for s, e, label in row["spans"]]
        out.append(Example.from_dict(doc, {"entities": ents}))
    return out


def add_ner(nlp: Language, *, first: bool = True) -> Any:
    """Add an untrained "ner" component with the project's small config."""
    kwargs: dict[str, Any] = {"first": True} if first else {}
    return nlp.add_pipe("ner", config=NER_CONFIG, **kwargs)


def train_ner(
    nlp: Language,
    rows: list[dict[str, Any]],
    *,
    epochs: int = 12,
    seed: int = 0,
    batch_size: int = 16,
    dropout: float = 0.2,
) -> list[float]:
    """Add and train a "ner" component in place; returns the loss per epoch."""
    fix_random_seed(seed)
    ner = add_ner(nlp)
    ner.add_label("PERSON")
    train = examples(nlp, rows)
    optimizer = nlp.initialize(lambda: train)
    rng = random.Random(seed)
    losses_per_epoch = []
    other_pipes = [p for p in nlp.pipe_names if p != "ner"]
    with nlp.select_pipes(disable=other_pipes):
        for _ in range(epochs):
            rng.shuffle(train)
            losses: dict[str, float] = {}
            for i in range(0, len(train), batch_size):
                batch = train[i : i + batch_size]
                nlp.update(batch, sgd=optimizer, drop=dropout, losses=losses)
            losses_per_epoch.append(round(float(losses.get("ner", 0.0)), 2))
    return losses_per_epoch


def model_only(ner_dir: Path) -> Language:
    """A blank "id" pipeline with just the trained NER (for evaluation and benchmarks)."""
    from nlp.pipeline import tokenizer_setup

    nlp = tokenizer_setup()(spacy.blank("id"))
    nlp.add_pipe("sentencizer")
    add_ner(nlp).from_disk(ner_dir, exclude=["vocab"])
    return nlp
