"""Pipeline assembly, tokenizer fixes and the to_disk / spacy.load round trip."""

from __future__ import annotations

import pytest
import spacy

from nlp.analyze import analyze
from nlp.pipeline import NLP_VERSION, load_pipeline
from nlp.topics import TopicDetector

ARTICLES = [
    "Jakarta (ANTARA) - Badan Pengawas Pemilu (Bawaslu) Jakarta Utara menemukan dugaan "
    'pelanggaran netralitas ASN di Kec. Koja. "Kami sudah memanggil lurah itu," kata '
    "Ketua Bawaslu Jakarta Utara Budi Santoso.\nPewarta: Rina\nEditor: Agus",
    "KPU Kota Bandung menetapkan daftar pemilih tetap. Tim sukses paslon diduga "
    "membagikan amplop berisi uang kepada pemilih.",
    "Kapolda meminta anggota Polri bersikap netral selama Pilkada di Sulsel.",
    "Harga cabai naik di pasar tradisional.",
]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Kec. Koja", ["Kec.", "Koja"]),
        ("Kab. Bogor", ["Kab.", "Bogor"]),
        ("Kel. Sunter", ["Kel.", "Sunter"]),
        ("KemenPAN-RB.", ["KemenPAN-RB", "."]),
    ],
)
def test_tokenizer_special_cases(nlp, text, tokens):
    assert [t.text for t in nlp.make_doc(text)] == tokens


def test_pipeline_shape(nlp):
    assert nlp.lang == "id"
    rules = ["sentencizer", "places", "agencies", "persons", "topics"]
    assert nlp.pipe_names == ["ner", *rules]  # the NER shipped in nlp/model
    assert nlp.meta["version"] == NLP_VERSION
    assert nlp.tokenizer.max_cache_size >= 100_000
    places, agencies = nlp.get_pipe("places"), nlp.get_pipe("agencies")
    assert places.size[0] >= 38 + 514 and agencies.size[0] >= 40


def test_round_trip_gives_identical_output(nlp, tmp_path):
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    assert loaded.pipe_names == nlp.pipe_names
    assert loaded.meta["version"] == NLP_VERSION
    assert analyze(loaded, ARTICLES) == analyze(nlp, ARTICLES)
    fast = load_pipeline(tmp_path / "model")
    assert analyze(fast, ARTICLES) == analyze(nlp, ARTICLES)
    assert [t.text for t in fast.make_doc("Kec. Koja")] == ["Kec.", "Koja"]


def test_components_round_trip_through_bytes(nlp):
    for name in ("places", "agencies", "topics"):
        component = nlp.get_pipe(name)
        data = component.data
        component.from_bytes(component.to_bytes())
        assert component.data == data


def test_component_without_data_fails_loudly(topics_nlp):
    empty = TopicDetector(topics_nlp, "empty", max_evidence=3, election_threshold=0.5)
    with pytest.raises(ValueError, match="no data"):
        empty(topics_nlp.make_doc("KPU menggelar rapat."))


def test_load_pipeline_without_path_builds(nlp):
    # a second build in the process must also not trip over registered extensions
    built = load_pipeline(None)
    assert built.pipe_names == nlp.pipe_names
