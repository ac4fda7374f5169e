"""Indonesian stemming shared by both backends."""

from __future__ import annotations

import pytest

from search.stem import stem, stem_text


@pytest.mark.parametrize(
    ("forms", "root"),
    [
        (["penertiban", "ditertibkan", "menertibkan", "tertib"], "tertib"),
        (["pelanggaran", "melanggar", "dilanggar"], "langgar"),
        (["kampanye", "berkampanye", "mengampanyekan", "dikampanyekan"], "kampanye"),
        (["pemilihan", "memilih", "dipilih"], "pilih"),
        (["penetapan", "menetapkan", "ditetapkan"], "tetap"),
    ],
)
def test_forms_of_a_root_meet(forms: list[str], root: str) -> None:
    assert {stem(f) for f in forms} == {root}


@pytest.mark.parametrize("word", ["pemilu", "pilkada", "bawaslu", "asn", "2024", "dpt"])
def test_names_and_acronyms_stay_whole(word: str) -> None:
    assert stem(word) == word


def test_stem_text_keeps_one_token_per_word() -> None:
    assert stem_text("Satpol PP menertibkan 20 baliho!") == "satpol pp tertib 20 baliho"
