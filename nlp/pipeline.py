"""Builds, saves and loads the pantau spaCy pipeline on a blank Indonesian ("id") base."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import spacy
import srsly
from spacy.language import Language

# Importing the component modules registers their factories with spaCy.
from nlp import agencies, ner, persons, places, sentencizer, topics
from nlp.component import DATA_DIR, DataComponent, read_data
from nlp.extensions import register_extensions
from nlp.ner import add_ner, has_model
from nlp.tokenizer import tokenizer_setup

NLP_VERSION = "0.4.1"
# The versioned pipeline `pantau build-nlp` saves into the package.
MODEL_DIR = Path(__file__).parent / "model"
PIPELINE_NAME = "pantau_id"
# Data files that only score the pipeline: not part of what it is built from.
EVAL_DATA = {"devset.jsonl", "heldout.jsonl"}
# (name in the pipeline, registered factory), in pipeline order: agencies attach the
# places found before them.
COMPONENTS = (
    ("places", "pantau_places_v1"),
    ("agencies", "pantau_agencies_v1"),
    ("persons", "pantau_persons_v1"),
    ("topics", "pantau_topics_v1"),
)
__all__ = [
    "NLP_VERSION",
    "agencies",
    "build_pipeline",
    "load_pipeline",
    "ner",
    "persons",
    "places",
    "sentencizer",
    "tokenizer_setup",
    "topic_labels",
    "topics",
]


def build_pipeline(*, ner: bool | Path = True) -> Language:
    """A fresh pipeline: [ner], sentencizer, places, agencies, persons, topics.

    `ner=True` adds the statistical PERSON recogniser shipped in nlp/model/ner (built
    by `pantau build-nlp`), when it is there; a Path loads one from elsewhere;
    False gives the rules alone.
    """
    register_extensions()
    config = {"nlp": {"after_creation": {"@callbacks": "pantau.tokenizer.v1"}}}
    nlp = spacy.blank("id", config=config)
    nlp.meta.update({"name": PIPELINE_NAME, "version": NLP_VERSION})
    nlp.add_pipe("pantau_sentencizer_v1", name="sentencizer")
    ner_dir = MODEL_DIR / "ner" if ner is True else ner
    if isinstance(ner_dir, Path):
        if has_model(ner_dir):
            add_ner(nlp).from_disk(ner_dir, exclude=["vocab"])
        elif ner is not True:
            raise FileNotFoundError(f"no trained NER in {ner_dir}")
    for name, factory in COMPONENTS:
        component = nlp.add_pipe(factory, name=name)
        assert isinstance(component, DataComponent)
        component.load_defaults()
    return nlp


def data_manifest() -> dict[str, str]:
    """SHA-256 of each nlp/data file the pipeline is built from (not the sets that only
    score it): the shipped model records it, so a change without a rebuild is seen."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(DATA_DIR.glob("*.json*"))
        if p.name not in EVAL_DATA
    }


def save_pipeline(
    nlp: Language, path: Path = MODEL_DIR, *, training: dict[str, str] | None = None
) -> Path:
    """Write the whole pipeline (config, meta with NLP_VERSION and the data manifest,
    data, NER weights); `training` names the NER's corpora (name -> SHA-256)."""
    nlp.meta["pantau_data"] = data_manifest()
    nlp.meta["pantau_training"] = dict(training or {})
    if path.exists():
        shutil.rmtree(path)
    nlp.to_disk(path)
    return path


def shipped_model() -> Path | None:
    """nlp/model when it was built by this NLP_VERSION from the current nlp/data."""
    meta_path = MODEL_DIR / "meta.json"
    if not meta_path.exists():
        return None
    meta = srsly.read_json(meta_path)
    if meta.get("version") != NLP_VERSION or meta.get("pantau_data") != data_manifest():
        return None
    return MODEL_DIR


def topic_labels(nlp: Language | None = None) -> dict[str, str]:
    """Topic id -> label, from `nlp`'s topic component, or else from the pipeline
    `load_pipeline()` gives (the shipped model's data, or nlp/data when it is stale)."""
    if nlp is not None:
        data = nlp.get_pipe("topics").data  # type: ignore[attr-defined]
    else:
        model = shipped_model()
        data = srsly.read_json(model / "topics" / "topics.json") if model else None
        data = data or read_data("topics.json")
    return {k: str(v.get("label", k)) for k, v in data["topics"].items()}


def load_pipeline(path: Path | None = None) -> Language:
    """Load a pipeline saved with `save_pipeline` / `nlp.to_disk(path)`.

    With no path: the versioned pipeline shipped in nlp/model when it was built by
    this NLP_VERSION from the current nlp/data, else a freshly built one (rules from
    nlp/data, plus the shipped NER weights).
    """
    if path is None:
        path = shipped_model()
    if path is None:
        nlp = build_pipeline()
    else:
        register_extensions()
        # The tokenizer is fully rebuilt from the config (blank "id" + the
        # after_creation callback), so reading its 16k saved special cases again would
        # only double the load time; plain spacy.load(path) gives the same pipeline.
        nlp = spacy.load(path, exclude=["tokenizer"])
    return nlp
