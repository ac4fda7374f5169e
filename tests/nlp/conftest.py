"""Fixtures: blank "id" pipelines with one pantau component each, and the full pipeline."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from nlp.component import DataComponent
from nlp.pipeline import build_pipeline, tokenizer_setup


def blank_with(*factories: str) -> Language:
    """spacy.blank("id") with the project's tokenizer cases, a sentencizer and components."""
    nlp = tokenizer_setup()(spacy.blank("id"))
    nlp.add_pipe("sentencizer")
    for factory in factories:
        component = nlp.add_pipe(factory)
        assert isinstance(component, DataComponent)
        component.load_defaults()
    return nlp


@pytest.fixture(scope="session")
def places_nlp() -> Language:
    return blank_with("pantau_places_v1")


@pytest.fixture(scope="session")
def agencies_nlp() -> Language:
    return blank_with("pantau_places_v1", "pantau_agencies_v1")


@pytest.fixture(scope="session")
def persons_nlp() -> Language:
    return blank_with("pantau_places_v1", "pantau_agencies_v1", "pantau_persons_v1")


@pytest.fixture(scope="session")
def topics_nlp() -> Language:
    return blank_with("pantau_topics_v1")


@pytest.fixture(scope="session")
def nlp() -> Language:
    return build_pipeline()
