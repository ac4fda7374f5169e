"""Builds, saves and loads the pantau spaCy pipeline on a blank Indonesian ("id") base."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import cast

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import registry

# Importing the component modules registers their factories with spaCy.
from nlp import agencies, places, topics
from nlp.component import DataComponent, read_data
from nlp.extensions import register_extensions

NLP_VERSION = "0.1.0"
PIPELINE_NAME = "pantau_id"
# Adding patterns fills spaCy's default 10,000-entry tokenizer cache; a larger one
# keeps tokenization about 4x faster on news text (see shared/notes/nlp.md).
MAX_CACHE_SIZE = 500_000
# (name in the pipeline, registered factory), in pipeline order: agencies attach the
# places found before them.
COMPONENTS = (
    ("places", "pantau_places_v1"),
    ("agencies", "pantau_agencies_v1"),
    ("topics", "pantau_topics_v1"),
)
__all__ = ["NLP_VERSION", "agencies", "build_pipeline", "load_pipeline", "places", "topics"]


def tokenizer_setup(*, max_cache_size: int = MAX_CACHE_SIZE) -> Callable[[Language], Language]:
    """after_creation callback: special cases and cache size, also run by spacy.load."""

    def setup(nlp: Language) -> Language:
        tokenizer = cast(Tokenizer, nlp.tokenizer)
        for case in read_data("tokenizer.json")["special_cases"]:
            tokenizer.add_special_case(case, [{ORTH: case}])
        tokenizer.max_cache_size = max_cache_size
        return nlp

    return setup


registry.callbacks.register("pantau.tokenizer.v1", func=tokenizer_setup)


def build_pipeline() -> Language:
    """A fresh pipeline: sentencizer, places, agencies, topics with the packaged data."""
    register_extensions()
    config = {"nlp": {"after_creation": {"@callbacks": "pantau.tokenizer.v1"}}}
    nlp = spacy.blank("id", config=config)
    nlp.meta.update({"name": PIPELINE_NAME, "version": NLP_VERSION})
    nlp.add_pipe("sentencizer")
    for name, factory in COMPONENTS:
        component = nlp.add_pipe(factory, name=name)
        assert isinstance(component, DataComponent)
        component.load_defaults()
    return nlp


def load_pipeline(path: Path | None = None) -> Language:
    """Load a pipeline saved with `nlp.to_disk(path)`, or build one when path is None."""
    if path is None:
        return build_pipeline()
    register_extensions()
    # The tokenizer is fully rebuilt from the config (blank "id" + the after_creation
    # callback), so reading its 16k saved special cases again would only double the
    # load time; plain spacy.load(path) gives the same pipeline, just slower.
    return spacy.load(path, exclude=["tokenizer"])
