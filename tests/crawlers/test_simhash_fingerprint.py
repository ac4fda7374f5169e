"""SimHash fingerprints: copies of a story land close, different stories far apart."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from pipeline.fingerprint import hamming_distance, near_duplicates, simhash


def body(story: dict[str, Any]) -> str:
    return "\n\n".join(story["paragraphs"])


def test_fingerprint_is_64_bit_hex_and_deterministic(stories: dict[str, Any]) -> None:
    text = body(stories["asn-camat-jaktim"])
    fingerprint = simhash(text)
    assert len(fingerprint) == 16
    int(fingerprint, 16)
    assert simhash(text) == fingerprint


def test_identical_text_has_distance_zero() -> None:
    text = "Bawaslu memanggil camat"
    assert hamming_distance(simhash(text), simhash(text)) == 0


def test_hamming_distance_counts_bits() -> None:
    assert hamming_distance("0000000000000000", "000000000000000f") == 4
    assert hamming_distance("ffffffffffffffff", "0000000000000000") == 64


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda t: "Jakarta (ANTARA) - " + t, id="dateline-added"),
        pytest.param(lambda t: t.replace("kata", "ujar", 1), id="verb-swapped"),
        pytest.param(lambda t: t.replace("Bawaslu", "Bawasslu", 2), id="typos"),
        pytest.param(lambda t: t.upper(), id="case-changed"),
        pytest.param(lambda t: t.replace("\n\n", " "), id="reflowed"),
    ],
)
def test_syndicated_copies_are_near_duplicates(stories: dict[str, Any], edit: Any) -> None:
    for story in stories.values():
        original = body(story)
        copy = edit(original)
        if copy == original:
            continue  # e.g. no "Bawaslu" to misspell in a non-election story
        assert near_duplicates(simhash(original), simhash(copy)), story["key"]


def test_different_stories_are_not_near_duplicates(stories: dict[str, Any]) -> None:
    prints = {key: simhash(body(story)) for key, story in stories.items()}
    for (a, fa), (b, fb) in itertools.combinations(prints.items(), 2):
        assert not near_duplicates(fa, fb), (a, b, hamming_distance(fa, fb))


def test_two_stories_on_one_topic_stay_far_apart(stories: dict[str, Any]) -> None:
    # Same agency, same office, same reporter: only the wording differs.
    camat = simhash(body(stories["asn-camat-jaktim"]))
    psu = simhash(body(stories["tps-psu-jaktim"]))
    assert hamming_distance(camat, psu) >= 16
