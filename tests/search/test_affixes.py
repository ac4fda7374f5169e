"""The project's own Indonesian stemmer: word families meet, nothing is invented."""

from __future__ import annotations

import pytest

from search.affixes import candidates, stem_word


@pytest.mark.parametrize(
    ("family", "root"),
    [
        (["penertiban", "menertibkan", "ditertibkan", "tertib"], "tertib"),
        (["pelanggaran", "melanggar", "dilanggar"], "langgar"),
        (["pemilihan", "memilih", "dipilih"], "pilih"),
        (["pengawasan", "mengawasi", "diawasi"], "awas"),
        (["berkampanye", "dikampanyekan", "kampanye"], "kampanye"),
        (["pencoblosan", "dicoblos", "tercoblos"], "coblos"),
        (["memberikan", "diberikan", "pemberian"], "beri"),
        (["pertanyaan", "dipertanyakan", "mempertanyakan"], "tanya"),
        (["menyebarkan", "penyebaran", "sebar"], "sebar"),
        (["keamanan", "mengamankan", "diamankan"], "aman"),
    ],
)
def test_word_family_meets_at_its_root(family: list[str], root: str) -> None:
    assert {stem_word(w) for w in family} == {root}


@pytest.mark.parametrize(
    "word", ["netralitas", "bawaslu", "berita", "media", "sekolah", "masalah", "jakarta"]
)
def test_words_without_a_known_root_are_kept(word: str) -> None:
    assert stem_word(word) == word


def test_possessive_nya_is_dropped_when_no_root_is_known() -> None:
    assert stem_word("warganya") == "warga"
    assert stem_word("hanya") == "hanya"


def test_candidates_include_the_recoded_nasal_prefix() -> None:
    assert "tertib" in candidates("menertibkan")
    assert "pilih" in candidates("memilih")
