"""The statistical NER: training on the project's corpus, shipping, combining with rules."""

from __future__ import annotations

from typing import cast

import pytest
import spacy

from nlp.ner import PersonModel, has_model, name_shaped
from nlp.pipeline import MODEL_DIR, NLP_VERSION, build_pipeline, load_pipeline, tokenizer_setup
from nlp.train import model_only, read_corpus, train_ner


def test_corpus_is_annotated_consistently():
    rows = read_corpus()
    assert len(rows) >= 300
    for row in rows:
        for start, end, label in row["spans"]:
            assert label == "PERSON"
            name = row["text"][start:end]
            assert name == name.strip() and name[:1].isupper(), row


def test_training_learns_and_saves(tmp_path):
    nlp = tokenizer_setup()(spacy.blank("id"))
    errors = train_ner(nlp, read_corpus()[:120], epochs=3, seed=1)
    assert errors[-1] < errors[0]
    model = cast(PersonModel, nlp.get_pipe("ner"))
    model.to_disk(tmp_path / "ner")
    assert has_model(tmp_path / "ner")
    both = build_pipeline(ner=tmp_path / "ner")
    assert both.pipe_names[0] == "ner"
    assert cast(PersonModel, both.get_pipe("ner")).weights == model.weights


def test_training_is_deterministic():
    rows = read_corpus()[:150]
    weights = []
    for _ in range(2):
        nlp = tokenizer_setup()(spacy.blank("id"))
        train_ner(nlp, rows, epochs=4, seed=3)
        weights.append(cast(PersonModel, nlp.get_pipe("ner")).weights)
    assert weights[0] == weights[1] and weights[0]


def test_shipped_ner_is_the_registered_perceptron():
    nlp = model_only(MODEL_DIR / "ner")
    ner = nlp.get_pipe("ner")
    assert isinstance(ner, PersonModel)
    assert nlp.get_pipe_meta("ner").factory == "pantau_ner_v1"
    copy = PersonModel(nlp, "copy", max_len=1).from_bytes(ner.to_bytes())
    assert copy.weights == ner.weights and copy.max_len == ner.max_len


@pytest.mark.parametrize(
    ("text", "shaped"),
    [
        ("Wiwik", True),
        ("M.", True),
        ("I", True),
        ("O'Neil", True),
        ("KPU", False),
        ("warga", False),
        ("Rp14.500", False),
        ("2024", False),
    ],
)
def test_only_name_shaped_words_are_candidates(text, shaped):
    assert name_shaped(text) is shaped


def test_model_scores_spans_inside_capitalised_runs_only():
    nlp = model_only(MODEL_DIR / "ner")
    doc = nlp("Kuasa hukum pemohon, Darius Simatupang, meminta majelis membatalkan putusan.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Darius Simatupang", "PERSON")]
    assert list(nlp("harga cabai naik di pasar.").ents) == []


def test_shipped_model_is_small_and_current():
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size < 5_000_000
    assert load_pipeline().meta["version"] == NLP_VERSION


def test_model_finds_untitled_names_the_rules_miss(nlp):
    text = "Seorang guru honorer di Jakarta Selatan, Wiwik Suryani, mengaku diminta mengajak warga."
    rules = build_pipeline(ner=False)
    assert "Wiwik Suryani" not in [e.text for e in rules(text).ents]
    assert "Wiwik Suryani" in [e.text for e in model_only(MODEL_DIR / "ner")(text).ents]
    found = [(e.text, e._.role) for e in nlp(text).ents if e.label_ == "PERSON"]
    assert found == [("Wiwik Suryani", "other")]


def test_model_guesses_that_are_not_names_are_dropped(nlp):
    doc = nlp("Harga beras naik menjadi Rp14.500 per kilogram pada Rabu (13/11).")
    assert [e for e in doc.ents if e.label_ == "PERSON"] == []
