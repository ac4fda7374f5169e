"""One source of truth: the shipped model is built from nlp/data; labels come from the pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
import srsly

from nlp import pipeline
from nlp.component import read_data
from nlp.pipeline import MODEL_DIR, NLP_VERSION, data_manifest, shipped_model, topic_labels
from nlp.train import read_bio_corpus


def test_shipped_model_is_built_from_the_current_nlp_data():
    meta = srsly.read_json(MODEL_DIR / "meta.json")
    assert meta["version"] == NLP_VERSION, "nlp/model is stale: run `pantau build-nlp`"
    changed = {
        name
        for name in set(meta["pantau_data"]) | set(data_manifest())
        if meta["pantau_data"].get(name) != data_manifest().get(name)
    }
    assert not changed, (
        f"nlp/data changed since nlp/model was built: run `pantau build-nlp` ({changed})"
    )
    assert shipped_model() == MODEL_DIR


def test_a_data_change_without_a_rebuild_is_not_served_from_the_model(
    monkeypatch: pytest.MonkeyPatch,
):
    real = data_manifest()
    monkeypatch.setattr(pipeline, "data_manifest", lambda: {**real, "topics.json": "edited"})
    assert shipped_model() is None  # load_pipeline() then builds from nlp/data


def test_topic_labels_come_from_the_loaded_pipeline(nlp):
    from_data = {k: v["label"] for k, v in read_data("topics.json")["topics"].items()}
    assert topic_labels(nlp) == from_data
    assert topic_labels() == from_data
    assert topic_labels()["netralitas_asn"] == "Netralitas ASN"


def test_bio_corpus_rows_keep_person_spans_only(tmp_path: Path):
    path = tmp_path / "bio.txt"
    path.write_text(
        "Ketua O\nKPU B-ORG\nAnis B-PER\nMatta I-PER\nhadir O\n\nIa O\npulang O\n",
        encoding="utf-8",
    )
    rows = read_bio_corpus(path)
    assert rows[0]["text"] == "Ketua KPU Anis Matta hadir"
    ((start, end, label),) = rows[0]["spans"]
    assert rows[0]["text"][start:end] == "Anis Matta" and label == "PERSON"
    assert rows[1]["spans"] == []
