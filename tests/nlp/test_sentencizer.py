"""pantau_sentencizer_v1 sets exactly the boundaries of spaCy's sentencizer."""

from __future__ import annotations

from typing import Any

import pytest
import spacy

from nlp.evaluate import DEVSET, HELDOUT, load_devset
from nlp.pipeline import tokenizer_setup

EDGE_CASES = [
    "",
    "   ",
    "Satu.",
    "...",
    "Dia bilang: 'Tidak!' Lalu pergi?! Ya.",
    "Harga naik 10 persen. (Baca juga: lain) Selesai",
    "Kata Budi, “ASN harus netral.” Dia menambahkan hal itu… Oke",
    "BAWASLU MENEMUKAN PELANGGARAN. KPU DIAM",
    "Tanpa titik di akhir kalimat ini",
    "Emoji 🗳️ di sini. Lalu\u200b spasi lebar。 Akhir",
]


def _starts(
    factory: str, texts: list[str], config: dict[str, Any] | None = None
) -> list[list[bool]]:
    nlp = tokenizer_setup()(spacy.blank("id"))
    nlp.add_pipe(factory, config=config or {})
    return [[bool(t.is_sent_start) for t in doc] for doc in nlp.pipe(texts)]


def _texts() -> list[str]:
    rows = load_devset(DEVSET) + load_devset(HELDOUT)
    return [r["text"] for r in rows] + EDGE_CASES


def test_same_boundaries_as_spacy_sentencizer():
    texts = _texts()
    assert _starts("pantau_sentencizer_v1", texts) == _starts("sentencizer", texts)


@pytest.mark.parametrize("punct_chars", [["!"], [".", ";"]])
def test_same_boundaries_with_custom_punct_chars(punct_chars):
    texts = _texts()
    config = {"punct_chars": punct_chars}
    ours = _starts("pantau_sentencizer_v1", texts, config)
    assert ours == _starts("sentencizer", texts, config)


def test_shipped_pipeline_uses_it(nlp):
    assert nlp.get_pipe_meta("sentencizer").factory == "pantau_sentencizer_v1"
