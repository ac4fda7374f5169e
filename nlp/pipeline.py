"""Builds, saves and loads the pantau spaCy pipeline on a blank Indonesian ("id") base."""

from __future__ import annotations

import shutil
from pathlib import Path

import spacy
import srsly
from spacy.language import Language

# Importing the component modules registers their factories with spaCy.
from nlp import agencies, ner, persons, places, sentencizer, topics
from nlp.component import DataComponent
from nlp.extensions import register_extensions
from nlp.ner import add_ner, has_model
from nlp.tokenizer import tokenizer_setup

NLP_VERSION = "0.3.1"
# The versioned pipeline `pantau build-nlp` saves into the package.
MODEL_DIR = Path(__file__).parent / "model"
PIPELINE_NAME = "pantau_id"
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


def save_pipeline(nlp: Language, path: Path = MODEL_DIR) -> Path:
    """Write the whole pipeline (config, meta with NLP_VERSION, data, NER weights)."""
    if path.exists():
        shutil.rmtree(path)
    nlp.to_disk(path)
    return path


def load_pipeline(path: Path | None = None) -> Language:
    """Load a pipeline saved with `save_pipeline` / `nlp.to_disk(path)`.

    With no path: the versioned pipeline shipped in nlp/model when its version is
    this NLP_VERSION, else a freshly built one (rules, plus the NER if shipped).
    """
    if path is None:
        meta = MODEL_DIR / "meta.json"
        if meta.exists() and srsly.read_json(meta).get("version") == NLP_VERSION:
            path = MODEL_DIR
    if path is None:
        nlp = build_pipeline()
    else:
        register_extensions()
        # The tokenizer is fully rebuilt from the config (blank "id" + the
        # after_creation callback), so reading its 16k saved special cases again would
        # only double the load time; plain spacy.load(path) gives the same pipeline.
        nlp = spacy.load(path, exclude=["tokenizer"])
    return nlp
